using System.Collections.Immutable;
using Hub.Contracts.Boards;
using Hub.Contracts.Common;
using Hub.Contracts.Live;
using Hub.Contracts.Partnerships;
using Hub.Tests.Infrastructure;
using Hub.Web.Realtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hub.Tests.Boards;

/// <summary>
/// A web node passes a document's pushes on in the grain's order, beginning where the grain's answer to its
/// subscription says, however the pushes arrive. The subscription is to a real board grain on the test cluster;
/// the pushes are handed to the node in the orders seen in cluster mode (last first, and before the answer).
/// </summary>
public sealed class FanoutOrderTests(SqliteGrainCluster cluster) : IClassFixture<SqliteGrainCluster>
{
    private static readonly Actor Anna = new("anna", "Anna");

    [Fact]
    public async Task Pushes_ArrivingLastFirst_ArePassedOnInTheGrainsOrderOnceTheFirstIsHere()
    {
        var board = await BoardWithOpsAsync(3);
        var fanout = new RecordingFanout(cluster);
        await fanout.AddAsync(board, "connection-1", Anna);

        await fanout.Committed(board, [Op(6)]);
        await fanout.Committed(board, [Op(5)]);
        Assert.Empty(fanout.Pushed);

        await fanout.Committed(board, [Op(4)]);
        Assert.Equal([4L, 5L, 6L], fanout.Pushed);
    }

    [Fact]
    public async Task Pushes_ArrivingBeforeTheSubscriptionsAnswer_WaitForItAndBeginAfterWhatTheBrowsersHave()
    {
        var board = await BoardWithOpsAsync(3);
        var fanout = new RecordingFanout(cluster);

        await fanout.Committed(board, [Op(5)]);
        await fanout.Committed(board, [Op(4)]);
        await fanout.Committed(board, [Op(3)]);
        Assert.Empty(fanout.Pushed);

        await fanout.AddAsync(board, "connection-1", Anna);
        Assert.Equal([4L, 5L], fanout.Pushed);
    }

    private async Task<Guid> BoardWithOpsAsync(int ops)
    {
        var partnership = cluster.Grains.GetGrain<IPartnershipGrain>(Guid.NewGuid());
        var created = await partnership.Create(Anna, new PartnershipDetails { Name = "Samarbejde", Municipality = "Testrup" }, Side.Municipality);
        var boardId = created.Boards[0].BoardId;
        var board = cluster.Grains.GetGrain<IBoardGrain>(boardId);
        for (var n = 1; n <= ops; n++)
        {
            var result = await board.Submit(Anna, new OpId("setup", n), new RenameBoard($"Plan {n}"));
            Assert.Equal(n, result.Seq);
        }

        return boardId;
    }

    private static Committed<BoardOp> Op(long seq) =>
        new(seq, new OpId("elsewhere", seq), Anna.UserId, DateTimeOffset.UtcNow, new RenameBoard($"Plan {seq}"), Anna.DisplayName);

    /// <summary>The node's ordering and subscription as they are, with the SignalR group send recorded instead.</summary>
    private sealed class RecordingFanout(SqliteGrainCluster cluster) : LiveFanout<BoardOp, BoardSnapshot>(NullLogger.Instance)
    {
        private readonly List<long> _pushed = [];

        public IReadOnlyList<long> Pushed
        {
            get
            {
                lock (_pushed)
                {
                    return [.. _pushed];
                }
            }
        }

        public override string GroupOf(Guid documentId) => $"board:{documentId}";

        public override Task PresenceChanged(Guid documentId, ImmutableArray<PresenceEntry> presence) => Task.CompletedTask;

        protected override ILiveGrain<BoardOp, BoardSnapshot> Grain(Guid documentId) => cluster.Grains.GetGrain<IBoardGrain>(documentId);

        protected override ILiveObserver<BoardOp> CreateReference() => cluster.Grains.CreateObjectReference<ILiveObserver<BoardOp>>(this);

        protected override Task PushAsync(Guid documentId, ImmutableArray<Committed<BoardOp>> ops)
        {
            lock (_pushed)
            {
                _pushed.AddRange(ops.Select(o => o.Seq));
            }

            return Task.CompletedTask;
        }

        protected override Task RevokeAsync(Guid documentId, string connectionId) => Task.CompletedTask;
    }
}
