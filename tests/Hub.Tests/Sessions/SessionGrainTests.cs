using System.Text.Json;
using Hub.Contracts.Audit;
using Hub.Contracts.Cohorts;
using Hub.Contracts.Common;
using Hub.Contracts.Live;
using Hub.Contracts.Partnerships;
using Hub.Contracts.Sessions;
using Hub.Grains.Sessions;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Sessions;

/// <summary>
/// The session grain on Orleans' test cluster with real storage, on SQLite and on PostgreSQL: creation and codes,
/// every moderator operation, answers (double submits, changes), phases and roles refused in the grain, the timer on
/// a manual clock across a restart of the whole cluster, and what the room's view leaves out.
/// </summary>
public abstract partial class SessionGrainTests<TCluster>(TCluster cluster) : IClassFixture<TCluster> where TCluster : GrainCluster
{
    private readonly Actor _mona = NewActor("Mona Moderator");
    private readonly Actor _carl = NewActor("Carl Co");
    private readonly Actor _anna = NewActor("Anna");
    private readonly Actor _bo = NewActor("Bo");
    private readonly Actor _stranger = NewActor("Fremmed");
    private long _number;

    private IGrainFactory Grains => cluster.Grains;

    [Fact]
    public async Task Create_ByCohortModerator_GivesACodeThatAdmitsParticipants()
    {
        var (session, code) = await NewSession();

        Assert.Equal(SessionLimits.CodeLength, code.Length);
        Assert.All(code, c => Assert.Contains(c, SessionLimits.CodeAlphabet));
        Assert.DoesNotContain(code, c => c is '0' or 'O' or '1' or 'I' or 'L');
        var entry = await Grains.GetGrain<ISessionCodeGrain>(code).Enter(_anna, Side.VoluntaryOrganisation);
        Assert.Equal((session.GetPrimaryKey(), SessionRole.Participant), (entry.SessionId, entry.Role));
        var opened = await session.Open(_anna, SessionAudience.Participant);
        Assert.Equal(SessionRole.Participant, opened.Role);
        Assert.Null(opened.Staff);
        Assert.Equal(1, opened.Room.Participants);
        var staff = await session.Summary(_mona);
        Assert.Equal(Side.VoluntaryOrganisation, Assert.Single(staff.Session.Participants).Side);
    }

    [Fact]
    public async Task Create_ByPersonOutsideTheCohortOrPartnership_IsRefused()
    {
        var cohort = await NewCohort();
        var partnership = Grains.GetGrain<IPartnershipGrain>(Guid.NewGuid());
        await partnership.Create(_mona, new PartnershipDetails { Name = "Samarbejde", Municipality = "Testrup" }, Side.Municipality);

        var byStranger = await Assert.ThrowsAsync<HubRefusedException>(() => Grains.GetGrain<ISessionGrain>(Guid.NewGuid())
            .Create(_stranger, new SessionDetails("Møde", new SessionOwner(null, cohort, null), false)));
        var inPartnership = await Grains.GetGrain<ISessionGrain>(Guid.NewGuid())
            .Create(_mona, new SessionDetails("Partnerskabsmøde", new SessionOwner(partnership.GetPrimaryKey(), null, null), false));
        var strangerInPartnership = await Assert.ThrowsAsync<HubRefusedException>(() => Grains.GetGrain<ISessionGrain>(Guid.NewGuid())
            .Create(_stranger, new SessionDetails("Møde", new SessionOwner(partnership.GetPrimaryKey(), null, null), false)));

        Assert.Equal(ErrorCodes.NotFound, byStranger.Code);
        Assert.Equal(ErrorCodes.NotFound, strangerInPartnership.Code);
        Assert.Equal("Partnerskabsmøde", inPartnership.Session.Title);
        var listed = await Grains.GetGrain<ISessionListGrain>(SessionListGrain.KeyOf(inPartnership.Session.Owner)).List(_mona);
        Assert.Contains(listed, s => s.Id == inPartnership.Session.Id);
        await Assert.ThrowsAsync<HubRefusedException>(() => Grains.GetGrain<ISessionListGrain>(SessionListGrain.KeyOf(inPartnership.Session.Owner)).List(_stranger));
    }

