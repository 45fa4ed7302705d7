using System.Security.Claims;
using Hub.Contracts.Accounts;
using Hub.Contracts.Common;
using Hub.Contracts.Partnerships;
using Hub.Grains.Partnerships;
using Hub.Web.Accounts;
using Hub.Web.Security;

namespace Hub.Web.Partnerships;

/// <summary>Joining with a link: a name, an e-mail and a password, no MitID. Signed-in people just accept.</summary>
public sealed record AcceptInviteRequest(string? Email, string? DisplayName, string? Password);

public sealed record InviteLink(Invite Invite, string Path);

/// <summary>
/// Invitation links. Coordinators create (single- or limited-use, expiring), list and revoke them; the link
/// is /invite/{secret}, shown once. Anyone with a link may preview it and join with it.
/// </summary>
public static class InviteEndpoints
{
    public static IEndpointRouteBuilder MapInvites(this IEndpointRouteBuilder routes)
    {
        var coordinators = routes.MapGroup("/api/partnerships/{id:guid}/invites").RequireAuthorization();
        coordinators.MapPost("/", async (Guid id, InviteRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            var created = await grains.GetGrain<IPartnershipGrain>(id).CreateInvite(user.ToActor(), request);
            return Results.Created($"/api/invites/{created.Secret}", new InviteLink(created.Invite, $"/invite/{created.Secret}"));
        });
        coordinators.MapGet("/", (Guid id, ClaimsPrincipal user, IGrainFactory grains) =>
            grains.GetGrain<IPartnershipGrain>(id).ListInvites(user.ToActor()));
        coordinators.MapDelete("/{inviteId:guid}", (Guid id, Guid inviteId, ClaimsPrincipal user, IGrainFactory grains) =>
            grains.GetGrain<IPartnershipGrain>(id).RevokeInvite(user.ToActor(), inviteId));

        var links = routes.MapGroup("/api/invites/{secret}");
        links.MapGet("/", (string secret, IGrainFactory grains) => Invite(grains, secret).Preview());
        links.MapPost("/accept", Accept).RequireRateLimiting(RateLimits.SignIn);
        return routes;
    }

    private static async Task<PartnershipSnapshot> Accept(string secret, AcceptInviteRequest request, HttpContext http,
        IGrainFactory grains, AdminList admins)
    {
        var invite = Invite(grains, secret);
        if (http.User.Identity?.IsAuthenticated != true)
        {
            // A new person: the account is made first, then the invitation is accepted in their name.
            await invite.Preview();
            var email = AccountEndpoints.ValidEmail(request.Email);
            PartnershipRules.ValidateDisplayName(request.DisplayName);
            AccountEndpoints.ValidPassword(request.Password);
            var account = await grains.GetGrain<IAccountGrain>(email)
                .Register(request.DisplayName!, AccountEndpoints.HashPassword(email, request.Password!));
            await AccountEndpoints.SignInAsync(http, account, admins.Contains(email));
        }

        var actor = http.User.ToActor();
        return await invite.Accept(actor.UserId, actor.DisplayName);
    }

    private static IInviteGrain Invite(IGrainFactory grains, string secret)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > 100)
        {
            throw new HubRefusedException(ErrorCodes.NotFound,
                "Invitationen findes ikke, er brugt eller er udløbet. / The invitation does not exist, is used up or has expired.");
        }

        return grains.GetGrain<IInviteGrain>(PartnershipGrain.InviteKey(secret));
    }
}
