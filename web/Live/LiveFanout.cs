using System.Collections.Immutable;
using Hub.Contracts.Common;
using Hub.Contracts.Live;

namespace Hub.Web.Live;

/// <summary>
/// How a web node receives one kind of live document without a backplane: one grain observer for the
/// whole node, subscribed to each document that has at least one connection here, renewed every few
/// seconds (with the connections it holds, which keeps their presence alive), and unsubscribed when the
/// last local connection leaves. What the grain pushes goes to the document's local SignalR group.
/// </summary>
public abstract partial class LiveFanout<TOp, TSnapshot> : IHostedService, ILiveObserver<TOp>
    where TSnapshot : class
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, Dictionary<string, Actor>> _documents = [];
    private readonly Dictionary<string, HashSet<Guid>> _connections = [];
    private readonly Lock _orderGate = new();
    private readonly Dictionary<Guid, ReorderBuffer<TOp>> _order = [];
    private readonly ILogger _logger;
    private ILiveObserver<TOp>? _reference;
    private readonly SubscriptionRenewal _renewal;

    protected LiveFanout(ILogger logger)
    {
        _logger = logger;
        _renewal = new SubscriptionRenewal(_gate, _documents, Renew, (ex, document) => LogRenewFailed(_logger, ex, document));
    }

    /// <summary>The SignalR group of a document on this node.</summary>
    public abstract string GroupOf(Guid documentId);

    protected abstract ILiveGrain<TOp, TSnapshot> Grain(Guid documentId);

    /// <summary>A reference to this object that grains can call (IGrainFactory.CreateObjectReference).</summary>
    protected abstract ILiveObserver<TOp> CreateReference();

    /// <summary>Pushes operations, in sequence order, to the document's local group.</summary>
    protected abstract Task PushAsync(Guid documentId, ImmutableArray<Committed<TOp>> ops);

    /// <summary>
    /// The grain's pushes, passed on in the grain's order. In cluster mode they can reach this node out of order
    /// (a burst of single-operation pushes through the silo's gateway can arrive last first): every browser would
    /// then see a gap and call Sync for an operation that is already on its way. So each document's pushes go
    /// through a <see cref="ReorderBuffer{TOp}"/>, which holds a push that skips ahead until the missing ones
    /// arrive, or for <see cref="HoldFor"/> at most (then it goes out, and the browsers catch up by Sync as before).
    /// The group send is started in order, under the lock (SignalR writes each connection's messages in the order
    /// they were started), and not awaited: Orleans hands this observer one message at a time, so awaiting every
    /// document's send would make all of this node's documents wait for the slowest connection of any of them.
    /// </summary>
    public Task Committed(Guid documentId, ImmutableArray<Committed<TOp>> ops)
    {
        lock (_orderGate)
        {
            var order = OrderOf(documentId);
            Pass(documentId, order, order.Add(ops));
        }

        return Task.CompletedTask;
    }

    /// <summary>Sends who is on a document to its local group. Not awaited, like <see cref="Committed"/>: a group
    /// send completes only when every connection in it has taken the message, and a connection that died without
    /// closing (held for stateful reconnect) stops taking them once its buffer is full, until the server drops it
    /// many seconds later. Awaited here, that one connection would hold up this node's every push and presence.</summary>
    public Task PresenceChanged(Guid documentId, ImmutableArray<PresenceEntry> presence)
    {
        Observe(SendPresenceAsync(documentId, presence), documentId);
        return Task.CompletedTask;
    }

    /// <summary>Sends a document's presence to its local group.</summary>
    protected abstract Task SendPresenceAsync(Guid documentId, ImmutableArray<PresenceEntry> presence);

    /// <summary>The grain revoked these connections (their person was removed): those held here leave the
    /// document and are told. Not awaited: Orleans hands this observer one message at a time, for every document.</summary>
    public Task Revoked(Guid documentId, ImmutableArray<string> connectionIds)
    {
        var local = connectionIds.Where(c => IsOn(documentId, c)).ToList();
        if (local.Count > 0)
        {
            _ = RevokeLocalAsync(documentId, local);
        }

        return Task.CompletedTask;
    }

    /// <summary>The grain replaced the document at <paramref name="seq"/> (a restore): pushes start after it, and the
    /// document's local group is told to take a snapshot. Not awaited, like <see cref="Committed"/>.</summary>
    public Task Reset(Guid documentId, long seq)
    {
        lock (_orderGate)
        {
            // What the buffer held or waited for is before the restore, which no operation leads to: start afresh.
            var order = _order[documentId] = new ReorderBuffer<TOp>();
            Pass(documentId, order, order.Begin(seq));
        }

        Observe(SendResetAsync(documentId, seq), documentId);
        return Task.CompletedTask;
    }

    /// <summary>Tells a document's local group to take a fresh snapshot.</summary>
    protected virtual Task SendResetAsync(Guid documentId, long seq) => Task.CompletedTask;

    /// <summary>How long a push waits for an earlier one that has not arrived: on a busy machine the bench saw
    /// reordered pushes arrive up to a few hundred milliseconds apart; a push that is really lost (a silo died)
    /// is rare, and browsers ask for a Sync after 1.5 s without their own operation's push anyway.</summary>
    public static readonly TimeSpan HoldFor = TimeSpan.FromSeconds(1);

    /// <summary>The grain says this connection's person may no longer read the document: take it off the
    /// document's group and tell the client.</summary>
    protected abstract Task RevokeAsync(Guid documentId, string connectionId);

    /// <summary>Records a local connection on a document; the first one subscribes this node.</summary>
    public async Task AddAsync(Guid documentId, string connectionId, Actor actor)
    {
        bool first;
        lock (_gate)
        {
            if (!_documents.TryGetValue(documentId, out var connections))
            {
                _documents[documentId] = connections = [];
            }

            first = connections.Count == 0;
            connections[connectionId] = actor;
            if (!_connections.TryGetValue(connectionId, out var documents))
            {
                _connections[connectionId] = documents = [];
            }

            documents.Add(documentId);
        }

        if (first)
        {
            await Renew(documentId, [new LiveConnection(connectionId, actor)]);
        }
    }

    /// <summary>Forgets a local connection on a document; the last one unsubscribes this node.</summary>
    public async Task RemoveAsync(Guid documentId, string connectionId)
    {
        bool last;
        lock (_gate)
        {
            if (!_documents.TryGetValue(documentId, out var connections) || !connections.Remove(connectionId))
            {
                return;
            }

            last = connections.Count == 0;
            if (last)
            {
                _documents.Remove(documentId);
                lock (_orderGate)
                {
                    _order.Remove(documentId);
                }
            }

            if (_connections.TryGetValue(connectionId, out var documents))
            {
                documents.Remove(documentId);
                if (documents.Count == 0)
                {
                    _connections.Remove(connectionId);
                }
            }
        }

        var grain = Grain(documentId);
        await grain.Leave(connectionId);
        if (last)
        {
            await grain.Unsubscribe(Reference);
        }
    }

    /// <summary>The documents a connection is on (to leave them all when it closes).</summary>
    public ImmutableArray<Guid> DocumentsOf(string connectionId)
    {
        lock (_gate)
        {
            return _connections.TryGetValue(connectionId, out var documents) ? [.. documents] : [];
        }
    }

    public bool IsOn(Guid documentId, string connectionId)
    {
        lock (_gate)
        {
            return _documents.TryGetValue(documentId, out var connections) && connections.ContainsKey(connectionId);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _renewal.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => _renewal.StopAsync();

    private ILiveObserver<TOp> Reference => _reference ??= CreateReference();

    private async Task Renew(Guid documentId, ImmutableArray<LiveConnection> connections)
    {
        var subscription = await Grain(documentId).Subscribe(Reference, connections);
        lock (_orderGate)
        {
            var order = OrderOf(documentId);
            Pass(documentId, order, order.Begin(subscription.PublishedSeq));
        }

        await RevokeLocalAsync(documentId, subscription.Revoked);
    }

    private async Task RevokeLocalAsync(Guid documentId, IEnumerable<string> connectionIds)
    {
        foreach (var connectionId in connectionIds)
        {
            try
            {
                await RevokeAsync(documentId, connectionId);
                await RemoveAsync(documentId, connectionId);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The next renewal asks the grain again, which answers with this connection once more.
                LogRevokeFailed(_logger, ex, documentId);
            }
        }
    }

    /// <summary>A document's reorder buffer on this node. Called under <see cref="_orderGate"/>.</summary>
    private ReorderBuffer<TOp> OrderOf(Guid documentId)
    {
        if (!_order.TryGetValue(documentId, out var order))
        {
            _order[documentId] = order = new ReorderBuffer<TOp>();
        }

        return order;
    }

    /// <summary>Sends what a reorder buffer let go, and starts the hold it asks for. Called under <see cref="_orderGate"/>.</summary>
    private void Pass(Guid documentId, ReorderBuffer<TOp> order, Released<TOp> released)
    {
        if (released.Late.Length > 0)
        {
            Send(documentId, released.Late);
        }

        if (released.Ready.Length > 0)
        {
            Send(documentId, released.Ready);
        }

        if (released.Hold is { } wait)
        {
            _ = ExpireLaterAsync(documentId, order, wait);
        }
    }

    private async Task ExpireLaterAsync(Guid documentId, ReorderBuffer<TOp> order, long wait)
    {
        await Task.Delay(HoldFor);
        lock (_orderGate)
        {
            var released = order.Expire(wait);
            if (released.GaveUpOn is { } missing)
            {
                LogGapNotFilled(_logger, documentId, missing);
            }

            Pass(documentId, order, released);
        }
    }

    private void Send(Guid documentId, ImmutableArray<Committed<TOp>> ops) => Observe(PushAsync(documentId, ops), documentId);

    private void Observe(Task sending, Guid documentId)
    {
        if (!sending.IsCompletedSuccessfully)
        {
            _ = ObserveAsync(sending, documentId);
        }
    }

    private async Task ObserveAsync(Task sending, Guid documentId)
    {
        try
        {
            await sending;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Browsers that miss a push notice the gap by sequence number and resync.
            LogPushFailed(_logger, ex, documentId);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Operation {Seq} of {Document} did not arrive in time; passing on the later ones")]
    private static partial void LogGapNotFilled(ILogger logger, Guid document, long seq);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pushing to the group of {Document} failed")]
    private static partial void LogPushFailed(ILogger logger, Exception exception, Guid document);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Revoking a connection on {Document} failed")]
    private static partial void LogRevokeFailed(ILogger logger, Exception exception, Guid document);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the subscription to {Document} failed")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, Guid document);
}
