using System.Collections.Immutable;
using System.Security.Claims;
using Hub.Contracts.Boards;
using Hub.Contracts.Common;
using Hub.Contracts.Live;
using Hub.Contracts.Partnerships;
using Hub.Web.Accounts;

namespace Hub.Web.Boards;

/// <summary>What a search across a partnership's boards found: matches from the boards the person may read.</summary>
public sealed record CardSearchAnswer(ImmutableArray<CardSearchHit> Hits);

/// <summary>A board's recent operations, newest first, with who made them.</summary>
public sealed record BoardHistory(ImmutableArray<Committed<BoardOp>> Ops);

/// <summary>The board endpoints besides the live hub: search across a partnership's boards, and a board as CSV.</summary>
public static class BoardEndpoints
{
    public static IEndpointRouteBuilder MapBoards(this IEndpointRouteBuilder routes)
    {
        // Each board checks the person itself: a board they may not read answers "not found" and is left out, so the
        // answer never names a card, a board or a column the person could not open.
        routes.MapGet("/api/partnerships/{id:guid}/card-search", async (Guid id, string? q, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            var actor = user.ToActor();
            var partnership = await grains.GetGrain<IPartnershipGrain>(id).Get(actor);
            var searches = partnership.Boards.Select(async b =>
            {
                try
                {
                    return await grains.GetGrain<IBoardGrain>(b.BoardId).Search(actor, q ?? "");
                }
                catch (HubRefusedException refused) when (refused.Code == ErrorCodes.NotFound)
                {
                    return [];
                }
            });
            return new CardSearchAnswer([.. (await Task.WhenAll(searches)).SelectMany(h => h)]);
        }).RequireAuthorization();

        routes.MapGet("/api/boards/{id:guid}/export.csv", async (Guid id, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            var actor = user.ToActor();
            var snapshot = await grains.GetGrain<IBoardGrain>(id).GetSnapshot(actor);
            var members = (await grains.GetGrain<IPartnershipGrain>(snapshot.Board.PartnershipId).Get(actor)).Members;
            var csv = BoardCsv.Write(snapshot.Board, members.ToDictionary(m => m.UserId, m => m.DisplayName));
            return Results.File(csv, "text/csv; charset=utf-8", BoardCsv.FileName(snapshot.Board));
        }).RequireAuthorization();

        routes.MapGet("/api/boards/{id:guid}/history", async (Guid id, ClaimsPrincipal user, IGrainFactory grains) =>
            new BoardHistory(await grains.GetGrain<IBoardGrain>(id).History(user.ToActor()))).RequireAuthorization();

        return routes;
    }
}
