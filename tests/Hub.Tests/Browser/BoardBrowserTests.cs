using Hub.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hub.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class BoardBrowserTests(BrowserFixture fixture)
{
    /// <summary>What "at once" means for a remote change: on the other screen within a second.</summary>
    private static readonly LocatorAssertionsToHaveCountOptions WithinASecond = new() { Timeout = 1000 };

    private static readonly LocatorAssertionsToHaveTextOptions TextWithinASecond = new() { Timeout = 1000 };

    private async Task<(Person Anna, Person Bo, BoardPage AnnaBoard, BoardPage BoBoard, string BoardId)> TwoPeopleOnOneBoardAsync(WebNode? node = null)
    {
        var anna = await fixture.SignUpAsync("Anna Hansen", node?.Address);
        var bo = await fixture.SignUpAsync("Bo Jensen", node?.Address);
        var (partnershipId, boardId) = await anna.CreatePartnershipAsync("Fælles gåture");
        await anna.AddMemberAsync(partnershipId, bo);
        var annaBoard = new BoardPage(anna.Page);
        var boBoard = new BoardPage(bo.Page);
        await annaBoard.OpenAsync(boardId);
        await boBoard.OpenAsync(boardId);
        return (anna, bo, annaBoard, boBoard, boardId);
    }

    [Fact]
    public async Task Edits_InOneBrowser_ShowInTheOtherWithinASecond()
    {
        var (anna, bo, annaBoard, boBoard, _) = await TwoPeopleOnOneBoardAsync();
        await using var _anna = anna;
        await using var _bo = bo;

        // Presence: both see both.
        await Expect(annaBoard.Presence).ToHaveCountAsync(2);
        await Expect(boBoard.Presence).ToHaveCountAsync(2);
        await Expect(boBoard.Presence.Filter(new() { HasText = "Anna Hansen" })).ToHaveCountAsync(1);

        // Create.
        await annaBoard.AddCardAsync("Idéer", "Fælles gåtur");
        await Expect(annaBoard.CardTitles("ideas")).ToHaveTextAsync(["Fælles gåtur"]);
        await Expect(boBoard.CardTitles("ideas")).ToHaveTextAsync(["Fælles gåtur"], TextWithinASecond);
        await Expect(boBoard.Announcer).ToContainTextAsync("Anna Hansen tilføjede kortet »Fælles gåtur« i »Idéer«", new() { Timeout = 1000 });

        // Edit, in the card editor; Bo sees that Anna is editing the card.
        await annaBoard.OpenEditorAsync("Fælles gåtur");
        await Expect(boBoard.Card("Fælles gåtur").Locator(".editing")).ToContainTextAsync("Anna Hansen", new() { Timeout = 1000 });
        var title = annaBoard.Editor.GetByLabel("Titel", new() { Exact = true });
        await title.FillAsync("Fælles gåtur i parken");
        await title.PressAsync("Tab");
        await Expect(boBoard.CardTitles("ideas")).ToHaveTextAsync(["Fælles gåtur i parken"], TextWithinASecond);
        var place = annaBoard.Editor.GetByLabel("Sted", new() { Exact = true });
        await place.FillAsync("Byparken");
        await place.PressAsync("Tab");
        await Expect(boBoard.Card("Fælles gåtur i parken")).ToContainTextAsync("Byparken", new() { Timeout = 1000 });
        // Owners from both sides: the card says so.
        await annaBoard.Editor.GetByLabel("Anna Hansen (Kommunen)").CheckAsync();
        await annaBoard.Editor.GetByLabel("Bo Jensen (Frivillig forening)").CheckAsync();
        await Expect(boBoard.Card("Fælles gåtur i parken")).ToContainTextAsync("Begge sider er med", new() { Timeout = 1000 });
        await annaBoard.CloseEditorAsync();
        await Expect(boBoard.Card("Fælles gåtur i parken").Locator(".editing")).ToHaveCountAsync(0, WithinASecond);

        // Move with the keyboard alternative, then by drag and drop.
        await annaBoard.MoveWithMenuAsync("Fælles gåtur i parken", "Planlagt");
        await Expect(boBoard.CardTitles("planned")).ToHaveTextAsync(["Fælles gåtur i parken"], TextWithinASecond);
        await Expect(boBoard.CardTitles("ideas")).ToHaveCountAsync(0, WithinASecond);
        await Expect(boBoard.Announcer).ToContainTextAsync("Anna Hansen flyttede kortet »Fælles gåtur i parken« til »Planlagt«", new() { Timeout = 1000 });
        await annaBoard.Card("Fælles gåtur i parken").DragToAsync(annaBoard.Column("doing").Locator("ol.cards"));
        await Expect(annaBoard.CardTitles("doing")).ToHaveTextAsync(["Fælles gåtur i parken"]);
        await Expect(boBoard.CardTitles("doing")).ToHaveTextAsync(["Fælles gåtur i parken"], TextWithinASecond);

        // Archive: gone from the columns, listed in the archive.
        await annaBoard.OpenEditorAsync("Fælles gåtur i parken");
        await annaBoard.Editor.GetByRole(AriaRole.Button, new() { Name = "Arkivér kortet" }).ClickAsync();
        await annaBoard.CloseEditorAsync();
        await Expect(boBoard.CardTitles("doing")).ToHaveCountAsync(0, WithinASecond);
        await Expect(boBoard.Page.Locator("[data-archived-card-id]")).ToHaveCountAsync(1, WithinASecond);

        Assert.Equal(await annaBoard.RenderedAsync(), await boBoard.RenderedAsync());
    }

    [Fact]
    public async Task Drag_CardAndColumn_RenderingGoesOnDuringTheDragAndBothSeeTheMoves()
    {
        var (anna, bo, annaBoard, boBoard, _) = await TwoPeopleOnOneBoardAsync();
        await using var _anna = anna;
        await using var _bo = bo;
        await annaBoard.AddCardAsync("Idéer", "Kaffe og snak");
        await Expect(boBoard.CardTitles("ideas")).ToHaveTextAsync(["Kaffe og snak"], TextWithinASecond);

        // Anna holds the card over "I gang" while Bo adds a card: her board shows it during the drag.
        await annaBoard.Card("Kaffe og snak").HoverAsync();
        await anna.Page.Mouse.DownAsync();
        var doing = (await annaBoard.Column("doing").Locator("ol.cards").BoundingBoxAsync())!;
        await anna.Page.Mouse.MoveAsync(doing.X + doing.Width / 2, doing.Y + doing.Height / 2, new() { Steps = 5 });
        await Expect(annaBoard.Column("doing").Locator("ol.cards.drop-end")).ToHaveCountAsync(1);
        await boBoard.AddCardAsync("Idéer", "Ny idé");
        await Expect(annaBoard.CardTitles("ideas")).ToHaveTextAsync(["Kaffe og snak", "Ny idé"], TextWithinASecond);
        await anna.Page.Mouse.UpAsync();
        await Expect(annaBoard.CardTitles("doing")).ToHaveTextAsync(["Kaffe og snak"]);
        await Expect(boBoard.CardTitles("doing")).ToHaveTextAsync(["Kaffe og snak"], TextWithinASecond);

        // A column is dragged by its title; dropped on the left half of "Idéer", it becomes the first.
        await annaBoard.Column("done").Locator(".column-title").DragToAsync(annaBoard.Column("ideas"), new() { TargetPosition = new() { X = 10, Y = 10 } });
        await Expect(boBoard.Page.Locator("section.column[data-column-id]").First).ToHaveAttributeAsync("data-column-id", "done", new() { Timeout = 1000 });
        Assert.Equal(await annaBoard.RenderedAsync(), await boBoard.RenderedAsync());
    }

    [Fact]
    public async Task RemoteChanges_LeaveTheOpenMenuAndTheDraft_AndAvatarsKeepTheirColourUnderTheCsp()
    {
        var (anna, bo, annaBoard, boBoard, boardId) = await TwoPeopleOnOneBoardAsync();
        await using var _anna = anna;
        await using var _bo = bo;
        // Every Content-Security-Policy violation on Bo's page is kept, from the first script on.
        await bo.Page.AddInitScriptAsync("window.cspViolations = []; document.addEventListener('securitypolicyviolation', e => window.cspViolations.push(e.violatedDirective + ' ' + e.sourceFile));");
        await boBoard.OpenAsync(boardId);
        await annaBoard.AddCardAsync("Idéer", "Kaffe og snak");
        await Expect(boBoard.CardTitles("ideas")).ToHaveTextAsync(["Kaffe og snak"], TextWithinASecond);

        // Bo opens the card's "Flyt" menu and starts typing a new card; meanwhile Anna adds one and renames a column.
        await boBoard.Card("Kaffe og snak").Locator("summary").ClickAsync();
        var draft = bo.Page.GetByRole(AriaRole.Textbox, new() { Name = "Nyt kort i Planlagt", Exact = true });
        await draft.PressSequentiallyAsync("Gåtur i sko");
        await annaBoard.AddCardAsync("Idéer", "Opstartsmøde");
        await Expect(boBoard.CardTitles("ideas")).ToHaveTextAsync(["Kaffe og snak", "Opstartsmøde"], TextWithinASecond);

        await Expect(boBoard.Card("Kaffe og snak").Locator("details.move-menu")).ToHaveAttributeAsync("open", "");
        await Expect(draft).ToHaveValueAsync("Gåtur i sko");
        await Expect(draft).ToBeFocusedAsync();
        await draft.PressSequentiallyAsync("ven");
        await draft.PressAsync("Enter");
        await Expect(annaBoard.CardTitles("planned")).ToHaveTextAsync(["Gåtur i skoven"], TextWithinASecond);

        // The presence colours are set through the CSSOM, which the CSP allows; nothing was blocked.
        var colour = await boBoard.Presence.First.Locator(".avatar").EvaluateAsync<string>("e => e.style.backgroundColor");
        Assert.NotEmpty(colour);
        Assert.Empty(await bo.Page.EvaluateAsync<string[]>("window.cspViolations"));
    }

    [Fact]
    public async Task Offline_EditsAreQueuedAndSent_BothBrowsersConverge()
    {
        var (anna, bo, annaBoard, boBoard, boardId) = await TwoPeopleOnOneBoardAsync();
        await using var _anna = anna;
        await using var _bo = bo;
        await annaBoard.AddCardAsync("Idéer", "Kaffe og snak");
        await Expect(boBoard.CardTitles("ideas")).ToHaveTextAsync(["Kaffe og snak"], TextWithinASecond);

        await bo.Context.SetOfflineAsync(true);
        await Expect(boBoard.Connection).ToContainTextAsync("Offline — ændringer sendes, når forbindelsen er tilbage");
        await boBoard.AddCardAsync("Planlagt", "Gåtur mens offline");
        await boBoard.MoveWithMenuAsync("Kaffe og snak", "I gang");
        // Applied at once on Bo's screen, queued for the server.
        await Expect(boBoard.CardTitles("planned")).ToHaveTextAsync(["Gåtur mens offline"]);
        await Expect(boBoard.Connection).ToContainTextAsync("2 ændringer venter");
        // Meanwhile Anna works on.
        await annaBoard.AddCardAsync("Afsluttet", "Opstartsmøde");
        await Expect(annaBoard.CardTitles("planned")).ToHaveCountAsync(0);

        await bo.Context.SetOfflineAsync(false);
        await Expect(boBoard.Connection).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 10_000 });
        await Expect(annaBoard.CardTitles("planned")).ToHaveTextAsync(["Gåtur mens offline"], new() { Timeout = 5000 });
        await Expect(annaBoard.CardTitles("doing")).ToHaveTextAsync(["Kaffe og snak"], new() { Timeout = 5000 });
        await Expect(boBoard.CardTitles("done")).ToHaveTextAsync(["Opstartsmøde"], new() { Timeout = 5000 });
        await Expect(boBoard.Page.Locator(".pending")).ToHaveCountAsync(0);
        Assert.Equal(await annaBoard.RenderedAsync(), await boBoard.RenderedAsync());

        // And both equal the grain's board.
        var board = (await anna.GetBoardAsync(boardId)).GetProperty("board");
        var planned = board.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "planned");
        Assert.Single(planned.GetProperty("cardIds").EnumerateArray());
    }

    [Fact]
    public async Task ServerRestart_BoardIsIntactAfterAReload()
    {
        var database = fixture.NewDatabasePath();
        var port = FreePort.Next();
        var node = await StartNodeAsync(database, port);
        try
        {
            var (anna, bo, annaBoard, boBoard, _) = await TwoPeopleOnOneBoardAsync(node);
            await using var _anna = anna;
            await using var _bo = bo;
            await annaBoard.AddCardAsync("Idéer", "Fælles gåtur");
            await annaBoard.AddCardAsync("Idéer", "Kaffe og snak");
            await annaBoard.MoveWithMenuAsync("Kaffe og snak", "Planlagt");
            // Only that it arrived: delivery within a second is what Edits_InOneBrowser_ShowInTheOtherWithinASecond tests.
            await Expect(boBoard.CardTitles("planned")).ToHaveTextAsync(["Kaffe og snak"]);
            await Expect(annaBoard.Page.Locator(".pending")).ToHaveCountAsync(0);
            var before = await annaBoard.RenderedAsync();

            await node.DisposeAsync();
            await Expect(annaBoard.Connection).Not.ToHaveAttributeAsync("data-state", "connected");
            node = await StartNodeAsync(database, port);

            await anna.Page.ReloadAsync();
            await Expect(annaBoard.Connection).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 10_000 });
            await Expect(annaBoard.CardTitles("planned")).ToHaveTextAsync(["Kaffe og snak"]);
            Assert.Equal(before, await annaBoard.RenderedAsync());
            // Bo's page, not reloaded, reconnects by itself and still shows the same board.
            await Expect(boBoard.Connection).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 15_000 });
            Assert.Equal(before, await boBoard.RenderedAsync());
        }
        finally
        {
            await node.DisposeAsync();
        }
    }

    /// <summary>An embedded node on a fixed port, so the browser finds the restarted server where it left it.</summary>
    private static Task<WebNode> StartNodeAsync(string database, int port) =>
        WebNode.StartAsync(
            $"--urls=http://127.0.0.1:{port}",
            "--Hub:Mode=Embedded",
            $"--Hub:Embedded:DatabasePath={database}",
            $"--Hub:Silo:Port={FreePort.Next()}",
            $"--Hub:Silo:GatewayPort={FreePort.Next()}");
}
