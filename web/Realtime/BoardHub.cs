using System.Collections.Immutable;
using System.Text.Json;
using Hub.Contracts.Boards;
using Hub.Contracts.Common;
using Hub.Contracts.Live;
using Hub.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Hub.Web.Realtime;

/// <summary>What the server calls on a browser connected to boards. docs/protocol.md describes each.</summary>
public interface IBoardClient
{
    /// <summary>Operations committed on a board, in sequence order.</summary>
    Task Committed(Guid boardId, ImmutableArray<Committed<BoardOp>> ops);

    /// <summary>Everyone on a board now.</summary>
    Task Presence(Guid boardId, ImmutableArray<PresenceEntry> presence);
}

/// <summary>
/// The board hub: translates each call into a call on the board's grain, on behalf of the signed-in person,
/// and keeps nothing itself (the node's subscriptions live in <see cref="BoardFanout"/>).
/// </summary>
[Authorize]
public sealed class BoardHub(IGrainFactory grains, BoardFanout fanout, IOptions<JsonHubProtocolOptions> json) : Hub<IBoardClient>
{
    public const string Path = "/hubs/board";

    /// <summary>
    /// Opens a board: the grain checks access first; only then does this connection join the board's group,
    /// and a second sync picks up anything committed in between (the client drops what it already has).
    /// </summary>
    public async Task<SyncResult<BoardOp, BoardSnapshot>> Join(Guid boardId, long fromSeq)
    {
        var actor = Context.User!.ToActor();
        var board = Board(boardId);
        var joined = await board.Join(actor, Context.ConnectionId, fromSeq);
        await Groups.AddToGroupAsync(Context.ConnectionId, fanout.GroupOf(boardId));
        await fanout.AddAsync(boardId, Context.ConnectionId, actor);
        var since = await board.Sync(actor, joined.Seq);
        return since.Snapshot is null ? joined with { Seq = since.Seq, Ops = joined.Ops.AddRange(since.Ops), Presence = since.Presence } : since;
    }

    /// <summary>
    /// The operation arrives as raw JSON and is read here, so that a malformed or unknown operation gets
    /// the same kind of answer as any other refusal (code "malformed") instead of a transport error.
    /// </summary>
    public async Task<SubmitResult> Submit(Guid boardId, OpId id, JsonElement op)
    {
        BoardOp? parsed;
        try
        {
            parsed = op.Deserialize<BoardOp>(json.Value.PayloadSerializerOptions);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            return SubmitResult.Refused(ErrorCodes.Malformed, $"Operationen kunne ikke læses. / The operation could not be read: {ex.Message}");
        }

        return parsed is null
            ? SubmitResult.Refused(ErrorCodes.Malformed, "Operationen mangler. / The operation is missing.")
            : await Board(boardId).Submit(Context.User!.ToActor(), id, parsed);
    }

    public Task<SyncResult<BoardOp, BoardSnapshot>> Sync(Guid boardId, long fromSeq) =>
        Board(boardId).Sync(Context.User!.ToActor(), fromSeq);

    public Task Editing(Guid boardId, string? cardId) =>
        fanout.IsOn(boardId, Context.ConnectionId) ? Board(boardId).SetEditing(Context.ConnectionId, cardId) : Task.CompletedTask;

    public async Task Leave(Guid boardId)
    {
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, fanout.GroupOf(boardId));
        await fanout.RemoveAsync(boardId, Context.ConnectionId);
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        foreach (var boardId in fanout.DocumentsOf(Context.ConnectionId))
        {
            await fanout.RemoveAsync(boardId, Context.ConnectionId);
        }

        await base.OnDisconnectedAsync(exception);
    }

    private IBoardGrain Board(Guid boardId) => grains.GetGrain<IBoardGrain>(boardId);
}

/// <summary>The web node's subscription to boards: pushes to each board's local group.</summary>
public sealed class BoardFanout(IGrainFactory grains, IHubContext<BoardHub, IBoardClient> hub, ILogger<BoardFanout> logger)
    : LiveFanout<BoardOp, BoardSnapshot>(logger), IBoardObserver
{
    public override string GroupOf(Guid documentId) => $"board:{documentId:N}";

    public override Task Committed(Guid documentId, ImmutableArray<Committed<BoardOp>> ops) =>
        hub.Clients.Group(GroupOf(documentId)).Committed(documentId, ops);

    public override Task PresenceChanged(Guid documentId, ImmutableArray<PresenceEntry> presence) =>
        hub.Clients.Group(GroupOf(documentId)).Presence(documentId, presence);

    protected override ILiveGrain<BoardOp, BoardSnapshot> Grain(Guid documentId) => grains.GetGrain<IBoardGrain>(documentId);

    protected override ILiveObserver<BoardOp> CreateReference() => grains.CreateObjectReference<IBoardObserver>(this);
}
