using System.Collections.Immutable;
using Orleans.Concurrency;

namespace Hub.Grains.Partnerships;

/// <summary>What is live of one partnership now: how many of its documents are active, and how many different people
/// are connected to them.</summary>
[GenerateSerializer, Immutable, Alias("hub.live-partnership")]
public sealed record LivePartnership([property: Id(0)] int Documents, [property: Id(1)] int People);

/// <summary>
/// Which partnerships have an active document, and who is on them, as their documents report it: grain-only (no
/// person calls it). One in-memory grain for the cluster; a document reports when it activates, when its people
/// change (at most every few seconds) and at least every minute, and says goodbye when it deactivates.
/// </summary>
[Alias("hub.ILivePartnershipsGrain")]
public interface ILivePartnershipsGrain : IGrainWithIntegerKey
{
    /// <summary>A document of a partnership is active, with these people (user ids) connected.</summary>
    [Alias("Report"), OneWay]
    Task Report(Guid partnershipId, string document, ImmutableArray<string> people);

    /// <summary>The document is no longer active.</summary>
    [Alias("Gone"), OneWay]
    Task Gone(Guid partnershipId, string document);

    /// <summary>What is live of these partnerships; those with nothing live are left out.</summary>
    [Alias("Now"), ReadOnly]
    Task<ImmutableDictionary<Guid, LivePartnership>> Now(ImmutableArray<Guid> partnershipIds);
}
