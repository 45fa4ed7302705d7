using System.Collections.Immutable;
using Hub.Contracts.Cohorts;
using Hub.Contracts.Live;
using Hub.Web.Accounts;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Hub.Web.Live;

public interface ICohortClient : ILiveClient<CohortOp>;

/// <summary>The cohort hub: the live hub for training cohorts, at <see cref="Path"/>, plus asking for a team proposal.</summary>
public sealed class CohortHub : LiveHub<ICohortGrain, CohortOp, CohortSnapshot, ICohortClient>
{
    public const string Path = "/hubs/cohort";

    private readonly IGrainFactory _grains;

    public CohortHub(IGrainFactory grains, CohortFanout fanout, IOptions<JsonHubProtocolOptions> json)
        : base(grains, fanout, json.Value.PayloadSerializerOptions) => _grains = grains;

    /// <summary>Moderators: mixed teams proposed from the participants; applied with the setTeams operation.</summary>
    public Task<TeamProposal> ProposeTeams(Guid cohortId, int teamSize, int seed) =>
        _grains.GetGrain<ICohortGrain>(cohortId).ProposeTeams(Context.User!.ToActor(), teamSize, seed);

    /// <summary>Moderators: "Giv opgaven" — one card per team on the team's board; safe to retry.</summary>
    public Task<AssignmentGiven> GiveAssignment(Guid cohortId, string assignmentId) =>
        _grains.GetGrain<ICohortGrain>(cohortId).GiveAssignment(Context.User!.ToActor(), assignmentId);

    /// <summary>The notes on attendance marks (never in the pushed document): moderators all, a participant their own.</summary>
    public Task<ImmutableArray<AttendanceNote>> AttendanceNotes(Guid cohortId) =>
        _grains.GetGrain<ICohortGrain>(cohortId).GetAttendanceNotes(Context.User!.ToActor());

    /// <summary>Moderators: the code to show in the room for a session.</summary>
    public Task<CheckInCode> CheckInCode(Guid cohortId, string sessionId) =>
        _grains.GetGrain<ICohortGrain>(cohortId).GetCheckInCode(Context.User!.ToActor(), sessionId);

    /// <summary>Participants: check in with the code shown in the room.</summary>
    public Task<AttendanceMark> CheckIn(Guid cohortId, string code) =>
        _grains.GetGrain<ICohortGrain>(cohortId).CheckInWithCode(Context.User!.ToActor(), code);

    /// <summary>Participants: the partnership they come from (one they are in), or none.</summary>
    public Task<CohortSnapshot> SetMyPartnership(Guid cohortId, Guid? partnershipId) =>
        _grains.GetGrain<ICohortGrain>(cohortId).SetMyPartnership(Context.User!.ToActor(), partnershipId);
}

/// <summary>The web node's subscription to cohorts: pushes to each cohort's local group.</summary>
public sealed class CohortFanout(IGrainFactory grains, IHubContext<CohortHub, ICohortClient> hub, ILogger<CohortFanout> logger)
    : SignalRFanout<CohortHub, ICohortClient, CohortOp, CohortSnapshot>(hub, "cohort", logger), ICohortObserver
{
    protected override ILiveGrain<CohortOp, CohortSnapshot> Grain(Guid documentId) => grains.GetGrain<ICohortGrain>(documentId);

    protected override ILiveObserver<CohortOp> CreateReference() => grains.CreateObjectReference<ICohortObserver>(this);
}
