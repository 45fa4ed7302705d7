using System.Text.Json;
using Hub.Contracts.Common;
using Hub.Contracts.Sessions;

namespace Hub.Tests.Sessions;

/// <summary>The summary and the polls' exports (issue 13 item 7): moderators only; names only for named polls.</summary>
public abstract partial class SessionGrainTests<TCluster>
{
    [Fact]
    public async Task Report_AfterTheSession_GivesEachStepsPlannedAndActualTimeAndEveryPollsTally()
    {
        var clock = cluster.SessionClock;
        var (session, code) = await NewSession();
        await Applied(session, _mona, SinglePoll("p1"));
        await Applied(session, _mona, new AddStep("s1", "Velkommen", StepKind.Text, 5, "", "", null, null));
        await Applied(session, _mona, new AddStep("s2", "Afstemning", StepKind.Poll, 3, "", "", "p1", null));
        await Applied(session, _mona, new AddStep("s3", "Aldrig nået", StepKind.Text, 10, "", "", null, null));
        await Grains.GetGrain<ISessionCodeGrain>(code).Enter(_anna, null);

        await Applied(session, _mona, new GoToStep(0));
        clock.Advance(TimeSpan.FromMinutes(4));
        await Applied(session, _mona, new GoToStep(1));
        await Applied(session, _anna, Vote("p1", "a1", 2));
        clock.Advance(TimeSpan.FromMinutes(2));
        await Applied(session, _mona, new GoToStep(0));
        clock.Advance(TimeSpan.FromMinutes(1));
        await session.Close(_mona);
        clock.Advance(TimeSpan.FromMinutes(30));

        var report = await session.Report(_mona);

        Assert.Equal(
            [("s1", 5, 300.0, 2), ("s2", 3, 120.0, 1), ("s3", 10, 0.0, 0)],
            report.Steps.Select(s => (s.StepId, s.PlannedMinutes, s.ActualSeconds, s.Visits)));
        Assert.Equal(new[] { 0, 0, 1 }, Assert.Single(report.Polls).Tally.Options.ToArray());
        Assert.Equal(1, report.Participants);
        Assert.NotNull(report.ClosedAt);
        Assert.DoesNotContain("Anna", JsonSerializer.Serialize(report));
    }

    [Fact]
    public async Task ExportPoll_NamedAndAnonymous_NamesOnlyTheNamedPollsAnswers()
    {
        var (session, code) = await NewSession();
        await Applied(session, _mona, SinglePoll("anon"));
        await Applied(session, _mona, SinglePoll("named") with { Anonymous = false });
        await Applied(session, _mona, new AddStep("s1", "Anonym", StepKind.Poll, 3, "", "", "anon", null));
        await Applied(session, _mona, new AddStep("s2", "Med navn", StepKind.Poll, 3, "", "", "named", null));
        var anna = await Grains.GetGrain<ISessionCodeGrain>(code).Enter(_anna, Hub.Contracts.Partnerships.Side.Municipality);
        await Applied(session, _mona, new GoToStep(0));
        await Applied(session, _anna, Vote("anon", "a1", 0));
        await Applied(session, _mona, new GoToStep(1));
        await Applied(session, _anna, Vote("named", "a2", 1));

        var anonymous = await session.ExportPoll(_mona, "anon");
        var named = await session.ExportPoll(_mona, "named");

        Assert.Empty(anonymous.Answers);
        Assert.Equal(new[] { 1, 0, 0 }, anonymous.Tally.Options.ToArray());
        var json = JsonSerializer.Serialize(anonymous);
        Assert.DoesNotContain(anna.ParticipantId, json);
        Assert.DoesNotContain("Anna", json);
        var row = Assert.Single(named.Answers);
        Assert.Equal(("Anna", Hub.Contracts.Partnerships.Side.Municipality, 1), (row.Name, row.Side, row.Answer.Choices.Single()));
    }

    [Fact]
    public async Task ReportAndExport_ByParticipantOrStrangerOrUnknownPoll_AreRefused()
    {
        var (session, code) = await RunningPoll(SinglePoll("p1"));
        await Grains.GetGrain<ISessionCodeGrain>(code).Enter(_anna, null);

        Assert.Equal(ErrorCodes.Forbidden, (await Assert.ThrowsAsync<HubRefusedException>(() => session.Report(_anna))).Code);
        Assert.Equal(ErrorCodes.Forbidden, (await Assert.ThrowsAsync<HubRefusedException>(() => session.ExportPoll(_anna, "p1"))).Code);
        Assert.Equal(ErrorCodes.NotFound, (await Assert.ThrowsAsync<HubRefusedException>(() => session.Report(_stranger))).Code);
        Assert.Equal(ErrorCodes.NotFound, (await Assert.ThrowsAsync<HubRefusedException>(() => session.ExportPoll(_mona, "nope"))).Code);
    }
}
