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

    /// <summary>
    /// A value that changes whenever every session of this person must end (sign-out, account deletion).
    /// Sign-in cookies carry it; web nodes compare and end sessions and live connections that carry an old one.
    /// </summary>
    [Alias("GetSecurityStamp")]
    Task<string> GetSecurityStamp();

    [Alias("RotateSecurityStamp")]
    Task<string> RotateSecurityStamp();

    /// <summary>Forgets the person's index and ends their sessions; returns the partnerships they were in.</summary>
    [Alias("Forget")]
    Task<ImmutableArray<Guid>> Forget();
}
