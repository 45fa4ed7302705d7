using System.Collections.Immutable;
using Hub.Contracts.Live;

namespace Hub.Grains.Live;

/// <summary>
/// A document's recent history for its readers: the durable operations of the window the grain keeps for resync,
/// newest first. Kept apart from the mechanism, like the inspector's view; it reads, never changes.
/// </summary>
public abstract partial class LiveGrain<TDoc, TOp, TSnapshot>
{
    /// <summary>At most <paramref name="max"/> of the recent durable operations, newest first. The window holds the
    /// operations since this activation began (at most <see cref="WindowSize"/>), so a document that was idle and
    /// reactivated shows none of its earlier ones.</summary>
    protected ImmutableArray<Committed<TOp>> RecentDurable(int max) =>
        [.. _window.Where(c => c.Seq <= _durableSeq).Reverse().Take(max)];
}
