using System.Text;
using Hub.Contracts.Boards;
using Hub.Contracts.Common;
using Hub.Contracts.Live;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hub.Tests.Browser;

/// <summary>The board's tools in real Chromium: "Mine kort" and the filters, search across the partnership's boards,
/// the CSV download, and the card editor's "Gemt".</summary>
[Collection(BrowserCollection.Name)]
public sealed class BoardToolsBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Filters_MineLabelSideAndOwner_ShowOnlyTheMatchingCardsOnThisScreenOnly()
    {
        await using var anna = await fixture.SignUpAsync("Anna Hansen");
        await using var bo = await fixture.SignUpAsync("Bo Jensen");
        var (partnershipId, boardId) = await anna.CreatePartnershipAsync("Filtre");
        await anna.AddMemberAsync(partnershipId, bo);
        var ops = Seeder(anna, boardId);
        await ops(new AddCard("walk", "ideas", "Gåtur", null));
        await ops(new SetCardOwners("walk", [anna.UserId]));
        await ops(new SetCardLabels("walk", ["Udendørs"]));
        await ops(new AddCard("cafe", "ideas", "Strikkecafé", null));
        await ops(new SetCardOwners("cafe", [bo.UserId]));
        await ops(new SetCardLabels("cafe", ["Kaffe"]));
        await ops(new AddCard("open", "planned", "Ingen har den", null));
        var board = new BoardPage(anna.Page);
        var boBoard = new BoardPage(bo.Page);
        await board.OpenAsync(boardId);
        await boBoard.OpenAsync(boardId);
        await Expect(board.Page.Locator("li.card")).ToHaveCountAsync(3);

        await anna.Page.GetByRole(AriaRole.Button, new() { Name = "Mine kort", Exact = true }).ClickAsync();
        await Expect(board.Page.Locator("li.card .card-title")).ToHaveTextAsync(["Gåtur"]);
        await Expect(anna.Page.Locator(".filter-status")).ToHaveTextAsync("Viser 1 af 3 kort");
        await Expect(board.Column("planned").Locator(".empty")).ToHaveTextAsync("Ingen kort passer til filtrene.");
        await anna.Page.AssertAccessibleAsync("the board with \"Mine kort\" on");
        // Filters are Anna's own: Bo still sees every card.
        await Expect(boBoard.Page.Locator("li.card")).ToHaveCountAsync(3);
        await anna.Page.GetByRole(AriaRole.Button, new() { Name = "Mine kort", Exact = true }).ClickAsync();
        await Expect(board.Page.Locator("li.card")).ToHaveCountAsync(3);

        var filters = anna.Page.Locator("details.filters-menu");
        await filters.Locator("summary").ClickAsync();
        await filters.GetByLabel("Mærker").SelectOptionAsync("Kaffe");
        await Expect(board.Page.Locator("li.card .card-title")).ToHaveTextAsync(["Strikkecafé"]);
        await filters.GetByLabel("Mærker").SelectOptionAsync("");
        await filters.GetByLabel("Side").SelectOptionAsync(new SelectOptionValue { Label = "Kommunen" });
        await Expect(board.Page.Locator("li.card .card-title")).ToHaveTextAsync(["Gåtur"]);
        await filters.GetByLabel("Side").SelectOptionAsync("");
        await filters.GetByLabel("Ansvarlig").SelectOptionAsync(new SelectOptionValue { Label = "Bo Jensen" });
        await Expect(board.Page.Locator("li.card .card-title")).ToHaveTextAsync(["Strikkecafé"]);
        await Expect(filters.Locator("summary")).ToHaveTextAsync("Filtre (1)");
        await anna.Page.AssertAccessibleAsync("the board with the filter menu open");

        await anna.Page.GetByRole(AriaRole.Button, new() { Name = "Nulstil filtre" }).ClickAsync();
        await Expect(board.Page.Locator("li.card")).ToHaveCountAsync(3);
        await Expect(anna.Page.Locator(".filter-status")).ToBeEmptyAsync();
    }

    [Fact]
    public async Task Search_AcrossThePartnershipsBoards_FindsCardsOnEveryBoardOfItAndNoneElsewhere()
    {
        await using var anna = await fixture.SignUpAsync("Anna Hansen");
        await using var carl = await fixture.SignUpAsync("Carl Nielsen");
        var (partnershipId, boardId) = await anna.CreatePartnershipAsync("Søgning");
        var second = await anna.Context.PostWithTokenAsync($"/api/partnerships/{partnershipId}/boards", new APIRequestContextOptions { DataObject = new { name = "Vinterplan" } });
        Assert.True(second.Ok, $"add board: {second.Status}");
        var secondId = (await second.JsonAsync())!.Value.GetProperty("boardId").GetString()!;
        await Seeder(anna, boardId)(new AddCard("walk", "ideas", "Gåtur i skoven", null));
        await Seeder(anna, boardId)(new AddCard("cafe", "ideas", "Strikkecafé", null));
        await Seeder(anna, secondId)(new AddCard("winter", "planned", "Vintergåtur", null));
        // Someone else's partnership, with a card that matches too: never in Anna's results.
        var (_, carlsBoard) = await carl.CreatePartnershipAsync("Carls eget");
        await Seeder(carl, carlsBoard)(new AddCard("secret", "ideas", "Hemmelig gåtur", null));
        var board = new BoardPage(anna.Page);
        await board.OpenAsync(boardId);

        var search = anna.Page.GetByRole(AriaRole.Searchbox, new() { Name = "Søg i partnerskabets tavler" });
        await search.FillAsync("gåtur");
        await search.PressAsync("Enter");
        var results = anna.Page.Locator("section.search-results");
        await Expect(results.Locator(".hits li")).ToHaveCountAsync(2);
        await Expect(results).ToContainTextAsync("2 kort fundet");
        await Expect(results).Not.ToContainTextAsync("Hemmelig");
        await Expect(results.Locator(".hits li").Nth(1)).ToContainTextAsync("Vinterplan · Planlagt");
        await anna.Page.AssertAccessibleAsync("the board with search results");

        // A hit on this board opens its card; one on another board opens that board with the card.
        await results.GetByRole(AriaRole.Button, new() { Name = "Gåtur i skoven" }).ClickAsync();
        await Expect(board.Editor.Locator("#editor-title")).ToHaveTextAsync("Gåtur i skoven");
        await board.CloseEditorAsync();
        await results.GetByRole(AriaRole.Link, new() { Name = "Vintergåtur" }).ClickAsync();
        await Expect(anna.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/boards/{secondId}\\?card=winter$"));
        await Expect(board.Editor.Locator("#editor-title")).ToHaveTextAsync("Vintergåtur");

        // Carl, outside the partnership, is told it is not found, and learns nothing.
        var outsider = await carl.Context.APIRequest.GetAsync($"/api/partnerships/{partnershipId}/card-search?q=g%C3%A5tur");
        Assert.Equal(404, outsider.Status);
        Assert.DoesNotContain("Gåtur", await outsider.TextAsync());
    }

    [Fact]
    public async Task ExportCsv_Download_HoldsEveryCardWithItsColumnAndEscapesFormulas()
    {
        await using var anna = await fixture.SignUpAsync("Anna Hansen");
        var (_, boardId) = await anna.CreatePartnershipAsync("Eksport");
        var ops = Seeder(anna, boardId);
        await ops(new AddCard("walk", "ideas", "Gåtur", null));
        await ops(new SetCardOwners("walk", [anna.UserId]));
        await ops(new AddCard("sum", "done", "=1+1", null));
        var board = new BoardPage(anna.Page);
        await board.OpenAsync(boardId);

        var download = await anna.Page.RunAndWaitForDownloadAsync(() =>
            anna.Page.GetByRole(AriaRole.Link, new() { Name = "Hent som CSV" }).ClickAsync());

        Assert.Equal("Aktivitetsplan.csv", download.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        var lines = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF').Split("\r\n");
        Assert.StartsWith("Kolonne;Titel;Beskrivelse;", lines[0]);
        Assert.StartsWith("Idéer;Gåtur;;;;;Anna Hansen;", lines[1]);
        Assert.StartsWith("Afsluttet;\"'=1+1\";", lines[2]);
    }

    [Fact]
    public async Task CardEditor_OnAPhone_SaysGemtAndKeepsItsTitleBarAboveTheDescription()
    {
        await using var anna = await fixture.SignUpAsync("Anna Hansen", viewport: new ViewportSize { Width = 390, Height = 844 });
        var (_, boardId) = await anna.CreatePartnershipAsync("Redigering");
        await Seeder(anna, boardId)(new AddCard("walk", "ideas", "Gåtur", null));
        var board = new BoardPage(anna.Page);
        await board.OpenAsync(boardId);
        await board.OpenEditorAsync("Gåtur");

        var place = board.Editor.GetByLabel("Sted", new() { Exact = true });
        await place.FillAsync("Byparken");
        await place.PressAsync("Tab");
        await Expect(board.Editor.Locator(".save-state")).ToHaveTextAsync("✓ Gemt");
        await anna.Page.AssertAccessibleAsync("the card editor after a saved change");

        // Scrolled so the description passes under the title bar: the bar is drawn on top.
        var description = board.Editor.GetByLabel("Beskrivelse", new() { Exact = true });
        await description.FillAsync(string.Join("\n", Enumerable.Range(1, 30).Select(i => $"Linje {i}")));
        var onTop = await board.Editor.EvaluateAsync<bool>("""
            dialog => {
              const head = dialog.querySelector('.editor-head');
              const area = dialog.querySelector('#card-description');
              dialog.scrollTop = area.getBoundingClientRect().top - dialog.getBoundingClientRect().top - 10;
              const r = head.getBoundingClientRect();
              const hit = document.elementFromPoint(r.left + 5, r.bottom - 3);
              return head.contains(hit);
            }
            """);
        Assert.True(onTop, "the description draws over the editor's title bar");
    }

    /// <summary>Ops straight to the board's grain as this person, one client numbering them in order.</summary>
    private Func<BoardOp, Task> Seeder(Person person, string boardId)
    {
        var grain = fixture.Node.Grains().GetGrain<IBoardGrain>(Guid.Parse(boardId));
        var actor = new Actor(person.UserId, person.DisplayName);
        var client = $"seed{Guid.NewGuid():N}";
        var number = 0;
        return async op =>
        {
            var result = await grain.Submit(actor, new OpId(client, Interlocked.Increment(ref number)), op);
            Assert.True(result.Seq is not null, $"{op} refused: {result.ErrorCode} {result.Error}");
        };
    }
}
