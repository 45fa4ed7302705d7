using Hub.Contracts.Partnerships;
using Hub.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Hub.Web.Live;

/// <summary>What the server calls on a browser watching partnerships; docs/protocol.md describes each.</summary>
public interface IPartnershipClient
{
    /// <summary>The partnership's details, members or boards changed: read it again if <paramref name="version"/>
    /// is newer than the one on the page.</summary>
    Task PartnershipChanged(Guid partnershipId, int version);

    /// <summary>This connection's person may no longer read the partnership: nothing more about it will arrive.</summary>
    Task Revoked(Guid partnershipId);
}

/// <summary>
/// The partnership hub, at <see cref="Path"/>: a page watches a partnership and hears when it changed
/// (docs/decisions/020-partnership-page.md). The partnership is read over REST as before; this hub only says when.
/// </summary>
[Authorize]
public sealed class PartnershipHub(IGrainFactory grains, PartnershipWatch watch) : Hub<IPartnershipClient>
{
    public const string Path = "/hubs/partnership";

    /// <summary>
    /// Starts watching and answers with the partnership as it is now. The connection joins the group before the
    /// read, so a change made in between is not missed; the read checks access, and a refusal takes it out again.
    /// </summary>
    public async Task<PartnershipSnapshot> Watch(Guid partnershipId)
    {
        var actor = Context.User!.ToActor();
        await Groups.AddToGroupAsync(Context.ConnectionId, PartnershipWatch.GroupOf(partnershipId));
        try
        {
            var snapshot = await grains.GetGrain<IPartnershipGrain>(partnershipId).Get(actor);
            await watch.AddAsync(partnershipId, Context.ConnectionId, actor);
            return snapshot;
        }
        catch
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, PartnershipWatch.GroupOf(partnershipId));
            throw;
        }
    }

    public async Task Unwatch(Guid partnershipId)
    {
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, PartnershipWatch.GroupOf(partnershipId));
        await watch.RemoveAsync(partnershipId, Context.ConnectionId);
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        await watch.RemoveAllAsync(Context.ConnectionId);
        await base.OnDisconnectedAsync(exception);
    }
}
