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

    /// <summary>
    /// Issue 12's path: a moderator creates a cohort, two participants of different sides join by link and say which
    /// partnership they come from, teams are made (proposal, a drag and a keyboard move), an assignment appears live as
    /// a card on the team's partnership board, and the matrix turns "I gang" when a participant moves it.
    /// </summary>
    [Fact]
    public async Task Cohort_TeamsAndAnAssignment_TheCardAppearsOnThePartnershipBoardAndTheMatrixFollowsIt()
    {
        await using var anna = await fixture.SignUpAsync("Anna Moderator");
        await using var bo = await fixture.SignUpAsync("Bo Frivillig");
        await using var karl = await fixture.SignUpAsync("Karl Kommune");
        var (partnershipId, boardId) = await anna.CreatePartnershipAsync("Gåture i Testrup");
        await anna.AddMemberAsync(partnershipId, bo, "voluntaryOrganisation");
        await anna.AddMemberAsync(partnershipId, karl, "municipality");
        var page = anna.Page;
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);

        await page.GotoAsync("/cohorts");
        await page.GetByLabel("Navn på forløbet").FillAsync("Praksisforløb");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opret forløb" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(CohortPath());
        await Expect(page.Locator(".connection")).ToHaveAttributeAsync("data-state", "connected");
        await page.GetByLabel("Dato").FillAsync(DateTime.UtcNow.AddDays(7).ToString("yyyy-MM-dd"));
        await page.GetByLabel("Fra kl.").FillAsync("17:00");
        await page.GetByLabel("Til kl.").FillAsync("19:00");
        await page.GetByLabel("Sted").FillAsync("Rådhuset");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tilføj mødegang" }).ClickAsync();
        await Expect(page.Locator(".cohort-session")).ToContainTextAsync("Rådhuset");

        var previous = "";
        foreach (var (person, side) in new[] { (bo, "Frivillig forening"), (karl, "Kommunen") })
        {
            await page.GetByLabel("Deltagerens side").SelectOptionAsync(new SelectOptionValue { Label = side });
            await page.GetByRole(AriaRole.Button, new() { Name = "Lav invitationslink" }).ClickAsync();
            var link = page.Locator("#cohort-invite-link");
            await Expect(link).ToHaveValueAsync(new Regex("/cohort-invite/"));
            await Expect(link).Not.ToHaveValueAsync(previous);
            previous = await link.InputValueAsync();
            var path = new Uri(previous).PathAndQuery;
            await person.Page.GotoAsync(path);
            await person.Page.GetByRole(AriaRole.Button, new() { Name = "Tilmeld mig forløbet" }).ClickAsync();
            await Expect(person.Page).ToHaveURLAsync(CohortPath());
            await person.Page.GetByLabel("Jeg kommer fra partnerskabet").SelectOptionAsync(new SelectOptionValue { Label = "Gåture i Testrup" });
            await Expect(person.Page.Locator("#announcer")).ToContainTextAsync("Dit partnerskab er gemt.");
        }

        await karl.Page.AssertAccessibleAsync("cohort, as a participant");

        // Teams: a proposal of one mixed team, applied; Bo dragged out of it and moved back with the keyboard menu.
        await page.GetByLabel("Holdstørrelse").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Foreslå hold" }).ClickAsync();
        await Expect(page.GetByText("1 af 1 hold er blandede.")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("cohort, team proposal");
        await page.GetByRole(AriaRole.Button, new() { Name = "Brug forslaget" }).ClickAsync();
        var team = page.Locator(".team-tile");
        await Expect(team.Locator(".team-member-name")).ToHaveCountAsync(2);
        await Expect(team).ToContainTextAsync("Bo Frivillig");
        await Expect(team).ToContainTextAsync("Karl Kommune");
        await Expect(team.Locator(".team-board")).ToHaveTextAsync("Tavle: Gåture i Testrup");
        await team.Locator("li.team-member", new() { HasText = "Bo Frivillig" }).DragToAsync(page.Locator(".team-bucket"), new() { SourcePosition = new() { X = 8, Y = 12 } });
        await Expect(page.Locator(".team-bucket .team-member-name")).ToHaveTextAsync("Bo Frivillig");
        await page.GetByLabel("Flyt Bo Frivillig til").SelectOptionAsync(new SelectOptionValue { Label = "Hold 1" });
        await Expect(team.Locator(".team-member-name")).ToHaveCountAsync(2);

        // Bo has the partnership's board open before the assignment is given.
        var board = new BoardPage(bo.Page);
        await board.OpenAsync(boardId);

        await page.GetByLabel("Opgavens titel").FillAsync("Planlæg en fælles gåtur");
        await page.GetByLabel("Det gør de frivillige").FillAsync("Finder ruten");
        await page.GetByLabel("Det gør medarbejderne").FillAsync("Booker lokalet");
        await page.GetByRole(AriaRole.Button, new() { Name = "Skriv en praksisopgave" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Giv opgaven" }).ClickAsync();
        var cell = page.Locator(".assignment-matrix td.status");
        await Expect(cell).ToHaveAttributeAsync("data-status", "notStarted");
        await Expect(board.Card("Planlæg en fælles gåtur")).ToBeVisibleAsync();
        await Expect(board.Card("Planlæg en fælles gåtur")).ToContainTextAsync("Praksisopgave fra forløbet »Praksisforløb«");

        await board.MoveWithMenuAsync("Planlæg en fælles gåtur", "I gang");
        await Expect(cell).ToHaveAttributeAsync("data-status", "inProgress");
        await Expect(cell).ToContainTextAsync("I gang");

        // A second "Giv opgaven" places nothing twice.
        await page.GetByRole(AriaRole.Button, new() { Name = "Giv opgaven" }).ClickAsync();
        await Expect(page.Locator("#announcer")).ToContainTextAsync("Opgaven ligger nu på 1 holds tavler.");
        var stored = await bo.GetBoardAsync(boardId);
        Assert.Single(stored.GetProperty("board").GetProperty("cards").EnumerateObject(), c => c.Value.GetProperty("cohort").ValueKind == System.Text.Json.JsonValueKind.Object);

        // Attendance: the moderator marks Bo late with a note, which Bo's page never receives.
        await page.GetByLabel("Fremmøde for Bo Frivillig").SelectOptionAsync(new SelectOptionValue { Label = "Forsinket" });
        await page.GetByLabel("Note om Bo Frivillig (kun for forløbets ledere)").FillAsync("Kom med bussen");
        await page.Locator(".marking-row form", new() { HasText = "Bo Frivillig" }).GetByRole(AriaRole.Button, new() { Name = "Gem" }).ClickAsync();
        await Expect(page.Locator(".attendance-table tr[data-user] td").First).ToHaveAttributeAsync("data-standing", "late");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vis tjek-ind-kode" }).ClickAsync();
        await Expect(page.Locator(".code-display")).ToHaveTextAsync(new Regex("^[A-Z2-9]{6}$"));
        await page.AssertAccessibleAsync("cohort, teams, matrix and attendance");
        Assert.Empty(errors);
        await bo.Page.GotoAsync(new Uri(page.Url).PathAndQuery);
        await Expect(bo.Page.Locator(".attendance-table td[data-standing=late]")).ToHaveCountAsync(1);
        Assert.DoesNotContain("Kom med bussen", await bo.Page.ContentAsync());

        // Reflections (decision 023): Karl writes one for his team, tagged with a barrier; Bo (same team) reads it,
        // the moderator — not in the team — does not.
        var reflections = new Uri(page.Url).PathAndQuery + "/refleksioner";
        await karl.Page.GotoAsync(reflections);
        await karl.Page.GetByLabel("Hvad skete der?").FillAsync("Vi gik ruten sammen første gang.");
        await karl.Page.GetByLabel("Mit hold").CheckAsync();
        await karl.Page.GetByLabel("Tid", new() { Exact = true }).CheckAsync();
        await karl.Page.GetByRole(AriaRole.Button, new() { Name = "Gem refleksion" }).ClickAsync();
        await Expect(karl.Page.Locator(".reflection")).ToContainTextAsync("Vi gik ruten sammen første gang.");
        await karl.Page.AssertAccessibleAsync("reflections, as a participant");
        await bo.Page.GotoAsync(reflections);
        await Expect(bo.Page.Locator(".reflection")).ToContainTextAsync("Barrierer: Tid");
        await page.GotoAsync(reflections);
        await Expect(page.GetByLabel("Ét spørgsmål pr. linje")).ToBeVisibleAsync();
        await Expect(page.GetByText("Der er ingen refleksioner, du kan læse, endnu.")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("reflections, as a moderator");
        Assert.Empty(errors);
    }

    [GeneratedRegex(@"/cohorts/([0-9a-f-]{36})$")]
    private static partial Regex CohortPath();
}
