using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hub.Tests.Browser;

/// <summary>
/// Identity and access as people meet it in the browser, under the server's real Content-Security-Policy:
/// user text is shown as text and never runs, a volunteer joins by link from a phone, and people outside a
/// partnership (or removed from it) see nothing of its board and cannot change it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessBrowserTests(BrowserFixture fixture)
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    /// <summary>Records what the page reports: console errors and Content-Security-Policy violations.</summary>
    private sealed class PageWatch
    {
        public List<string> ConsoleErrors { get; } = [];

        public static async Task<PageWatch> StartAsync(IPage page)
        {
            var watch = new PageWatch();
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    watch.ConsoleErrors.Add(message.Text);
                }
            };
            page.PageError += (_, error) => watch.ConsoleErrors.Add(error);
            // Added by the browser, not the page, so the CSP does not apply to this listener itself.
            await page.AddInitScriptAsync("""
                window.__csp = [];
                document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
                """);
            return watch;
        }

        public IEnumerable<string> CspErrors => ConsoleErrors.Where(e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A person who is not signed in, with a browser of their own (a phone, say).</summary>
    private async Task<(IBrowserContext Context, IPage Page)> VisitorAsync(ViewportSize viewport)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.Node.Address.ToString().TrimEnd('/'),
            Locale = "da-DK",
            TimezoneId = "Europe/Copenhagen",
            ViewportSize = viewport,
            IsMobile = viewport.Width < 600,
            HasTouch = viewport.Width < 600,
        });
        return (context, await context.NewPageAsync());
    }

    private static async Task AssertNothingRanAsync(IPage page, PageWatch watch)
    {
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__xss ?? null"));
        // The board's own icons are svg.icon (views/board.ts); the payloads carry no class, so any other svg is theirs.
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.querySelectorAll('#main script, #main img, #main svg:not(.icon), #main iframe, #main [onerror], #main [onload]').length"));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => [...document.querySelectorAll('a[href]')].filter(a => a.getAttribute('href').trim().toLowerCase().startsWith('javascript:')).length"));
        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.__csp"));
        Assert.Empty(watch.CspErrors);
    }

    [Fact]
    public async Task UserText_WithScriptPayloads_IsShownLiterallyAndRunsNothing()
    {
        string[] titles =
        [
            "<img src=x onerror=window.__xss=1>",
            "<script>window.__xss=2</script>",
            "\"><svg onload=window.__xss=3>",
            "javascript:window.__xss=4",
        ];
        const string Comment = "<img src=x onerror=window.__xss=5><b>fed</b>";
        const string PartnershipName = "<script>window.__xss=6</script>\"><img src=x onerror=window.__xss=7>";
        const string BoName = "<svg onload=window.__xss=8>";

        await using var anna = await fixture.SignUpAsync("Anna Hansen");
        await using var bo = await fixture.SignUpAsync(BoName);
        var annaWatch = await PageWatch.StartAsync(anna.Page);
        var boWatch = await PageWatch.StartAsync(bo.Page);
        var (partnershipId, boardId) = await anna.CreatePartnershipAsync(PartnershipName);
        await anna.AddMemberAsync(partnershipId, bo);

        var annaBoard = new BoardPage(anna.Page);
        var boBoard = new BoardPage(bo.Page);
        await annaBoard.OpenAsync(boardId);
        await boBoard.OpenAsync(boardId);

        // Typed in the UI by one person, rendered from the live push by the other.
        foreach (var title in titles)
        {
            await annaBoard.AddCardAsync("Idéer", title);
        }

        await Expect(annaBoard.CardTitles("ideas")).ToHaveTextAsync(titles);
        await Expect(boBoard.CardTitles("ideas")).ToHaveTextAsync(titles);
        await Expect(anna.Page.Locator(".crumbs a")).ToHaveTextAsync($"← {PartnershipName}");
        await Expect(anna.Page.Locator(".presence-name", new() { HasText = BoName })).ToHaveTextAsync(BoName);

        await annaBoard.OpenEditorAsync(titles[0]);
        await Expect(annaBoard.Editor.Locator("#editor-title")).ToHaveTextAsync(titles[0]);
        await annaBoard.Editor.GetByLabel("Ny kommentar").FillAsync(Comment);
        await annaBoard.Editor.GetByRole(AriaRole.Button, new() { Name = "Skriv kommentar" }).ClickAsync();
        await Expect(annaBoard.Editor.Locator(".comment-text")).ToHaveTextAsync(Comment);
        await annaBoard.CloseEditorAsync();
        await boBoard.OpenEditorAsync(titles[0]);
        await Expect(boBoard.Editor.Locator(".comment-text")).ToHaveTextAsync(Comment);
        await boBoard.CloseEditorAsync();

        // The partnership screen: its name, a member's name, and the log that repeats both.
        var partnership = new PartnershipPage(anna.Page);
        await partnership.OpenAsync(partnershipId, "people");
        await Expect(partnership.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(PartnershipName);
        await Expect(partnership.MemberRow(BoName)).ToHaveCountAsync(1);
        await partnership.ShowTabAsync("Log");
        await Expect(anna.Page.Locator(".audit-list")).ToContainTextAsync(BoName);
        Assert.Equal($"{PartnershipName} — Hub", await anna.Page.TitleAsync());

        await AssertNothingRanAsync(anna.Page, annaWatch);
        await AssertNothingRanAsync(bo.Page, boWatch);
    }

    [Fact]
    public async Task SignUp_TheMailedLinkMakesTheAccount_AndAForgottenPasswordIsResetByMail()
    {
        var (browser, page) = await VisitorAsync(Phone);
        await using var _browser = browser;
        var watch = await PageWatch.StartAsync(page);
        var email = $"{Guid.NewGuid():N}@example.org";
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ny her? Opret en konto" }).ClickAsync();
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Dit navn").FillAsync("Cecilie");
        await page.GetByLabel("Adgangskode", new() { Exact = true }).FillAsync("1234567890");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opret konto", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("for let at gætte");
        await page.GetByLabel("Adgangskode", new() { Exact = true }).FillAsync(BrowserFixture.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Opret konto", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Tjek din mail");

        await page.GotoAsync($"/verify/{await fixture.Node.Mail.TakeLinkAsync(email, "/verify/")}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mine partnerskaber");
        Assert.EndsWith("/", page.Url, StringComparison.Ordinal);

        // Another browser, the password forgotten: a link by mail, a new password, signed in.
        var (other, otherPage) = await VisitorAsync(Phone);
        await using var _other = other;
        await otherPage.GotoAsync("/");
        await otherPage.GetByRole(AriaRole.Button, new() { Name = "Glemt adgangskode?" }).ClickAsync();
        await otherPage.GetByLabel("E-mail").FillAsync(email);
        await otherPage.GetByRole(AriaRole.Button, new() { Name = "Send link", Exact = true }).ClickAsync();
        await Expect(otherPage.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Tjek din mail");
        await otherPage.GotoAsync($"/reset/{await fixture.Node.Mail.TakeLinkAsync(email, "/reset/")}");
        await otherPage.GetByRole(AriaRole.Textbox, new() { Name = "Ny adgangskode" }).FillAsync("a brand new passphrase");
        await otherPage.GetByRole(AriaRole.Button, new() { Name = "Gem den nye adgangskode" }).ClickAsync();
        await Expect(otherPage.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mine partnerskaber");

        // The first browser's session ended with the reset.
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Log ind");
        Assert.Empty(watch.CspErrors);
    }

    [Fact]
    public async Task InviteLink_VolunteerJoinsFromAPhone_AndAddsACardTheCoordinatorSees_ThenTheLinkIsUsedUp()
    {
        await using var anna = await fixture.SignUpAsync("Anna Hansen");
        var annaWatch = await PageWatch.StartAsync(anna.Page);
        var (partnershipId, boardId) = await anna.CreatePartnershipAsync("Gåklubben i Testrup");
        var partnership = new PartnershipPage(anna.Page);
        await partnership.OpenAsync(partnershipId);

        var link = await partnership.CreateInviteAsync("voluntaryOrganisation", "member");
        Assert.Matches($"^{Regex.Escape(fixture.Node.Address.ToString())}invite/[A-Za-z0-9_-]{{20,}}$", link);
        await Expect(partnership.Page.GetByText("Det vises kun denne ene gang")).ToBeVisibleAsync();
        await Expect(partnership.Invites).ToHaveCountAsync(1);
        await Expect(partnership.Invites).ToContainTextAsync("0 af 1");
        var annaBoard = new BoardPage(anna.Page);
        await annaBoard.OpenAsync(boardId);

        // The volunteer, on a phone, not signed in.
        var (phone, phonePage) = await VisitorAsync(Phone);
        await using var _phone = phone;
        var phoneWatch = await PageWatch.StartAsync(phonePage);
        await phonePage.GotoAsync(link);
        var join = new JoinPage(phonePage);
        await Expect(join.PartnershipName).ToHaveTextAsync("Gåklubben i Testrup");
        await Expect(phonePage.Locator(".invite-facts")).ToContainTextAsync("Frivillig forening");
        await Expect(phonePage.Locator(".invite-facts")).ToContainTextAsync("Medlem");
        Assert.True(await phonePage.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the join page fits the phone's width");
        var boEmail = $"{Guid.NewGuid():N}@example.org";
        await join.SignUpAndJoinAsync("Bo Frivillig", boEmail, BrowserFixture.Password);
        await Expect(join.Heading).ToHaveTextAsync("Tjek din mail");
        await Expect(phonePage.GetByText($"Vi har sendt en mail til {boEmail}.", new() { Exact = false })).ToBeVisibleAsync();
        Assert.Empty(await anna.GetMembersNamedAsync(partnershipId, "Bo Frivillig"));
        // Bo opens the link in the mail on the phone: the account is made, and he is in.
        await phonePage.GotoAsync($"/verify/{await fixture.Node.Mail.TakeLinkAsync(boEmail, "/verify/")}");

        await Expect(phonePage).ToHaveURLAsync(new Regex($"/partnerships/{partnershipId}$"));
        await Expect(phonePage.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Gåklubben i Testrup");
        await Expect(phonePage.GetByText("Du er medlem fra en frivillig forening.")).ToBeVisibleAsync();
        await new PartnershipPage(phonePage).ShowTabAsync("Tavler");
        await phonePage.GetByRole(AriaRole.Link, new() { Name = "Aktivitetsplan" }).ClickAsync();
        var boBoard = new BoardPage(phonePage);
        await Expect(boBoard.Connection).ToHaveAttributeAsync("data-state", "connected");
        await boBoard.AddCardAsync("Idéer", "Gåtur i skoven");
        await Expect(annaBoard.CardTitles("ideas")).ToHaveTextAsync(["Gåtur i skoven"], new() { Timeout = 2000 });

        // The same link again, in another browser: used up, and nothing to join.
        var (other, otherPage) = await VisitorAsync(Phone);
        await using var _other = other;
        await otherPage.GotoAsync(link);
        var again = new JoinPage(otherPage);
        await Expect(again.Heading).ToHaveTextAsync("Linket virker ikke længere");
        await Expect(otherPage.GetByText("Invitationen er brugt, udløbet eller trukket tilbage.")).ToBeVisibleAsync();
        await Expect(again.JoinButton).ToHaveCountAsync(0);

        await partnership.OpenAsync(partnershipId, "people");
        await partnership.ShowClosedInvitesAsync();
        await Expect(partnership.Invites).ToContainTextAsync("Brugt op");
        await Expect(partnership.MemberRow("Bo Frivillig")).ToContainTextAsync("Frivillig forening");
        Assert.Empty(annaWatch.CspErrors);
        Assert.Empty(phoneWatch.CspErrors);
    }

    [Fact]
    public async Task AdminConsole_ListsEveryPartnershipAndTodaysAccountEvents_AndOpeningOneIsWrittenInItsLog()
    {
        await using var anna = await fixture.SignUpAsync("Anna Hansen");
        var (partnershipId, _) = await anna.CreatePartnershipAsync("Nabohjælp i Testrup");
        await using var admin = await fixture.AdminAsync();

        await admin.Page.GotoAsync("/");
        await admin.Page.GetByRole(AriaRole.Link, new() { Name = "Administration" }).ClickAsync();
        await Expect(admin.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Administration");
        // The directory is paged: other tests' partnerships may fill the first page, so search for this one.
        await admin.Page.GetByLabel("Navn eller kommune").FillAsync("Nabohjælp i Testrup");
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Søg" }).ClickAsync();
        var row = admin.Page.Locator("section[aria-labelledby=admin-partnerships] tr", new() { HasText = "Nabohjælp i Testrup" });
        await Expect(row.Locator("td[data-label=Deltagere]")).ToHaveTextAsync("1");
        await Expect(admin.Page.Locator(".audit-list")).ToContainTextAsync("Oprettede en konto");
        // The directory names partnerships, not the people in them (the account events do name who signed up).
        await Expect(admin.Page.Locator("section[aria-labelledby=admin-partnerships]")).Not.ToContainTextAsync("Anna Hansen");

        await row.GetByRole(AriaRole.Link, new() { Name = "Nabohjælp i Testrup", Exact = true }).ClickAsync();
        await Expect(admin.Page).ToHaveURLAsync(new Regex($"/partnerships/{partnershipId}$"));
        await Expect(admin.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Nabohjælp i Testrup");

        await anna.Page.GotoAsync($"/partnerships/{partnershipId}#log");
        await Expect(anna.Page.Locator(".audit-list")).ToContainTextAsync("En administrator åbnede partnerskabet");
        await Expect(anna.Page.Locator(".audit-list")).ToContainTextAsync("Ada Administrator");
        await Expect(anna.Page.GetByRole(AriaRole.Link, new() { Name = "Administration" })).ToHaveCountAsync(0);
        await anna.Page.GotoAsync("/admin");
        await Expect(anna.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Siden findes ikke.");
    }

    [Fact]
    public async Task Outsider_OpeningTheBoardUrl_SeesNoContentAndCannotChangeIt()
    {
        await using var anna = await fixture.SignUpAsync("Anna Hansen");
        await using var eve = await fixture.SignUpAsync("Eve Udenfor");
        var (partnershipId, boardId) = await anna.CreatePartnershipAsync("Fortrolig plan");
        var annaBoard = new BoardPage(anna.Page);
        await annaBoard.OpenAsync(boardId);
        await annaBoard.AddCardAsync("Idéer", "Hemmeligt kort");
        await Expect(anna.Page.Locator(".pending")).ToHaveCountAsync(0);

        await eve.Page.GotoAsync($"/boards/{boardId}");
        await Expect(eve.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Tavlen findes ikke, eller du har ikke adgang til den");
        await Expect(eve.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("bed en koordinator");
        await Expect(eve.Page.Locator("section.column")).ToHaveCountAsync(0);
        await Expect(eve.Page.GetByRole(AriaRole.Textbox)).ToHaveCountAsync(0);
        await Expect(eve.Page.Locator("#main")).Not.ToContainTextAsync("Hemmeligt kort");
        await Expect(eve.Page.Locator("#main")).Not.ToContainTextAsync("Fortrolig plan");

        await eve.Page.GotoAsync($"/partnerships/{partnershipId}");
        await Expect(eve.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Partnerskabet findes ikke.");
        await Expect(eve.Page.Locator("#main")).Not.ToContainTextAsync("Fortrolig plan");

        // Nor through the JSON endpoints, with a valid antiforgery token.
        Assert.Equal(404, (await eve.Context.APIRequest.GetAsync($"/api/boards/{boardId}")).Status);
        Assert.Equal(404, (await eve.Context.APIRequest.GetAsync($"/api/partnerships/{partnershipId}")).Status);
        var addBoard = await eve.Context.PostWithTokenAsync($"/api/partnerships/{partnershipId}/boards", new() { DataObject = new { name = "Eves tavle" } });
        Assert.Equal(404, addBoard.Status);
        var invite = await eve.Context.PostWithTokenAsync($"/api/partnerships/{partnershipId}/invites", new() { DataObject = new { side = "municipality", role = "coordinator", maxUses = 1, validDays = 1 } });
        Assert.Equal(404, invite.Status);

        var board = (await anna.GetBoardAsync(boardId)).GetProperty("board");
        Assert.Single(board.GetProperty("cards").EnumerateObject());
        Assert.Equal("Fortrolig plan", (await (await anna.Context.APIRequest.GetAsync($"/api/partnerships/{partnershipId}")).JsonAsync())!.Value
            .GetProperty("details").GetProperty("name").GetString());
    }

    [Fact]
    public async Task RemovedMember_OnTheBoard_IsToldAndCanNoLongerEdit()
    {
        await using var anna = await fixture.SignUpAsync("Anna Hansen");
        await using var bo = await fixture.SignUpAsync("Bo Jensen");
        var (partnershipId, boardId) = await anna.CreatePartnershipAsync("Fælles gåture");
        await anna.AddMemberAsync(partnershipId, bo);
        var boBoard = new BoardPage(bo.Page);
        await boBoard.OpenAsync(boardId);
        await boBoard.AddCardAsync("Idéer", "Kaffe og snak");
        await Expect(bo.Page.Locator(".pending")).ToHaveCountAsync(0);

        var partnership = new PartnershipPage(anna.Page);
        await partnership.OpenAsync(partnershipId);
        await partnership.RemoveMemberAsync("Bo Jensen");
        await Expect(partnership.MemberRow("Bo Jensen")).ToHaveCountAsync(0);
        await Expect(anna.Page.Locator("#announcer")).ToContainTextAsync("Bo Jensen er fjernet fra partnerskabet.");

        await Expect(bo.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Du har ikke længere adgang til tavlen", new() { Timeout = 5000 });
        await Expect(bo.Page.Locator("section.column")).ToHaveCountAsync(0);
        await Expect(bo.Page.GetByRole(AriaRole.Textbox)).ToHaveCountAsync(0);
        await Expect(bo.Page.Locator("#main")).Not.ToContainTextAsync("Kaffe og snak");
    }
}
