using Hub.Contracts.Partnerships;
using Hub.Grains.Partnerships;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hub.Tests.Browser;

/// <summary>The admins' directory and cluster pages in real Chromium, under the server's real CSP, checked by axe.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Directory_AdminSearchesForDormant_FindsTheSleepingPartnershipWithItsInspectorLink_AndTheClusterPage()
    {
        // A line as a partnership created two months ago, untouched since, puts it (no operation: dormant after 30 days).
        var marker = Guid.NewGuid().ToString("N")[..6];
        var sleeping = new PartnershipListing(Guid.NewGuid(), $"Sovende samarbejde {marker}", "Testrup", PartnershipArea.Other,
            PartnershipStatus.Active, 2, DateTimeOffset.UtcNow.AddDays(-60));
        var awake = sleeping with { Id = Guid.NewGuid(), Name = $"Vågent samarbejde {marker}", CreatedAt = DateTimeOffset.UtcNow };
        var directory = fixture.Node.Grains().GetGrain<IPartnershipDirectoryTrustedGrain>(IPartnershipDirectoryGrain.Key);
        await directory.Put(sleeping);
        await directory.Put(awake);
        await using var admin = await fixture.AdminAsync();
        var page = admin.Page;

        await page.GotoAsync("/admin");
        await page.GetByLabel("Navn eller kommune").FillAsync(marker);
        await page.GetByLabel("Kun hvilende").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Søg" }).ClickAsync();

        var rows = page.Locator("section[aria-labelledby=admin-partnerships] tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First.Locator("td").First).ToHaveTextAsync(sleeping.Name);
        await Expect(rows.First.Locator("td[data-label='Hvilende (30 dage)']")).ToHaveTextAsync("Ja");
        await Expect(rows.First.GetByRole(AriaRole.Link, new() { Name = $"Undersøg {sleeping.Name}" }))
            .ToHaveAttributeAsync("href", $"/admin/inspect/partnerships/{sleeping.Id}");
        await page.AssertAccessibleAsync("admin directory, dormant search");

        await page.GetByRole(AriaRole.Link, new() { Name = "Se klyngen (servere og aktive dele)" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Klyngen");
        await Expect(page.Locator("table.data").First.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("table.data").First).ToContainTextAsync("Active");
        await Expect(page.Locator("figure.bar-chart").First).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("admin cluster");
    }
}
