using System.Collections.Concurrent;
using System.Collections.Immutable;
using Hub.Contracts.Boards;
using Hub.Contracts.Live;
using Hub.Tests.Infrastructure;
using Hub.Web.Live;
using Microsoft.AspNetCore.SignalR.Client;

namespace Hub.Tests.Boards;

public sealed class EmbeddedNode : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"hub-node-{Guid.NewGuid():N}");

    public WebNode Node { get; private set; } = null!;

    public async Task InitializeAsync() => Node = await WebNode.StartEmbeddedAsync(Path.Combine(_directory, "hub.db"));

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}

public sealed class BoardHubTests(EmbeddedNode fixture) : IClassFixture<EmbeddedNode>
{
    [Fact]
    public async Task Submit_TwoClientsOnOneBoard_OtherClientReceivesTheCommittedOp()
    {
        var anna = await fixture.Node.SignUpAsync("Anna");
        var bo = await fixture.Node.SignUpAsync("Bo");
        var partnership = await anna.CreatePartnershipAsync("Samarbejde");
        await anna.AddMemberAsync(partnership.Id, bo);
        var boardId = partnership.Boards[0].BoardId;

        await using var annaHub = await anna.ConnectAsync(BoardHub.Path);
        await using var boHub = await bo.ConnectAsync(BoardHub.Path);
        var received = new ConcurrentQueue<Committed<BoardOp>>();
        var arrived = new SemaphoreSlim(0);
        boHub.On<Guid, ImmutableArray<Committed<BoardOp>>>(nameof(IBoardClient.Committed), (_, ops) =>
        {
            foreach (var op in ops)
            {
                received.Enqueue(op);
            }

            arrived.Release();
        });
        var annaJoin = await annaHub.InvokeAsync<SyncResult<BoardOp, BoardSnapshot>>(nameof(BoardHub.Join), boardId, 0L);
        await boHub.InvokeAsync<SyncResult<BoardOp, BoardSnapshot>>(nameof(BoardHub.Join), boardId, 0L);

        var result = await annaHub.InvokeAsync<SubmitResult>(nameof(BoardHub.Submit), boardId, new OpId("anna-tab", 1),
            (BoardOp)new AddCard("card-1", "ideas", "Fælles gåtur", null));

        Assert.Equal(annaJoin.Seq + 1, result.Seq);
        Assert.True(await arrived.WaitAsync(TimeSpan.FromSeconds(5)));
        var op = Assert.Single(received);
        Assert.Equal(result.Seq, op.Seq);
        Assert.Equal(new AddCard("card-1", "ideas", "Fælles gåtur", null), op.Op);
    }
}
