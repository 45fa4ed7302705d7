using Hub.Contracts.Partnerships;
using Hub.Contracts.Users;

namespace Hub.Grains.Users;

/// <summary>What only a partnership may tell a person's index. Declared here, not in Hub.Contracts, so a web node cannot.</summary>
[Alias("hub.IUserTrustedGrain")]
public interface IUserTrustedGrain : IUserGrain
{
    /// <summary>Called by a partnership grain when this person joins it or its summary changes.</summary>
    [Alias("UpsertPartnership")]
    Task UpsertPartnership(PartnershipSummary summary);

    [Alias("RemovePartnership")]
    Task RemovePartnership(Guid partnershipId);
}
