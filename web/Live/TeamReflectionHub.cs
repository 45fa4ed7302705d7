using Hub.Contracts.Cohorts;
using Hub.Contracts.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Hub.Web.Live;

public interface ITeamReflectionClient : ILiveClient<TeamReflectionOp>;

/// <summary>The team reflection hub: the live hub for a team's shared reflection (document id from the cohort's
/// reflections, <c>teamReflectionId</c>), at <see cref="Path"/>. Only the team and the cohort's moderators get in, so only
/// their connections join the document's group and receive its text.</summary>
public sealed class TeamReflectionHub(IGrainFactory grains, TeamReflectionFanout fanout, IOptions<JsonHubProtocolOptions> json)
    : LiveHub<ITeamReflectionGrain, TeamReflectionOp, TeamReflectionSnapshot, ITeamReflectionClient>(grains, fanout, json.Value.PayloadSerializerOptions)
{
    public const string Path = "/hubs/reflection";
}

/// <summary>The web node's subscription to team reflections: pushes to each one's local group.</summary>
public sealed class TeamReflectionFanout(IGrainFactory grains, IHubContext<TeamReflectionHub, ITeamReflectionClient> hub, ILogger<TeamReflectionFanout> logger)
    : SignalRFanout<TeamReflectionHub, ITeamReflectionClient, TeamReflectionOp, TeamReflectionSnapshot>(hub, "team-reflection", logger), ITeamReflectionObserver
{
    protected override ILiveGrain<TeamReflectionOp, TeamReflectionSnapshot> Grain(Guid documentId) => grains.GetGrain<ITeamReflectionGrain>(documentId);

    protected override ILiveObserver<TeamReflectionOp> CreateReference() => grains.CreateObjectReference<ITeamReflectionObserver>(this);
}
