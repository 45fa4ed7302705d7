using Hub.Contracts.Audit;
using Hub.Contracts.Boards;
using Hub.Contracts.Cohorts;
using Hub.Contracts.Common;
using Hub.Contracts.Live;
using Hub.Contracts.Partnerships;
using Hub.Contracts.Sessions;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Sessions;

/// <summary>
/// Q&amp;A, raised hands and results sent to a board (issue 14) on the session grain, with real storage on SQLite and
/// on PostgreSQL: one vote per participant, the one order of questions, what moderation keeps from the room, the
/// queue of hands under concurrent raises and its rules, and exactly one card per result however often it is sent.
/// </summary>
public abstract class SessionRoomGrainTests<TCluster>(TCluster cluster) : IClassFixture<TCluster> where TCluster : GrainCluster
{
    private readonly Actor _mona = NewActor("Mona Moderator");
    private long _number;

    private IGrainFactory Grains => cluster.Grains;

    [Fact]
    public async Task UpvoteQuestion_RepeatedAndWithdrawn_CountsOncePerParticipantAndOrdersByVotesThenAgeThenId()
    {
        var (session, code) = await NewSession(partnership: null);
        var anna = await Enter(code, "Anna", Side.VoluntaryOrganisation);
        var bo = await Enter(code, "Bo", Side.Municipality);
        await Applied(session, anna, new SubmitQuestion("q1", "Hvem betaler kaffen?", false));
        cluster.SessionClock.Advance(TimeSpan.FromSeconds(1));
        await Applied(session, bo, new SubmitQuestion("q2", "Hvornår mødes vi igen?", true));
        await Applied(session, bo, new SubmitQuestion("q3", "Må frivillige bruge rådhuset?", false));

        await Applied(session, anna, new UpvoteQuestion("q2", true));
        await Applied(session, anna, new UpvoteQuestion("q2", true));
        await Applied(session, bo, new UpvoteQuestion("q2", true));
        await Applied(session, bo, new UpvoteQuestion("q3", true));
        await Applied(session, bo, new UpvoteQuestion("q3", false));
        await Applied(session, bo, new UpvoteQuestion("q3", false));
        var staffVote = await session.Submit(_mona, NextId(), new UpvoteQuestion("q1", true));
        var retried = await session.Submit(anna, NextId(), new SubmitQuestion("q1", "Hvem betaler kaffen?", false));

        var room = (await session.Open(anna, SessionAudience.Participant)).Room.Qa!;
        Assert.Equal(["q2", "q1", "q3"], room.Questions.Select(q => q.Id));
        Assert.Equal([2, 0, 0], room.Questions.Select(q => q.Votes));
        Assert.Null(room.Questions[0].Name);
        Assert.Equal("Anna", room.Questions[1].Name);
        Assert.Equal(ErrorCodes.Forbidden, staffVote.ErrorCode);
        Assert.NotNull(retried.Seq);
        Assert.Equal(3, (await session.Summary(_mona)).Qa!.Questions.Length);
        var work = (await session.Open(anna, SessionAudience.Participant)).Work!;
        Assert.Equal(["q2"], work.Upvoted.AsEnumerable());
        Assert.Equal(["q1"], work.Asked.Select(q => q.Id));
    }

