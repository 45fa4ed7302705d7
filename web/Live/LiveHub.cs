using System.Collections.Immutable;
using System.Text.Json;
using Hub.Contracts.Common;
using Hub.Contracts.Live;
using Hub.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Hub.Web.Live;

/// <summary>What the server calls on a browser connected to a kind of live document; docs/protocol.md describes each.</summary>
public interface ILiveClient<TOp>
{
    /// <summary>Operations committed on a document, in sequence order.</summary>
    Task Committed(Guid documentId, ImmutableArray<Committed<TOp>> ops);

    /// <summary>Everyone on a document now.</summary>
    Task Presence(Guid documentId, ImmutableArray<PresenceEntry> presence);

    /// <summary>This connection's person may no longer read the document (removed from the partnership):
    /// nothing more about it will arrive.</summary>
    Task Revoked(Guid documentId);

    /// <summary>The document was replaced as a whole (an admin restored it) at seq: take a fresh snapshot.</summary>
    Task Reset(Guid documentId, long seq);
}

/// <summary>
/// The hub every kind of live document uses (boards now; agreements, cohorts and live sessions the same
/// way): it translates each call into a call on the document's grain, on behalf of the signed-in person,
/// and keeps nothing itself — the node's subscriptions live in the kind's <see cref="LiveFanout{TOp,TSnapshot}"/>.
/// </summary>
[Authorize]
public abstract class LiveHub<TGrain, TOp, TSnapshot, TClient>(IGrainFactory grains, LiveFanout<TOp, TSnapshot> fanout, JsonSerializerOptions json)
    : Hub<TClient>
    where TGrain : ILiveGrain<TOp, TSnapshot>
    where TOp : class
    where TSnapshot : class
    where TClient : class, ILiveClient<TOp>
{
    /// <summary>
    /// Opens a document: the grain checks access first; only then does this connection join the document's
    /// group, and a second sync picks up anything committed in between (the client drops what it already has).
    /// The two answers become one (<see cref="SyncResult{TOp,TSnapshot}.FollowedBy"/>): a snapshot keeps its own
    /// sequence number, and what was committed in between follows it as operations.
    /// </summary>
    public async Task<SyncResult<TOp, TSnapshot>> Join(Guid documentId, long fromSeq)
    {
        var actor = Context.User!.ToActor();
        var grain = Grain(documentId);
        var joined = await grain.Join(actor, Context.ConnectionId, fromSeq);
        await Groups.AddToGroupAsync(Context.ConnectionId, fanout.GroupOf(documentId));
        await fanout.AddAsync(documentId, Context.ConnectionId, actor);
        var since = await grain.Sync(actor, joined.Seq);
        return joined.FollowedBy(since);
    }

    /// <summary>
    /// The operation arrives as raw JSON and is read here, so that a malformed or unknown operation gets
    /// the same kind of answer as any other refusal (code "malformed") instead of a transport error.
    /// </summary>
    public async Task<SubmitResult> Submit(Guid documentId, OpId id, JsonElement op)
    {
        TOp? parsed;
        try
        {
            parsed = op.Deserialize<TOp>(json);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            return SubmitResult.Refused(ErrorCodes.Malformed, $"Operationen kunne ikke læses. / The operation could not be read: {ex.Message}");
        }

        return parsed is null
            ? SubmitResult.Refused(ErrorCodes.Malformed, "Operationen mangler. / The operation is missing.")
            : await Grain(documentId).Submit(Context.User!.ToActor(), id, parsed);
    }

    public Task<SyncResult<TOp, TSnapshot>> Sync(Guid documentId, long fromSeq) =>
        Grain(documentId).Sync(Context.User!.ToActor(), fromSeq);

    /// <summary>Which item (card, section) this connection is editing now; null when none.</summary>
    public Task Editing(Guid documentId, string? item) =>
        fanout.IsOn(documentId, Context.ConnectionId) ? Grain(documentId).SetEditing(Context.ConnectionId, item) : Task.CompletedTask;

    public async Task Leave(Guid documentId)
    {
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, fanout.GroupOf(documentId));
        await fanout.RemoveAsync(documentId, Context.ConnectionId);
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        foreach (var documentId in fanout.DocumentsOf(Context.ConnectionId))
        {
            await fanout.RemoveAsync(documentId, Context.ConnectionId);
        }

        await base.OnDisconnectedAsync(exception);
    }

    private TGrain Grain(Guid documentId) => grains.GetGrain<TGrain>(documentId);
}
