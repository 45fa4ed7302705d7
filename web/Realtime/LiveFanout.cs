using System.Collections.Immutable;
using Hub.Contracts.Common;
using Hub.Contracts.Live;

namespace Hub.Web.Realtime;

/// <summary>
/// How a web node receives one kind of live document without a backplane: one grain observer for the
/// whole node, subscribed to each document that has at least one connection here, renewed every few
/// seconds (with the connections it holds, which keeps their presence alive), and unsubscribed when the
/// last local connection leaves. What the grain pushes goes to the document's local SignalR group.
/// </summary>
public abstract partial class LiveFanout<TOp, TSnapshot> : IHostedService, ILiveObserver<TOp>
    where TSnapshot : class
{
    private static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, Dictionary<string, Actor>> _documents = [];
    private readonly Dictionary<string, HashSet<Guid>> _connections = [];
    private readonly ILogger _logger;
    private ILiveObserver<TOp>? _reference;
    private PeriodicTimer? _timer;
    private Task? _renewing;

    protected LiveFanout(ILogger logger) => _logger = logger;

    /// <summary>The SignalR group of a document on this node.</summary>
    public abstract string GroupOf(Guid documentId);

    protected abstract ILiveGrain<TOp, TSnapshot> Grain(Guid documentId);

    /// <summary>A reference to this object that grains can call (IGrainFactory.CreateObjectReference).</summary>
    protected abstract ILiveObserver<TOp> CreateReference();

    public abstract Task Committed(Guid documentId, ImmutableArray<Committed<TOp>> ops);

    public abstract Task PresenceChanged(Guid documentId, ImmutableArray<PresenceEntry> presence);

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
        _timer = new PeriodicTimer(RenewEvery);
        _renewing = RenewLoop(_timer);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        if (_renewing is not null)
        {
            await _renewing;
        }
    }

    private ILiveObserver<TOp> Reference => _reference ??= CreateReference();

    private async Task RenewLoop(PeriodicTimer timer)
    {
        while (await timer.WaitForNextTickAsync())
        {
            List<(Guid Document, ImmutableArray<LiveConnection> Connections)> subscriptions;
            lock (_gate)
            {
                subscriptions = [.. _documents.Select(d => (d.Key, d.Value.Select(c => new LiveConnection(c.Key, c.Value)).ToImmutableArray()))];
            }

            await Task.WhenAll(subscriptions.Select(async s =>
            {
                try
                {
                    await Renew(s.Document, s.Connections);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The next tick tries again; meanwhile clients notice gaps by sequence number and resync.
                    LogRenewFailed(_logger, ex, s.Document);
                }
            }));
        }
    }

    private async Task Renew(Guid documentId, ImmutableArray<LiveConnection> connections)
    {
        var revoked = await Grain(documentId).Subscribe(Reference, connections);
        foreach (var connectionId in revoked)
        {
            await RevokeAsync(documentId, connectionId);
            await RemoveAsync(documentId, connectionId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the subscription to {Document} failed")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, Guid document);
}
