using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hub.Tests.Browser;

/// <summary>
/// WCAG 2.1 AA, checked by axe on every main screen as a person meets it (real Chromium, the server's real
/// Content-Security-Policy), in Danish and in English: the words differ, and so may their names and contrast.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityBrowserTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("da")]
    [InlineData("en")]
    public async Task EveryMainScreen_InEachLanguage_HasNoWcag21AaViolations(string language)
    {
        // The language the person chose last time, as the client keeps it (i18n.ts), set before any page runs.
        var chooseLanguage = $"localStorage.setItem('hub.lang', '{language}')";
        // Every screen is checked before the test fails, so one run shows all that is wrong.
        var problems = new List<string>();
        async Task Check(IPage page, string screen)
        {
            if (await page.AccessibilityProblemsAsync(screen) is { } found)
            {
                problems.Add(found);
            }
        }

        await using var visitor = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.Node.Address.ToString().TrimEnd('/'),
            Locale = "da-DK",
            TimezoneId = "Europe/Copenhagen",
        });
        await visitor.AddInitScriptAsync(chooseLanguage);
        var visitorPage = await visitor.NewPageAsync();
        await visitorPage.GotoAsync("/");
        await Expect(visitorPage.Locator("#signin-title")).ToBeVisibleAsync();
        await Expect(visitorPage.Locator("html")).ToHaveAttributeAsync("lang", language);
        await Check(visitorPage, "sign-in");

        await using var anna = await fixture.SignUpAsync("Anna Hansen");
        await anna.Context.AddInitScriptAsync(chooseLanguage);
        var name = $"Gåklubben i Testrup ({language})";
        var (partnershipId, boardId) = await anna.CreatePartnershipAsync(name);
        var page = anna.Page;

        await page.GotoAsync("/");
        await Expect(page.Locator(".tiles .tile")).ToHaveCountAsync(1);
        await Check(page, "partnerships");

        var invite = await anna.Context.PostWithTokenAsync($"/api/partnerships/{partnershipId}/invites", new APIRequestContextOptions
        {
            DataObject = new { side = "voluntaryOrganisation", role = "member", maxUses = 1, validDays = 7 },
        });
        Assert.True(invite.Status == 201, $"invite: {invite.Status} {await invite.TextAsync()}");
        var invitePath = (await invite.JsonAsync())!.Value.GetProperty("path").GetString()!;

        // The partnership page, every tab (the tab is in the address).
        await page.GotoAsync($"/partnerships/{partnershipId}");
        await Expect(page.Locator(".details")).ToBeVisibleAsync();
        await Check(page, "partnership, overview");
        await page.GotoAsync($"/partnerships/{partnershipId}#people");
        await Expect(page.Locator("tr[data-invite-id]")).ToHaveCountAsync(1);
        await Check(page, "partnership, people");
        await page.GetByRole(AriaRole.Button, new() { Name = language == "da" ? "Inviter nogen" : "Invite someone", Exact = true }).ClickAsync();
        await Expect(page.Locator("#invite-email")).ToBeVisibleAsync();
        await Check(page, "partnership, people, invitation form");
        await page.GotoAsync($"/partnerships/{partnershipId}#boards");
        await Expect(page.Locator("#add-board-name")).ToBeVisibleAsync();
        await Check(page, "partnership, boards");
        await page.GotoAsync($"/partnerships/{partnershipId}#agreement");
        await Expect(page.Locator("#agreement-title")).ToBeVisibleAsync();
        await Check(page, "partnership, agreement");
        await page.GotoAsync($"/partnerships/{partnershipId}#log");
        await Expect(page.Locator(".audit-list")).ToBeVisibleAsync();
        await Check(page, "partnership, log");

        var board = new BoardPage(page);
        await board.OpenAsync(boardId);
        var newCard = page.Locator("#new-card-ideas");
        await newCard.FillAsync("Gåtur i skoven");
        await newCard.PressAsync("Enter");
        await Expect(board.CardTitles("ideas")).ToHaveTextAsync(["Gåtur i skoven"]);
        await Check(page, "board");
        await board.Card("Gåtur i skoven").Locator(".card-open").ClickAsync();
        await Expect(board.Editor).ToBeVisibleAsync();
        await Check(page, "board with the card editor open");

        await page.GotoAsync($"/partnerships/{partnershipId}/agreement");
        await Expect(page.Locator(".connection")).ToHaveAttributeAsync("data-state", "connected");
        await Expect(page.Locator(".agreement-section textarea").First).ToBeEditableAsync();
        await Check(page, "agreement");

        await page.GotoAsync("/account");
        await Expect(page.Locator("#account-title")).ToBeVisibleAsync();
        await Check(page, "account");

        await using var admin = await fixture.AdminAsync();
        await admin.Context.AddInitScriptAsync(chooseLanguage);
        await admin.Page.GotoAsync("/admin");
        // The directory is paged: search for this test's partnership (the field is the first of the search form).
        await admin.Page.Locator("#directory-q").FillAsync(name);
        await admin.Page.Locator("form.directory-search button[type=submit]").ClickAsync();
        await Expect(admin.Page.Locator("section[aria-labelledby=admin-partnerships] tr", new() { HasText = name })).ToHaveCountAsync(1);
        await Expect(admin.Page.Locator(".audit-list")).ToBeVisibleAsync();
        await Check(admin.Page, "admin");

        await visitorPage.GotoAsync(invitePath);
        await Expect(visitorPage.Locator(".invite-facts")).ToBeVisibleAsync();
        await Check(visitorPage, "invitation");

        // The statement is reached from the footer of every screen, also by someone who is not signed in.
        await visitorPage.Locator("footer a[href='/tilgaengelighed']").ClickAsync();
        await Expect(visitorPage).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/tilgaengelighed$"));
        await Expect(visitorPage.Locator("#a11y-title")).ToBeVisibleAsync();
        await Check(visitorPage, "accessibility statement");

        Assert.True(problems.Count == 0, string.Join("\n\n", problems));
    }
}
