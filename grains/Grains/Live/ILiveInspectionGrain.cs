using System.Collections.Immutable;
using Hub.Contracts.Partnerships;

namespace Hub.Grains.Live;

/// <summary>
/// What the admins' inspector asks of a live grain that is active. Only the inspector grain calls it, after it has
/// checked the admin and found the activation through the management grain (a call to an inactive grain would
/// activate it). Declared here, not in Hub.Contracts, so a web node cannot call it.
/// </summary>
[Alias("hub.ILiveInspectionGrain")]
public interface ILiveInspectionGrain : IGrainWithGuidKey
{
    /// <summary>The activation as it is now: when it started, sequence numbers, web nodes, connections, recent operations.</summary>
    [Alias("Inspect")]
    Task<LiveInside> Inspect();

    /// <summary>Ends the activation (what it acknowledged is durable already); the next call starts a fresh one from storage.</summary>
    [Alias("ForceDeactivate")]
    Task ForceDeactivate(string reason);

    /// <summary>Takes one connection off the document: it leaves the presence and its web node tells its client.
    /// False when the connection is not here.</summary>
    [Alias("Disconnect")]
    Task<bool> Disconnect(string connectionId);

    /// <summary>Replaces the document with <paramref name="documentJson"/> when the grain is still at
    /// <paramref name="expectedSeq"/>, as operation number expectedSeq + 1; open clients are made to resync.</summary>
    [Alias("Restore")]
    Task<long> Restore(string documentJson, long expectedSeq);
}

/// <summary>An active live grain as its inspector sees it (personal data unmasked: the inspector masks it).</summary>
[GenerateSerializer, Immutable, Alias("hub.live-inside")]
public sealed record LiveInside(
    [property: Id(0)] DateTimeOffset ActivatedAt,
    [property: Id(1)] DateTimeOffset? LastCallAt,
    [property: Id(2)] long AppliedSeq,
    [property: Id(3)] long DurableSeq,
    [property: Id(4)] long PushedSeq,
    [property: Id(5)] ImmutableArray<string> WebNodes,
    [property: Id(6)] ImmutableArray<LiveClientInside> Clients,
    [property: Id(7)] ImmutableArray<LiveOpInside> Ops,
    [property: Id(8)] string ActivationId);

/// <summary>One open connection: whose, on which side, through which web node (once it renewed), since when.</summary>
[GenerateSerializer, Immutable, Alias("hub.live-client-inside")]
public sealed record LiveClientInside(
    [property: Id(0)] string ConnectionId,
    [property: Id(1)] string UserId,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] bool Anonymous,
    [property: Id(4)] Side? Side,
    [property: Id(5)] string? WebNode,
    [property: Id(6)] DateTimeOffset Since);

/// <summary>One committed operation without its content: number, time, author, type.</summary>
[GenerateSerializer, Immutable, Alias("hub.live-op-inside")]
public sealed record LiveOpInside(
    [property: Id(0)] long Seq,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string ActorId,
    [property: Id(3)] string ActorName,
    [property: Id(4)] string Type);
