using System.Collections.Immutable;
using Hub.Contracts.Common;
using Hub.Contracts.Partnerships;
using Orleans.Concurrency;

namespace Hub.Contracts.Live;

/// <summary>
/// Identifies one operation from one client: the client's id (one per browser tab) and its own counter,
/// which grows by one with every operation it sends. A retried operation carries the same id, so the grain
/// applies it once.
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.op-id")]
public sealed record OpId(
    [property: Id(0)] string ClientId,
    [property: Id(1)] long Number);

/// <summary>An operation as the grain committed it: its place in the grain's order (Seq), who sent it
/// (id and the name they had then: a replay needs it for comments, and people read it), and when.</summary>
[GenerateSerializer, Immutable, Alias("hub.committed`1")]
public sealed record Committed<TOp>(
    [property: Id(0)] long Seq,
    [property: Id(1)] OpId Id,
    [property: Id(2)] string ActorId,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] TOp Op,
    [property: Id(5)] string ActorName);

/// <summary>
/// The answer to a submitted operation. Exactly one of: applied and durable (Seq set), a duplicate of an
/// operation the grain already handled (Duplicate, with that operation's Seq when it was applied), or
/// refused (ErrorCode and Error set: nothing changed).
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.submit-result")]
public sealed record SubmitResult(
    [property: Id(0)] long? Seq,
    [property: Id(1)] bool Duplicate,
    [property: Id(2)] string? ErrorCode,
    [property: Id(3)] string? Error)
{
    public static SubmitResult Applied(long seq) => new(seq, false, null, null);

    public static SubmitResult Refused(string code, string message) => new(null, false, code, message);
}

/// <summary>Who is on a live document now, and what they are editing.</summary>
[GenerateSerializer, Immutable, Alias("hub.presence")]
public sealed record PresenceEntry(
    [property: Id(0)] string ConnectionId,
    [property: Id(1)] string UserId,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] Side? Side,
    [property: Id(4)] string Colour,
    [property: Id(5)] string? Editing);

/// <summary>A browser connection on a web node, and the person behind it.</summary>
[GenerateSerializer, Immutable, Alias("hub.live-connection")]
public sealed record LiveConnection(
    [property: Id(0)] string ConnectionId,
    [property: Id(1)] Actor Actor);

