using Hub.Contracts.Cohorts;
using Hub.Contracts.Common;
using Hub.Contracts.Partnerships;
using Hub.Contracts.Sessions;

namespace Hub.Tests.Sessions;

/// <summary>A session linked to one of its cohort's sessions marks the cohort's participants who join it present.</summary>
public abstract partial class SessionGrainTests<TCluster>
{
    [Fact]
    public async Task Enter_LinkedCohortSession_MarksTheCohortsParticipantPresentAndNobodyElse()
    {
        var cohortId = await NewCohort();
        var cohort = Grains.GetGrain<ICohortGrain>(cohortId);
        var now = DateTimeOffset.UtcNow;
        Assert.NotNull((await cohort.Submit(_mona, NextId(), new AddSession("c1", null, now.AddHours(-1), now.AddHours(2), "Lokale 1", false))).Seq);
        Assert.NotNull((await cohort.Submit(_mona, NextId(), new AddSession("c2", null, now.AddHours(-1), now.AddHours(2), "Lokale 2", false))).Seq);
        await Enrol(cohortId, _anna);
        var created = await Grains.GetGrain<ISessionGrain>(Guid.NewGuid())
            .Create(_mona, new SessionDetails("Workshop", new SessionOwner(null, cohortId, "c1"), false));
        var code = Grains.GetGrain<ISessionCodeGrain>(created.Session.Code);

        await code.Enter(_anna, null);
        await code.Enter(_anna, null);
        await code.Enter(_bo, null);
        await code.Enter(new Actor("sp_browser", "Gæst"), null);

        var attendance = (await cohort.GetSnapshot(_mona)).Cohort.Attendance;
        var mark = Assert.Single(attendance);
        Assert.Equal(("c1", _anna.UserId, AttendanceStatus.Present), (mark.SessionId, mark.UserId, mark.Status));
    }

    [Fact]
    public async Task Create_LinkedToACohortSessionThatDoesNotExist_IsRefused()
    {
        var cohortId = await NewCohort();

        var refused = await Assert.ThrowsAsync<HubRefusedException>(() => Grains.GetGrain<ISessionGrain>(Guid.NewGuid())
            .Create(_mona, new SessionDetails("Workshop", new SessionOwner(null, cohortId, "nope"), false)));

        Assert.Equal(ErrorCodes.NotFound, refused.Code);
    }

    /// <summary>The person joins the cohort as a participant (by an invitation, as people do).</summary>
    private async Task Enrol(Guid cohortId, Actor person)
    {
        var invite = await Grains.GetGrain<ICohortGrain>(cohortId).CreateInvite(_mona, new CohortInviteRequest(CohortRole.Participant, Side.VoluntaryOrganisation, 1, 1));
        await Grains.GetGrain<ICohortInviteGrain>(IInviteGrain.Key(invite.Secret)).Accept(person);
    }

    private async Task EnrolInSessionsCohort(ISessionGrain session, Actor person) =>
        await Enrol((await session.Summary(_mona)).Session.Owner.CohortId!.Value, person);
}
