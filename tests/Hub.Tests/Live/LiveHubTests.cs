using System.Security.Claims;
using Hub.Contracts.Agreements;
using Hub.Contracts.Boards;
using Hub.Contracts.Common;
using Hub.Contracts.Live;
using Hub.Grains.Text;
using Hub.Tests.Agreements;
using Hub.Tests.Boards;
using Hub.Tests.Infrastructure;
using Hub.Web.Live;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Tests.Live;

/// <summary>
/// The live hubs' Join on a real node (grains, fanout, SignalR groups): one consistent answer — a snapshot as of its
/// own sequence number, then the operations committed after it — also when something is committed between the
/// grain's answer and the hub's second sync.
/// </summary>
public sealed class LiveHubTests(EmbeddedNode fixture) : IClassFixture<EmbeddedNode>
{
    private const int JoinsUnderLoad = 40;

    [Fact]
    public async Task Join_BoardOpCommittedBetweenTheGrainsAnswerAndTheSecondSync_SnapshotKeepsItsSeqAndTheOpFollows()
    {
        var anna = await fixture.Node.SignUpAsync("Anna");
        var boardId = (await BoardTestKit.PartnershipWithAsync(anna)).Boards[0].BoardId;
        var actor = new Actor(anna.Me.UserId, "Anna");
        var board = fixture.Node.Grains().GetGrain<IBoardGrain>(boardId);
        await board.Submit(actor, new OpId("other-tab", 1), new AddCard("first", "ideas", "Først", null));
        var between = new OpId("other-tab", 2);

        var answer = await JoinWithAnOpInBetween<BoardHub, BoardOp, BoardSnapshot>(actor, hub => hub.Join(boardId, 0),
            () => board.Submit(actor, between, new AddCard("between", "ideas", "Imellem", null)));

        Assert.Equal((1L, 1L), (answer.Snapshot!.Seq, answer.Seq));
        var op = Assert.Single(answer.Ops);
        Assert.Equal((2L, between), (op.Seq, op.Id));
        Assert.DoesNotContain("between", answer.Snapshot.Board.Cards.Keys);
    }

    [Fact]
    public async Task Join_AgreementOpCommittedBetweenTheGrainsAnswerAndTheSecondSync_SnapshotKeepsItsSeqAndTheOpFollows()
    {
        var anna = await fixture.Node.SignUpAsync("Anna");
        var partnershipId = (await BoardTestKit.PartnershipWithAsync(anna)).Id;
        var actor = new Actor(anna.Me.UserId, "Anna");
        var agreement = fixture.Node.Grains().GetGrain<IAgreementGrain>(partnershipId);
        await agreement.GetSnapshot(actor);
        await agreement.Submit(actor, new OpId("other-tab", 1), new EditSection(AgreementSection.Purpose, 0, TextOps.Replace(0, 0, 0, "Gåture")));
        var between = new OpId("other-tab", 2);

        var answer = await JoinWithAnOpInBetween<AgreementHub, AgreementOp, AgreementSnapshot>(actor, hub => hub.Join(partnershipId, 0),
            () => agreement.Submit(actor, between, new SetRecordCheck(RecordCheck.Required)));

        Assert.Equal((1L, 1L), (answer.Snapshot!.Seq, answer.Seq));
        var op = Assert.Single(answer.Ops);
        Assert.Equal((2L, between), (op.Seq, op.Id));
        Assert.Equal(RecordCheck.Unknown, answer.Snapshot.Agreement.RecordCheck);
    }

