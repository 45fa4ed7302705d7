using System.Collections.Immutable;
using System.Text.Json;
using Hub.Contracts.Common;
using Hub.Contracts.Live;

namespace Hub.Grains.Live;

/// <summary>
/// What the admins' inspector reads from, and does to, an active live grain (docs/decisions/016-grain-inspector.md).
/// Kept apart from the mechanism: nothing here changes how operations are applied, made durable or pushed.
/// </summary>
public abstract partial class LiveGrain<TDoc, TOp, TSnapshot> : ILiveInspectionGrain, IIncomingGrainCallFilter
{
    /// <summary>How many of the recent operations the inspector is shown.</summary>
    public const int InspectedOps = 100;

    private readonly Dictionary<string, string> _webNodes = [];
    private DateTimeOffset _activatedAt;
    private DateTimeOffset? _lastCallAt;

    /// <summary>Whether an actor is an anonymous participant rather than a person with an account (live sessions).</summary>
    protected virtual bool IsAnonymous(Actor actor) => false;

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        // The inspector's own calls are not the document's use.
        if (context.InterfaceMethod?.DeclaringType != typeof(ILiveInspectionGrain))
        {
            _lastCallAt = Clock.GetUtcNow();
        }

        await context.Invoke();
    }

    public Task<LiveInside> Inspect()
    {
        var connections = _presence.Inspect();
        var present = connections.Select(c => c.Entry.ConnectionId).ToHashSet();
        foreach (var gone in _webNodes.Keys.Where(k => !present.Contains(k)).ToList())
        {
            _webNodes.Remove(gone);
        }

        var clients = connections
            .OrderBy(c => c.Since)
            .Select(c => new LiveClientInside(c.Entry.ConnectionId, c.Actor.UserId, c.Actor.DisplayName, IsAnonymous(c.Actor), c.Entry.Side,
                _webNodes.GetValueOrDefault(c.Entry.ConnectionId), c.Since))
            .ToImmutableArray();
        var ops = _window.Skip(Math.Max(0, _window.Count - InspectedOps)).Reverse()
            .Select(c => new LiveOpInside(c.Seq, c.At, c.ActorId, c.ActorName, c.Op?.GetType().Name ?? "?"))
            .ToImmutableArray();
        var nodes = _observers.Observers.Keys.Select(NodeOf).Distinct().Order(StringComparer.Ordinal).ToImmutableArray();
        return Task.FromResult(new LiveInside(_activatedAt, _lastCallAt, _state.State.Seq, _durableSeq, _publishedSeq, nodes, clients, ops,
            GrainContext.ActivationId.ToString()));
    }

    public Task ForceDeactivate(string reason)
    {
        // Everything acknowledged is durable already; what is still being applied finishes before the activation ends.
        GrainContext.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, reason));
        return Task.CompletedTask;
    }

    public Task<bool> Disconnect(string connectionId)
    {
        if (!_presence.Leave(connectionId))
        {
            return Task.FromResult(false);
        }

        _webNodes.Remove(connectionId);
        PublishRevoked([connectionId]);
        PublishPresence();
        return Task.FromResult(true);
    }

    public async Task<long> Restore(string documentJson, long expectedSeq)
    {
        EnsureAvailable();
        TDoc restored;
        try
        {
            restored = JsonSerializer.Deserialize<TDoc>(documentJson, InspectionJson.Options)
                ?? throw new HubRefusedException(ErrorCodes.Validation, "Dokumentet mangler. / The document is missing.");
        }
        catch (JsonException ex)
        {
            throw new HubRefusedException(ErrorCodes.Malformed, $"Dokumentet kan ikke læses. / The document cannot be read: {ex.Message}");
        }

        // Nothing awaits between this check and the new state: no operation can slip in between.
        var current = _state.State;
        if (current.Document is null)
        {
            throw new HubRefusedException(ErrorCodes.NotFound, NotFoundMessage);
        }

        if (current.Seq != expectedSeq)
        {
            throw new HubRefusedException(ErrorCodes.Conflict,
                $"Dokumentet er ændret siden (nu version {current.Seq}); se det igen. / The document changed meanwhile (now version {current.Seq}); look again.");
        }

        var seq = current.Seq + 1;
        _state.State = current with { Document = restored, Seq = seq };
        // The recent operations describe the document before the restore: a client that asks from before it gets a snapshot.
        _window.Clear();
        await EnsureDurableAsync(seq);
        _publishedSeq = Math.Max(_publishedSeq, seq);
        var key = this.GetPrimaryKey();
        _ = _observers.Notify(o => o.Reset(key, seq));
        return seq;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Not while the silo shuts down: the note could only be placed on a silo that is leaving, and Orleans logs
        // every such message as an error. The inspector then shows the deactivation before this one.
        if (reason.ReasonCode == DeactivationReasonCode.ShuttingDown)
        {
            await base.OnDeactivateAsync(reason, cancellationToken);
            return;
        }

        try
        {
            // Best effort and one-way: the log is for the inspector, and a silo that is going away may not reach it.
            GrainFactory.GetGrain<IActivationLogGrain>(this.GetGrainId().ToString())
                .Deactivated(new ActivationEnded(_activatedAt, Clock.GetUtcNow(), RuntimeIdentity, reason.ReasonCode.ToString(), reason.Description))
                .Ignore();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogActivationLogFailed(Logger, ex, this.GetGrainId().ToString());
        }

        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    /// <summary>Which web node holds each connection, as its subscription renewal says (a join does not say).</summary>
    private void NoteWebNode(ILiveObserver<TOp> observer, ImmutableArray<LiveConnection> connections)
    {
        var node = NodeOf(observer);
        foreach (var connection in connections.IsDefault ? [] : connections)
        {
            _webNodes[connection.ConnectionId] = node;
        }
    }

    /// <summary>A web node's observer is named by the Orleans client (or co-hosted silo) it lives in.</summary>
    private static string NodeOf(IAddressable observer)
    {
        var id = observer.GetGrainId().ToString();
        var plus = id.IndexOf('+', StringComparison.Ordinal);
        return plus > 0 ? id[..plus] : id;
    }

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Debug, Message = "Could not record the end of {Grain}'s activation")]
    private static partial void LogActivationLogFailed(Microsoft.Extensions.Logging.ILogger logger, Exception exception, string grain);
}
