using Hub.Contracts.Cohorts;
using Hub.Contracts.Common;
using Hub.Contracts.Evaluations;
using Hub.Contracts.Partnerships;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hub.Tests.Browser;

/// <summary>
/// Two participants of different sides answer T0 and T1 on a phone-sized page in real Chromium, and the moderator's
/// results show the change in the chart's table. Two more of each side answer through the grains, so each side reaches
/// the lowest threshold there is (3): with fewer, the change would rightly be withheld.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EvaluationBrowserTests(BrowserFixture fixture)
{
    private static readonly ViewportSize Phone = new() { Width = 360, Height = 740 };

    [Fact]
    public async Task Evaluation_TwoSidesAnswerT0AndT1OnAPhone_TheModeratorsTableShowsTheChange()
    {
        await using var mona = await fixture.SignUpAsync("Mona Moderator");
        await using var frida = await fixture.SignUpAsync("Frida Frivillig", viewport: Phone);
        await using var karl = await fixture.SignUpAsync("Karl Kommune", viewport: Phone);
        var grains = fixture.Node.Grains();
        var moderator = new Actor(mona.UserId, mona.DisplayName);
        var id = Guid.NewGuid();
        var cohort = grains.GetGrain<ICohortGrain>(id);
        await cohort.Create(moderator, new CohortDetails("Sammen om frivilligheden", "Frivilligcenter Vest", null, null));
        async Task Enrol(Actor person, Side side)
        {
            var invite = await cohort.CreateInvite(moderator, new CohortInviteRequest(CohortRole.Participant, side, 1, 1));
            await grains.GetGrain<ICohortInviteGrain>(IInviteGrain.Key(invite.Secret)).Accept(person);
        }

        await Enrol(new Actor(frida.UserId, frida.DisplayName), Side.VoluntaryOrganisation);
        await Enrol(new Actor(karl.UserId, karl.DisplayName), Side.Municipality);
        Actor[] others = [.. Enumerable.Range(1, 4).Select(i => new Actor($"u{Guid.NewGuid():N}", $"Deltager {i}"))];
        for (var i = 0; i < others.Length; i++)
        {
            await Enrol(others[i], i < 2 ? Side.VolunteerCentre : Side.Municipality);
        }

        var evaluation = grains.GetGrain<ICohortEvaluationGrain>(id);
        await evaluation.SetSettings(moderator, new EvaluationSettings(3, 90));
        await evaluation.SetTimepoint(moderator, EvaluationTimepoint.T0, true);
        int[] othersT0 = [2, 3, 1, 2];
        for (var i = 0; i < others.Length; i++)
        {
            await evaluation.Answer(others[i], EvaluationTimepoint.T0, [new ItemAnswer("contact", othersT0[i], null)]);
        }

        await AnswerOnPhone(frida.Page, id, before: null, now: 2);
        await AnswerOnPhone(karl.Page, id, before: null, now: 1);

        await evaluation.SetTimepoint(moderator, EvaluationTimepoint.T1, true);
        int[] othersT1 = [4, 5, 3, 2];
        for (var i = 0; i < others.Length; i++)
        {
            await evaluation.Answer(others[i], EvaluationTimepoint.T1, [new ItemAnswer("contact", othersT1[i], othersT0[i])]);
        }

        await AnswerOnPhone(frida.Page, id, before: 2, now: 4);
        await AnswerOnPhone(karl.Page, id, before: 1, now: 3);

        // Volunteers 2, 2, 3 → 4, 4, 5: 2,3 → 4,3 (+2,0; n = 3). Staff 1, 1, 2 → 3, 3, 2: 1,3 → 2,7 (+1,3; n = 3).
        var page = mona.Page;
        await page.GotoAsync($"/cohorts/{id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Evaluering og resultater" }).ClickAsync();
        var figure = page.Locator(".eval-item").First.Locator(".dumbbell-chart");
        await Expect(figure.Locator(".chart-summary")).ToHaveTextAsync("Frivillige: 2,3 → 4,3 (+2,0; n = 3) Medarbejdere: 1,3 → 2,7 (+1,3; n = 3)");
        var volunteers = figure.Locator("table tbody tr").Filter(new() { HasText = "Frivillige" });
        await Expect(volunteers.Locator("td")).ToHaveTextAsync(["2,3", "2,3", "4,3", "+2,0", "3"]);
        await page.AssertAccessibleAsync("evaluation results");
    }

    private static async Task AnswerOnPhone(IPage page, Guid cohortId, int? before, int now)
    {
        await page.GotoAsync($"/cohorts/{cohortId}/evaluering");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Spørgeskema", Level = 1 })).ToBeVisibleAsync();
        var first = page.Locator("section.question").First;
        if (before is { } b)
        {
            await first.GetByRole(AriaRole.Group, new() { Name = "Før forløbet" }).GetByRole(AriaRole.Radio, new() { Name = Label(b) }).CheckAsync();
        }

        await first.GetByRole(AriaRole.Group, new() { Name = before is null ? "Dit svar" : "Nu" }).GetByRole(AriaRole.Radio, new() { Name = Label(now) }).CheckAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "the questionnaire scrolls sideways on a 360 px screen");
        await page.AssertAccessibleAsync(before is null ? "questionnaire T0" : "questionnaire T1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send svar" }).ClickAsync();
        await Expect(page.GetByText("Du har svaret. Du kan ændre dine svar og sende igen.")).ToBeVisibleAsync();
    }

    private static string Label(int value) => value switch
    {
        1 => "1 · Slet ikke",
        2 => "2 · I lille grad",
        3 => "3 · I nogen grad",
        4 => "4 · I høj grad",
        5 => "5 · I meget høj grad",
        _ => "Ved ikke",
    };
}
