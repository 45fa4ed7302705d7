using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hub.Tests.Browser;

/// <summary>The grain inspector as an admin uses it, in real Chromium against a real node, with a member on the board.</summary>
[Collection(BrowserCollection.Name)]
public sealed class InspectorBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task BoardInspector_WhileAMemberWorks_ShowsTheConnectionAndTheOperationMaskedUntilRevealed()
    {
        await using var anna = await fixture.SignUpAsync("Anna Hansen");
        await using var bo = await fixture.SignUpAsync("Bo Jensen");
        var name = $"Inspektion {Guid.NewGuid():N}"[..20];
        var (partnershipId, boardId) = await anna.CreatePartnershipAsync(name);
        await anna.AddMemberAsync(partnershipId, bo);
        await using var admin = await fixture.AdminAsync();
        var page = admin.Page;

        // The admin finds the partnership in the directory (paged, so by searching) and opens its inspector.
        await page.GotoAsync("/admin");
        await page.GetByLabel("Navn eller kommune").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Søg" }).ClickAsync();
        await page.Locator("section[aria-labelledby=admin-partnerships] tbody tr", new() { HasText = name })
            .GetByRole(AriaRole.Link, new() { Name = $"Undersøg {name}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Inspektion: {name}");
        await Expect(page.Locator("section[aria-labelledby=inspect-members]")).Not.ToContainTextAsync("Anna Hansen");
        await page.GetByRole(AriaRole.Link, new() { Name = "Tavle: Aktivitetsplan" }).ClickAsync();
        await Expect(page.Locator("#inspect-state")).ToHaveTextAsync("Tavle: Aktivitetsplan");
        await Expect(page.Locator(".inspect-clients tbody tr")).ToHaveCountAsync(0);

        var board = new BoardPage(bo.Page);
        await board.OpenAsync(boardId);
        var client = page.Locator(".inspect-clients tbody tr");
        await Expect(client).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Expect(client).ToContainTextAsync("P-");
        await Expect(client).Not.ToContainTextAsync("Bo Jensen");
        var newCard = bo.Page.Locator("#new-card-ideas");
        await newCard.FillAsync("Gåtur i skoven");
        await newCard.PressAsync("Enter");
        await Expect(page.Locator(".inspect-ops tbody tr").First).ToContainTextAsync("AddCard", new() { Timeout = 15_000 });
        // The admin looks without joining: Bo sees himself only.
        await Expect(board.Presence).ToHaveCountAsync(1);
        await page.AssertAccessibleAsync("board inspector (masked)");

        await page.GetByRole(AriaRole.Button, new() { Name = "Vis personoplysninger" }).ClickAsync();
        await page.GetByLabel("Begrundelse (skrives i partnerskabets log)").FillAsync("Supportsag 4711");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vis", Exact = true }).ClickAsync();
        await Expect(client).ToContainTextAsync("Bo Jensen", new() { Timeout = 15_000 });
        await Expect(page.Locator(".inspect-ops tbody tr").First).ToContainTextAsync("Bo Jensen");
        await page.AssertAccessibleAsync("board inspector (revealed)");

        var partnership = new PartnershipPage(anna.Page);
        await partnership.OpenAsync(partnershipId);
        await partnership.ShowTabAsync("Log");
        await Expect(anna.Page.Locator(".audit-list")).ToContainTextAsync("En administrator så personoplysninger i inspektionen");
        await Expect(anna.Page.Locator(".audit-list")).ToContainTextAsync("Supportsag 4711");
    }
}
