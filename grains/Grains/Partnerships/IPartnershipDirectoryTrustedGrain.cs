using Hub.Contracts.Partnerships;

namespace Hub.Grains.Partnerships;

/// <summary>What only a partnership may tell the directory: its own line.</summary>
[Alias("hub.IPartnershipDirectoryTrustedGrain")]
public interface IPartnershipDirectoryTrustedGrain : IPartnershipDirectoryGrain
{
    /// <summary>Adds or replaces a partnership's line. Called by the partnership itself.</summary>
    [Alias("Put")]
    Task Put(PartnershipListing listing);
}
