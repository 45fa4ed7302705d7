using Hub.Contracts.Barriers;
using Hub.Contracts.Cohorts;
using Hub.Contracts.Common;
using Hub.Contracts.Live;
using Hub.Contracts.Partnerships;
using Hub.Contracts.Text;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Cohorts;

/// <summary>
/// Reflections, team reflections and the barrier counts on Orleans' test cluster with real storage, once on SQLite and
/// once on PostgreSQL: who reads which entry, the prompts, the team's shared text, forgetting a person, and the report.
/// </summary>
public abstract class CohortReflectionsGrainTests<TCluster>(TCluster cluster) : IClassFixture<TCluster> where TCluster : GrainCluster
{
    private static readonly DateTimeOffset Monday = new(DateTime.UtcNow.Date.AddDays(30).AddHours(9), TimeSpan.Zero);
    private readonly Actor _mona = NewActor("Mona Moderator");
    private readonly Actor _karl = NewActor("Karl fra kommunen");
    private readonly Actor _frida = NewActor("Frida frivillig");
    private readonly Actor _viggo = NewActor("Viggo fra centret");
    private readonly Actor _olga = NewActor("Olga observatør");
    private readonly Actor _admin = NewActor("Admin") with { IsPlatformAdmin = true };
    private long _number;

    private IGrainFactory Grains => cluster.Grains;

    [Fact]
    public async Task View_EachReader_GetsOnlyTheEntriesTheirVisibilityAllows()
    {
        var (cohort, reflections) = await CohortWithTeams();
        await reflections.Write(_karl, Draft("r-private", ReflectionVisibility.Private, "Kun til mig"));
        await reflections.Write(_karl, Draft("r-team", ReflectionVisibility.Team, "Til holdet"));
        await reflections.Write(_karl, Draft("r-mods", ReflectionVisibility.Moderators, "Til lederne"));

        Assert.Equal(["r-mods", "r-private", "r-team"], await Ids(_karl));
        Assert.Equal(["r-team"], await Ids(_frida)); // same team
        Assert.Empty(await Ids(_viggo));             // another team
        Assert.Equal(["r-mods"], await Ids(_mona));
        Assert.Equal(ErrorCodes.Forbidden, (await Assert.ThrowsAsync<HubRefusedException>(() => reflections.View(_olga))).Code);
        Assert.Equal(ErrorCodes.Forbidden, (await Assert.ThrowsAsync<HubRefusedException>(() => reflections.View(_admin))).Code);

        // Frida moves to Viggo's team: the team entry now reads for the team it was written in, which she left.
        await Applied(cohort, _mona, new MoveToTeam(_frida.UserId, "t2"));
        Assert.Empty(await Ids(_frida));

        async Task<string[]> Ids(Actor reader) => [.. (await reflections.View(reader)).Entries.Select(e => e.Id).Order()];
    }

    [Fact]
    public async Task Write_ByNonParticipantsOrWithBadInput_IsRefusedAndChangesNothing()
    {
        var (_, reflections) = await CohortWithTeams();

        Assert.Equal(ErrorCodes.Forbidden, (await Assert.ThrowsAsync<HubRefusedException>(() => reflections.Write(_mona, Draft("a", ReflectionVisibility.Private, "x")))).Code);
        Assert.Equal(ErrorCodes.NotFound, (await Assert.ThrowsAsync<HubRefusedException>(() =>
            reflections.Write(_karl, Draft("a", ReflectionVisibility.Private, "x") with { SubjectId = "nope" }))).Code);
        Assert.Equal(ErrorCodes.Validation, (await Assert.ThrowsAsync<HubRefusedException>(() =>
            reflections.Write(_karl, Draft("a", ReflectionVisibility.Private, "x") with { Answers = ["kun ét svar"] }))).Code);
        Assert.Equal(ErrorCodes.Validation, (await Assert.ThrowsAsync<HubRefusedException>(() =>
            reflections.Write(_karl, Draft("a", ReflectionVisibility.Private, "x") with { Barriers = [(BarrierTag)99] }))).Code);
        await reflections.Write(_karl, Draft("mine", ReflectionVisibility.Private, "x"));
        Assert.Equal(ErrorCodes.Conflict, (await Assert.ThrowsAsync<HubRefusedException>(() => reflections.Write(_frida, Draft("mine", ReflectionVisibility.Private, "y")))).Code);

        var own = Assert.Single((await reflections.View(_karl)).Entries);
        Assert.Equal("x", own.Answers[0]);
    }

