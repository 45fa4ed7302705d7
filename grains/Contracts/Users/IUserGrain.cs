using System.Collections.Immutable;
using Hub.Contracts.Partnerships;

namespace Hub.Contracts.Users;

/// <summary>One person's own index: the partnerships they belong to. Key: the user id.</summary>
[Alias("hub.IUserGrain")]
public interface IUserGrain : IGrainWithStringKey
{
    [Alias("GetPartnerships")]
    Task<ImmutableArray<PartnershipSummary>> GetPartnerships();

    /// <summary>Called by a partnership grain when this person joins it or its summary changes.</summary>
    [Alias("UpsertPartnership")]
    Task UpsertPartnership(PartnershipSummary summary);

    [Alias("RemovePartnership")]
    Task RemovePartnership(Guid partnershipId);
}
