using System.Collections.Immutable;
using Hub.Contracts.Common;

namespace Hub.Contracts.Partnerships;

/// <summary>
/// Every partnership in this Hub, one line each, for the platform admins' console: what a partnership is
/// called, where, and how many take part — never who, nor any of its content (opening one is the audited act).
/// One grain for the whole Hub (<see cref="Key"/>); each partnership keeps its own line up to date.
/// </summary>
[Alias("hub.IPartnershipDirectoryGrain")]
public interface IPartnershipDirectoryGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    /// <summary>All lines, by municipality and name. Platform admins only (forbidden for anyone else).</summary>
    [Alias("List")]
    Task<ImmutableArray<PartnershipListing>> List(Actor actor);
}

/// <summary>One partnership in the admins' directory.</summary>
[GenerateSerializer, Immutable, Alias("hub.partnership-listing")]
public sealed record PartnershipListing(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Municipality,
    [property: Id(3)] PartnershipArea Area,
    [property: Id(4)] PartnershipStatus Status,
    [property: Id(5)] int Members,
    [property: Id(6)] DateTimeOffset CreatedAt);
