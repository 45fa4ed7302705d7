using Hub.Contracts.Boards;
using Hub.Contracts.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Hub.Web.Live;

public interface IBoardClient : ILiveClient<BoardOp>;

/// <summary>The board hub: the live hub for boards, at <see cref="Path"/>.</summary>
public sealed class BoardHub(IGrainFactory grains, BoardFanout fanout, IOptions<JsonHubProtocolOptions> json)
    : LiveHub<IBoardGrain, BoardOp, BoardSnapshot, IBoardClient>(grains, fanout, json.Value.PayloadSerializerOptions)
{
    public const string Path = "/hubs/board";
}

/// <summary>The web node's subscription to boards: pushes to each board's local group.</summary>
public sealed class BoardFanout(IGrainFactory grains, IHubContext<BoardHub, IBoardClient> hub, ILogger<BoardFanout> logger)
    : SignalRFanout<BoardHub, IBoardClient, BoardOp, BoardSnapshot>(hub, "board", logger), IBoardObserver
{
    protected override ILiveGrain<BoardOp, BoardSnapshot> Grain(Guid documentId) => grains.GetGrain<IBoardGrain>(documentId);

    protected override ILiveObserver<BoardOp> CreateReference() => grains.CreateObjectReference<IBoardObserver>(this);
}