    [Fact]
    public async Task ModeratedQuestions_PendingHiddenAndFiltered_NeverReachTheRoomUntilPublished()
    {
        var (session, code) = await NewSession(partnership: null);
        var anna = await Enter(code, "Anna", Side.VoluntaryOrganisation);
        await Applied(session, anna, new SubmitQuestion("rude", "Hvorfor er kommunen så fucking langsom?", false));
        await Applied(session, _mona, new SetQa(QaSettings.Default with { Moderated = true, AllowAnonymous = false }));
        await Applied(session, anna, new SubmitQuestion("held", "Kan vi få flere penge?", false));
        var anonymous = await session.Submit(anna, NextId(), new SubmitQuestion("anon", "Hemmeligt", true));
        var published = await session.Submit(anna, NextId(), new UpvoteQuestion("held", true));

        var room = (await session.Open(anna, SessionAudience.Projector)).Room.Qa!;
        var staff = (await session.Summary(_mona)).Qa!;
        Assert.Empty(room.Questions);
        Assert.Equal(ErrorCodes.Validation, anonymous.ErrorCode);
        Assert.Equal(ErrorCodes.NotFound, published.ErrorCode);
        Assert.Equal((QuestionState.Pending, true), (staff.Questions.Single(q => q.Id == "rude").State, staff.Questions.Single(q => q.Id == "rude").Flagged));
        Assert.Equal((QuestionState.Pending, false), (staff.Questions.Single(q => q.Id == "held").State, staff.Questions.Single(q => q.Id == "held").Flagged));

        await Applied(session, _mona, new ModerateQuestion("held", QuestionState.Published));
        await Applied(session, _mona, new ModerateQuestion("rude", QuestionState.Hidden));
        await Applied(session, _mona, new SetQa(QaSettings.Default with { Filter = false }));
        await Applied(session, anna, new SubmitQuestion("free", "Det var en fucking god dag", false));

        room = (await session.Open(anna, SessionAudience.Projector)).Room.Qa!;
        Assert.Equal(["free", "held"], room.Questions.Select(q => q.Id).Order());
        Assert.DoesNotContain(room.Questions, q => q.Text.Contains("langsom", StringComparison.Ordinal));
        var cohortId = (await session.Summary(_mona)).Session.Owner.CohortId!.Value;
        var audit = await Grains.GetGrain<IAuditGrain>(AuditKeys.Cohort(cohortId, cluster.SessionClock.GetUtcNow())).Read();
        Assert.Contains(audit, e => e.Action == AuditActions.QuestionHidden && e.ActorId == _mona.UserId);
    }

    [Fact]
    public async Task AnswerNow_ThenAnsweredAndRestored_ArchivesAndRestoresWithTheReply()
    {
        var (session, code) = await NewSession(partnership: null);
        var anna = await Enter(code, "Anna", null);
        await Applied(session, anna, new SubmitQuestion("q1", "Hvad koster det?", false));
        var participantModerates = await session.Submit(anna, NextId(), new AnswerNow("q1"));
        await Applied(session, _mona, new AnswerNow("q1"));
        await Applied(session, _mona, new ReplyQuestion("q1", "Ingenting."));
        Assert.Equal("q1", (await session.Open(anna, SessionAudience.Participant)).Room.Qa!.Current);

        await Applied(session, _mona, new ModerateQuestion("q1", QuestionState.Answered));
        var answered = (await session.Open(anna, SessionAudience.Participant)).Room.Qa!;
        var voteOnAnswered = await session.Submit(anna, NextId(), new UpvoteQuestion("q1", true));
        await Applied(session, _mona, new ModerateQuestion("q1", QuestionState.Published));

        Assert.Equal(ErrorCodes.Forbidden, participantModerates.ErrorCode);
        Assert.Null(answered.Current);
        Assert.Equal((true, "Ingenting."), (answered.Questions.Single().Answered, answered.Questions.Single().Reply));
        Assert.Equal(ErrorCodes.Conflict, voteOnAnswered.ErrorCode);
        Assert.False((await session.Open(anna, SessionAudience.Participant)).Room.Qa!.Questions.Single().Answered);
    }

