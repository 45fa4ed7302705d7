using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hub.Tests.Browser;

/// <summary>
/// The partnership page as several people have it open at once (decision 020): what one coordinator changes shows
/// on the others' pages without a reload, and someone made coordinator gets the coordinator's tools at once.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PartnershipBrowserTests(BrowserFixture fixture)
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
        await boPage.OpenAsync(partnershipId);
        await MarkAsync(bo.Page);
        await Expect(bo.Page.Locator(".lead")).ToHaveTextAsync("Du er medlem fra en frivillig forening.");

        await annaPage.AddBoardAsync("Sommerfest");
        await Expect(boPage.BoardLink("Sommerfest")).ToBeVisibleAsync();

        await anna.AddMemberAsync(partnershipId, cecilie);
        await Expect(boPage.MemberRow("Cecilie Holm")).ToHaveCountAsync(1);
        await Expect(annaPage.MemberRow("Cecilie Holm")).ToHaveCountAsync(1);

        await annaPage.ChangeRoleAsync("Bo Jensen", "coordinator");
        await Expect(bo.Page.Locator(".lead")).ToHaveTextAsync("Du er koordinator fra en frivillig forening.");
        await Expect(boPage.InviteButton).ToBeVisibleAsync();
        await AssertNotReloadedAsync(bo.Page);
        await bo.Page.AssertAccessibleAsync("partnership page, made coordinator while open");
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
        var approve = bo.Page.GetByRole(AriaRole.Button, new() { Name = "Godkend udkastet for den frivillige side" });
        await Expect(boAgreement.Approval("voluntary")).ToBeVisibleAsync();
        await Expect(approve).ToHaveCountAsync(0);

        var annaPage = new PartnershipPage(anna.Page);
        await annaPage.OpenAsync(partnershipId);
        await annaPage.ChangeRoleAsync("Bo Jensen", "coordinator");

        await Expect(approve).ToBeVisibleAsync();
        await AssertNotReloadedAsync(bo.Page);
        await bo.Page.AssertAccessibleAsync("agreement page, made coordinator while open");
    }
}
