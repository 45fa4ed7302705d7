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
}

/// <summary>The web node's subscription to cohorts: pushes to each cohort's local group.</summary>
public sealed class CohortFanout(IGrainFactory grains, IHubContext<CohortHub, ICohortClient> hub, ILogger<CohortFanout> logger)
    : SignalRFanout<CohortHub, ICohortClient, CohortOp, CohortSnapshot>(hub, "cohort", logger), ICohortObserver
{
    protected override ILiveGrain<CohortOp, CohortSnapshot> Grain(Guid documentId) => grains.GetGrain<ICohortGrain>(documentId);

    protected override ILiveObserver<CohortOp> CreateReference() => grains.CreateObjectReference<ICohortObserver>(this);
}
