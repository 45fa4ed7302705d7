using System.Collections.Immutable;
using Hub.Contracts.Live;
using Microsoft.AspNetCore.SignalR;

namespace Hub.Web.Live;

/// <summary>
/// A <see cref="LiveFanout{TOp,TSnapshot}"/> that delivers through a SignalR hub: each document has one group on
/// this node (<c>{prefix}:{id}</c>), pushes and presence go to the group, and a revoked connection leaves the group
/// and is told. The board and agreement fanouts only name their prefix, grain and observer reference.
/// </summary>
public abstract class SignalRFanout<THub, TClient, TOp, TSnapshot>(IHubContext<THub, TClient> hub, string groupPrefix, ILogger logger)
    : LiveFanout<TOp, TSnapshot>(logger)
    where THub : Hub<TClient>
    where TClient : class, ILiveClient<TOp>
    where TSnapshot : class
{
    public override string GroupOf(Guid documentId) => $"{groupPrefix}:{documentId:N}";

    protected override Task PushAsync(Guid documentId, ImmutableArray<Committed<TOp>> ops) =>
        hub.Clients.Group(GroupOf(documentId)).Committed(documentId, ops);

    protected override Task SendPresenceAsync(Guid documentId, ImmutableArray<PresenceEntry> presence) =>
        hub.Clients.Group(GroupOf(documentId)).Presence(documentId, presence);

    protected override Task SendResetAsync(Guid documentId, long seq) =>
        hub.Clients.Group(GroupOf(documentId)).Reset(documentId, seq);

    protected override async Task RevokeAsync(Guid documentId, string connectionId)
    {
        await hub.Groups.RemoveFromGroupAsync(connectionId, GroupOf(documentId));
        await hub.Clients.Client(connectionId).Revoked(documentId);
    }
}
