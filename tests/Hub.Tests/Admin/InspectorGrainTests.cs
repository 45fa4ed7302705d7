using Hub.Contracts.Admin;
using Hub.Contracts.Audit;
using Hub.Contracts.Boards;
using Hub.Contracts.Common;
using Hub.Contracts.Live;
using Hub.Contracts.Partnerships;
using Hub.Contracts.Sessions;
using Hub.Grains.Partnerships;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Admin;

/// <summary>
/// The inspector grain on Orleans' two-silo test cluster with real SQLite storage: it finds a grain where it runs
/// without activating it, reads an inactive one from storage, masks people until an admin reveals them with a reason
/// (audited), and lets an admin appoint a coordinator where there is none.
/// </summary>
public sealed class InspectorGrainTests(SqliteGrainCluster cluster) : IClassFixture<SqliteGrainCluster>
{
    private static readonly Actor Admin = new("admin-1", "Ada Admin", IsPlatformAdmin: true);
    private readonly Actor _anna = new($"anna-{Guid.NewGuid():N}", "Anna Andersen");
    private readonly Actor _bo = new($"bo-{Guid.NewGuid():N}", "Bo Berg");
    private long _number;

    private IGrainFactory Grains => cluster.Grains;

    [Fact]
    public async Task InspectDocument_InactiveBoard_ReadsStoredStateAndLeavesItInactive()
    {
        var (partnership, boardId) = await PartnershipWithOpsAsync(3);
        var inspector = Grains.GetGrain<IInspectorGrain>(InspectorKeys.Partnership(partnership.Id));
        await inspector.ForceDeactivate(Admin, InspectedKinds.Board, boardId);
        await Eventually.UntilAsync("the board is inactive", TimeSpan.FromSeconds(10), async () => !await IsActiveAsync(boardId));

        var inspected = await inspector.InspectDocument(Admin, InspectedKinds.Board, boardId);
        var summary = await inspector.Inspect(Admin);

        Assert.True(inspected.FromStorage);
        Assert.False(inspected.Grain.Active);
        Assert.Equal(3, inspected.StoredSeq);
        Assert.True(inspected.Grain.StoredBytes > 0);
        Assert.NotNull(inspected.Grain.StoredVersion);
        Assert.Empty(inspected.Clients);
        Assert.Equal("ApplicationRequested", (await Eventually.SucceedsAsync("the deactivation is logged", TimeSpan.FromSeconds(10), async () =>
            (await inspector.InspectDocument(Admin, InspectedKinds.Board, boardId)).Grain.LastDeactivation ?? throw new InvalidOperationException("not yet"))).ReasonCode);
        Assert.Contains(summary.Documents, d => d.Id == boardId && d.FromStorage);
        Assert.False(await IsActiveAsync(boardId));
        var activeBoards = await Grains.GetGrain<IManagementGrain>(0).GetActiveGrains(Grains.GetGrain<IBoardGrain>(boardId).GetGrainId().Type);
        Assert.DoesNotContain(Grains.GetGrain<IBoardGrain>(boardId).GetGrainId(), activeBoards);
    }

    [Fact]
    public async Task InspectDocument_ActiveBoard_ShowsSiloActivationSequenceNumbersAndOps()
    {
        var (partnership, boardId) = await PartnershipWithOpsAsync(2);
        var inspector = Grains.GetGrain<IInspectorGrain>(InspectorKeys.Partnership(partnership.Id));

        var inspected = await inspector.InspectDocument(Admin, InspectedKinds.Board, boardId);

        Assert.True(inspected.Grain.Active);
        Assert.False(inspected.FromStorage);
        Assert.Contains(cluster.Cluster.Silos, s => s.SiloAddress.ToString() == inspected.Grain.Silo);
        Assert.NotNull(inspected.Grain.ActivationId);
        Assert.NotNull(inspected.ActivatedAt);
        Assert.NotNull(inspected.LastCallAt);
        Assert.Equal((2L, 2L, 2L), (inspected.AppliedSeq!.Value, inspected.DurableSeq!.Value, inspected.PushedSeq!.Value));
        Assert.Equal([2L, 1L], inspected.Ops.Select(o => o.Seq));
        Assert.All(inspected.Ops, o => Assert.Equal(nameof(AddCard), o.Type));
    }

