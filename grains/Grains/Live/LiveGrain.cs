using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Hub.Contracts.Common;
using Hub.Contracts.Live;
using Hub.Grains.Common;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Utilities;

namespace Hub.Grains.Live;

/// <summary>
/// The mechanism every live grain shares: one sequencer for a document. For each operation, in order:
/// check the actor, drop duplicates, validate and apply (synchronously, so operations never interleave),
/// number it, make it durable, then acknowledge it and push it to the subscribed web nodes.
/// <para>
/// [Reentrant] is the point: while one storage write is in flight, further operations are applied and
/// their writes queue behind it; Orleans merges queued writes, so a burst of operations shares one write
/// (group commit). Nothing is acknowledged or pushed before the write that contains it has completed, and
/// pushes go out in sequence order however the awaits resume. If a write fails, the activation is
/// abandoned: the operations it held were never acknowledged, their clients retry, and the next activation
/// starts from what is durable.
/// </para>
/// Subclasses supply the document rules: who may do what, how an operation changes the document, and what
/// a snapshot looks like.
/// </summary>
[Reentrant]
public abstract partial class LiveGrain<TDoc, TOp, TSnapshot> : Grain, ILiveGrain<TOp, TSnapshot>
    where TDoc : class
    where TSnapshot : class
{
    /// <summary>How many recent operations are kept in memory for clients that reconnect or saw a gap.</summary>
    public const int WindowSize = 1000;

    /// <summary>How many clients' last operations are remembered (most recently seen first).</summary>
    public const int ClientsRemembered = 2000;

    private static readonly TimeSpan ObserverExpiry = TimeSpan.FromSeconds(30);

    private readonly IPersistentState<LiveState<TDoc>> _state;
    private readonly List<Committed<TOp>> _window = [];
    private readonly Presence _presence;
    private readonly ObserverManager<ILiveObserver<TOp>> _observers;
    private long _durableSeq;
    private long _publishedSeq;
    private bool _abandoned;
    private KeyValuePair<string, object?>? _kindTag;

    protected LiveGrain(IPersistentState<LiveState<TDoc>> state, TimeProvider clock, ILogger logger)
    {
        _state = state;
        Clock = clock;
        Logger = logger;
        _presence = new Presence(clock);
        _observers = new ObserverManager<ILiveObserver<TOp>>(ObserverExpiry, logger);
    }

    protected TimeProvider Clock { get; }

    protected ILogger Logger { get; }

    /// <summary>The document as of the last applied operation; null until the grain is initialised.</summary>
    protected TDoc? Document => _state.State.Document;

    protected long Seq => _state.State.Seq;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _activatedAt = Clock.GetUtcNow();
        // Everything loaded is durable, and nothing loaded is owed to anyone.
        _durableSeq = _publishedSeq = _state.State.Seq;
        _state.State = _state.State.Migrated();
        this.RegisterGrainTimer(SweepAsync, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
        return base.OnActivateAsync(cancellationToken);
    }

    /// <summary>Who may read and write; may call other grains (the partnership, for its members).</summary>
    protected abstract ValueTask<LiveAccess> AuthorizeAsync(Actor actor);

    /// <summary>
    /// Validates and applies one operation, which becomes number <paramref name="seq"/> if it is committed;
    /// throws <see cref="HubRefusedException"/> to refuse it. Returns the new document and the operation as it
    /// is committed and pushed: the one sent, or — for shared text — the one transformed against what was
    /// committed since the sender's base (docs/decisions/004-shared-text-by-server-sequenced-ot.md).
    /// </summary>
    protected abstract (TDoc Document, TOp Committed) Apply(TDoc document, Actor actor, OpId id, long seq, TOp op, DateTimeOffset now);

    protected abstract TSnapshot ToSnapshot(TDoc document, long seq);

    public async Task<SubmitResult> Submit(Actor actor, OpId id, TOp op)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (id is null || !IsValidClientId(id.ClientId) || id.Number < 1)
        {
            return SubmitResult.Refused(ErrorCodes.Validation, "Ugyldigt operations-id. / Invalid operation id.");
        }

        if (op is null)
        {
            return SubmitResult.Refused(ErrorCodes.Validation, "Operationen mangler. / The operation is missing.");
        }

        EnsureAvailable();
        var access = await AuthorizeAsync(actor);
        if (!access.CanRead || Document is null)
        {
            return SubmitResult.Refused(ErrorCodes.NotFound, NotFoundMessage);
        }

        if (!access.CanWrite)
        {
            return SubmitResult.Refused(ErrorCodes.Forbidden, "Du kan kun læse her. / You can only read here.");
        }

        return await Commit(actor, id, op);
    }

    public async Task<SyncResult<TOp, TSnapshot>> Sync(Actor actor, long fromSeq)
    {
        await EnsureReadableAsync(actor);
        return await SyncFrom(actor, fromSeq);
    }

    public async Task<SyncResult<TOp, TSnapshot>> Join(Actor actor, string connectionId, long fromSeq)
    {
        var access = await EnsureReadableAsync(actor);
        if (string.IsNullOrEmpty(connectionId) || connectionId.Length > 128)
        {
            throw new HubRefusedException(ErrorCodes.Validation, "Ugyldig forbindelse. / Invalid connection id.");
        }

        _presence.Join(connectionId, actor, access.Side);
        PublishPresence();
        return await SyncFrom(actor, fromSeq);
    }

    public Task Leave(string connectionId)
    {
        if (_presence.Leave(connectionId))
        {
            PublishPresence();
        }

        return Task.CompletedTask;
    }

    public Task SetEditing(string connectionId, string? editing)
    {
        if (editing is { Length: > 128 })
        {
            throw new HubRefusedException(ErrorCodes.Validation, "Ugyldigt felt. / Invalid item id.");
        }

        if (_presence.SetEditing(connectionId, editing))
        {
            PublishPresence();
        }

        return Task.CompletedTask;
    }

    public async Task<LiveSubscription> Subscribe(ILiveObserver<TOp> observer, ImmutableArray<LiveConnection> connections)
    {
        // Taken with the subscription, before anything awaits: every push after this one goes to the observer.
        var publishedSeq = _publishedSeq;
        _observers.Subscribe(observer, observer);
        NoteWebNode(observer, connections);
        var changed = false;
        var revoked = ImmutableArray.CreateBuilder<string>();
        foreach (var connection in connections.IsDefault ? [] : connections)
        {
            var access = await AuthorizeAsync(connection.Actor);
            if (!access.CanRead)
            {
                changed |= _presence.Leave(connection.ConnectionId);
                revoked.Add(connection.ConnectionId);
            }
            else
            {
                changed |= _presence.Renew(connection.ConnectionId, connection.Actor, access.Side);
            }
        }

        if (changed)
        {
            PublishPresence();
        }

        return new LiveSubscription(revoked.ToImmutable(), publishedSeq);
    }

    public Task Unsubscribe(ILiveObserver<TOp> observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    /// <summary>The actor of operations the grain itself makes (anonymising a deleted account, for instance).</summary>
    protected static Actor SystemActor { get; } = new("system", "Hub");

    /// <summary>Commits an operation on the grain's own authority, through the same sequence, durability and
    /// pushes as any other.</summary>
    protected Task<SubmitResult> SubmitAsSystem(TOp op)
    {
        EnsureAvailable();
        return Commit(SystemActor, new OpId("system", _state.State.Seq + 1), op);
    }

    /// <summary>The document as a reader gets it: only what is durable.</summary>
    protected async Task<TSnapshot> DurableSnapshot()
    {
        EnsureAvailable();
        var current = _state.State;
        await EnsureDurableAsync(current.Seq);
        return ToSnapshot(current.Document!, current.Seq);
    }

    /// <summary>Sets a new document outside the operation path (creation); durable on return.</summary>
    protected async Task ResetDocument(TDoc document)
    {
        EnsureAvailable();
        _state.State = _state.State with { Document = document };
        await _state.WriteStateAsync();
    }

    protected const string NotFoundMessage = "Findes ikke, eller du har ikke adgang. / Not found, or you have no access.";

    private async Task<SubmitResult> Commit(Actor actor, OpId id, TOp op)
    {
        // From here to the write nothing awaits: the operation is checked against, and applied to, the
        // document exactly as the previous operation left it.
        var now = Clock.GetUtcNow();
        var arrived = System.Diagnostics.Stopwatch.GetTimestamp();
        var current = _state.State;
        if (current.MarkOf(actor.UserId, id.ClientId) is { } mark && id.Number <= mark.LastNumber)
        {
            return await AnswerDuplicate(id, mark);
        }

        TDoc next;
        TOp committedOp;
        try
        {
            (next, committedOp) = Apply(current.Document!, actor, id, current.Seq + 1, op, now);
        }
        catch (HubRefusedException refused)
        {
            _state.State = current with { Marks = Remember(current.Marks, actor, id, new ClientMark(id.Number, null, refused.Code, refused.Message, now)) };
            return SubmitResult.Refused(refused.Code, refused.Message);
        }

        var seq = current.Seq + 1;
        var committed = new Committed<TOp>(seq, id, actor.UserId, now, committedOp, actor.DisplayName);
        _state.State = new LiveState<TDoc>
        {
            Document = next,
            Seq = seq,
            Marks = Remember(current.Marks, actor, id, new ClientMark(id.Number, seq, null, null, now)),
        };
        _window.Add(committed);
        if (_window.Count > WindowSize)
        {
            _window.RemoveRange(0, _window.Count - WindowSize);
        }

        await EnsureDurableAsync(seq);
        Publish();
        HubMetrics.Operations.Add(1, KindTag);
        HubMetrics.PushLatency.Record(System.Diagnostics.Stopwatch.GetElapsedTime(arrived).TotalMilliseconds, KindTag);
        if (!ReferenceEquals(actor, SystemActor))
        {
            OnCommitted(now);
        }

        return SubmitResult.Applied(seq);
    }

    private async Task<LiveAccess> EnsureReadableAsync(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        EnsureAvailable();
        var access = await AuthorizeAsync(actor);
        if (!access.CanRead || Document is null)
        {
            throw new HubRefusedException(ErrorCodes.NotFound, NotFoundMessage);
        }

        return access;
    }

    private async Task<SyncResult<TOp, TSnapshot>> SyncFrom(Actor actor, long fromSeq)
    {
        var presence = _presence.Entries();
        var oldestKept = _window.Count > 0 ? _window[0].Seq : _durableSeq + 1;
        // fromSeq 0 means "I have nothing yet": always a snapshot, even of a document no op has touched.
        if (fromSeq > 0 && fromSeq <= _durableSeq && fromSeq >= oldestKept - 1)
        {
            // Only durable operations: later ones reach the client as pushes once they are durable.
            var ops = _window.Where(c => c.Seq > fromSeq && c.Seq <= _durableSeq).ToImmutableArray();
            return new SyncResult<TOp, TSnapshot>(_durableSeq, ops, null, presence);
        }

        // The outcomes are read from the same state as the snapshot: an operation is in the snapshot exactly when
        // its outcome says it was committed. One that reaches the grain later is after the snapshot.
        var current = _state.State;
        await EnsureDurableAsync(current.Seq);
        return new SyncResult<TOp, TSnapshot>(current.Seq, [], ToSnapshot(current.Document!, current.Seq), presence)
        {
            Outcomes = [.. current.Marks.Where(m => m.Key.ActorId == actor.UserId).Select(m => new ClientOutcome(m.Key.ClientId, m.Value.LastNumber, m.Value.Seq))],
        };
    }

    private async Task<SubmitResult> AnswerDuplicate(OpId id, ClientMark mark)
    {
        if (id.Number != mark.LastNumber)
        {
            return new SubmitResult(null, true, null, null);
        }

        if (mark.ErrorCode is not null)
        {
            return SubmitResult.Refused(mark.ErrorCode, mark.Error ?? "");
        }

        // The first attempt may still be waiting for its write: answer only once it is durable.
        await EnsureDurableAsync(mark.Seq!.Value);
        return new SubmitResult(mark.Seq, true, null, null);
    }

    private async Task EnsureDurableAsync(long seq)
    {
        if (seq <= _durableSeq)
        {
            return;
        }

        try
        {
            // Called after the operation was applied, so the write that serves this call contains it.
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await _state.WriteStateAsync();
            HubMetrics.StorageWriteLatency.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, KindTag);
        }
        catch (Exception ex)
        {
            _abandoned = true;
            LogWriteFailed(Logger, ex, this.GetGrainId().ToString());
            DeactivateOnIdle();
            throw;
        }

        _durableSeq = Math.Max(_durableSeq, seq);
    }

    private void Publish()
    {
        if (_publishedSeq >= _durableSeq)
        {
            return;
        }

        var from = _publishedSeq;
        var to = _durableSeq;
        _publishedSeq = to;
        var ops = _window.Where(c => c.Seq > from && c.Seq <= to).ToImmutableArray();
        var key = this.GetPrimaryKey();
        _observers.Notify(o => o.Committed(key, ops));
    }

    private void PublishPresence()
    {
        var key = this.GetPrimaryKey();
        var presence = _presence.Entries();
        _observers.Notify(o => o.PresenceChanged(key, presence));
        OnPresenceChanged();
    }

    /// <summary>The metrics' document kind: "BoardGrain" is "board".</summary>
    private KeyValuePair<string, object?> KindTag => _kindTag ??= new("kind", GetType().Name.Replace("Grain", "", StringComparison.Ordinal).ToLowerInvariant());

    /// <summary>The people (user ids) connected now, each once however many connections they have.</summary>
    protected ImmutableArray<string> ConnectedPeople => [.. _presence.Connections.Select(c => c.Actor.UserId).Distinct(StringComparer.Ordinal)];

    /// <summary>A person's operation is durable and pushed (not the grain's own); must not await or throw.</summary>
    protected virtual void OnCommitted(DateTimeOffset now)
    {
    }

    /// <summary>Who is connected changed; must not await or throw.</summary>
    protected virtual void OnPresenceChanged()
    {
    }

    /// <summary>
    /// Checks every open connection's person again (after the members changed) and revokes those who may no
    /// longer read: they leave the presence, and their web nodes take them off the document and tell them.
    /// </summary>
    protected async Task RevokeThoseWhoMayNoLongerReadAsync()
    {
        var revoked = ImmutableArray.CreateBuilder<string>();
        foreach (var (connectionId, actor) in _presence.Connections)
        {
            var access = await AuthorizeAsync(actor);
            if (!access.CanRead && _presence.Leave(connectionId))
            {
                revoked.Add(connectionId);
            }
        }

        if (revoked.Count > 0)
        {
            PublishRevoked(revoked.ToImmutable());
            PublishPresence();
        }
    }

    private void PublishRevoked(ImmutableArray<string> connectionIds)
    {
        var key = this.GetPrimaryKey();
        _observers.Notify(o => o.Revoked(key, connectionIds));
    }

    private Task SweepAsync(CancellationToken cancellationToken)
    {
        if (_presence.Sweep())
        {
            PublishPresence();
        }

        _observers.ClearExpired();
        return Task.CompletedTask;
    }

    private void EnsureAvailable()
    {
        if (_abandoned)
        {
            throw new HubRefusedException(ErrorCodes.Unavailable, "Prøv igen om et øjeblik. / Try again in a moment.");
        }
    }

    private static ImmutableDictionary<ClientKey, ClientMark> Remember(ImmutableDictionary<ClientKey, ClientMark> clients, Actor actor, OpId id, ClientMark mark)
    {
        clients = clients.SetItem(new ClientKey(actor.UserId, id.ClientId), mark);
        if (clients.Count > ClientsRemembered)
        {
            var stale = clients.OrderBy(c => c.Value.LastSeen).Take(clients.Count - (ClientsRemembered * 9 / 10)).Select(c => c.Key);
            clients = clients.RemoveRange(stale);
        }

        return clients;
    }

    private static bool IsValidClientId(string? clientId) =>
        clientId is { Length: > 0 and <= 64 } && clientId != SystemActor.UserId && ClientIdPattern().IsMatch(clientId);

    [GeneratedRegex(@"^[A-Za-z0-9_-]+\z")]
    private static partial Regex ClientIdPattern();

    [LoggerMessage(Level = LogLevel.Error, Message = "Storage write failed for {Grain}; abandoning the activation so it restarts from durable state")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string grain);
}
