using Hub.Contracts.Common;
using Hub.Contracts.Live;

namespace Hub.Contracts.Agreements;

/// <summary>
/// A partnership's collaboration agreement: a live document like a board. Key: the partnership's id — every
/// partnership has exactly one, made (empty) the first time a member opens it. What its partnership tells it is in
/// <c>Hub.Grains.Agreements.IAgreementTrustedGrain</c>.
/// </summary>
[Alias("hub.IAgreementGrain")]
public interface IAgreementGrain : ILiveGrain<AgreementOp, AgreementSnapshot>
{
    /// <summary>The current agreement for a reader (members of the partnership and platform admins).</summary>
    [Alias("GetSnapshot")]
    Task<AgreementSnapshot> GetSnapshot(Actor actor);

    /// <summary>A frozen version, whole; refused as not found when there is no such version.</summary>
    [Alias("GetVersion")]
    Task<AgreementVersion> GetVersion(Actor actor, int number);
}

/// <summary>A web node's subscription to agreements.</summary>
[Alias("hub.IAgreementObserver")]
public interface IAgreementObserver : ILiveObserver<AgreementOp>;