    [Fact]
    public async Task InspectDocument_AfterItsSiloStops_ShowsTheSiloTheGrainMovedTo()
    {
        var own = new SqliteGrainCluster();
        await own.InitializeAsync();
        try
        {
            var grains = own.Grains;
            var secondary = own.Cluster.Silos[1];
            var created = await grains.GetGrain<IPartnershipGrain>(Guid.NewGuid()).Create(_anna, HubApi.Details("Flytter"), Side.Municipality);
            var (partnershipId, boardId) = (created.Id, created.Boards[0].BoardId);
            var board = grains.GetGrain<IBoardGrain>(boardId);
            await board.Submit(_anna, NextId(), new AddCard("before", "ideas", "Før", null));
            // Placement is the runtime's choice: move the board to the silo this test stops.
            if (!secondary.SiloAddress.Equals(await grains.GetGrain<IManagementGrain>(0).GetActivationAddress(board)))
            {
                await own.Cluster.MigrateAsync(board, secondary.SiloAddress);
            }

            var inspector = grains.GetGrain<IInspectorGrain>(InspectorKeys.Partnership(partnershipId));
            Assert.Equal(secondary.SiloAddress.ToString(), (await inspector.InspectDocument(Admin, InspectedKinds.Board, boardId)).Grain.Silo);

            await own.Cluster.StopSiloAsync(secondary);
            await grains.GetGrain<IBoardGrain>(boardId).Submit(_anna, NextId(), new AddCard("after", "ideas", "Efter", null));

            var moved = await Eventually.SucceedsAsync("the inspector shows the new silo", TimeSpan.FromSeconds(30), async () =>
            {
                var inspected = await inspector.InspectDocument(Admin, InspectedKinds.Board, boardId);
                return inspected.Grain.Silo == own.Cluster.Silos[0].SiloAddress.ToString() ? inspected : throw new InvalidOperationException(inspected.Grain.Silo);
            });
            Assert.Equal(2, moved.AppliedSeq);
        }
        finally
        {
            await own.DisposeAsync();
            own.Dispose();
        }
    }

    [Fact]
    public async Task InspectDocument_ByDefault_MasksPeopleAndARevealWithAReasonIsAudited()
    {
        var (partnership, boardId) = await PartnershipWithOpsAsync(1);
        var inspector = Grains.GetGrain<IInspectorGrain>(InspectorKeys.Partnership(partnership.Id));

        var masked = await inspector.InspectDocument(Admin, InspectedKinds.Board, boardId);
        var maskedScope = await inspector.Inspect(Admin);
        var noReason = await Assert.ThrowsAsync<HubRefusedException>(() => inspector.Reveal(Admin, " "));
        var stranger = await Assert.ThrowsAsync<HubRefusedException>(() => inspector.Reveal(_anna, "Jeg er nysgerrig"));
        await inspector.Reveal(Admin, "Supportsag 4711");
        var revealed = await inspector.InspectDocument(Admin, InspectedKinds.Board, boardId);

        Assert.False(masked.Revealed);
        Assert.StartsWith("P-", Assert.Single(masked.Ops).Actor);
        Assert.DoesNotContain(maskedScope.Members, m => m.Person.Contains("Anna", StringComparison.Ordinal));
        Assert.Equal(ErrorCodes.Validation, noReason.Code);
        Assert.Equal(ErrorCodes.Forbidden, stranger.Code);
        Assert.True(revealed.Revealed);
        Assert.Equal("Anna Andersen", Assert.Single(revealed.Ops).Actor);
        var audit = await Grains.GetGrain<IAuditGrain>(AuditKeys.Partnership(partnership.Id, DateTimeOffset.UtcNow)).Read();
        var entry = Assert.Single(audit, e => e.Action == AuditActions.AdminRevealed);
        Assert.Equal((Admin.UserId, "Supportsag 4711"), (entry.ActorId, entry.Detail));
    }

    [Fact]
    public async Task AppointCoordinator_AfterTheOnlyCoordinatorLeft_MakesTheMemberCoordinatorOnce()
    {
        var partnership = await Grains.GetGrain<IPartnershipGrain>(Guid.NewGuid()).Create(_anna, HubApi.Details("Uden koordinator"), Side.Municipality);
        await Grains.GetGrain<IPartnershipGrain>(partnership.Id).PutMember(_anna, _bo.UserId, _bo.DisplayName, Side.VoluntaryOrganisation, MemberRole.Member);
        var inspector = Grains.GetGrain<IInspectorGrain>(InspectorKeys.Partnership(partnership.Id));
        var refusedWhileOne = await Assert.ThrowsAsync<HubRefusedException>(async () =>
            await inspector.AppointCoordinator(Admin, (await inspector.Inspect(Admin)).Members.Single(m => m.Role == MemberRole.Member).Key));
        await Grains.GetGrain<IPartnershipTrustedGrain>(partnership.Id).ForgetPerson(_anna.UserId);

        var before = await inspector.Inspect(Admin);
        await inspector.AppointCoordinator(Admin, Assert.Single(before.Members).Key);
        var after = await inspector.Inspect(Admin);
        var again = await Assert.ThrowsAsync<HubRefusedException>(() => inspector.AppointCoordinator(Admin, after.Members[0].Key));

        Assert.Equal(ErrorCodes.Conflict, refusedWhileOne.Code);
        Assert.False(before.HasCoordinator);
        Assert.True(after.HasCoordinator);
        Assert.Equal(MemberRole.Coordinator, Assert.Single(after.Members).Role);
        Assert.Equal(ErrorCodes.Conflict, again.Code);
        var snapshot = await Grains.GetGrain<IPartnershipGrain>(partnership.Id).Get(_bo);
        Assert.Equal(MemberRole.Coordinator, Assert.Single(snapshot.Members).Role);
        var audit = await Grains.GetGrain<IAuditGrain>(AuditKeys.Partnership(partnership.Id, DateTimeOffset.UtcNow)).Read();
        Assert.Contains(audit, e => e.Action == AuditActions.CoordinatorAppointed && e.ActorId == Admin.UserId && e.Target == $"user:{_bo.UserId}");
    }