    [Fact]
    public async Task Join_BoardUnderLoad_EveryAnswerIsASnapshotAtItsSeqThenTheOpsCommittedAfterIt()
    {
        var anna = await fixture.Node.SignUpAsync("Anna");
        var bo = await fixture.Node.SignUpAsync("Bo");
        var boardId = (await BoardTestKit.PartnershipWithAsync(anna, bo)).Boards[0].BoardId;
        var grain = fixture.Node.Grains().GetGrain<IBoardGrain>(boardId);
        var actor = new Actor(anna.Me.UserId, "Anna");
        await using var writerA = await BoardClient.OpenAsync(anna, boardId);
        await using var writerB = await BoardClient.OpenAsync(bo, boardId);
        await writerA.SubmitAsync(new AddCard("walk", "ideas", "Gåtur", null));

        await JoinsDuringLoad<BoardOp, BoardSnapshot>(anna, BoardHub.Path, boardId, s => s.Seq, seq => grain.Sync(actor, seq), async (i, stop) =>
        {
            var writer = i == 0 ? writerA : writerB;
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                await writer.SubmitAsync(n % 3 == 0 ? new AddCard($"w{i}-{n}", "planned", $"Kort {n}", 0) : new MoveCard("walk", n % 2 == 0 ? "doing" : "done", 0));
            }
        });
    }

    [Fact]
    public async Task Join_AgreementUnderLoad_EveryAnswerIsASnapshotAtItsSeqThenTheOpsCommittedAfterIt()
    {
        var anna = await fixture.Node.SignUpAsync("Anna");
        var bo = await fixture.Node.SignUpAsync("Bo");
        var partnershipId = (await BoardTestKit.PartnershipWithAsync(anna, bo)).Id;
        var grain = fixture.Node.Grains().GetGrain<IAgreementGrain>(partnershipId);
        var actor = new Actor(anna.Me.UserId, "Anna");
        await using var writerA = await AgreementClient.OpenAsync(anna, partnershipId);
        await using var writerB = await AgreementClient.OpenAsync(bo, partnershipId);
        writerA.Edit(view => TextOps.Replace(view.Length, 0, 0, "Formål: "));
        await writerA.WaitUntilAsync(w => w.IsSynchronized && w.Seq == 1);

        await JoinsDuringLoad<AgreementOp, AgreementSnapshot>(anna, AgreementHub.Path, partnershipId, s => s.Seq, seq => grain.Sync(actor, seq), async (i, stop) =>
        {
            var writer = i == 0 ? writerA : writerB;
            while (!stop.IsCancellationRequested)
            {
                var before = writer.Seq;
                writer.Edit(view => TextOps.Replace(view.Length, i == 0 ? 0 : view.Length, 0, i == 0 ? "a" : "b"));
                await writer.WaitUntilAsync(w => w.IsSynchronized && w.Seq > before);
            }
        });

        await writerB.WaitUntilAsync(w => w.IsSynchronized && w.Seq == writerA.Seq);
        Assert.Equal(writerA.View, writerB.View);
    }

    [Fact]
    public async Task Join_WithASnapshotAfterAnAnswerWasLost_SaysOverTheWireWhichOfThePersonsOperationsWereCommitted()
    {
        var anna = await fixture.Node.SignUpAsync("Anna");
        var bo = await fixture.Node.SignUpAsync("Bo");
        var boardId = (await BoardTestKit.PartnershipWithAsync(anna, bo)).Boards[0].BoardId;
        var board = fixture.Node.Grains().GetGrain<IBoardGrain>(boardId);
        // Committed, but as if the answer had been lost with the connection: the browser never saw it.
        var committed = await board.Submit(new Actor(anna.Me.UserId, "Anna"), new OpId("anna-tab", 1), new AddCard("walk", "ideas", "Gåtur", null));
        await board.Submit(new Actor(bo.Me.UserId, "Bo"), new OpId("bo-tab", 1), new AddCard("run", "ideas", "Løb", null));
        await using var connection = await anna.ConnectAsync(BoardHub.Path);

        var answer = await connection.InvokeAsync<SyncResult<BoardOp, BoardSnapshot>>(nameof(BoardHub.Join), boardId, 0L);

        Assert.NotNull(answer.Snapshot);
        Assert.Equal(new ClientOutcome("anna-tab", 1, committed.Seq), Assert.Single(answer.Outcomes));
    }

    /// <summary>
    /// Property: joins from nothing while two writers keep committing. Every answer is a snapshot as of its Seq,
    /// followed by exactly the operations the grain committed after that Seq, in order (read back from the grain at
    /// once, while its window still holds them).
    /// </summary>
    private static async Task JoinsDuringLoad<TOp, TSnapshot>(UserSession user, string path, Guid documentId, Func<TSnapshot, long> seqOf,
        Func<long, Task<SyncResult<TOp, TSnapshot>>> grainSync, Func<int, CancellationToken, Task> write)
        where TOp : class
        where TSnapshot : class
    {
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 2).Select(i => Task.Run(() => write(i, stop.Token))).ToList();
        await using var joiner = await user.ConnectAsync(path);
        var firstSeq = -1L;
        var lastSeq = -1L;
        try
        {
            for (var i = 0; i < JoinsUnderLoad; i++)
            {
                var answer = await joiner.InvokeAsync<SyncResult<TOp, TSnapshot>>(nameof(BoardHub.Join), documentId, 0L);
                var after = await grainSync(answer.Seq);

                Assert.NotNull(answer.Snapshot);
                Assert.Equal(seqOf(answer.Snapshot), answer.Seq);
                Assert.Equal(Enumerable.Range(1, answer.Ops.Length).Select(k => answer.Seq + k), answer.Ops.Select(o => o.Seq));
                Assert.Null(after.Snapshot);
                Assert.Equal(answer.Ops.Select(o => o.Id), after.Ops.Take(answer.Ops.Length).Select(o => o.Id));
                firstSeq = firstSeq < 0 ? answer.Seq : firstSeq;
                lastSeq = answer.Seq;
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        Assert.True(lastSeq > firstSeq, "the document should have changed while the joins went on");
    }

    /// <summary>
    /// Calls the hub's Join as SignalR would for a signed-in connection, with the node's own grains, fanout and
    /// SignalR groups; the group manager commits an operation first when the hub adds the connection to the
    /// document's group, which is after the grain's answer and before the hub's second sync.
    /// </summary>
    private async Task<SyncResult<TOp, TSnapshot>> JoinWithAnOpInBetween<THub, TOp, TSnapshot>(
        Actor actor, Func<THub, Task<SyncResult<TOp, TSnapshot>>> join, Func<Task<SubmitResult>> commitInBetween)
        where THub : Microsoft.AspNetCore.SignalR.Hub
        where TOp : class
        where TSnapshot : class
    {
        var services = fixture.Node.Services;
        using var hub = ActivatorUtilities.CreateInstance<THub>(services);
        hub.Context = new Caller(actor, $"test-{Guid.NewGuid():N}");
        hub.Groups = new CommitOnAdd(services.GetRequiredService<IHubContext<THub>>().Groups, commitInBetween);
        try
        {
            return await join(hub);
        }
        finally
        {
            await hub.OnDisconnectedAsync(null);
        }
    }

    private sealed class Caller(Actor actor, string connectionId) : HubCallerContext
    {
        public override string ConnectionId => connectionId;

        public override string? UserIdentifier => actor.UserId;

        public override ClaimsPrincipal? User { get; } = new(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, actor.UserId), new Claim(ClaimTypes.Name, actor.DisplayName)], "test"));

        public override IDictionary<object, object?> Items { get; } = new Dictionary<object, object?>();

        public override IFeatureCollection Features { get; } = new FeatureCollection();

        public override CancellationToken ConnectionAborted => CancellationToken.None;

        public override void Abort()
        {
        }
    }

    private sealed class CommitOnAdd(IGroupManager groups, Func<Task<SubmitResult>> commit) : IGroupManager
    {
        public async Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
        {
            Assert.NotNull((await commit()).Seq);
            await groups.AddToGroupAsync(connectionId, groupName, cancellationToken);
        }

        public Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default) =>
            groups.RemoveFromGroupAsync(connectionId, groupName, cancellationToken);
    }
}
