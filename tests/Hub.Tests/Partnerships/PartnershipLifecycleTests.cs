using System.Collections.Immutable;
using Hub.Contracts.Agreements;
using Hub.Contracts.Boards;
using Hub.Contracts.Common;
using Hub.Contracts.Live;
using Hub.Contracts.Partnerships;
using Hub.Contracts.Text;
using Hub.Grains.Partnerships;
using Hub.Grains.Text;
using Hub.Runtime.Storage;
using Hub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Tests.Partnerships;

/// <summary>
/// Parties as entities and approvals per party (decision 027), the lifecycle and its retention (decision 028), on
/// Orleans' test cluster with real storage and real reminders (ticking every second), once on each engine. The
/// partnership's lifecycle clock is in the test's hand: retention is a year long, and no test waits that long.
/// </summary>
public abstract class PartnershipLifecycleTests<TCluster>(TCluster cluster) : IClassFixture<TCluster> where TCluster : GrainCluster, ILifecycleCluster
{
    private static readonly Actor Anna = new("anna", "Anna Kommune");
    private static readonly Actor Bo = new("bo", "Bo Røde Kors");
    private static readonly Actor Dan = new("dan", "Dan Natteravn");
    private static readonly Actor Cy = new("cy", "Cy Frivilligcenter");
    private readonly string _client = $"t{Guid.NewGuid():N}";
    private long _number;

    [Fact]
    public async Task Create_WithoutParties_TheCreatorGetsAPartyOfTheirSide()
    {
        var created = await Grain().Create(Anna, new PartnershipDetails { Name = "Gåture", Municipality = "Testrup" }, Side.Municipality);

        var party = Assert.Single(created.Details.Parties);
        Assert.Equal(("Testrup", Side.Municipality), (party.Name, party.Side));
        Assert.Equal(party.PartyId, Assert.Single(created.Members).PartyId);
        Assert.Equal(PartnershipStatus.Draft, created.Details.Status);
    }

    [Fact]
    public async Task Approve_EveryPartyToThePromise_FreezesTheAgreementAndTheDraftTurnsActive()
    {
        var (partnership, parties) = await FourPartiesAsync(centreCoSigns: false);
        var agreement = Agreement(partnership);
        var seq = await Type(agreement, Anna, "Vi går ture sammen.");

        await Applied(agreement, Anna, new Approve(parties.Municipality, seq));
        await Applied(agreement, Bo, new Approve(parties.RedCross, seq));
        var stillDraft = await partnership.Get(Anna);
        await Applied(agreement, Dan, new Approve(parties.NightRavens, seq));

        Assert.Equal(PartnershipStatus.Draft, stillDraft.Details.Status);
        var version = Assert.Single((await agreement.GetSnapshot(Anna)).Agreement.Versions);
        Assert.Equal([parties.Municipality, parties.RedCross, parties.NightRavens], version.Approvals.Select(a => a.PartyId));
        Assert.Equal(["Testrup Kommune", "Røde Kors", "Natteravnene"], version.Approvals.Select(a => a.PartyName));
        Assert.Equal(PartnershipStatus.Active, (await partnership.Get(Cy)).Details.Status);
    }

    [Fact]
    public async Task Approve_BrokerThatCoSigns_IsNeededForTheVersion()
    {
        var (partnership, parties) = await FourPartiesAsync(centreCoSigns: true);
        var agreement = Agreement(partnership);
        var seq = await Type(agreement, Anna, "Vi går ture sammen.");
        foreach (var (actor, party) in new[] { (Anna, parties.Municipality), (Bo, parties.RedCross), (Dan, parties.NightRavens) })
        {
            await Applied(agreement, actor, new Approve(party, seq));
        }

        var waiting = (await agreement.GetSnapshot(Anna)).Agreement;
        await Applied(agreement, Cy, new Approve(parties.Centre, seq));

        Assert.Empty(waiting.Versions);
        Assert.Equal(4, waiting.Signers.Length);
        Assert.Single((await agreement.GetSnapshot(Anna)).Agreement.Versions);
    }

