using Hub.Contracts.Common;
using Hub.Contracts.Sessions;
using Hub.Grains.Sessions;

namespace Hub.Tests.Sessions;

/// <summary>Co-facilitators come from the cohort or partnership, and run everything but the owner's two rights.</summary>
public abstract partial class SessionGrainTests<TCluster>
{
    [Fact]
    public async Task AddCoFacilitator_SomeoneOutsideTheCohort_IsRefusedAndAMemberGetsTheCohortsName()
    {
        var (session, _) = await NewSession();
        await EnrolInSessionsCohort(session, _carl);

        var candidates = await session.CoFacilitatorCandidates(_mona);
        var outsider = await session.Submit(_mona, NextId(), new AddCoFacilitator(_stranger.UserId, "Fremmed"));
        await Applied(session, _mona, new AddCoFacilitator(_carl.UserId, "Et navn siden selv valgte"));

        Assert.Equal([_carl.UserId], candidates.Select(c => c.UserId));
        Assert.Equal(ErrorCodes.NotFound, outsider.ErrorCode);
        var staff = (await session.Summary(_mona)).Session.Staff;
        Assert.Equal((_carl.DisplayName, SessionRole.CoFacilitator), (staff[1].DisplayName, staff[1].Role));
        Assert.Empty(await session.CoFacilitatorCandidates(_mona));
    }

    [Fact]
    public async Task CoFacilitator_RunsTheSessionButCannotChangeTheCodeNorAddOthers()
    {
        var (session, _) = await NewSession();
        await EnrolInSessionsCohort(session, _carl);
        await EnrolInSessionsCohort(session, _anna);
        await Applied(session, _mona, new AddCoFacilitator(_carl.UserId, _carl.DisplayName));

        await Applied(session, _carl, SinglePoll("p1"));
        await Applied(session, _carl, new AddStep("s1", "Valg", StepKind.Poll, 5, "", "", "p1", null));
        await Applied(session, _carl, new SetPhase(SessionPhase.Pause));
        var addsOther = await session.Submit(_carl, NextId(), new AddCoFacilitator(_anna.UserId, _anna.DisplayName));
        var candidates = await Assert.ThrowsAsync<HubRefusedException>(() => session.CoFacilitatorCandidates(_carl));
        var code = await Assert.ThrowsAsync<HubRefusedException>(() => session.ChangeCode(_carl));
        var report = await session.Report(_carl);

        Assert.Equal(ErrorCodes.Forbidden, addsOther.ErrorCode);
        Assert.Equal(ErrorCodes.Forbidden, candidates.Code);
        Assert.Equal(ErrorCodes.Forbidden, code.Code);
        Assert.Single(report.Polls);
        Assert.Equal(SessionRole.CoFacilitator, SessionReducer.RoleOf((await session.Summary(_carl)).Session, _carl.UserId));
    }

    [Fact]
    public async Task Views_CarryTheServersTime_SoClientsCountDownOnTheServersClock()
    {
        var clock = cluster.SessionClock;
        var (session, code) = await NewSession();
        await Grains.GetGrain<ISessionCodeGrain>(code).Enter(_anna, null);
        clock.Advance(TimeSpan.FromMinutes(3));

        var staff = await session.Summary(_mona);
        var opened = await session.Open(_anna, SessionAudience.Participant);

        Assert.Equal(clock.GetUtcNow(), staff.Room.ServerNow);
        Assert.Equal(clock.GetUtcNow(), opened.Room.ServerNow);
    }

    [Fact]
    public async Task MoveStep_AroundTheCurrentStep_ReordersAndKeepsTheCurrentStepCurrent()
    {
        var (session, _) = await NewSession();
        foreach (var id in new[] { "a", "b", "c", "d" })
        {
            await Applied(session, _mona, new AddStep(id, $"Punkt {id}", StepKind.Text, 5, "", "", null, null));
        }

        await Applied(session, _mona, new GoToStep(1));
        await Applied(session, _mona, new MoveStep("d", 0));
        await Applied(session, _mona, new MoveStep("b", 3));
        var outside = await session.Submit(_mona, NextId(), new MoveStep("a", 4));
        var unknown = await session.Submit(_mona, NextId(), new MoveStep("x", 0));

        var s = (await session.Summary(_mona)).Session;
        Assert.Equal(["d", "a", "c", "b"], s.Steps.Select(x => x.Id));
        Assert.Equal("b", s.Steps[s.CurrentStep].Id);
        Assert.Equal(ErrorCodes.Validation, outside.ErrorCode);
        Assert.Equal(ErrorCodes.NotFound, unknown.ErrorCode);
    }
}