    [Fact]
    public async Task Submit_EveryModeratorOp_ChangesTheSessionAsSpecified()
    {
        var (session, _) = await NewSession();
        var clock = cluster.SessionClock;
        await EnrolInSessionsCohort(session, _carl);

        await Applied(session, _mona, new SetSessionTitle("Workshop om samarbejde"));
        await Applied(session, _mona, new AddCoFacilitator(_carl.UserId, _carl.DisplayName));
        await Applied(session, _carl, SinglePoll("p1"));
        await Applied(session, _carl, new AddStep("s1", "Velkommen", StepKind.Text, 5, "Dagens program", "Husk at sige hej", null, null));
        await Applied(session, _carl, new AddStep("s2", "Hvordan går det?", StepKind.Poll, 3, "", "", "p1", null));
        await Applied(session, _carl, new AddStep("s0", "Kaffe", StepKind.Pause, 10, "", "", null, 0));
        await Applied(session, _carl, new UpdateStep("s0", "Kaffe og kage", StepKind.Pause, 15, "", "", null));
        await Applied(session, _carl, new RemoveStep("s0"));
        await Applied(session, _carl, new GoToStep(1));
        await Applied(session, _carl, new BringEveryone());
        await Applied(session, _carl, new SetPhase(SessionPhase.Results));
        await Applied(session, _carl, new SetPhase(SessionPhase.Answer));
        await Applied(session, _carl, new StartTimer(300));
        var started = clock.GetUtcNow();
        await Applied(session, _carl, new ExtendTimer(60));
        await Applied(session, _carl, new PauseTimer());
        await Applied(session, _carl, new ResumeTimer());
        await Applied(session, _carl, new StopTimer());
        await Applied(session, _carl, new ShowResults("p1", false));
        await Applied(session, _carl, new LockPoll("p1", true));
        await Applied(session, _carl, new LockPoll("p1", false));

        var view = await session.Summary(_mona);
        var s = view.Session;
        Assert.Equal("Workshop om samarbejde", s.Title);
        Assert.Equal(["s1", "s2"], s.Steps.Select(x => x.Id));
        Assert.Equal((1, 1, SessionPhase.Answer), (s.CurrentStep, s.BringCount, s.Phase));
        Assert.Equal(SessionTimer.Off, s.Timer);
        Assert.Equal((false, false), (s.Polls[0].ResultsShown, s.Polls[0].Locked));
        Assert.Equal(SessionRole.CoFacilitator, SessionReducer.RoleOf(s, _carl.UserId));
        Assert.True(started > DateTimeOffset.MinValue);
        Assert.Equal("s2", view.Room.Step?.Id);
        Assert.Equal("p1", view.Room.Poll?.Poll.Id);
    }

    [Fact]
    public async Task SubmitAnswer_TwiceWithOneIdThenChanged_CountsOnceAndKeepsTheChange()
    {
        var (session, code) = await RunningPoll(SinglePoll("p1"));
        await Grains.GetGrain<ISessionCodeGrain>(code).Enter(_anna, null);

        var first = await session.Submit(_anna, NextId(), Vote("p1", "a1", 0));
        var retried = await session.Submit(_anna, NextId(), Vote("p1", "a1", 0));
        var reused = await session.Submit(_anna, NextId(), Vote("p1", "a1", 2));
        var changed = await session.Submit(_anna, NextId(), Vote("p1", "a2", 2));

        Assert.NotNull(first.Seq);
        Assert.NotNull(retried.Seq);
        Assert.NotNull(reused.Seq);
        Assert.NotNull(changed.Seq);
        var tally = (await session.Summary(_mona)).Tallies.Single(t => t.PollId == "p1");
        Assert.Equal(1, tally.Answers);
        Assert.Equal(new[] { 0, 0, 1 }, tally.Options.ToArray());
        var mine = (await session.Open(_anna, SessionAudience.Participant)).Mine;
        Assert.Equal(("a2", 2), (Assert.Single(mine).AnswerId, mine[0].Choices.Single()));
    }

    [Fact]
    public async Task SubmitAnswer_InPauseOrResultsPhaseOrLocked_IsRefusedInTheGrainAndChangesNothing()
    {
        var (session, code) = await RunningPoll(SinglePoll("p1"));
        await Grains.GetGrain<ISessionCodeGrain>(code).Enter(_anna, null);
        var refusals = new List<string?>();

        foreach (var setup in new SessionOp[] { new SetPhase(SessionPhase.Pause), new SetPhase(SessionPhase.Results), new LockPoll("p1", true) })
        {
            await Applied(session, _mona, new SetPhase(SessionPhase.Answer));
            await Applied(session, _mona, new LockPoll("p1", false));
            await Applied(session, _mona, setup);
            refusals.Add((await session.Submit(_anna, NextId(), Vote("p1", $"a{refusals.Count}", 1))).ErrorCode);
        }

        Assert.Equal([ErrorCodes.Conflict, ErrorCodes.Conflict, ErrorCodes.Conflict], refusals);
        Assert.Equal(0, (await session.Summary(_mona)).Tallies.Single().Answers);
    }

