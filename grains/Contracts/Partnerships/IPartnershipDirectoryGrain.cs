using System.Collections.Immutable;
using Hub.Contracts.Common;

namespace Hub.Contracts.Partnerships;

/// <summary>
/// Every partnership in this Hub, one line each, for the platform admins' console: what a partnership is
/// called, where, how many take part, when its documents last changed and whether anyone is on them now —
/// never who, nor any of its content (opening one is the audited act). One grain for the whole Hub
/// (<see cref="Key"/>) in front of a table of its own (docs/decisions/017-admin-operations.md).
/// </summary>
[Alias("hub.IPartnershipDirectoryGrain")]
public interface IPartnershipDirectoryGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    /// <summary>One page of lines that match. Platform admins only (forbidden for anyone else); a page size or page
    /// out of range is refused as invalid.</summary>
    [Alias("Search"), Orleans.Concurrency.ReadOnly]
    Task<DirectoryPage> Search(Actor actor, DirectoryQuery query);
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

/// <summary>What the directory can be ordered by.</summary>
public enum DirectorySort
{
    Name,
    Municipality,
    Members,
    LastActivity,
}

/// <summary>
/// A search of the directory: the text is looked for in name and municipality (case does not matter); area, status
/// and dormant narrow it; pages count from 1.
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.directory-query")]
public sealed record DirectoryQuery(
    [property: Id(0)] string? Text,
    [property: Id(1)] PartnershipArea? Area,
    [property: Id(2)] PartnershipStatus? Status,
    [property: Id(3)] bool DormantOnly,
    [property: Id(4)] DirectorySort Sort,
    [property: Id(5)] bool Descending,
    [property: Id(6)] int Page,
    [property: Id(7)] int PageSize)
{
    public const int MaxPageSize = 200;

    public const int MaxTextLength = 200;
}

/// <summary>
/// A line with what is known of it now: when an operation last changed one of its documents (null: none since
/// the directory began to record it), dormant (no operation for <see cref="DirectoryPage.DormantAfterDays"/> days,
/// counted from its creation when none is known), whether a document of it is active in the cluster, and how many
/// different people are connected to its documents.
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.directory-row")]
public sealed record DirectoryRow(
    [property: Id(0)] PartnershipListing Listing,
    [property: Id(1)] DateTimeOffset? LastActivity,
    [property: Id(2)] bool Dormant,
    [property: Id(3)] bool ActiveNow,
    [property: Id(4)] int ConnectedNow);

/// <summary>One page of the directory and how many lines match in all.</summary>
[GenerateSerializer, Immutable, Alias("hub.directory-page")]
public sealed record DirectoryPage(
    [property: Id(0)] ImmutableArray<DirectoryRow> Rows,
    [property: Id(1)] int Total,
    [property: Id(2)] int Page,
    [property: Id(3)] int PageSize,
    [property: Id(4)] int DormantAfterDays);