    [Fact]
    public async Task RaiseHand_ConcurrentlyAndRetried_QueuesEachOnceInTheServersOrder()
    {
        var (session, code) = await NewSession(partnership: null);
        var people = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Enter(code, $"P{i}", i % 2 == 0 ? Side.Municipality : Side.VolunteerCentre)));

        var raised = await Task.WhenAll(people.Select((p, i) => session.Submit(p, new OpId($"tab{i}", 1), new RaiseHand($"h{i}"))));
        var retried = await Task.WhenAll(people.Select((p, i) => session.Submit(p, new OpId($"tab{i}", 2), new RaiseHand($"h{i}"))));
        await Applied(session, people[3], new LowerHand());

        Assert.All(raised.Concat(retried), r => Assert.NotNull(r.Seq));
        var staff = (await session.Summary(_mona)).Hands!;
        Assert.Equal(11, staff.Queue.Length);
        Assert.Equal(11, staff.Queue.Select(h => h.HandId).Distinct().Count());
        Assert.DoesNotContain(staff.Queue, h => h.HandId == "h3");
        // The server's order: the order the grain applied the raises in, which is the order of their times.
        Assert.Equal(staff.Queue.OrderBy(h => h.At).Select(h => h.HandId), staff.Queue.Select(h => h.HandId));
        var room = (await session.Open(people[5], SessionAudience.Participant)).Room.Hands!;
        Assert.Equal(staff.Queue.Select(h => h.HandId), room.Queue);
        Assert.Equal("h5", (await session.Open(people[5], SessionAudience.Participant)).Work!.HandId);
    }

    [Fact]
    public async Task NextSpeaker_WithAlternationAndNewSpeakersFirst_TakesTheOtherSideAndThenTheLowerHands()
    {
        var (session, code) = await NewSession(partnership: null);
        var staff1 = await Enter(code, "Sofie (kommune)", Side.Municipality);
        var staff2 = await Enter(code, "Sune (kommune)", Side.Municipality);
        var volunteer = await Enter(code, "Vera (frivillig)", Side.VoluntaryOrganisation);
        await Applied(session, _mona, new SetHandRules(new HandRules(Alternate: true, PreferNew: true, SpeakingSeconds: 120)));
        await Applied(session, staff1, new RaiseHand("a"));
        await Applied(session, staff2, new RaiseHand("b"));
        await Applied(session, volunteer, new RaiseHand("c"));

        var order = new List<string?>();
        await Applied(session, _mona, new NextSpeaker("a"));
        order.Add((await session.Summary(_mona)).Hands!.Speaking?.HandId);
        var stale = await session.Submit(_mona, NextId(), new NextSpeaker("a"));
        await Applied(session, staff1, new RaiseHand("a2"));
        var queue = (await session.Summary(_mona)).Hands!.Queue.Select(h => h.HandId).ToList();
        await Applied(session, _mona, new NextSpeaker(null));
        order.Add((await session.Summary(_mona)).Hands!.Speaking?.HandId);
        await Applied(session, _mona, new NextSpeaker(null));
        order.Add((await session.Summary(_mona)).Hands!.Speaking?.HandId);
        await Applied(session, _mona, new LowerHands(null));
        await Applied(session, _mona, new NextSpeaker(null));
        var end = (await session.Summary(_mona)).Hands!;

        // Staff spoke first; Vera (the other side) comes before Sune; Sune (new) before Sofie's second hand.
        Assert.Equal(["c", "b", "a2"], queue);
        Assert.Equal(["a", "c", "b"], order);
        Assert.Equal(ErrorCodes.Conflict, stale.ErrorCode);
        Assert.Null(end.Speaking);
        Assert.Empty(end.Queue);
        Assert.Equal(120, (await session.Open(volunteer, SessionAudience.Participant)).Room.Hands!.SpeakingSeconds);
        var municipality = end.BySide.Single(s => s.Side == Side.Municipality);
        Assert.Equal((2, 2), (municipality.Hands, municipality.Turns));
    }

    [Fact]
    public async Task SendToBoard_AgainAndConcurrently_MakesExactlyOneCardPerResultLabelledAndLinked()
    {
        var partnership = Grains.GetGrain<IPartnershipGrain>(Guid.NewGuid());
        var created = await partnership.Create(_mona, new PartnershipDetails { Name = "Tavlesamarbejde", Municipality = "Testrup" }, Side.Municipality);
        var boardId = created.Boards[0].BoardId;
        var (session, code) = await NewSession(partnership.GetPrimaryKey());
        await Applied(session, _mona, new AddPoll("p", PollKind.Single, "Hvad gør vi først?", ["Kaffeklub", "Lektiecafé"], 1, [], 0, 0, "", "", true, false, null));
        await Applied(session, _mona, new AddStep("s", "Valg", StepKind.Poll, 5, "", "", "p", null));
        await Applied(session, _mona, new GoToStep(0));
        var anna = await Enter(code, "Anna", Side.VoluntaryOrganisation);
        await Applied(session, anna, new SubmitAnswer("p", "a1", [1], [], [], null));
        await Applied(session, anna, new SubmitQuestion("q", "Hvem holder nøglen?", false));
        var results = Grains.GetGrain<ISessionResultsGrain>(session.GetPrimaryKey());
        ResultsToBoard request = new(boardId, null, [new ResultItem(ResultKind.PollOption, "p", 1, null), new ResultItem(ResultKind.Question, "q", 0, null)]);

        var first = await results.SendToBoard(_mona, request);
        var again = await Task.WhenAll(results.SendToBoard(_mona, request), results.SendToBoard(_mona, request));
        var byParticipant = await Assert.ThrowsAsync<HubRefusedException>(() => results.SendToBoard(anna, request));
        var unknown = await Assert.ThrowsAsync<HubRefusedException>(() => results.SendToBoard(_mona, request with { Items = [new ResultItem(ResultKind.Question, "nope", 0, null)] }));

        Assert.Equal(2, first.Sent.Length);
        Assert.All(again, o => Assert.Equal((0, 2), (o.Sent.Length, o.Already.Length)));
        Assert.Equal(ErrorCodes.Forbidden, byParticipant.Code);
        Assert.Equal(ErrorCodes.NotFound, unknown.Code);
        var board = (await Grains.GetGrain<IBoardGrain>(boardId).GetSnapshot(_mona)).Board;
        var cards = board.Cards.Values.Where(c => c.Labels.Contains(SessionResultLimits.Label)).OrderBy(c => c.Title, StringComparer.Ordinal).ToList();
        Assert.Equal(["Hvem holder nøglen?", "Lektiecafé"], cards.Select(c => c.Title));
        Assert.All(cards, c => Assert.Contains($"/sessions/{session.GetPrimaryKey()}", c.Description, StringComparison.Ordinal));
        Assert.All(cards, c => Assert.StartsWith("Fra workshop «Workshop»", c.Description, StringComparison.Ordinal));
        Assert.Contains("1 af 1 valgte det", cards[1].Description, StringComparison.Ordinal);
        Assert.Equal(board.Columns[0].Id, board.Columns.First(c => c.CardIds.Contains(cards[0].Id)).Id);
        Assert.Equal(2, (await session.Summary(_mona)).Session.Sent!.Value.Length);
    }

    private async Task<(ISessionGrain Session, string Code)> NewSession(Guid? partnership)
    {
        var owner = partnership is { } p ? new SessionOwner(p, null, null) : new SessionOwner(null, await NewCohort(), null);
        var session = Grains.GetGrain<ISessionGrain>(Guid.NewGuid());
        var created = await session.Create(_mona, new SessionDetails("Workshop", owner, true));
        return (session, created.Session.Code);
    }

    private async Task<Guid> NewCohort()
    {
        var id = Guid.NewGuid();
        await Grains.GetGrain<ICohortGrain>(id).Create(_mona, new CohortDetails("Fælles forløb", "Testrup", null, null));
        return id;
    }

    private async Task<Actor> Enter(string code, string name, Side? side)
    {
        var actor = NewActor(name);
        await Grains.GetGrain<ISessionCodeGrain>(code).Enter(actor, side);
        return actor;
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
public sealed class SessionRoomGrainOnSqliteTests(SqliteGrainCluster cluster) : SessionRoomGrainTests<SqliteGrainCluster>(cluster);

public sealed class SessionRoomGrainOnPostgresTests(PostgresGrainCluster cluster) : SessionRoomGrainTests<PostgresGrainCluster>(cluster);