    [Theory]
    [InlineData("a coordinator for another organisation", "bo", "nightRavens", ErrorCodes.Forbidden)]
    [InlineData("a contact person for another party", "dan", "municipality", ErrorCodes.Forbidden)]
    [InlineData("the broker that does not co-sign", "cy", "centre", ErrorCodes.Validation)]
    public async Task Approve_NotForTheirOwnSigningParty_IsRefusedAndChangesNothing(string why, string actorId, string partyName, string code)
    {
        var (partnership, parties) = await FourPartiesAsync(centreCoSigns: false);
        var agreement = Agreement(partnership);
        var seq = await Type(agreement, Anna, "Formål.");
        var party = partyName switch { "nightRavens" => parties.NightRavens, "municipality" => parties.Municipality, _ => parties.Centre };
        var actor = new[] { Bo, Dan, Cy }.Single(a => a.UserId == actorId);

        var result = await agreement.Submit(actor, Next(), new Approve(party, seq));

        Assert.True(result.ErrorCode == code, $"{why}: {result.ErrorCode} {result.Error}");
        Assert.Equal(seq, (await agreement.GetSnapshot(Anna)).Seq);
    }

    [Fact]
    public async Task Activation_StoredPartnershipWithFreeTextParties_GetsPartyIdsAndAsksTheUnmatchedToChoose()
    {
        var id = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        // As stored before parties were entities: names and sides only, members without a party.
        var old = new PartnershipState
        {
            Details = new PartnershipDetails
            {
                Name = "Gammelt partnerskab",
                Municipality = "Testrup",
                Parties = [new Party("Testrup Kommune", Side.Municipality), new Party("Røde Kors", Side.VoluntaryOrganisation),
                    new Party("Natteravnene", Side.VoluntaryOrganisation), new Party("Røde Kors", Side.VoluntaryOrganisation)],
            },
            Members = [new Member(Anna.UserId, Anna.DisplayName, Side.Municipality, MemberRole.Coordinator, now),
                new Member(Bo.UserId, Bo.DisplayName, Side.VoluntaryOrganisation, MemberRole.Member, now),
                new Member(Cy.UserId, Cy.DisplayName, Side.VolunteerCentre, MemberRole.Member, now)],
            Version = 3,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await cluster.Storage.WriteStateAsync("partnership", Grain(id).GetGrainId(),
            new GrainState<PartnershipState>(old));

        var migrated = await Grain(id).Get(Anna);

        Assert.Equal(["Testrup Kommune", "Røde Kors", "Natteravnene", "Frivilligcenter"], migrated.Details.Parties.Select(p => p.Name));
        Assert.Equal(4, migrated.Details.Parties.Select(p => p.PartyId).Distinct().Count());
        Assert.All(migrated.Details.Parties, p => Assert.False(string.IsNullOrEmpty(p.PartyId)));
        var partyOf = migrated.Members.ToDictionary(m => m.UserId, m => m.PartyId);
        Assert.Equal(migrated.Details.Parties[0].PartyId, partyOf["anna"]);
        Assert.Null(partyOf["bo"]);
        Assert.Equal(migrated.Details.Parties[3].PartyId, partyOf["cy"]);

        // Bo chooses his party himself, once; moving again is a coordinator's to do.
        var chose = await Grain(id).SetMemberParty(Bo, Bo.UserId, migrated.Details.Parties[1].PartyId);
        var again = await Assert.ThrowsAsync<HubRefusedException>(() => Grain(id).SetMemberParty(Bo, Bo.UserId, migrated.Details.Parties[2].PartyId));

        Assert.Equal(migrated.Details.Parties[1].PartyId, chose.Members.Single(m => m.UserId == "bo").PartyId);
        Assert.Equal(ErrorCodes.Forbidden, again.Code);
        await cluster.RestartAsync();
        Assert.Equal(chose.Members.Select(m => (m.UserId, m.PartyId)), (await Grain(id).Get(Anna)).Members.Select(m => (m.UserId, m.PartyId)));
    }

    [Fact]
    public async Task UpdateDetails_Ended_MakesBoardAndAgreementReadOnlyForCoordinatorsOnlyAndCannotBeUndone()
    {
        var (partnership, _) = await FourPartiesAsync(centreCoSigns: false);
        var agreement = Agreement(partnership);
        await Type(agreement, Anna, "Formål.");
        var before = await partnership.Get(Anna);
        var board = cluster.Grains.GetGrain<IBoardGrain>(before.Boards[0].BoardId);
        await Applied(board, Bo, new AddCard("walk", "ideas", "Gåtur", null));

        var ended = await partnership.UpdateDetails(Anna, before.Details with { Status = PartnershipStatus.Ended }, null);

        Assert.NotNull(ended.EndedAt);
        Assert.Equal(ErrorCodes.Ended, (await board.Submit(Anna, Next(), new AddCard("cafe", "ideas", "Café", null))).ErrorCode);
        Assert.Equal(ErrorCodes.Ended, (await agreement.Submit(Anna, Next(), new EditSection(AgreementSection.Purpose, 0, TextOps.Replace(7, 0, 0, "!")))).ErrorCode);
        Assert.Equal("Formål.", (await agreement.GetSnapshot(Anna)).Agreement.Sections[AgreementSection.Purpose]);
        Assert.Single((await board.GetSnapshot(Anna)).Board.Cards);
        Assert.Equal(ErrorCodes.NotFound, (await Assert.ThrowsAsync<HubRefusedException>(() => agreement.GetSnapshot(Dan))).Code);
        var restart = await Assert.ThrowsAsync<HubRefusedException>(() =>
            partnership.UpdateDetails(Anna, ended.Details with { Status = PartnershipStatus.Active }, null));
        Assert.Equal(ErrorCodes.Ended, restart.Code);
    }

    [Fact]
    public async Task Retention_ClockPassesTheRetentionDays_ReminderAnonymisesThePeopleOnce()
    {
        var (partnership, _) = await FourPartiesAsync(centreCoSigns: false);
        var agreement = Agreement(partnership);
        await Type(agreement, Bo, "Formål.");
        var before = await partnership.Get(Anna);
        var board = cluster.Grains.GetGrain<IBoardGrain>(before.Boards[0].BoardId);
        await Applied(board, Bo, new AddCard("walk", "ideas", "Gåtur", null));
        await partnership.UpdateDetails(Anna, before.Details with { Status = PartnershipStatus.Ended, RetentionDays = 30 }, null);

        cluster.LifecycleClock.Advance(TimeSpan.FromDays(31));
        var admin = new Actor("admin", "Admin", IsPlatformAdmin: true);
        var purged = await Eventually.SucceedsAsync("purged", TimeSpan.FromSeconds(30), async () =>
        {
            var snapshot = await partnership.Get(admin);
            Assert.NotNull(snapshot.PurgedAt);
            return snapshot;
        });

        Assert.Empty(purged.Members);
        Assert.Equal(ErrorCodes.NotFound, (await Assert.ThrowsAsync<HubRefusedException>(() => partnership.Get(Anna))).Code);
        var card = Assert.Single((await board.GetSnapshot(admin)).Board.Cards.Values);
        Assert.Equal(Hub.Grains.Boards.BoardReducer.FormerParticipantId, card.CreatedBy);
        var audit = await cluster.Grains.GetGrain<Hub.Contracts.Audit.IAuditGrain>(
            Hub.Contracts.Audit.AuditKeys.Partnership(partnership.GetPrimaryKey(), DateTimeOffset.UtcNow)).Read();
        Assert.Single(audit, e => e.Action == Hub.Contracts.Audit.AuditActions.PartnershipPurged);
    }

    private IPartnershipGrain Grain(Guid? id = null) => cluster.Grains.GetGrain<IPartnershipGrain>(id ?? Guid.NewGuid());

    private IAgreementGrain Agreement(IPartnershipGrain partnership) => cluster.Grains.GetGrain<IAgreementGrain>(partnership.GetPrimaryKey());

    /// <summary>A municipality (Anna coordinates), two organisations (Bo coordinates Røde Kors; Dan is the contact person
    /// of Natteravnene, a member only) and a volunteer centre as broker (Cy).</summary>
    private async Task<(IPartnershipGrain Partnership, (string Municipality, string RedCross, string NightRavens, string Centre) Parties)> FourPartiesAsync(bool centreCoSigns)
    {
        var grain = Grain();
        var created = await grain.Create(Anna, new PartnershipDetails
        {
            Name = "Fire parter",
            Municipality = "Testrup",
            Parties = [new Party("Testrup Kommune", Side.Municipality), new Party("Røde Kors", Side.VoluntaryOrganisation),
                new Party("Natteravnene", Side.VoluntaryOrganisation), new Party("Frivilligcenter Testrup", Side.VolunteerCentre) { CoSigns = centreCoSigns }],
        }, Side.Municipality);
        var ids = created.Details.Parties.Select(p => p.PartyId).ToArray();
        await grain.PutMember(Anna, Bo.UserId, Bo.DisplayName, Side.VoluntaryOrganisation, MemberRole.Coordinator);
        await grain.PutMember(Anna, Dan.UserId, Dan.DisplayName, Side.VoluntaryOrganisation, MemberRole.Member);
        await grain.PutMember(Anna, Cy.UserId, Cy.DisplayName, Side.VolunteerCentre, MemberRole.Member);
        await grain.SetMemberParty(Anna, Bo.UserId, ids[1]);
        var withDan = await grain.SetMemberParty(Anna, Dan.UserId, ids[2]);
        var parties = withDan.Details.Parties.Select(p => p.PartyId == ids[2] ? p with { Contacts = [Dan.UserId] } : p)
            .Select(p => p.PartyId == ids[3] ? p with { Contacts = [Cy.UserId] } : p).ToImmutableArray();
        await grain.UpdateDetails(Anna, withDan.Details with { Parties = parties }, null);
        return (grain, (ids[0], ids[1], ids[2], ids[3]));
    }

    private async Task<long> Type(IAgreementGrain agreement, Actor actor, string text)
    {
        var base_ = (await agreement.GetSnapshot(actor)).Seq;
        return (await Applied(agreement, actor, new EditSection(AgreementSection.Purpose, base_, new TextOp([TextComponent.InsertOf(text)])))).Seq!.Value;
    }

    private async Task<SubmitResult> Applied<TOp, TSnapshot>(ILiveGrain<TOp, TSnapshot> grain, Actor actor, TOp op) where TSnapshot : class
    {
        var result = await grain.Submit(actor, Next(), op);
        Assert.True(result.Seq is not null, $"{op} was refused: {result.ErrorCode} {result.Error}");
        return result;
    }

    private OpId Next() => new(_client, Interlocked.Increment(ref _number));
}

/// <summary>A grain cluster whose partnerships' lifecycle clock the test moves, with reminders every second.</summary>
public interface ILifecycleCluster
{
    ManualClock LifecycleClock { get; }
}

internal static class LifecycleClusterSetup
{
    public static void Configure(ISiloBuilder silo, ManualClock clock)
    {
        silo.Services.AddKeyedSingleton<TimeProvider>(PartnershipGrain.ClockKey, clock);
        silo.Services.Configure<RetentionOptions>(o => o.CheckPeriod = TimeSpan.FromSeconds(1));
        silo.Services.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
    }
}

public sealed class SqliteLifecycleCluster : GrainCluster, ILifecycleCluster, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"hub-lifecycle-{Guid.NewGuid():N}");

    public ManualClock LifecycleClock { get; } = new();

    protected override Task<HubDatabase> CreateDatabaseAsync() =>
        Task.FromResult(HubDatabase.Sqlite(Path.Combine(_directory, "hub.db")));

    protected override void ConfigureSilo(ISiloBuilder silo) => LifecycleClusterSetup.Configure(silo, LifecycleClock);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}

public sealed class PostgresLifecycleCluster : GrainCluster, ILifecycleCluster
{
    public ManualClock LifecycleClock { get; } = new();

    protected override async Task<HubDatabase> CreateDatabaseAsync() =>
        HubDatabase.PostgreSql(await (await PostgresServer.Shared).CreateDatabaseAsync("lifecycle"));

    protected override void ConfigureSilo(ISiloBuilder silo) => LifecycleClusterSetup.Configure(silo, LifecycleClock);
}

public sealed class PartnershipLifecycleOnSqliteTests(SqliteLifecycleCluster cluster) : PartnershipLifecycleTests<SqliteLifecycleCluster>(cluster);

public sealed class PartnershipLifecycleOnPostgresTests(PostgresLifecycleCluster cluster) : PartnershipLifecycleTests<PostgresLifecycleCluster>(cluster);