    [Fact]
    public async Task Submit_ByParticipantOrStranger_IsRefusedForModeratorOpsAndReadingTheDocument()
    {
        var (session, code) = await RunningPoll(SinglePoll("p1"));
        await Grains.GetGrain<ISessionCodeGrain>(code).Enter(_anna, null);

        var byParticipant = await session.Submit(_anna, NextId(), new SetPhase(SessionPhase.Pause));
        var byStranger = await session.Submit(_stranger, NextId(), Vote("p1", "x1", 0));
        var moderatorVoting = await session.Submit(_mona, NextId(), Vote("p1", "x2", 0));
        var systemOp = await session.Submit(_mona, NextId(), new ExpireTimer());

        Assert.Equal(ErrorCodes.Forbidden, byParticipant.ErrorCode);
        Assert.Equal(ErrorCodes.NotFound, byStranger.ErrorCode);
        Assert.Equal(ErrorCodes.Forbidden, moderatorVoting.ErrorCode);
        Assert.Equal(ErrorCodes.Forbidden, systemOp.ErrorCode);
        Assert.Equal(ErrorCodes.Forbidden, (await Assert.ThrowsAsync<HubRefusedException>(() => session.Sync(_anna, 0))).Code);
        Assert.Equal(ErrorCodes.Forbidden, (await Assert.ThrowsAsync<HubRefusedException>(() => session.Join(_anna, "c1", 0))).Code);
        Assert.Equal(ErrorCodes.Forbidden, (await Assert.ThrowsAsync<HubRefusedException>(() => session.Open(_anna, SessionAudience.Staff))).Code);
        Assert.Equal(ErrorCodes.NotFound, (await Assert.ThrowsAsync<HubRefusedException>(() => session.Open(_stranger, SessionAudience.Projector))).Code);
        Assert.Equal(ErrorCodes.Forbidden, (await Assert.ThrowsAsync<HubRefusedException>(() => session.Summary(_anna))).Code);
    }

    [Fact]
    public async Task Polls_OfEveryKind_AreTalliedAndTheRoomSeesOnlyRevealedApprovedCountsWithoutNames()
    {
        var (session, code) = await NewSession();
        await Applied(session, _mona, new AddPoll("sc", PollKind.Scale, "Hvor enig?", [], 0, ["Vi lytter", "Vi deler"], 1, 5, "Uenig", "Enig", false, false, null));
        await Applied(session, _mona, new AddPoll("wc", PollKind.WordCloud, "Ét ord", [], 0, [], 0, 0, "", "", true, false, null));
        await Applied(session, _mona, new AddPoll("ot", PollKind.OpenText, "Fortæl", [], 0, [], 0, 0, "", "", false, true, null));
        await Applied(session, _mona, new AddPoll("mc", PollKind.Multiple, "Vælg", ["A", "B", "C"], 2, [], 0, 0, "", "", false, false, null));
        await Applied(session, _mona, new AddStep("s1", "Skala", StepKind.Poll, 2, "", "", "sc", null));
        await Applied(session, _mona, new AddStep("s2", "Ord", StepKind.Poll, 2, "", "", "wc", null));
        await Applied(session, _mona, new AddStep("s3", "Tekst", StepKind.Poll, 2, "", "", "ot", null));
        await Applied(session, _mona, new AddStep("s4", "Flere", StepKind.Poll, 2, "", "", "mc", null));
        await Grains.GetGrain<ISessionCodeGrain>(code).Enter(_anna, null);
        await Grains.GetGrain<ISessionCodeGrain>(code).Enter(_bo, null);

        await Applied(session, _mona, new GoToStep(0));
        await Applied(session, _anna, new SubmitAnswer("sc", "a1", [], [5, null], [], null));
        await Applied(session, _bo, new SubmitAnswer("sc", "b1", [], [4, 2], [], null));
        var scale = (await session.Open(_bo, SessionAudience.Projector)).Room.Poll!.Tally!.Scale;
        Assert.Equal(new[] { 0, 0, 0, 1, 1 }, scale[0].Counts.ToArray());
        Assert.Equal((0, 4.5), (scale[0].Skipped, scale[0].Average));
        Assert.Equal((1, 2.0), (scale[1].Skipped, scale[1].Average));

        await Applied(session, _mona, new GoToStep(1));
        await Applied(session, _anna, new SubmitAnswer("wc", "a2", [], [], ["  Tillid ", "ÆBLE"], null));
        await Applied(session, _bo, new SubmitAnswer("wc", "b2", [], [], ["tillid", "Ro  og   tid"], null));
        var hiddenCloud = (await session.Open(_bo, SessionAudience.Participant)).Room.Poll!;
        Assert.Null(hiddenCloud.Tally);
        await Applied(session, _mona, new ShowResults("wc", true));
        var cloud = (await session.Open(_bo, SessionAudience.Participant)).Room.Poll!.Tally!.Ranked;
        Assert.Equal(["tillid:2", "ro og tid:1", "æble:1"], cloud.Select(r => $"{r.Text}:{r.Count}"));

        await Applied(session, _mona, new GoToStep(2));
        await Applied(session, _mona, new ShowResults("ot", true));
        await Applied(session, _anna, new SubmitAnswer("ot", "a3", [], [], [], "Vi skal mødes oftere"));
        var staff = await session.Summary(_mona);
        var pending = Assert.Single(staff.Pending);
        Assert.Equal(("Anna", "Vi skal mødes oftere"), (pending.Name, pending.Text));
        var room = (await session.Open(_bo, SessionAudience.Projector)).Room;
        Assert.Equal(0, room.Poll!.Tally!.Answers);
        Assert.DoesNotContain("Vi skal mødes oftere", JsonSerializer.Serialize(room));
        Assert.DoesNotContain("Anna", JsonSerializer.Serialize(room));
        await Applied(session, _mona, new ApproveAnswer("ot", "a3"));
        Assert.Equal("Vi skal mødes oftere", Assert.Single((await session.Open(_bo, SessionAudience.Projector)).Room.Poll!.Tally!.Ranked).Text);

        await Applied(session, _mona, new GoToStep(3));
        var tooMany = await session.Submit(_anna, NextId(), new SubmitAnswer("mc", "a4", [0, 1, 2], [], [], null));
        Assert.Equal(ErrorCodes.Validation, tooMany.ErrorCode);
        await Applied(session, _anna, new SubmitAnswer("mc", "a5", [2, 0], [], [], null));
        Assert.Equal(new[] { 1, 0, 1 }, (await session.Summary(_mona)).Tallies.Single(t => t.PollId == "mc").Options.ToArray());
    }

