using System.Collections.Immutable;
using Hub.Contracts.Partnerships;

namespace Hub.Grains.Partnerships;

/// <summary>A directory line as stored, with when an operation last changed one of the partnership's documents.</summary>
public sealed record StoredListing(PartnershipListing Listing, DateTimeOffset? LastActivity);

/// <summary>
/// Where the directory's lines are kept: a table of their own, searched, sorted and paged by the database
/// (docs/decisions/017-admin-operations.md), so neither a write nor a search grows with the number of partnerships.
/// </summary>
public interface IPartnershipDirectoryStore
{
    /// <summary>Adds or replaces lines (name, place, status, members); their last activity is kept.</summary>
    Task Put(IReadOnlyCollection<PartnershipListing> listings, CancellationToken cancellationToken = default);

    /// <summary>Records an operation at <paramref name="at"/>, unless a later one is recorded already.</summary>
    Task Touch(Guid partnershipId, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>One page of the lines that match, and how many match; dormant means no activity (or, with none
    /// recorded, no creation) since <paramref name="dormantBefore"/>.</summary>
    Task<(ImmutableArray<StoredListing> Rows, int Total)> Search(DirectoryQuery query, DateTimeOffset dormantBefore,
        CancellationToken cancellationToken = default);
}

/// <summary>Settings of the admins' directory (configuration section Hub:Directory).</summary>
public sealed class DirectoryOptions
{
    public const string Section = "Hub:Directory";

    /// <summary>A partnership with no operation on any of its documents for this many days is dormant.</summary>
    public int DormantAfterDays { get; set; } = 30;
}
