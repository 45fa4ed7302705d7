using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hub.Tests.Browser;

/// <summary>A live session in real Chromium: a moderator starts it from the partnership page, three phones join by code
/// and answer, a projector shows the revealed tallies, and a phone that reloads is still the same participant.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class SessionBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Session_ThreePhonesJoinByCodeAndAnswer_TheProjectorShowsTalliesAndAReloadKeepsIdentityAndAnswer()
    {
        await using var mona = await fixture.SignUpAsync("Mona Moderator");
        var (partnershipId, _) = await mona.CreatePartnershipAsync("Sammen i Testrup");
        var page = mona.Page;
        await page.GotoAsync($"/partnerships/{partnershipId}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start en live-session" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(SessionPath());
        var sessionId = SessionPath().Match(page.Url).Groups[1].Value;
        await Expect(page.Locator(".connection")).ToHaveAttributeAsync("data-state", "connected");

        await AddPollAsync(page, "single", "Hvem skal starte?", options: "Kommunen\nForeningen");
        await AddPollAsync(page, "scale", "Hvor enig er du?", statements: "Vi samarbejder godt");
        await AddPollAsync(page, "wordCloud", "Ét ord om dagen");
        await Expect(page.Locator(".session-steps li")).ToHaveCountAsync(3);
        await Expect(page.Locator(".session-steps li[aria-current=step]")).ToContainTextAsync("Hvem skal starte?");
        var code = (await page.Locator("#session-code-shown").TextContentAsync())!.Trim();
        Assert.Matches("^[2-9A-HJKMNP-Z]{6}$", code);
        // The QR code is an image the browser could load and draw (the endpoint answered with SVG).
        await page.WaitForFunctionAsync("() => document.querySelector('.session-qr')?.complete && document.querySelector('.session-qr').naturalWidth > 0");
        await page.AssertAccessibleAsync("session moderator");

        // Three phones without an account: one types the code on /s, two open the link the QR code holds.
        var phones = new List<IPage>();
        var contexts = new List<IBrowserContext>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
                {
                    BaseURL = fixture.Node.Address.ToString().TrimEnd('/'),
                    Locale = "da-DK",
                    ViewportSize = new ViewportSize { Width = 360, Height = 740 },
                    HasTouch = true,
                });
                contexts.Add(context);
                if (i == 2)
                {
                    // This phone's clock is seven minutes fast: its timer must still show the room's remaining time.
                    await context.Clock.InstallAsync(new() { TimeDate = DateTime.UtcNow.AddMinutes(7) });
                }

                var phone = await context.NewPageAsync();
                phones.Add(phone);
                if (i == 0)
                {
                    await phone.GotoAsync("/s");
                    await phone.GetByLabel("Kode").FillAsync(code.ToLowerInvariant());
                    await phone.GetByRole(AriaRole.Button, new() { Name = "Deltag" }).ClickAsync();
                    await Expect(phone).ToHaveURLAsync(new Regex($"/s/{code}$"));
                }
                else
                {
                    await phone.GotoAsync($"/s/{code}");
                }

                await Expect(phone.GetByLabel("Dit navn (valgfrit)")).ToBeVisibleAsync();
                if (i == 0)
                {
                    await phone.GetByLabel("Dit navn (valgfrit)").FillAsync("Ida");
                    await phone.GetByRole(AriaRole.Button, new() { Name = "Gem" }).ClickAsync();
                }
                else
                {
                    await phone.GetByRole(AriaRole.Button, new() { Name = "Spring over" }).ClickAsync();
                }

                await Expect(phone.GetByLabel("Dit navn (valgfrit)")).ToHaveCountAsync(0);
            }

            await Expect(page.Locator("#participant-count")).ToHaveTextAsync("3 deltagere");

            // Single choice: native radios.
            string[] votes = ["Kommunen", "Foreningen", "Kommunen"];
            for (var i = 0; i < 3; i++)
            {
                await phones[i].GetByRole(AriaRole.Radio, new() { Name = votes[i], Exact = true }).CheckAsync();
                await phones[i].GetByRole(AriaRole.Button, new() { Name = "Send svar" }).ClickAsync();
                await Expect(phones[i].GetByRole(AriaRole.Button, new() { Name = "Ret mit svar" })).ToBeVisibleAsync();
            }

            await Expect(Poll(page, "Hvem skal starte?").Locator(".poll-count")).ToHaveTextAsync("3 svar");
            await phones[1].AssertAccessibleAsync("session participant, single choice with results");
            Assert.True(await phones[1].EvaluateAsync<bool>("document.documentElement.scrollWidth <= 360"), "no horizontal scroll at 360 px");

            // The projector: the room's view only, the single choice's tally with its table.
            var projector = await mona.Context.NewPageAsync();
            await projector.GotoAsync($"/sessions/{sessionId}/projector");
            var table = projector.Locator("table.chart-table");
            await Expect(table.Locator("tbody tr")).ToHaveCountAsync(2);
            await Expect(table.Locator("tbody tr").Nth(0)).ToContainTextAsync("Kommunen");
            await Expect(table.Locator("tbody tr").Nth(0).Locator("td")).ToHaveTextAsync("2");
            await Expect(table.Locator("tbody tr").Nth(1).Locator("td")).ToHaveTextAsync("1");
            await Expect(projector.Locator(".session-code")).ToHaveTextAsync(code);
            await projector.AssertAccessibleAsync("session projector");
            Assert.DoesNotContain("Ida", await projector.Locator("body").InnerTextAsync());

            // The moderator moves on with the keyboard: a scale, as one radio group per statement.
            await page.Locator("h1").ClickAsync();
            await page.Keyboard.PressAsync("ArrowRight");
            await Expect(page.Locator(".session-steps li[aria-current=step]")).ToContainTextAsync("Hvor enig er du?");
            int[] scale = [4, 5, 4];
            for (var i = 0; i < 3; i++)
            {
                var group = phones[i].GetByRole(AriaRole.Group, new() { Name = "Vi samarbejder godt" });
                await group.GetByRole(AriaRole.Radio, new() { Name = scale[i].ToString(System.Globalization.CultureInfo.InvariantCulture), Exact = true }).CheckAsync();
                await phones[i].GetByRole(AriaRole.Button, new() { Name = "Send svar" }).ClickAsync();
                await Expect(phones[i].GetByRole(AriaRole.Button, new() { Name = "Ret mit svar" })).ToBeVisibleAsync();
            }

            await Expect(Poll(page, "Hvor enig er du?").Locator(".poll-count")).ToHaveTextAsync("3 svar");
            await Expect(projector.Locator("table.chart-table tbody tr")).ToHaveCountAsync(5);
            await Expect(projector.Locator("table.chart-table tbody tr").Nth(3).Locator("td")).ToHaveTextAsync("2");

            // A word cloud: its results are held until the moderator reveals them, then ranked.
            await page.Keyboard.PressAsync("n");
            await Expect(page.Locator(".session-steps li[aria-current=step]")).ToContainTextAsync("Ét ord om dagen");
            string[] words = ["tillid", "Tillid", "kaffe"];
            for (var i = 0; i < 3; i++)
            {
                await phones[i].GetByLabel("Ord 1").FillAsync(words[i]);
                await phones[i].GetByRole(AriaRole.Button, new() { Name = "Send svar" }).ClickAsync();
                await Expect(phones[i].GetByRole(AriaRole.Button, new() { Name = "Ret mit svar" })).ToBeVisibleAsync();
            }

            await Expect(Poll(page, "Ét ord om dagen").Locator(".poll-count")).ToHaveTextAsync("3 svar");
            await Expect(projector.Locator(".ranked-list")).ToHaveCountAsync(0);
            await Poll(page, "Ét ord om dagen").GetByRole(AriaRole.Button, new() { Name = "Vis resultater" }).ClickAsync();
            await Expect(projector.Locator(".ranked-list li").First).ToContainTextAsync("2 gange");
            await Expect(phones[2].Locator(".ranked-list li")).ToHaveCountAsync(2);
            await phones[2].AssertAccessibleAsync("session participant, word cloud results");
            await projector.AssertAccessibleAsync("session projector, word cloud");
            await page.AssertAccessibleAsync("session moderator, running");

            // A reload: the cookie keeps who the phone is (no name asked again) and its answer.
            await phones[0].ReloadAsync();
            await Expect(phones[0].GetByRole(AriaRole.Button, new() { Name = "Ret mit svar" })).ToBeVisibleAsync();
            await Expect(phones[0].GetByLabel("Ord 1")).ToHaveValueAsync("tillid");
            await Expect(phones[0].GetByLabel("Dit navn (valgfrit)")).ToHaveCountAsync(0);
            await Expect(page.Locator("#participant-count")).ToHaveTextAsync("3 deltagere");
            await Expect(Poll(page, "Ét ord om dagen").Locator(".poll-count")).ToHaveTextAsync("3 svar");

            await TimerAndHeldAnswerAsync(page, projector, phones);
            await AgendaAndSummaryAsync(page, sessionId);
        }
        finally
        {
            foreach (var context in contexts)
            {
                await context.CloseAsync();
            }
        }
    }

    /// <summary>
    /// The timer runs on the server's clock: started and extended while running, every view (the moderator's, the
    /// projector, three phones — one with its clock seven minutes fast) shows the same remaining time. A held free-text
    /// answer reaches neither the projector nor another phone until the moderator approves it.
    /// </summary>
    private static async Task TimerAndHeldAnswerAsync(IPage page, IPage projector, List<IPage> phones)
    {
        await page.Locator("#timer-minutes").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start nedtælling" }).ClickAsync();
        var views = new[] { page.Locator("#timer-remaining"), projector.Locator(".session-timer") }
            .Concat(phones.Select(p => p.Locator(".session-timer"))).ToArray();
        foreach (var view in views)
        {
            await Expect(view).ToHaveTextAsync(new Regex(@"Tid tilbage: (1:[0-5]\d|2:00)$"));
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Et minut mere" }).ClickAsync();
        foreach (var view in views)
        {
            await Expect(view).ToHaveTextAsync(new Regex(@"Tid tilbage: (2:[0-5]\d|3:00)$"));
        }

        var seconds = new List<int>();
        foreach (var view in views)
        {
            var left = Regex.Match((await view.TextContentAsync())!, @"(\d+):(\d\d)");
            seconds.Add((int.Parse(left.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) * 60) + int.Parse(left.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.True(seconds.Max() - seconds.Min() <= 2, $"the views show different times: {string.Join(", ", seconds)}");
        await phones[2].AssertAccessibleAsync("session participant, timer running");

        // Free text held for approval, with its results shown: what is held is still seen by nobody but the moderators.
        await page.Locator("#poll-kind").SelectOptionAsync("openText");
        await page.Locator("#poll-question").FillAsync("Hvad tager du med?");
        await page.GetByLabel("Jeg godkender svarene, før de vises").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Tilføj spørgsmål" }).ClickAsync();
        await Expect(page.Locator(".session-steps > li")).ToHaveCountAsync(4);
        await page.Locator("h1").ClickAsync();
        await page.Keyboard.PressAsync("n");
        await Expect(page.Locator(".session-steps li[aria-current=step]")).ToContainTextAsync("Hvad tager du med?");
        await Poll(page, "Hvad tager du med?").GetByRole(AriaRole.Button, new() { Name = "Vis resultater" }).ClickAsync();
        await Expect(projector.Locator(".ranked")).ToContainTextAsync("Ingen svar endnu.");
        await phones[1].Locator("#open-text").FillAsync("Mere kaffe til alle");
        await phones[1].GetByRole(AriaRole.Button, new() { Name = "Send svar" }).ClickAsync();
        await Expect(phones[1].GetByRole(AriaRole.Button, new() { Name = "Ret mit svar" })).ToBeVisibleAsync();
        var held = Poll(page, "Hvad tager du med?").Locator(".pending-answers li");
        await Expect(held).ToContainTextAsync("Mere kaffe til alle");
        await page.AssertAccessibleAsync("session moderator, an answer held for approval");
        Assert.DoesNotContain("Mere kaffe til alle", await projector.Locator("body").InnerTextAsync());
        Assert.DoesNotContain("Mere kaffe til alle", await phones[2].Locator("body").InnerTextAsync());

        await held.GetByRole(AriaRole.Button, new() { Name = "Godkend" }).ClickAsync();
        await Expect(projector.Locator(".ranked-list li")).ToContainTextAsync("Mere kaffe til alle");
        await Expect(phones[2].Locator(".ranked-list li")).ToContainTextAsync("Mere kaffe til alle");
        await Expect(held).ToHaveCountAsync(0);
    }

    /// <summary>The agenda edited from the keyboard (a step renamed, moved up with the focus kept on its button), then
    /// the printable summary with its tables and a poll's CSV.</summary>
    private static async Task AgendaAndSummaryAsync(IPage page, string sessionId)
    {
        var word = page.Locator(".session-steps > li").Filter(new() { HasText = "Ét ord om dagen" });
        await word.GetByRole(AriaRole.Button, new() { Name = "Ret »Ét ord om dagen«" }).ClickAsync();
        var title = page.GetByRole(AriaRole.Textbox, new() { Name = "Punktets titel" }).First;
        await Expect(title).ToBeFocusedAsync();
        await page.AssertAccessibleAsync("session moderator, editing a step");
        await title.FillAsync("Ét ord om workshoppen");
        await page.Keyboard.PressAsync("Enter");
        var renamed = page.Locator(".session-steps > li").Filter(new() { HasText = "Ét ord om workshoppen" });
        await Expect(renamed.Locator(".step-edit")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(renamed.Locator(".step-up")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(".session-steps > li").Nth(1)).ToContainTextAsync("Ét ord om workshoppen");
        await Expect(renamed.Locator(".step-up")).ToBeFocusedAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Opsamling og eksport" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/sessions/{sessionId}/summary$"));
        var steps = page.Locator("table.session-report-steps tbody tr");
        await Expect(steps).ToHaveCountAsync(4);
        await Expect(steps.Nth(1).Locator("th")).ToHaveTextAsync("Ét ord om workshoppen");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Hvem skal starte?" }).Locator("tbody tr").Nth(0).Locator("td")).ToHaveTextAsync("2");
        await page.AssertAccessibleAsync("session summary");
        var csvLink = page.GetByRole(AriaRole.Link, new() { Name = "Hent »Hvem skal starte?« som CSV" });
        var csv = await page.APIRequest.GetAsync((await csvLink.GetAttributeAsync("href"))!);
        Assert.Equal(200, csv.Status);
        var text = await csv.TextAsync();
        Assert.Contains("Hvem skal starte?;Resultat;Kommunen;2", text);
        // The poll is named, so its answers are listed with the name Ida gave.
        Assert.Contains(";Svar;Kommunen;;Ida;", text);
    }

    private static ILocator Poll(IPage page, string question) =>
        page.Locator(".session-poll").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = question, Exact = true }) });

    private static async Task AddPollAsync(IPage page, string kind, string question, string? options = null, string? statements = null)
    {
        var before = await page.Locator(".session-poll").CountAsync();
        await page.Locator("#poll-kind").SelectOptionAsync(kind);
        await page.Locator("#poll-question").FillAsync(question);
        if (options is not null)
        {
            await page.Locator("#poll-options").FillAsync(options);
        }

        if (statements is not null)
        {
            await page.Locator("#poll-statements").FillAsync(statements);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Tilføj spørgsmål" }).ClickAsync();
        await Expect(page.Locator(".session-poll")).ToHaveCountAsync(before + 1);
    }

    [GeneratedRegex(@"/sessions/([0-9a-f-]{36})$")]
    private static partial Regex SessionPath();
}
