using System.Security.Claims;
using Hub.Contracts.Boards;
using Hub.Contracts.Common;
using Hub.Contracts.Partnerships;
using Hub.Contracts.Users;
using Hub.Web.Accounts;
using Hub.Web.Mail;

namespace Hub.Web.Partnerships;

public sealed record CreatePartnershipRequest(PartnershipDetails Details, Side CreatorSide);

public sealed record UpdatePartnershipRequest(PartnershipDetails Details, int? ExpectedVersion);

/// <summary>Invites a person by e-mail address with this side and role (see the members endpoint).</summary>
public sealed record AddMemberRequest(string Email, Side Side, MemberRole Role);

/// <summary>A new board: its name, and optionally one of the built-in templates (<c>BoardTemplates.Ids</c>).</summary>
public sealed record AddBoardRequest(string Name, string? Template = null);

public sealed record ChangeMemberRequest(Side Side, MemberRole Role);

/// <summary>The partnership JSON endpoints: thin translations into grain calls made on the caller's behalf.</summary>
public static class PartnershipEndpoints
{
    public static IEndpointRouteBuilder MapPartnerships(this IEndpointRouteBuilder routes)
    {
        var partnerships = routes.MapGroup("/api/partnerships").RequireAuthorization();

        partnerships.MapGet("/", (ClaimsPrincipal user, IGrainFactory grains) =>
        {
            var actor = user.ToActor();
            return grains.GetGrain<IUserGrain>(actor.UserId).GetPartnerships(actor);
        });

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

        // Adding by e-mail sends an invitation the person accepts: the answer is the same whether or not the address
        // has an account (no name, no id), and no one joins a partnership without saying yes.
        partnerships.MapPost("/{id:guid}/members", async (Guid id, AddMemberRequest request, HttpContext http, IGrainFactory grains,
            HubMails mails, MailOutbox outbox) =>
        {
            var email = AccountEndpoints.ValidEmail(request?.Email);
            var actor = http.User.ToActor();
            var partnership = grains.GetGrain<IPartnershipGrain>(id);
            var created = await partnership.InviteByEmail(actor, email, request!.Side, request.Role);
            var name = (await partnership.Get(actor)).Details.Name;
            outbox.Enqueue(mails.Invitation(mails.Origin(http), email, name, actor.DisplayName, created.Secret));
            return Results.Accepted($"/api/partnerships/{id}/invites", created.Invite);
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
            // An unknown template is refused before a board is made, so a bad request changes nothing.
            if (request.Template is not null && !BoardTemplates.Ids.Contains(request.Template))
            {
                throw new HubRefusedException(ErrorCodes.Validation, "Den skabelon findes ikke. / That template does not exist.", "template");
            }

            var actor = user.ToActor();
            var board = await grains.GetGrain<IPartnershipGrain>(id).AddBoard(actor, request.Name);
            if (request.Template is not null)
            {
                await grains.GetGrain<IBoardGrain>(board.BoardId).ApplyTemplate(actor, request.Template);
            }

            return Results.Created($"/api/boards/{board.BoardId}", board);
        });

        routes.MapGet("/api/boards/{id:guid}", (Guid id, ClaimsPrincipal user, IGrainFactory grains) =>
            grains.GetGrain<IBoardGrain>(id).GetSnapshot(user.ToActor())).RequireAuthorization();

        return routes;
    }
}
