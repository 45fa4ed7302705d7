using System.Collections.Immutable;
using Hub.Contracts.Boards;
using Hub.Contracts.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Hub.Web.Realtime;

public interface IBoardClient : ILiveClient<BoardOp>;

/// <summary>The board hub: the live hub for boards, at <see cref="Path"/>.</summary>
public sealed class BoardHub(IGrainFactory grains, BoardFanout fanout, IOptions<JsonHubProtocolOptions> json)
    : LiveHub<IBoardGrain, BoardOp, BoardSnapshot, IBoardClient>(grains, fanout, json.Value.PayloadSerializerOptions)
{
    public const string Path = "/hubs/board";
}

/// <summary>The web node's subscription to boards: pushes to each board's local group.</summary>
public sealed class BoardFanout(IGrainFactory grains, IHubContext<BoardHub, IBoardClient> hub, ILogger<BoardFanout> logger)
    : LiveFanout<BoardOp, BoardSnapshot>(logger), IBoardObserver
{
    public override string GroupOf(Guid documentId) => $"board:{documentId:N}";

    protected override Task PushAsync(Guid documentId, ImmutableArray<Committed<BoardOp>> ops) =>
        hub.Clients.Group(GroupOf(documentId)).Committed(documentId, ops);

    public override Task PresenceChanged(Guid documentId, ImmutableArray<PresenceEntry> presence) =>
        hub.Clients.Group(GroupOf(documentId)).Presence(documentId, presence);

    protected override async Task RevokeAsync(Guid documentId, string connectionId)
    {
        await hub.Groups.RemoveFromGroupAsync(connectionId, GroupOf(documentId));
        await hub.Clients.Client(connectionId).Revoked(documentId);
    }

    protected override ILiveGrain<BoardOp, BoardSnapshot> Grain(Guid documentId) => grains.GetGrain<IBoardGrain>(documentId);

    protected override ILiveObserver<BoardOp> CreateReference() => grains.CreateObjectReference<IBoardObserver>(this);
}
