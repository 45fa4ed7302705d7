using System.Collections.Immutable;

namespace Hub.Grains.Live;

/// <summary>
/// What a live grain stores: its document, the sequence number of the last operation applied to it, and
/// for each recent client of each person the last operation number it sent, with the outcome, so a retry is
/// answered and never applied twice. Replaced as a whole with every operation (its parts are immutable), so a
/// write in flight always serialises one consistent version.
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.LiveState`1")]
public sealed record LiveState<TDoc> where TDoc : class
{
    [Id(0)] public TDoc? Document { get; init; }
    [Id(1)] public long Seq { get; init; }

    /// <summary>Marks stored before they were keyed by their author as well: read, moved into
    /// <see cref="Marks"/> under an unknown author by <see cref="Migrated"/>, never written again.</summary>
    [Id(2)] public ImmutableDictionary<string, ClientMark> Clients { get; init; } = ImmutableDictionary<string, ClientMark>.Empty;

    /// <summary>
    /// The last operation of each client, keyed by the person who sent it as well as the client id: client
    /// ids travel in every push, so a key of the client id alone let anyone who read one occupy it, and the
    /// owner's later operations were answered as duplicates of the intruder's and never applied.
    /// </summary>
    [Id(3)] public ImmutableDictionary<ClientKey, ClientMark> Marks { get; init; } = ImmutableDictionary<ClientKey, ClientMark>.Empty;

    /// <summary>The state with marks of the old shape moved under <see cref="ClientKey.UnknownActor"/>.</summary>
    public LiveState<TDoc> Migrated()
    {
        // A state stored before Marks existed reads it as null, whatever the initialiser says.
        var marks = Marks ?? ImmutableDictionary<ClientKey, ClientMark>.Empty;
        if (Clients is null or { IsEmpty: true })
        {
            return ReferenceEquals(marks, Marks) ? this : this with { Marks = marks };
        }

        foreach (var (clientId, mark) in Clients)
        {
            var key = new ClientKey(ClientKey.UnknownActor, clientId);
            if (!marks.ContainsKey(key))
            {
                marks = marks.Add(key, mark);
            }
        }

        return this with { Clients = ImmutableDictionary<string, ClientMark>.Empty, Marks = marks };
    }

    /// <summary>
    /// The mark an operation of <paramref name="actorId"/> from <paramref name="clientId"/> is a retry of, if any:
    /// the person's own, else one stored before marks had an author. Those still answer a retry of an
    /// operation acknowledged before the upgrade; they are never updated, so nobody can extend them.
    /// </summary>
    public ClientMark? MarkOf(string actorId, string clientId) =>
        Marks.TryGetValue(new ClientKey(actorId, clientId), out var own) ? own
        : Marks.TryGetValue(new ClientKey(ClientKey.UnknownActor, clientId), out var old) ? old
        : null;
}

/// <summary>Whose client a mark is for: the authenticated person's id and the id their client chose.</summary>
[GenerateSerializer, Immutable, Alias("hub.ClientKey")]
public readonly record struct ClientKey(
    [property: Id(0)] string ActorId,
    [property: Id(1)] string ClientId)
{
    /// <summary>The author of marks stored before marks had one (no person's id is empty).</summary>
    public const string UnknownActor = "";
}

/// <summary>The last operation a client sent, and what became of it. Whose client it is lives in its
/// <see cref="ClientKey"/>, so a person who joins again is told the outcome of their own clients' operations only.</summary>
[GenerateSerializer, Immutable, Alias("hub.ClientMark")]
public sealed record ClientMark(
    [property: Id(0)] long LastNumber,
    [property: Id(1)] long? Seq,
    [property: Id(2)] string? ErrorCode,
    [property: Id(3)] string? Error,
    [property: Id(4)] DateTimeOffset LastSeen);

/// <summary>What an actor may do with a live document, decided by the grain that owns it.</summary>
public sealed record LiveAccess(bool CanRead, bool CanWrite, Hub.Contracts.Partnerships.Side? Side)
{
    public static LiveAccess None { get; } = new(false, false, null);
}
