using System.Collections.Immutable;

namespace Hub.Grains.Live;

/// <summary>
/// What a live grain stores: its document, the sequence number of the last operation applied to it, and
/// for each recent client the last operation number it sent, with the outcome, so a retry is answered
/// and never applied twice. Replaced as a whole with every operation (its parts are immutable), so a
/// write in flight always serialises one consistent version.
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.LiveState`1")]
public sealed record LiveState<TDoc> where TDoc : class
{
    [Id(0)] public TDoc? Document { get; init; }
    [Id(1)] public long Seq { get; init; }
    [Id(2)] public ImmutableDictionary<string, ClientMark> Clients { get; init; } = ImmutableDictionary<string, ClientMark>.Empty;
}

/// <summary>The last operation a client sent, and what became of it; whose client it is (null in marks written
/// before it was kept), so a person who joins again is told the outcome of their own clients' operations only.</summary>
[GenerateSerializer, Immutable, Alias("hub.ClientMark")]
public sealed record ClientMark(
    [property: Id(0)] long LastNumber,
    [property: Id(1)] long? Seq,
    [property: Id(2)] string? ErrorCode,
    [property: Id(3)] string? Error,
    [property: Id(4)] DateTimeOffset LastSeen,
    [property: Id(5)] string? ActorId = null);

/// <summary>What an actor may do with a live document, decided by the grain that owns it.</summary>
public sealed record LiveAccess(bool CanRead, bool CanWrite, Hub.Contracts.Partnerships.Side? Side)
{
    public static LiveAccess None { get; } = new(false, false, null);
}