    [Fact]
    public async Task ResetPoll_ArchivesTheAnswersAndAuditsIt()
    {
        var (session, code) = await RunningPoll(SinglePoll("p1"));
        await Grains.GetGrain<ISessionCodeGrain>(code).Enter(_anna, null);
        await Applied(session, _anna, Vote("p1", "a1", 1));

        await Applied(session, _mona, new ResetPoll("p1"));

        var view = await session.Summary(_mona);
        Assert.Equal(0, view.Tallies.Single().Answers);
        Assert.Equal(1, view.Session.Polls.Single().Resets);
        var cohortId = view.Session.Owner.CohortId!.Value;
        var audit = await Grains.GetGrain<IAuditGrain>(AuditKeys.Cohort(cohortId, cluster.SessionClock.GetUtcNow())).Read();
        Assert.Contains(audit, e => e.Action == AuditActions.PollReset && e.ActorId == _mona.UserId);
        // The archive is kept in the stored session; the views leave it out.
        var synced = await session.Sync(_mona, 0);
        Assert.Equal("a1", Assert.Single(Assert.Single(synced.Snapshot!.Session.Archive).Answers).AnswerId);
    }

    [Fact]
    public async Task Timer_AcrossAClusterRestart_KeepsItsEndTimeAndItsExpiryLocksThePoll()
    {
        var clock = cluster.SessionClock;
        var (session, _) = await RunningPoll(SinglePoll("p1"));
        await Applied(session, _mona, new StartTimer(120));
        var endsAt = (await session.Summary(_mona)).Session.Timer.EndsAt;
        Assert.Equal(clock.GetUtcNow().AddSeconds(120), endsAt);

        await cluster.RestartAsync();
        session = Grains.GetGrain<ISessionGrain>(session.GetPrimaryKey());
        clock.Advance(TimeSpan.FromSeconds(60));
        var halfway = await session.Summary(_mona);
        Assert.Equal((endsAt, false, false), (halfway.Session.Timer.EndsAt, halfway.Session.Timer.Expired, halfway.Session.Polls[0].Locked));

        clock.Advance(TimeSpan.FromSeconds(61));
        var after = await session.Summary(_mona);
        Assert.True(after.Session.Timer.Expired);
        Assert.True(after.Session.Polls[0].Locked);
        Assert.False(after.Room.Poll!.Open);
    }

