using System.Collections.Immutable;
using Hub.Contracts.Agreements;
using Hub.Contracts.Partnerships;

namespace Hub.Grains.Agreements;

/// <summary>What only the agreement's partnership may tell it. Declared here, not in Hub.Contracts, so a web node cannot.</summary>
[Alias("hub.IAgreementTrustedGrain")]
public interface IAgreementTrustedGrain : IAgreementGrain
{
    /// <summary>The partnership's members changed, to these: access is checked with them from now on, and the open
    /// connections of anyone who may no longer read are revoked at once.</summary>
    [Alias("MembersChanged")]
    Task MembersChanged(ImmutableArray<Member> members);

    /// <summary>The partnership's members, parties or status changed (decisions 027, 028): access and, for the
    /// agreement, its signing parties follow from now on; connections of anyone who may no longer read are revoked.</summary>
    [Alias("AccessChanged")]
    Task AccessChanged(Hub.Grains.Partnerships.PartnershipAccess access);

    /// <summary>A person deleted their account: anonymise them in approvals, withdrawals and stored versions.</summary>
    [Alias("ForgetPerson")]
    Task ForgetPerson(string userId);
}
