using Hub.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hub.Tests.Browser;

/// <summary>The durable offline queue (web/client/src/offlineQueue.ts, decision 012) in real Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OfflineQueueBrowserTests(BrowserFixture fixture)
{
    /// <summary>
    /// Anna edits offline and reloads before the network is back; her edit still reaches Bo, once.
    /// The app has no service worker, so its shell cannot load while the browser is offline. The test therefore
    /// goes offline for the edit, comes back online only for the reload with the hub blocked (/hubs/** aborted, so
    /// the reloaded page cannot send anything), checks the edit is still unsent, and then unblocks the hub.
    /// Before the durable queue the reload threw the edit away and Bo never saw it.
    /// </summary>
    [Fact]
    public async Task EditOffline_ThenReload_EditArrivesInTheOtherBrowserOnce()
    {
        var anna = await fixture.SignUpAsync("Anna Hansen");
        var bo = await fixture.SignUpAsync("Bo Jensen");
        await using var _anna = anna;
        await using var _bo = bo;
        var (partnershipId, boardId) = await anna.CreatePartnershipAsync("Fælles gåture");
        await anna.AddMemberAsync(partnershipId, bo);
        var annaBoard = new BoardPage(anna.Page);
        var boBoard = new BoardPage(bo.Page);
        await annaBoard.OpenAsync(boardId);
        await boBoard.OpenAsync(boardId);

        await anna.Context.SetOfflineAsync(true);
        await Expect(annaBoard.Connection).ToContainTextAsync("Offline");
        await annaBoard.AddCardAsync("Planlagt", "Gåtur mens offline");
        await Expect(annaBoard.CardTitles("planned")).ToHaveTextAsync(["Gåtur mens offline"]);

        // Leaving the page with an unsent edit asks first (beforeunload); the reload goes ahead when accepted.
        var dialogs = new List<string>();
        anna.Page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Type);
            await dialog.AcceptAsync();
        };
        await anna.Page.RouteAsync("**/hubs/**", route => route.AbortAsync());
        await anna.Context.SetOfflineAsync(false);
        await anna.Page.ReloadAsync();
        Assert.Equal(["beforeunload"], dialogs);
        await Expect(annaBoard.Connection).Not.ToHaveAttributeAsync("data-state", "connected");
        Assert.Equal(1, await QueuedAsync(anna.Page));
        await Expect(boBoard.CardTitles("planned")).ToHaveCountAsync(0);

        await anna.Page.UnrouteAsync("**/hubs/**");
        await Expect(annaBoard.Connection).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 20_000 });
        await Expect(boBoard.CardTitles("planned")).ToHaveTextAsync(["Gåtur mens offline"], new() { Timeout = 5000 });
        await Expect(annaBoard.CardTitles("planned")).ToHaveTextAsync(["Gåtur mens offline"], new() { Timeout = 5000 });
        await Expect(annaBoard.Page.Locator(".pending")).ToHaveCountAsync(0);
        // Sent once: no refusal (a second copy would be refused as "the card already exists") and one card on the grain.
        await Expect(annaBoard.Page.Locator("ul.notices")).ToHaveCountAsync(0);
        var board = (await anna.GetBoardAsync(boardId)).GetProperty("board");
        var planned = board.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "planned");
        Assert.Single(planned.GetProperty("cardIds").EnumerateArray());
        // Answered, so no longer kept in the browser.
        await Eventually.UntilAsync("the answered edit leaves IndexedDB", TimeSpan.FromSeconds(5), async () => await QueuedAsync(anna.Page) == 0);
        Assert.Equal(await annaBoard.RenderedAsync(), await boBoard.RenderedAsync());
        await anna.Page.AssertAccessibleAsync("board after an offline reload");
    }

    /// <summary>Signing out leaves nothing of the person's unsent work in the browser for the next person.</summary>
    [Fact]
    public async Task SignOut_WithAnUnsentEdit_EmptiesTheQueue()
    {
        var anna = await fixture.SignUpAsync("Anna Hansen");
        await using var _anna = anna;
        var (_, boardId) = await anna.CreatePartnershipAsync("Fælles gåture");
        var annaBoard = new BoardPage(anna.Page);
        await annaBoard.OpenAsync(boardId);
        await anna.Context.SetOfflineAsync(true);
        await Expect(annaBoard.Connection).ToContainTextAsync("Offline");
        await annaBoard.AddCardAsync("Planlagt", "Gåtur mens offline");
        await Eventually.UntilAsync("the edit is kept in IndexedDB", TimeSpan.FromSeconds(5), async () => await QueuedAsync(anna.Page) == 1);

        await anna.Page.GetByRole(AriaRole.Button, new() { Name = "Log ud", Exact = true }).ClickAsync();
        await Eventually.UntilAsync("sign-out empties the queue", TimeSpan.FromSeconds(5), async () => await QueuedAsync(anna.Page) == 0);
    }

    /// <summary>How many operations the page's durable queue holds, read straight from IndexedDB.</summary>
    private static Task<int> QueuedAsync(IPage page) => page.EvaluateAsync<int>(
        """
        () => new Promise((resolve, reject) => {
          const open = indexedDB.open("hub-offline");
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains("ops")) { db.close(); resolve(0); return; }
            const count = db.transaction("ops").objectStore("ops").count();
            count.onsuccess = () => { db.close(); resolve(count.result); };
            count.onerror = () => reject(count.error);
          };
        })
        """);
}