/// <summary>
/// What a client needs to catch up: either the operations after the sequence number it has (Ops; Seq is the
/// last of them, or that number when there are none), or, when the grain no longer keeps them, the whole
/// document (Snapshot) as of Seq, followed by the operations after Seq. Seq never runs ahead of a snapshot:
/// a client takes the snapshot as of Seq and then applies the operations after it.
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.sync-result`2")]
public sealed record SyncResult<TOp, TSnapshot>(
    [property: Id(0)] long Seq,
    [property: Id(1)] ImmutableArray<Committed<TOp>> Ops,
    [property: Id(2)] TSnapshot? Snapshot,
    [property: Id(3)] ImmutableArray<PresenceEntry> Presence)
    where TSnapshot : class
{
    /// <summary>
    /// With a snapshot: for each of the caller's clients the grain remembers, the last operation it handled and
    /// what became of it, read with the snapshot. A client whose answer was lost (the connection dropped) learns
    /// from it whether that operation is in the snapshot, instead of guessing. Empty without a snapshot: the
    /// operations then say it (an applied one is among them, by its <see cref="OpId"/>).
    /// </summary>
    [Id(4)]
    public ImmutableArray<ClientOutcome> Outcomes { get; init; } = [];

    /// <summary>
    /// This answer and a later one that starts where it ends (a sync from <see cref="Seq"/>, or from the last
    /// operation), as one. A snapshot keeps its sequence number and the later operations follow it: taking the
    /// later Seq with the earlier snapshot would make a client skip what was committed in between.
    /// </summary>
    public SyncResult<TOp, TSnapshot> FollowedBy(SyncResult<TOp, TSnapshot> later)
    {
        ArgumentNullException.ThrowIfNull(later);
        if (later.Snapshot is not null)
        {
            return later;
        }

        return this with
        {
            Seq = Snapshot is null ? later.Seq : Seq,
            Ops = Ops.AddRange(later.Ops.Where(o => o.Seq > LastSeq)),
            Presence = later.Presence,
        };
    }

    private long LastSeq => Ops.IsDefaultOrEmpty ? Seq : Math.Max(Seq, Ops[^1].Seq);
}

/// <summary>
/// The last operation (by <see cref="OpId.Number"/>) the grain handled from one client: committed as number Seq,
/// or refused (Seq null). Every operation of the client numbered up to Number was handled; none after it was.
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.client-outcome")]
public sealed record ClientOutcome(
    [property: Id(0)] string ClientId,
    [property: Id(1)] long Number,
    [property: Id(2)] long? Seq);

/// <summary>
/// A web node's subscription, as the grain answers it: the connections whose actor may no longer read (the
/// node takes them off the document at once), and the sequence number of the last operation pushed before
/// this subscription — every later one reaches the subscriber, so the node knows where its pushes begin
/// even when they arrive out of order.
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.live-subscription")]
public sealed record LiveSubscription(
    [property: Id(0)] ImmutableArray<string> Revoked,
    [property: Id(1)] long PublishedSeq);

/// <summary>
/// The contract every live grain (board, cohort, live session) offers: one sequencer for its document.
/// Every operation is checked against the acting user, validated, applied, numbered, made durable, then
/// acknowledged and pushed to observers — in that order.
/// </summary>
[Alias("hub.ILiveGrain`2")]
public interface ILiveGrain<TOp, TSnapshot> : IGrainWithGuidKey
    where TSnapshot : class
{
    [Alias("Submit")]
    Task<SubmitResult> Submit(Actor actor, OpId id, TOp op);

    /// <summary>The operations after <paramref name="fromSeq"/>, or a snapshot when they are no longer kept.</summary>
    [Alias("Sync")]
    Task<SyncResult<TOp, TSnapshot>> Sync(Actor actor, long fromSeq);

    /// <summary>Sync, and announce the connection's presence.</summary>
    [Alias("Join")]
    Task<SyncResult<TOp, TSnapshot>> Join(Actor actor, string connectionId, long fromSeq);

    [Alias("Leave")]
    Task Leave(string connectionId);

    /// <summary>Which item the connection is editing now (null: none).</summary>
    [Alias("SetEditing")]
    Task SetEditing(string connectionId, string? editing);

    /// <summary>
    /// A web node subscribes once per document that has local connections, and renews the subscription
    /// (with the connections it still holds) well within the expiry. Connections the grain does not know
    /// (it was restarted elsewhere) are announced again, if their actor may still read. Returns those whose
    /// actor may no longer read, and where the subscriber's pushes begin (<see cref="LiveSubscription"/>).
    /// </summary>
    [Alias("Subscribe")]
    Task<LiveSubscription> Subscribe(ILiveObserver<TOp> observer, ImmutableArray<LiveConnection> connections);

    [Alias("Unsubscribe")]
    Task Unsubscribe(ILiveObserver<TOp> observer);
}

/// <summary>A web node's subscription to one live document. Calls are one-way and best effort: sequence
/// numbers let every client notice a gap and resync.</summary>
[Alias("hub.ILiveObserver`1")]
public interface ILiveObserver<TOp> : IGrainObserver
{
    [OneWay, Alias("Committed")]
    Task Committed(Guid documentId, ImmutableArray<Committed<TOp>> ops);

    [OneWay, Alias("PresenceChanged")]
    Task PresenceChanged(Guid documentId, ImmutableArray<PresenceEntry> presence);

    /// <summary>These connections' people may no longer read the document (a member was removed): the web node
    /// that holds one takes it off the document and tells its client.</summary>
    [OneWay, Alias("Revoked")]
    Task Revoked(Guid documentId, ImmutableArray<string> connectionIds);

    /// <summary>The document was replaced as a whole at <paramref name="seq"/> (an admin restored it): no operation
    /// leads there, so every client takes a fresh snapshot.</summary>
    [OneWay, Alias("Reset")]
    Task Reset(Guid documentId, long seq);
}
