using System.Collections.Immutable;
using Hub.Contracts.Boards;
using Hub.Contracts.Partnerships;

namespace Hub.Grains.Boards;

/// <summary>What only the board's partnership may tell it. Declared here, not in Hub.Contracts, so a web node cannot.</summary>
[Alias("hub.IBoardTrustedGrain")]
public interface IBoardTrustedGrain : IBoardGrain
{
    /// <summary>Called once by the partnership that owns the board; sets up the default columns.</summary>
    [Alias("Initialize")]
    Task Initialize(Guid partnershipId, string name);

    /// <summary>The partnership's members changed, to these: access is checked with them from now on, and the open
    /// connections of anyone who may no longer read are revoked at once.</summary>
    [Alias("MembersChanged")]
    Task MembersChanged(ImmutableArray<Member> members);

    /// <summary>The partnership's members, parties or status changed (decisions 027, 028): access and, for the
    /// agreement, its signing parties follow from now on; connections of anyone who may no longer read are revoked.</summary>
    [Alias("AccessChanged")]
    Task AccessChanged(Hub.Grains.Partnerships.PartnershipAccess access);

    /// <summary>A person deleted their account: anonymise them on this board (a committed operation, so
    /// every open client sees it too).</summary>
    [Alias("ForgetPerson")]
    Task ForgetPerson(string userId);

    /// <summary>A training cohort places an assignment card (committed as <see cref="AddCohortCard"/>); returns the title
    /// of the column it is in. Idempotent by card id: a retry finds the card and places nothing.</summary>
    [Alias("PlaceCohortCard")]
    Task<string> PlaceCohortCard(AddCohortCard card);
}