    [Fact]
    public async Task Close_KillsTheCode_AndOnlyTheOwnerChangesIt()
    {
        var (session, code) = await NewSession();
        await EnrolInSessionsCohort(session, _carl);
        await Applied(session, _mona, new AddCoFacilitator(_carl.UserId, _carl.DisplayName));

        var byCo = await Assert.ThrowsAsync<HubRefusedException>(() => session.ChangeCode(_carl));
        var changed = await session.ChangeCode(_mona);
        var oldCode = await Assert.ThrowsAsync<HubRefusedException>(() => Grains.GetGrain<ISessionCodeGrain>(code).Enter(_anna, null));
        await Grains.GetGrain<ISessionCodeGrain>(changed.Session.Code).Enter(_anna, null);
        await session.Close(_carl);
        var closed = await Assert.ThrowsAsync<HubRefusedException>(() => Grains.GetGrain<ISessionCodeGrain>(changed.Session.Code).Enter(_bo, null));

        Assert.Equal(ErrorCodes.Forbidden, byCo.Code);
        Assert.NotEqual(code, changed.Session.Code);
        Assert.Equal(ErrorCodes.NotFound, oldCode.Code);
        Assert.Equal(ErrorCodes.NotFound, closed.Code);
        var room = (await session.Open(_anna, SessionAudience.Participant)).Room;
        Assert.True(room.Closed);
        Assert.Equal("", room.Code);
    }

    [Fact]
    public async Task RemoveParticipant_EndsTheirWayInAndTheirAnswersStay()
    {
        var (session, code) = await RunningPoll(SinglePoll("p1"));
        var entry = await Grains.GetGrain<ISessionCodeGrain>(code).Enter(_anna, null);
        await Applied(session, _anna, Vote("p1", "a1", 0));

        await Applied(session, _mona, new RemoveParticipant(entry.ParticipantId));

        Assert.Equal(ErrorCodes.NotFound, (await Assert.ThrowsAsync<HubRefusedException>(() => session.Open(_anna, SessionAudience.Participant))).Code);
        Assert.Equal(ErrorCodes.Forbidden, (await Assert.ThrowsAsync<HubRefusedException>(() => Grains.GetGrain<ISessionCodeGrain>(code).Enter(_anna, null))).Code);
        Assert.Equal(1, (await session.Summary(_mona)).Tallies.Single().Answers);
    }

    private static AddPoll SinglePoll(string id) =>
        new(id, PollKind.Single, "Hvordan går det?", ["Godt", "Så som så", "Skidt"], 1, [], 0, 0, "", "", true, false, null);

    private static SubmitAnswer Vote(string pollId, string answerId, int choice) => new(pollId, answerId, [choice], [], [], null);

    private async Task<Guid> NewCohort()
    {
        var id = Guid.NewGuid();
        await Grains.GetGrain<ICohortGrain>(id).Create(_mona, new CohortDetails("Fælles forløb", "Testrup", null, null));
        return id;
    }

    private async Task<(ISessionGrain Session, string Code)> NewSession()
    {
        var session = Grains.GetGrain<ISessionGrain>(Guid.NewGuid());
        var created = await session.Create(_mona, new SessionDetails("Workshop", new SessionOwner(null, await NewCohort(), null), true));
        return (session, created.Session.Code);
    }

    private async Task<(ISessionGrain Session, string Code)> RunningPoll(AddPoll poll)
    {
        var (session, code) = await NewSession();
        await Applied(session, _mona, poll);
        await Applied(session, _mona, new AddStep("s1", "Afstemning", StepKind.Poll, 5, "", "", poll.PollId, null));
        await Applied(session, _mona, new GoToStep(0));
        return (session, code);
    }

    private async Task Applied(ISessionGrain session, Actor actor, SessionOp op)
    {
        var result = await session.Submit(actor, NextId(), op);
        Assert.True(result.Seq is not null, $"{op} was refused: {result.ErrorCode} {result.Error}");
    }

    private OpId NextId() => new("test-client", Interlocked.Increment(ref _number));

    private static Actor NewActor(string name) => new($"u{Guid.NewGuid():N}", name);
}

[Trait("Tier", "Fast")]
public sealed class SessionGrainOnSqliteTests(SqliteGrainCluster cluster) : SessionGrainTests<SqliteGrainCluster>(cluster);

public sealed class SessionGrainOnPostgresTests(PostgresGrainCluster cluster) : SessionGrainTests<PostgresGrainCluster>(cluster);
