using Orleans.Concurrency;

namespace Hub.Contracts.Partnerships;

/// <summary>A web node watching partnerships (docs/decisions/020-partnership-page.md): told that one changed, and
/// nothing more. The pages on that node read the partnership again through the grain, which checks who asks, so a
/// push never carries what a reader might no longer be allowed to see.</summary>
[Alias("hub.IPartnershipObserver")]
public interface IPartnershipObserver : IGrainObserver
{
    /// <summary>The details, members or boards changed; <paramref name="version"/> is the partnership's version now.</summary>
    [OneWay, Alias("Changed")]
    Task Changed(Guid partnershipId, int version);
}
