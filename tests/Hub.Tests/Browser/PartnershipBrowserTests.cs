using System.Globalization;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Hub.Tests.Browser;

/// <summary>
/// The partnership page as several people have it open at once (decision 020): what one coordinator changes shows
/// on the others' pages without a reload, and someone made coordinator gets the coordinator's tools at once.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PartnershipBrowserTests(BrowserFixture fixture, ITestOutputHelper output)
{
    /// <summary>Marks the page, so a reload (which would clear the mark) is noticed.</summary>
    private static Task MarkAsync(IPage page) => page.EvaluateAsync("() => { window.__sameDocument = true; }");

    private static async Task AssertNotReloadedAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page was not reloaded");

    [Fact]
    public async Task PartnershipPage_NewBoardNewMemberAndRoleChange_ShowOnTheOtherPageWithoutReload()
    {
        await using var anna = await fixture.SignUpAsync("Anna Hansen");
        await using var bo = await fixture.SignUpAsync("Bo Jensen");
        await using var cecilie = await fixture.SignUpAsync("Cecilie Holm");
        var (partnershipId, _) = await anna.CreatePartnershipAsync("Gåklubben i Testrup");
        await anna.AddMemberAsync(partnershipId, bo);
        var annaPage = new PartnershipPage(anna.Page);
        var boPage = new PartnershipPage(bo.Page);
        await annaPage.OpenAsync(partnershipId);
        await boPage.OpenAsync(partnershipId, "boards");
        await MarkAsync(bo.Page);
        await Expect(bo.Page.Locator(".lead")).ToHaveTextAsync("Du er medlem fra en frivillig forening.");

        await annaPage.AddBoardAsync("Sommerfest");
        await Expect(boPage.BoardLink("Sommerfest")).ToBeVisibleAsync();
        await Expect(bo.Page.GetByRole(AriaRole.Tab, new() { Name = "Tavler 2" })).ToBeVisibleAsync();

        await boPage.ShowTabAsync("Personer");
        await anna.AddMemberAsync(partnershipId, cecilie);
        await Expect(boPage.MemberRow("Cecilie Holm")).ToHaveCountAsync(1);
        await annaPage.ShowTabAsync("Personer");
        await Expect(annaPage.MemberRow("Cecilie Holm")).ToHaveCountAsync(1);

        await annaPage.ChangeRoleAsync("Bo Jensen", "coordinator");
        await Expect(bo.Page.Locator(".lead")).ToHaveTextAsync("Du er koordinator fra en frivillig forening.");
        await Expect(boPage.InviteButton).ToBeVisibleAsync();
        await AssertNotReloadedAsync(bo.Page);
        await bo.Page.AssertAccessibleAsync("partnership page, made coordinator while open");
    }

    [Fact]
    public async Task PeopleTab_InviteByEmail_MailsTheLinkThroughTheOutbox_AndTheAcceptedMemberShowsLive()
    {
        await using var anna = await fixture.SignUpAsync("Anna Hansen");
        await using var cecilie = await fixture.SignUpAsync("Cecilie Holm");
        var (partnershipId, _) = await anna.CreatePartnershipAsync("Gåklubben i Testrup");
        var page = new PartnershipPage(anna.Page);
        await page.OpenAsync(partnershipId, "people");
        await MarkAsync(anna.Page);

        await page.InviteButton.ClickAsync();
        await Expect(anna.Page.GetByLabel("Send en mail")).ToBeCheckedAsync();
        await anna.Page.GetByLabel("E-mail", new() { Exact = true }).FillAsync(cecilie.Email);
        await anna.Page.GetByLabel("De inviterede er fra").SelectOptionAsync("municipality");
        await anna.Page.GetByRole(AriaRole.Button, new() { Name = "Send invitation", Exact = true }).ClickAsync();
        await Expect(anna.Page.Locator(".invite-sent").First).ToContainTextAsync($"Invitationen er sendt til {cecilie.Email}.");
        await Expect(page.Invites).ToContainTextAsync(cecilie.Email);
        await anna.Page.AssertAccessibleAsync("partnership, people, invitation mailed");

        // The mail went through the real SMTP conversation; Cecilie opens its link and joins.
        var secret = await fixture.Node.Mail.TakeLinkAsync(cecilie.Email, "/invite/");
        await cecilie.Page.GotoAsync($"/invite/{secret}");
        await new JoinPage(cecilie.Page).JoinButton.ClickAsync();
        await Expect(cecilie.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Gåklubben i Testrup");

        await Expect(page.MemberRow("Cecilie Holm").Locator("select[name=memberSide]")).ToHaveValueAsync("municipality");
        await AssertNotReloadedAsync(anna.Page);
    }

    [Fact]
    public async Task AgreementPage_MemberMadeCoordinator_GetsTheApproveButtonWithoutReload()
    {
        await using var anna = await fixture.SignUpAsync("Anna Hansen");
        await using var bo = await fixture.SignUpAsync("Bo Jensen");
        var (partnershipId, _) = await anna.CreatePartnershipAsync("Fælles gåture");
        await anna.AddMemberAsync(partnershipId, bo);
        var boAgreement = new AgreementPage(bo.Page);
        await boAgreement.OpenAsync(partnershipId);
        await MarkAsync(bo.Page);
        var approve = bo.Page.GetByRole(AriaRole.Button, new() { Name = "Godkend udkastet for Frivillig organisation" });
        await Expect(boAgreement.Approval("p2")).ToBeVisibleAsync();
        await Expect(approve).ToHaveCountAsync(0);

        var annaPage = new PartnershipPage(anna.Page);
        await annaPage.OpenAsync(partnershipId);
        await annaPage.ChangeRoleAsync("Bo Jensen", "coordinator");

        await Expect(approve).ToBeVisibleAsync();
        await AssertNotReloadedAsync(bo.Page);
        await bo.Page.AssertAccessibleAsync("agreement page, made coordinator while open");
    }

    /// <summary>
    /// The page was one long form (2,300 px on a desktop, 3,600 px on a phone, issue 16 problem 7). Each tab of a
    /// coordinator's page, with three members, two invitations and a log, is measured (document height) at both
    /// sizes: before the tabs the whole page measured 3,063 px and 5,975 px in this state.
    /// </summary>
    [Theory]
    [InlineData(1280, 800, 1000)]
    [InlineData(390, 844, 2000)]
    public async Task PartnershipPage_EachTabOfACoordinatorsPage_FitsTheScreen(int width, int height, int most)
    {
        await using var anna = await fixture.SignUpAsync("Anna Hansen", viewport: new ViewportSize { Width = width, Height = height });
        await using var bo = await fixture.SignUpAsync("Bo Jensen");
        await using var cecilie = await fixture.SignUpAsync("Cecilie Holm");
        var (partnershipId, _) = await anna.CreatePartnershipAsync("Gåklubben i Testrup");
        await anna.AddMemberAsync(partnershipId, bo);
        await anna.AddMemberAsync(partnershipId, cecilie, side: "municipality");
        var invite = await anna.Context.PostWithTokenAsync($"/api/partnerships/{partnershipId}/invites", new APIRequestContextOptions
        {
            DataObject = new { side = "voluntaryOrganisation", role = "member", maxUses = 5, validDays = 14 },
        });
        Assert.True(invite.Status == 201, $"invite: {invite.Status}");

        var page = new PartnershipPage(anna.Page);
        await page.OpenAsync(partnershipId);
        var tabs = await anna.Page.GetByRole(AriaRole.Tab).AllInnerTextsAsync();
        var heights = new List<(string Tab, int Height)>();
        foreach (var tab in tabs.Count == 0 ? ["(whole page)"] : tabs)
        {
            if (tabs.Count > 0)
            {
                await page.ShowTabAsync(tab);
            }

            // What each tab loads after it shows (members, invitations, log) is in before it is measured.
            await Expect(anna.Page.Locator("[aria-busy=true], p[role=status]:text-is('Henter …')")).ToHaveCountAsync(0);
            heights.Add((tab, await anna.Page.EvaluateAsync<int>("() => document.documentElement.scrollHeight")));
            await anna.Page.AssertAccessibleAsync($"partnership page, tab {tab}, {width}×{height}");
        }

        var report = string.Join(", ", heights.Select(h => string.Create(CultureInfo.InvariantCulture, $"{h.Tab}: {h.Height} px")));
        output.WriteLine($"{width}×{height}: {report}");
        Assert.All(heights, h => Assert.True(h.Height <= most, $"{width}×{height}: {report}"));
    }
}
