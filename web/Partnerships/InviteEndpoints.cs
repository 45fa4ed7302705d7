using System.Security.Claims;
using Hub.Contracts.Common;
using Hub.Contracts.Partnerships;
using Hub.Web.Accounts;
using Hub.Web.Mail;
using Hub.Web.Security;

namespace Hub.Web.Partnerships;

/// <summary>Joining with a link: a name, an e-mail and a password, no MitID (confirmed by a mailed link). Signed-in people just accept.</summary>
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

    /// <summary>
    /// Signed in: joins at once (an invitation sent to an e-mail address only with that address, verified). Not signed
    /// in: a registration that ends in joining — the link mailed to the address makes the account and accepts the
    /// invitation; an address that already has an account gets a mail saying so. Either way the answer is "mail sent".
    /// </summary>
    private static async Task<IResult> Accept(string secret, AcceptInviteRequest request, HttpContext http,
        IGrainFactory grains, HubMails mails, MailOutbox outbox)
    {
        var invite = Invite(grains, secret);
        if (http.User.Identity?.IsAuthenticated == true)
        {
            var actor = http.User.ToActor();
            return Results.Ok(await invite.Accept(actor, Identity.VerifiedEmail(http.User)));
        }

        await invite.Preview();
        var email = AccountEndpoints.ValidEmail(request.Email);
        PartnershipRules.ValidateDisplayName(request.DisplayName);
        PasswordPolicy.Check(request.Password, email);
        AccountEndpoints.StartRegistration(grains, mails, outbox, mails.Origin(http), email, request.DisplayName!.Trim(), request.Password!, secret);
        return Results.Accepted(value: new MailSent(email));
    }

    private static IInviteGrain Invite(IGrainFactory grains, string secret)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > 100)
        {
            throw new HubRefusedException(ErrorCodes.NotFound,
                "Invitationen findes ikke, er brugt eller er udløbet. / The invitation does not exist, is used up or has expired.");
        }

        return grains.GetGrain<IInviteGrain>(IInviteGrain.Key(secret));
    }
}