    [Fact]
    public async Task SetPrompts_ByAModerator_AsksTheNewPromptsWhileOldEntriesKeepTheirs()
    {
        var (_, reflections) = await CohortWithTeams();
        await reflections.Write(_karl, Draft("before", ReflectionVisibility.Moderators, "Før"));

        Assert.Equal(ErrorCodes.Forbidden, (await Assert.ThrowsAsync<HubRefusedException>(() => reflections.SetPrompts(_karl, ["Hvad lærte du?"]))).Code);
        await reflections.SetPrompts(_mona, ["Hvad lærte du?"]);

        var view = await reflections.View(_mona);
        Assert.Equal(["Hvad lærte du?"], view.Prompts.ToArray());
        Assert.Equal(ReflectionLimits.DefaultPrompts.ToArray(), Assert.Single(view.Entries).Prompts.ToArray());
        await reflections.Write(_karl, new ReflectionDraft("after", ReflectionSubject.Session, "s1", ReflectionVisibility.Private, ["Meget"], []));
    }

    [Fact]
    public async Task TeamReflection_TeamEditsModeratorReadsOthersAreShutOut()
    {
        var (_, reflections) = await CohortWithTeams();
        var view = await reflections.View(_karl);
        var documentId = view.TeamReflectionId!.Value;
        Assert.Equal(documentId, (await reflections.View(_frida)).TeamReflectionId);
        Assert.Contains((await reflections.View(_mona)).TeamReflections, t => t.DocumentId == documentId);
        var team = Grains.GetGrain<ITeamReflectionGrain>(documentId);

        var joined = await team.Join(_karl, "c-karl", 0);
        var first = await team.Submit(_karl, NextId(), new EditTeamReflection(joined.Seq, new TextOp([TextComponent.InsertOf("Vi lærte at ringe før.")])));
        // Frida types at the same place from the same base: the grain transforms it behind Karl's earlier edit.
        var second = await team.Submit(_frida, NextId(), new EditTeamReflection(joined.Seq, new TextOp([TextComponent.InsertOf(" Og vi lytter.")])));
        Assert.True(first.Seq is not null && second.Seq is not null, $"{first.ErrorCode} {second.ErrorCode}");

        var read = await team.Sync(_mona, 0);
        Assert.Equal("Vi lærte at ringe før. Og vi lytter.", read.Snapshot!.Reflection.Text);
        Assert.Equal(ErrorCodes.Forbidden, (await team.Submit(_mona, NextId(), new EditTeamReflection(second.Seq!.Value, new TextOp([TextComponent.InsertOf("!")])))).ErrorCode);
        foreach (var outsider in new[] { _viggo, _olga, _admin })
        {
            Assert.Equal(ErrorCodes.NotFound, (await Assert.ThrowsAsync<HubRefusedException>(() => team.Join(outsider, "c-out", 0))).Code);
        }
    }

    [Fact]
    public async Task RemovePerson_TakesTheirReflectionsAndTheirBarrierTagsAlong()
    {
        var (cohort, reflections) = await CohortWithTeams();
        var report = Grains.GetGrain<IBarrierReportGrain>(0);
        var before = await report.Read(_admin);
        await reflections.Write(_karl, Draft("k", ReflectionVisibility.Moderators, "Svært at finde tid") with { Barriers = [BarrierTag.Time, BarrierTag.Money] });
        await reflections.Write(_frida, Draft("f", ReflectionVisibility.Moderators, "Tid igen") with { Barriers = [BarrierTag.Time] });

        var tagged = await report.Read(_admin);
        Assert.Equal(Count(before, BarrierTag.Time) + 2, Count(tagged, BarrierTag.Time));
        Assert.Equal(Count(before, BarrierTag.Money) + 1, Count(tagged, BarrierTag.Money));

        await Applied(cohort, _mona, new RemovePerson(_karl.UserId));

        Assert.Equal(["f"], (await reflections.View(_mona)).Entries.Select(e => e.Id));
        var after = await report.Read(_admin);
        Assert.Equal(Count(before, BarrierTag.Time) + 1, Count(after, BarrierTag.Time));
        Assert.Equal(Count(before, BarrierTag.Money), Count(after, BarrierTag.Money));
        Assert.Equal(ErrorCodes.Forbidden, (await Assert.ThrowsAsync<HubRefusedException>(() => report.Read(_karl))).Code);

        static int Count(BarrierReport r, BarrierTag tag) => r.Rows.Single(x => x.Tag == tag).Reflections;
    }

