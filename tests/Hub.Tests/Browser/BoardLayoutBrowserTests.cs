using System.Text.Json;
using Hub.Contracts.Boards;
using Hub.Contracts.Common;
using Hub.Contracts.Live;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Hub.Tests.Browser;

/// <summary>
/// The board's layout as measured in real Chromium: how much fits on one screen (the issue's bar: at 1280×800 at
/// least eight cards per column and every default column, without scrolling the page), where the first card starts on
/// a phone, and that the columns line up. The numbers are written to the test output, for the record.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BoardLayoutBrowserTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private static readonly string[] DefaultColumns = ["ideas", "planned", "doing", "done"];

    [Fact]
    public async Task Board_At1280x800_ShowsEightCardsInEveryDefaultColumnWithoutScrollingThePage()
    {
        await using var anna = await fixture.SignUpAsync("Anna Hansen", viewport: new ViewportSize { Width = 1280, Height = 800 });
        var (_, boardId) = await anna.CreatePartnershipAsync("Tæt tavle");
        await AddCardsAsync(anna, boardId, perColumn: 10);
        var board = new BoardPage(anna.Page);
        await board.OpenAsync(boardId);
        await Expect(board.CardTitles("done")).ToHaveCountAsync(10);

        var layout = await MeasureAsync(anna.Page);
        output.WriteLine($"1280×800: {layout}");

        Assert.Equal(0, layout.GetProperty("scrollY").GetDouble());
        foreach (var column in DefaultColumns)
        {
            var seen = layout.GetProperty("visibleCards").GetProperty(column).GetInt32();
            Assert.True(seen >= 8, $"column {column} shows {seen} whole cards on the first screen: {layout}");
        }

        var tops = DefaultColumns.Select(c => layout.GetProperty("columnTops").GetProperty(c).GetDouble()).Distinct().ToArray();
        Assert.True(tops.Length == 1, $"the columns start at different heights: {string.Join(", ", tops)}");
        Assert.True(layout.GetProperty("cardHeight").GetDouble() <= 64, $"a card with a title only is too tall: {layout}");
        await anna.Page.AssertAccessibleAsync("a full board at 1280×800");
    }

    [Fact]
    public async Task Board_OnAPhone_StartsTheFirstCardHighUpAndScrollsSidewaysByKeyboard()
    {
        await using var anna = await fixture.SignUpAsync("Anna Hansen", viewport: new ViewportSize { Width = 390, Height = 844 });
        var (_, boardId) = await anna.CreatePartnershipAsync("Tavle på telefonen");
        await AddCardsAsync(anna, boardId, perColumn: 3);
        var board = new BoardPage(anna.Page);
        await board.OpenAsync(boardId);
        await Expect(board.CardTitles("ideas")).ToHaveCountAsync(3);

        var layout = await MeasureAsync(anna.Page);
        output.WriteLine($"390×844: {layout}");
        var firstCard = layout.GetProperty("firstCardTop").GetDouble();
        Assert.True(firstCard <= 300, $"the first card starts {firstCard} px down: {layout}");

        // The strip of columns is a region a keyboard can scroll: focused, the arrow key moves it sideways.
        var strip = anna.Page.GetByRole(AriaRole.Region, new() { Name = "Kolonner", Exact = true });
        await strip.FocusAsync();
        await anna.Page.Keyboard.PressAsync("ArrowRight");
        await anna.Page.WaitForFunctionAsync("() => document.querySelector('.columns').scrollLeft > 0");
        await anna.Page.AssertAccessibleAsync("the board on a phone");
    }

    /// <summary>
    /// A board as people fill it — dates, places, labels, owners from both sides, checklists, comments — keeps every
    /// card to at most two lines of title and three rows of details. This is also the README's picture: with HUB_SCREENSHOT set to a file path, the test saves
    /// the screen there (docs/images/board.png was made so).
    /// </summary>
    [Fact]
    public async Task Board_WithCardsCarryingEveryKindOfDetail_KeepsEachCardToTwoLinesOfTitleAndThreeRowsOfDetails()
    {
        await using var anna = await fixture.SignUpAsync("Anna Hansen", viewport: new ViewportSize { Width = 1280, Height = 800 });
        await using var bo = await fixture.SignUpAsync("Bo Jensen");
        var (partnershipId, boardId) = await anna.CreatePartnershipAsync("Fælles gåture i Testrup");
        await anna.AddMemberAsync(partnershipId, bo);
        var grain = fixture.Node.Grains().GetGrain<IBoardGrain>(Guid.Parse(boardId));
        var actor = new Actor(anna.UserId, anna.DisplayName);
        var client = $"seed{Guid.NewGuid():N}";
        var number = 0;
        async Task Op(BoardOp op)
        {
            var result = await grain.Submit(actor, new OpId(client, ++number), op);
            Assert.True(result.Seq is not null, $"{op} refused: {result.ErrorCode} {result.Error}");
        }

        var monday = new DateTimeOffset(2027, 3, 1, 10, 0, 0, TimeSpan.FromHours(1));
        (string Column, string Title, int Day, string Place, string[] Labels, string[] Owners, int Checks, int Comments)[] cards =
        [
            ("ideas", "Gåtur i skoven for nye frivillige", 0, "", ["Udendørs"], [], 0, 1),
            ("ideas", "Strikkecafé på biblioteket", 0, "", ["Socialt"], [bo.UserId], 0, 0),
            ("ideas", "Fælles madlavning", 0, "", [], [], 0, 0),
            ("ideas", "Besøgsven-ordning", 0, "", ["Ensomhed"], [anna.UserId], 2, 0),
            ("planned", "Opstartsmøde med foreningen", 2, "Rådhuset", ["Møde"], [anna.UserId, bo.UserId], 3, 2),
            ("planned", "Gåtur langs åen", 9, "Byparken", ["Udendørs", "Bevægelse"], [bo.UserId], 4, 1),
            ("planned", "Kaffe og snak", 14, "Medborgerhuset", ["Socialt"], [anna.UserId, bo.UserId], 0, 3),
            ("doing", "Plakat til gåturene", 0, "", ["Kommunikation"], [anna.UserId], 5, 2),
            ("doing", "Rekruttering af gåguider", 0, "", [], [anna.UserId, bo.UserId], 2, 0),
            ("done", "Aftale om samarbejdet", -7, "Rådhuset", ["Møde"], [anna.UserId, bo.UserId], 4, 4),
            ("done", "Første gåtur", -3, "Byparken", ["Udendørs"], [bo.UserId], 0, 5),
        ];
        var i = 0;
        foreach (var c in cards)
        {
            var id = $"card{++i}";
            await Op(new AddCard(id, c.Column, c.Title, null));
            if (c.Day != 0)
            {
                await Op(new SetCardSchedule(id, monday.AddDays(c.Day), monday.AddDays(c.Day).AddHours(2)));
            }

            if (c.Place.Length > 0)
            {
                await Op(new SetCardText(id, CardTextField.Place, c.Place));
            }

            if (c.Labels.Length > 0)
            {
                await Op(new SetCardLabels(id, [.. c.Labels]));
            }

            if (c.Owners.Length > 0)
            {
                await Op(new SetCardOwners(id, [.. c.Owners]));
            }

            for (var k = 0; k < c.Checks; k++)
            {
                await Op(new AddChecklistItem(id, $"i{k}", $"Punkt {k}"));
                if (k % 2 == 0)
                {
                    await Op(new UpdateChecklistItem(id, $"i{k}", $"Punkt {k}", true, null));
                }
            }

            for (var k = 0; k < c.Comments; k++)
            {
                await Op(new AddComment(id, $"c{k}", "God idé"));
            }
        }

        var board = new BoardPage(anna.Page);
        var boBoard = new BoardPage(bo.Page);
        await board.OpenAsync(boardId);
        await boBoard.OpenAsync(boardId);
        await Expect(board.Presence).ToHaveCountAsync(2);
        await Expect(board.Page.Locator("li.card")).ToHaveCountAsync(cards.Length);
        // The names of the owners come from the partnership, which the board asks for once it is in.
        await Expect(board.Card("Kaffe og snak").Locator(".owners-row .avatar")).ToHaveCountAsync(2);

        if (Environment.GetEnvironmentVariable("HUB_SCREENSHOT") is { Length: > 0 } path)
        {
            await anna.Page.ScreenshotAsync(new() { Path = path });
        }

        // Lines: the title's height over its line height (it is clamped to two); the details' rows, as the distinct
        // centres of their chips (centred in a row; a chip, badge or avatar is taller than a line of text).
        var lines = await anna.Page.Locator("li.card").EvaluateAllAsync<double[][]>("""
            cards => cards.map(c => {
              const title = c.querySelector('.card-title');
              const meta = c.querySelector('.card-meta');
              const rows = meta ? new Set([...meta.children].map(e => (r => Math.round(r.top + r.height / 2))(e.getBoundingClientRect()))).size : 0;
              return [Math.round(c.getBoundingClientRect().height),
                Math.round(title.getBoundingClientRect().height / parseFloat(getComputedStyle(title).lineHeight)), rows];
            })
            """);
        output.WriteLine($"cards (px, title lines, detail lines): {string.Join("; ", lines.Select(l => string.Join("/", l)))}");
        // Most cards keep their details to one or two rows; one with two labels, a badge, both counts and owners takes three.
        Assert.All(lines, l => Assert.True(l[1] <= 2 && l[2] <= 3, $"a card has {l[1]} lines of title and {l[2]} rows of details"));
        await anna.Page.AssertAccessibleAsync("a board with detailed cards");
    }

    /// <summary>Ten cards' worth of ops straight to the grain (as Anna): the browser only shows them.</summary>
    private async Task AddCardsAsync(Person person, string boardId, int perColumn)
    {
        var grain = fixture.Node.Grains().GetGrain<IBoardGrain>(Guid.Parse(boardId));
        var actor = new Actor(person.UserId, person.DisplayName);
        var client = $"seed{Guid.NewGuid():N}";
        var number = 0;
        foreach (var column in DefaultColumns)
        {
            for (var i = 1; i <= perColumn; i++)
            {
                var result = await grain.Submit(actor, new OpId(client, ++number), new AddCard($"{column}-{i}", column, $"Aktivitet {i} i {column}", null));
                Assert.True(result.Seq is not null, $"seeding refused: {result.ErrorCode} {result.Error}");
            }
        }
    }

    /// <summary>Where things are on the first screen, in CSS pixels.</summary>
    private static async Task<JsonElement> MeasureAsync(IPage page) => await page.EvaluateAsync<JsonElement>("""
        () => {
          const vw = innerWidth, vh = innerHeight;
          const whole = r => r.top >= 0 && r.left >= 0 && r.bottom <= vh && r.right <= vw && r.height > 0;
          const columns = [...document.querySelectorAll('section.column[data-column-id]')];
          const visibleCards = {}, columnTops = {};
          for (const c of columns) {
            const id = c.dataset.columnId;
            columnTops[id] = Math.round(c.getBoundingClientRect().top);
            // A card is seen when it is inside the viewport and not scrolled out of its column's list.
            const list = c.querySelector('ol.cards').getBoundingClientRect();
            visibleCards[id] = [...c.querySelectorAll('li.card')].map(e => e.getBoundingClientRect())
              .filter(r => whole(r) && r.top >= list.top - 1 && r.bottom <= list.bottom + 1).length;
          }
          const first = document.querySelector('li.card');
          const se = document.scrollingElement;
          return {
            scrollY, visibleCards, columnTops,
            pageScrolls: se.scrollHeight > se.clientHeight + 1,
            cardHeight: first ? Math.round(first.getBoundingClientRect().height) : 0,
            firstCardTop: first ? Math.round(first.getBoundingClientRect().top) : -1,
            columnsFullyVisible: columns.filter(c => whole(c.getBoundingClientRect())).length,
          };
        }
        """);
}
