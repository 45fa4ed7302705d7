using System.Collections.Immutable;
using Hub.Contracts.Boards;
using Hub.Contracts.Common;
using Hub.Contracts.Live;
using Hub.Contracts.Partnerships;
using Hub.Tests.Infrastructure;
using Hub.Web.Live;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hub.Tests.Boards;

/// <summary>
/// A web node's side of a live document, subscribed to a real board grain on the test cluster (with the SignalR
/// group send recorded instead): it passes pushes on in the grain's order, beginning where the grain's answer
/// to its subscription says, however they arrive (handed to it in the orders seen in cluster mode: last first,
/// and before the answer); and it takes a removed member's connection off the board when the grain says so.
/// </summary>
[Trait("Tier", "Fast")]
public sealed class LiveFanoutTests(SqliteGrainCluster cluster) : IClassFixture<SqliteGrainCluster>
{
    private static readonly Actor Anna = new("anna", "Anna");
    private static readonly Actor Bo = new("bo", "Bo");

    [Fact]
    public async Task RemovedMember_TheirConnectionIsRevokedByTheGrainAtOnce_NotAtTheNextRenewal()
    {
        var board = await BoardWithOpsAsync(0);
        var partnershipId = (await cluster.Grains.GetGrain<IBoardGrain>(board).GetSnapshot(Anna)).Board.PartnershipId;
        var partnership = cluster.Grains.GetGrain<IPartnershipGrain>(partnershipId);
        await partnership.PutMember(Anna, Bo.UserId, Bo.DisplayName, Side.VoluntaryOrganisation, MemberRole.Member);
        // The renewal timer is never started here (StartAsync is not called): only the grain's push can revoke.
        var fanout = new RecordingFanout(cluster);
        var grain = cluster.Grains.GetGrain<IBoardGrain>(board);
        foreach (var (connection, actor) in new[] { ("anna-connection", Anna), ("bo-connection", Bo) })
        {
            // As the hub joins a connection: the grain first, then the node's own record.
            await grain.Join(actor, connection, 0);
            await fanout.AddAsync(board, connection, actor);
        }

        await partnership.RemoveMember(Anna, Bo.UserId);

        Assert.Equal("bo-connection", await fanout.RevokedConnections.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        await Eventually.UntilAsync("Bo's connection is off the board", TimeSpan.FromSeconds(10), () => Task.FromResult(!fanout.IsOn(board, "bo-connection")));
        Assert.True(fanout.IsOn(board, "anna-connection"));
    }

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

        public TaskCompletionSource<string> RevokedConnections { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

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

        protected override Task SendPresenceAsync(Guid documentId, ImmutableArray<PresenceEntry> presence) => Task.CompletedTask;

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

        protected override Task RevokeAsync(Guid documentId, string connectionId)
        {
            RevokedConnections.TrySetResult(connectionId);
            return Task.CompletedTask;
        }
    }
}