    [Fact]
    public async Task InspectDocument_BoardOfAnotherPartnership_IsRefused()
    {
        var (_, boardId) = await PartnershipWithOpsAsync(0);
        var (other, _) = await PartnershipWithOpsAsync(0);

        var refused = await Assert.ThrowsAsync<HubRefusedException>(() =>
            Grains.GetGrain<IInspectorGrain>(InspectorKeys.Partnership(other.Id)).InspectDocument(Admin, InspectedKinds.Board, boardId));

        Assert.Equal(ErrorCodes.NotFound, refused.Code);
    }

    [Fact]
    public async Task Inspect_PartnershipWithALiveSession_ListsItAndReadsItFromStorageOnceInactive()
    {
        var (partnership, _) = await PartnershipWithOpsAsync(0);
        var (other, _) = await PartnershipWithOpsAsync(0);
        var sessionId = Guid.NewGuid();
        await Grains.GetGrain<ISessionGrain>(sessionId).Create(_anna, new SessionDetails("Workshop om frivillighed", new SessionOwner(partnership.Id, null, null), false));
        var inspector = Grains.GetGrain<IInspectorGrain>(InspectorKeys.Partnership(partnership.Id));

        var listed = await Eventually.SucceedsAsync("the session is on its partnership's list", TimeSpan.FromSeconds(10), async () =>
            (await inspector.Inspect(Admin)).Documents.SingleOrDefault(d => d.Kind == InspectedKinds.Session) ?? throw new InvalidOperationException("not yet"));
        await inspector.ForceDeactivate(Admin, InspectedKinds.Session, sessionId);
        await Eventually.UntilAsync("the session is inactive", TimeSpan.FromSeconds(10), async () =>
            await Grains.GetGrain<IManagementGrain>(0).GetGrainActivationCount((GrainReference)Grains.GetGrain<ISessionGrain>(sessionId)) == 0);
        var stored = await inspector.InspectDocument(Admin, InspectedKinds.Session, sessionId);
        var refused = await Assert.ThrowsAsync<HubRefusedException>(() =>
            Grains.GetGrain<IInspectorGrain>(InspectorKeys.Partnership(other.Id)).InspectDocument(Admin, InspectedKinds.Session, sessionId));

        Assert.Equal((sessionId, "Workshop om frivillighed"), (listed.Id, listed.Name));
        Assert.True(stored.FromStorage);
        Assert.Equal("Workshop om frivillighed", stored.Name);
        Assert.Equal(0, await Grains.GetGrain<IManagementGrain>(0).GetGrainActivationCount((GrainReference)Grains.GetGrain<ISessionGrain>(sessionId)));
        Assert.Equal(ErrorCodes.NotFound, refused.Code);
    }

    private async Task<(PartnershipSnapshot Partnership, Guid BoardId)> PartnershipWithOpsAsync(int ops)
    {
        var partnership = await Grains.GetGrain<IPartnershipGrain>(Guid.NewGuid()).Create(_anna, HubApi.Details("Inspiceret"), Side.Municipality);
        var boardId = partnership.Boards[0].BoardId;
        for (var i = 0; i < ops; i++)
        {
            var result = await Grains.GetGrain<IBoardGrain>(boardId).Submit(_anna, NextId(), new AddCard($"card{i}", "ideas", $"Kort {i}", null));
            Assert.NotNull(result.Seq);
        }

        return (partnership, boardId);
    }

    /// <summary>Asks every silo's catalog (the directory's answer may be a cached one).</summary>
    private async Task<bool> IsActiveAsync(Guid boardId) =>
        await Grains.GetGrain<IManagementGrain>(0).GetGrainActivationCount((GrainReference)Grains.GetGrain<IBoardGrain>(boardId)) > 0;

    private OpId NextId() => new("inspector-test", Interlocked.Increment(ref _number));
}
