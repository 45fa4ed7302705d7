using Hub.Contracts.Agreements;
using Hub.Contracts.Live;
using Hub.Web.Accounts;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Hub.Web.Live;

public interface IAgreementClient : ILiveClient<AgreementOp>;

/// <summary>The agreement hub: the live hub for collaboration agreements (document id = partnership id), at
/// <see cref="Path"/>, plus reading a frozen version.</summary>
public sealed class AgreementHub : LiveHub<IAgreementGrain, AgreementOp, AgreementSnapshot, IAgreementClient>
{
    public const string Path = "/hubs/agreement";

    private readonly IGrainFactory _grains;

    public AgreementHub(IGrainFactory grains, AgreementFanout fanout, IOptions<JsonHubProtocolOptions> json)
        : base(grains, fanout, json.Value.PayloadSerializerOptions) => _grains = grains;

    /// <summary>A frozen version, whole (members and platform admins).</summary>
    public Task<AgreementVersion> Version(Guid partnershipId, int number) =>
        _grains.GetGrain<IAgreementGrain>(partnershipId).GetVersion(Context.User!.ToActor(), number);
}

/// <summary>The web node's subscription to agreements: pushes to each agreement's local group.</summary>
public sealed class AgreementFanout(IGrainFactory grains, IHubContext<AgreementHub, IAgreementClient> hub, ILogger<AgreementFanout> logger)
    : SignalRFanout<AgreementHub, IAgreementClient, AgreementOp, AgreementSnapshot>(hub, "agreement", logger), IAgreementObserver
{
    protected override ILiveGrain<AgreementOp, AgreementSnapshot> Grain(Guid documentId) => grains.GetGrain<IAgreementGrain>(documentId);

    protected override ILiveObserver<AgreementOp> CreateReference() => grains.CreateObjectReference<IAgreementObserver>(this);
}
