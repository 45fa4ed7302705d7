using System.Security.Claims;
using Hub.Contracts.Accounts;
using Hub.Contracts.Boards;
using Hub.Contracts.Common;
using Hub.Contracts.Partnerships;
using Hub.Contracts.Users;
using Hub.Web.Accounts;

namespace Hub.Web.Partnerships;

public sealed record CreatePartnershipRequest(PartnershipDetails Details, Side CreatorSide);

public sealed record UpdatePartnershipRequest(PartnershipDetails Details, int? ExpectedVersion);

public sealed record AddMemberRequest(string Email, Side Side, MemberRole Role);

public sealed record AddBoardRequest(string Name);

public sealed record ChangeMemberRequest(Side Side, MemberRole Role);

/// <summary>The partnership JSON endpoints: thin translations into grain calls made on the caller's behalf.</summary>
public static class PartnershipEndpoints
{
    public static IEndpointRouteBuilder MapPartnerships(this IEndpointRouteBuilder routes)
    {
        var partnerships = routes.MapGroup("/api/partnerships").RequireAuthorization();

        partnerships.MapGet("/", (ClaimsPrincipal user, IGrainFactory grains) =>
            grains.GetGrain<IUserGrain>(user.ToActor().UserId).GetPartnerships());

        partnerships.MapPost("/", async (CreatePartnershipRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            var created = await grains.GetGrain<IPartnershipGrain>(Guid.NewGuid())
                .Create(user.ToActor(), request.Details, request.CreatorSide);
            return Results.Created($"/api/partnerships/{created.Id}", created);
        });

        partnerships.MapGet("/{id:guid}", (Guid id, ClaimsPrincipal user, IGrainFactory grains) =>
            grains.GetGrain<IPartnershipGrain>(id).Get(user.ToActor()));

        partnerships.MapPut("/{id:guid}", (Guid id, UpdatePartnershipRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
            grains.GetGrain<IPartnershipGrain>(id).UpdateDetails(user.ToActor(), request.Details, request.ExpectedVersion));

        partnerships.MapPost("/{id:guid}/members", async (Guid id, AddMemberRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            var account = await grains.GetGrain<IAccountGrain>(Identity.NormaliseEmail(request.Email ?? "")).GetSecret()
                ?? throw new HubRefusedException(ErrorCodes.NotFound,
                    "Der er ingen konto med den e-mailadresse. / There is no account with that e-mail address.", "email");
            return await grains.GetGrain<IPartnershipGrain>(id)
                .PutMember(user.ToActor(), account.Account.UserId, account.Account.DisplayName, request.Side, request.Role);
        });

        partnerships.MapPut("/{id:guid}/members/{userId}", async (Guid id, string userId, ChangeMemberRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            var grain = grains.GetGrain<IPartnershipGrain>(id);
            var actor = user.ToActor();
            var current = (await grain.Get(actor)).Members.FirstOrDefault(m => m.UserId == userId)
                ?? throw new HubRefusedException(ErrorCodes.NotFound, "Personen er ikke med i partnerskabet. / The person is not a member.");
            return await grain.PutMember(actor, userId, current.DisplayName, request.Side, request.Role);
        });

        partnerships.MapDelete("/{id:guid}/members/{userId}", (Guid id, string userId, ClaimsPrincipal user, IGrainFactory grains) =>
            grains.GetGrain<IPartnershipGrain>(id).RemoveMember(user.ToActor(), userId));

        partnerships.MapPost("/{id:guid}/boards", async (Guid id, AddBoardRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            var board = await grains.GetGrain<IPartnershipGrain>(id).AddBoard(user.ToActor(), request.Name);
            return Results.Created($"/api/boards/{board.BoardId}", board);
        });

        routes.MapGet("/api/boards/{id:guid}", (Guid id, ClaimsPrincipal user, IGrainFactory grains) =>
            grains.GetGrain<IBoardGrain>(id).GetSnapshot(user.ToActor())).RequireAuthorization();

        return routes;
    }
}
