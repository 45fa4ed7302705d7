using System.Text.RegularExpressions;
using Hub.Contracts.Cohorts;
using Hub.Contracts.Common;
using Hub.Contracts.Partnerships;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hub.Tests.Browser;

/// <summary>A moderator runs the first steps of a training cohort in real Chromium, and a second person joins by link.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class CohortBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Cohort_ModeratorBuildsItAndInvites_TheParticipantWhoAcceptsShowsLiveOnTheModeratorsPage()
    {
        await using var anna = await fixture.SignUpAsync("Anna Hansen");
        var page = anna.Page;

        // "Mine forløb" is in the header; the new cohort opens as soon as it is made.
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Mine forløb" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mine forløb", Level = 1 })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("my cohorts");
        await page.GetByLabel("Navn på forløbet").FillAsync("Sammen om frivilligheden");
        await page.GetByLabel("Udbyder").FillAsync("Frivilligcenter Vest");
        await page.GetByLabel("Første dag").FillAsync("2027-03-01");
        await page.GetByLabel("Sidste dag").FillAsync("2027-06-30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opret forløb" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(CohortPath());
        var cohortId = Guid.Parse(CohortPath().Match(page.Url).Groups[1].Value);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sammen om frivilligheden", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator(".connection")).ToHaveAttributeAsync("data-state", "connected");

        await page.GetByLabel("Modulets titel").FillAsync("Hinandens hverdag");
        await page.GetByLabel("Læringsmål").FillAsync("At vide, hvem man kontakter i kommunen.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tilføj modul" }).ClickAsync();
        await Expect(page.Locator(".cohort-module h3")).ToHaveTextAsync("Hinandens hverdag");

        await page.GetByLabel("Dato").FillAsync("2027-03-04");
        await page.GetByLabel("Fra kl.").FillAsync("17:00");
        await page.GetByLabel("Til kl.").FillAsync("19:30");
        await page.GetByLabel("Sted").FillAsync("Frivilligcentret, Søndergade 4");
        await page.GetByLabel("Modul", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Hinandens hverdag" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Tilføj mødegang" }).ClickAsync();
        await Expect(page.Locator(".cohort-session")).ToContainTextAsync("Frivilligcentret, Søndergade 4");
        await Expect(page.Locator(".cohort-session")).ToContainTextAsync("Hinandens hverdag");

        await page.GetByLabel("Deltagerens side").SelectOptionAsync(new SelectOptionValue { Label = "Frivillig forening" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Lav invitationslink" }).ClickAsync();
        var link = page.Locator("#cohort-invite-link");
        await Expect(link).ToHaveValueAsync(new Regex("/cohort-invite/[A-Za-z0-9_-]+$"));
        await Expect(page.Locator(".pending")).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync("cohort");
        var invitePath = new Uri(await link.InputValueAsync()).PathAndQuery;

        // Bo, signed in in his own browser, opens the link and joins.
        await using var bo = await fixture.SignUpAsync("Bo Jensen");
        await bo.Page.GotoAsync(invitePath);
        await Expect(bo.Page.GetByText("Du er inviteret til forløbet »Sammen om frivilligheden«.")).ToBeVisibleAsync();
        await Expect(bo.Page.GetByText("Du bliver med som deltager (Frivillig forening).")).ToBeVisibleAsync();
        await bo.Page.AssertAccessibleAsync("cohort invitation");
        await bo.Page.GetByRole(AriaRole.Button, new() { Name = "Tilmeld mig forløbet" }).ClickAsync();
        await Expect(bo.Page).ToHaveURLAsync(CohortPath());
        await Expect(bo.Page.GetByRole(AriaRole.Heading, new() { Name = "Hinandens hverdag", Level = 3 })).ToBeVisibleAsync();

        // Anna's page, never reloaded, shows him among the voluntary organisations' participants.
        await Expect(page.Locator("[data-group=side-voluntaryOrganisation] li")).ToHaveTextAsync("Bo Jensen");
        await Expect(page.Locator("[data-group=side-municipality] li")).ToHaveCountAsync(0);
        var stored = await fixture.Node.Grains().GetGrain<ICohortGrain>(cohortId).GetSnapshot(new Actor(anna.UserId, anna.DisplayName));
        var joined = Assert.Single(stored.Cohort.People, p => p.UserId == bo.UserId);
        Assert.Equal((CohortRole.Participant, Side.VoluntaryOrganisation), (joined.Role, joined.Side));
        Assert.Equal("Frivilligcentret, Søndergade 4", Assert.Single(stored.Cohort.Sessions).Place);
    }

    [GeneratedRegex(@"/cohorts/([0-9a-f-]{36})$")]
    private static partial Regex CohortPath();
}
