using System.Collections.Immutable;
using Hub.Contracts.Common;
using Hub.Contracts.Live;
using Hub.Contracts.Partnerships;
using Microsoft.AspNetCore.SignalR;

namespace Hub.Web.Live;

/// <summary>
/// The web node's watch on partnerships, the small cousin of <see cref="LiveFanout{TOp,TSnapshot}"/>: one grain
/// observer for the node, watching each partnership that has a page open here, renewed every few seconds with the
/// connections that hold it (the grain answers with those whose person may no longer read, which are dropped), and
/// unwatched when the last page leaves. A change goes to the partnership's local SignalR group as a version number.
/// </summary>
public sealed partial class PartnershipWatch(IGrainFactory grains, IHubContext<PartnershipHub, IPartnershipClient> hub, ILogger<PartnershipWatch> logger)
    : IHostedService, IPartnershipObserver
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, Dictionary<string, Actor>> _partnerships = [];
    private IPartnershipObserver? _reference;
    private SubscriptionRenewal? _renewal;

    public static string GroupOf(Guid partnershipId) => $"partnership:{partnershipId:N}";

    private IPartnershipObserver Reference => _reference ??= grains.CreateObjectReference<IPartnershipObserver>(this);

    /// <summary>Not awaited: Orleans hands this observer one message at a time, and one slow connection must not
    /// hold up every other partnership's pages (as in <see cref="LiveFanout{TOp,TSnapshot}.Committed"/>).</summary>
    public Task Changed(Guid partnershipId, int version)
    {
        _ = SendAsync(partnershipId, version);
        return Task.CompletedTask;
    }

    public async Task AddAsync(Guid partnershipId, string connectionId, Actor actor)
    {
        bool first;
        lock (_gate)
        {
            if (!_partnerships.TryGetValue(partnershipId, out var connections))
            {
                _partnerships[partnershipId] = connections = [];
            }

            first = connections.Count == 0;
            connections[connectionId] = actor;
        }

        if (first)
        {
            await RenewAsync(partnershipId, [new LiveConnection(connectionId, actor)]);
        }
    }

    public async Task RemoveAsync(Guid partnershipId, string connectionId)
    {
        bool last;
        lock (_gate)
        {
            if (!_partnerships.TryGetValue(partnershipId, out var connections) || !connections.Remove(connectionId))
            {
                return;
            }

            last = connections.Count == 0;
            if (last)
            {
                _partnerships.Remove(partnershipId);
            }
        }

        if (last)
        {
            await grains.GetGrain<IPartnershipGrain>(partnershipId).Unwatch(Reference);
        }
    }

    /// <summary>A connection closed: it leaves every partnership it watched.</summary>
    public async Task RemoveAllAsync(string connectionId)
    {
        List<Guid> watched;
        lock (_gate)
        {
            watched = [.. _partnerships.Where(p => p.Value.ContainsKey(connectionId)).Select(p => p.Key)];
        }

        foreach (var partnershipId in watched)
        {
            await RemoveAsync(partnershipId, connectionId);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Pages read the partnership afresh when they reconnect, so a failed renewal only waits for the next tick.
        _renewal = new SubscriptionRenewal(_gate, _partnerships, RenewAsync, (ex, partnership) => LogRenewFailed(logger, ex, partnership));
        _renewal.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => _renewal?.StopAsync() ?? Task.CompletedTask;

    private async Task RenewAsync(Guid partnershipId, ImmutableArray<LiveConnection> connections)
    {
        var revoked = await grains.GetGrain<IPartnershipGrain>(partnershipId).Watch(Reference, connections);
        foreach (var connectionId in revoked)
        {
            await hub.Groups.RemoveFromGroupAsync(connectionId, GroupOf(partnershipId));
            await hub.Clients.Client(connectionId).Revoked(partnershipId);
            await RemoveAsync(partnershipId, connectionId);
        }
    }

    private async Task SendAsync(Guid partnershipId, int version)
    {
        try
        {
            await hub.Clients.Group(GroupOf(partnershipId)).PartnershipChanged(partnershipId, version);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A page that misses it reads the partnership again on its next reconnect or change.
            LogPushFailed(logger, ex, partnershipId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telling the pages of partnership {Partnership} that it changed failed")]
    private static partial void LogPushFailed(ILogger logger, Exception exception, Guid partnership);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the watch on partnership {Partnership} failed")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, Guid partnership);
}
