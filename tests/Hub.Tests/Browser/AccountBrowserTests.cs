using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hub.Tests.Browser;

/// <summary>"Min konto" in a real Chromium: changing the password and deleting the account, as a person does it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccountBrowserTests(BrowserFixture fixture)
{
    private const string NewPassword = "a new and long passphrase";

    [Fact]
    public async Task Account_WrongPasswordThenTheRightOne_KeepsWhatWasTypedChangesItAndDeletingAsksTwice()
    {
        await using var anna = await fixture.SignUpAsync("Anna Hansen");
        var page = anna.Page;
        await page.GotoAsync("/account");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Min konto");
        var current = page.GetByLabel("Nuværende adgangskode");
        var next = page.GetByLabel("Ny adgangskode");
        var save = page.GetByRole(AriaRole.Button, new() { Name = "Gem den nye adgangskode" });

        // A wrong current password: said so, that field focused, and the new password typed stays for the next try.
        await current.FillAsync("not the password at all");
        await next.FillAsync(NewPassword);
        await save.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await Expect(current).ToBeFocusedAsync();
        await Expect(next).ToHaveValueAsync(NewPassword);

        await current.FillAsync(BrowserFixture.Password);
        await save.ClickAsync();
        await Expect(page.Locator(".password-status")).ToHaveTextAsync("Adgangskoden er ændret. Du er logget ud alle andre steder.");
        await Expect(current).ToHaveValueAsync("");
        await Expect(next).ToHaveValueAsync("");

        // Deleting: the (new) password, then "are you quite sure?" in a dialog; then signed out, with nothing left.
        await page.GetByRole(AriaRole.Button, new() { Name = "Jeg vil slette min konto" }).ClickAsync();
        var password = page.GetByLabel("Skriv din adgangskode for at bekræfte");
        await Expect(password).ToBeFocusedAsync();
        await password.FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Slet min konto", Exact = true }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("Er du helt sikker?");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Ja, slet min konto" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Din konto er slettet");
        Assert.Equal(401, (await anna.Context.APIRequest.GetAsync("/api/account/me")).Status);
    }
}