    [Fact]
    public async Task PartnershipBarriers_CoordinatorsSetThemMembersReadThemAndTheReportCountsThem()
    {
        var partnership = Grains.GetGrain<IPartnershipGrain>(Guid.NewGuid());
        await partnership.Create(_mona, new PartnershipDetails { Name = "Samarbejde om barrierer", Municipality = "Testrup" }, Side.Municipality);
        await partnership.PutMember(_mona, _karl.UserId, _karl.DisplayName, Side.Municipality, MemberRole.Member);
        var barriers = Grains.GetGrain<IPartnershipBarriersGrain>(partnership.GetPrimaryKey());
        var report = Grains.GetGrain<IBarrierReportGrain>(0);
        var before = await report.Read(_admin);

        Assert.Equal(ErrorCodes.Forbidden, (await Assert.ThrowsAsync<HubRefusedException>(() => barriers.Set(_karl, [BarrierTag.Time]))).Code);
        await Assert.ThrowsAsync<HubRefusedException>(() => barriers.Get(_frida));
        await barriers.Set(_mona, [BarrierTag.Governance, BarrierTag.Language, BarrierTag.Governance]);

        Assert.Equal([BarrierTag.Governance, BarrierTag.Language], (await barriers.Get(_karl)).Barriers.ToArray());
        var after = await report.Read(_admin);
        Assert.Equal(before.Partnerships + 1, after.Partnerships);
        Assert.Equal(Notes(before, BarrierTag.Governance) + 1, Notes(after, BarrierTag.Governance));

        await barriers.Set(_mona, []);
        Assert.Equal(before.Partnerships, (await report.Read(_admin)).Partnerships);

        static int Notes(BarrierReport r, BarrierTag tag) => r.Rows.Single(x => x.Tag == tag).PartnershipNotes;
    }

    private async Task<(ICohortGrain Cohort, ICohortReflectionsGrain Reflections)> CohortWithTeams()
    {
        var id = Guid.NewGuid();
        var cohort = Grains.GetGrain<ICohortGrain>(id);
        await cohort.Create(_mona, new CohortDetails("Refleksionsforløb", "Frivilligcenter Testrup", null, null));
        await Enrol(cohort, _karl, CohortRole.Participant, Side.Municipality);
        await Enrol(cohort, _frida, CohortRole.Participant, Side.VoluntaryOrganisation);
        await Enrol(cohort, _viggo, CohortRole.Participant, Side.VolunteerCentre);
        await Enrol(cohort, _olga, CohortRole.Observer, null);
        await Applied(cohort, _mona, new AddSession("s1", null, Monday, Monday.AddHours(3), "Frivilligcentret", false));
        await Applied(cohort, _mona, new SetTeams([new CohortTeam("t1", "Hold 1", [_karl.UserId, _frida.UserId]), new CohortTeam("t2", "Hold 2", [_viggo.UserId])]));
        return (cohort, Grains.GetGrain<ICohortReflectionsGrain>(id));
    }

    private static ReflectionDraft Draft(string id, ReflectionVisibility visibility, string first) =>
        new(id, ReflectionSubject.Session, "s1", visibility, [first, "", ""], []);

    private async Task Enrol(ICohortGrain cohort, Actor person, CohortRole role, Side? side)
    {
        var invite = await cohort.CreateInvite(_mona, new CohortInviteRequest(role, side, 1, 1));
        await Grains.GetGrain<ICohortInviteGrain>(IInviteGrain.Key(invite.Secret)).Accept(person);
    }

    private async Task Applied(ICohortGrain cohort, Actor actor, CohortOp op)
    {
        var result = await cohort.Submit(actor, NextId(), op);
        Assert.True(result.Seq is not null, $"{op} was refused: {result.ErrorCode} {result.Error}");
    }

    private OpId NextId() => new($"test-{Guid.NewGuid():N}"[..20], Interlocked.Increment(ref _number));

    private static Actor NewActor(string name) => new($"u{Guid.NewGuid():N}", name);
}

[Trait("Tier", "Fast")]
public sealed class CohortReflectionsGrainOnSqliteTests(SqliteGrainCluster cluster) : CohortReflectionsGrainTests<SqliteGrainCluster>(cluster);

public sealed class CohortReflectionsGrainOnPostgresTests(PostgresGrainCluster cluster) : CohortReflectionsGrainTests<PostgresGrainCluster>(cluster);
