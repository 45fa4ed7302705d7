using System.Collections.Immutable;
using Hub.Contracts.Common;
using Hub.Contracts.Partnerships;

namespace Hub.Contracts.Users;

/// <summary>One person's own index: the partnerships they belong to, and the stamp their sessions carry. Key: the
/// user id. Only the person themself (the actor) reads or forgets the index; what their partnerships tell it is in
/// <c>Hub.Grains.Users.IUserTrustedGrain</c>.</summary>
[Alias("hub.IUserGrain")]
public interface IUserGrain : IGrainWithStringKey
{
    [Alias("GetPartnerships")]
    Task<ImmutableArray<PartnershipSummary>> GetPartnerships(Actor actor);

    /// <summary>
    /// A value that changes whenever every session of this person must end (sign-out, account deletion).
    /// Sign-in cookies carry it; web nodes compare and end sessions and live connections that carry an old one.
    /// Asked before the cookie's person is believed, so it takes no actor: the stamp is what proves the cookie.
    /// </summary>
    [Alias("GetSecurityStamp")]
    Task<string> GetSecurityStamp();

    [Alias("RotateSecurityStamp")]
    Task<string> RotateSecurityStamp();

    /// <summary>The person deleted their account: forgets their index, ends their sessions, and takes them out of
    /// every partnership they were in (anonymised on its boards and agreement).</summary>
    [Alias("Forget")]
    Task Forget(Actor actor);
}
