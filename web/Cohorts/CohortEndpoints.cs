using System.Globalization;
using System.Security.Claims;
using Hub.Contracts.Audit;
using Hub.Contracts.Cohorts;
using Hub.Contracts.Common;
using Hub.Contracts.Partnerships;
using Hub.Web.Accounts;

namespace Hub.Web.Cohorts;

/// <summary>Adds a member of a partnership the moderator is in.</summary>
public sealed record AddCohortPersonRequest(Guid PartnershipId, string UserId, CohortRole Role);

public sealed record CohortInviteLink(CohortInvite Invite, string Path);

/// <summary>
/// The cohort JSON endpoints: thin translations into grain calls made on the caller's behalf. Everything that
/// changes a cohort's content goes through the cohort hub as an operation; these create a cohort, list a person's
/// cohorts, add people (the grain checks what a client cannot vouch for) and handle invitation links
/// (/cohort-invite/{secret}, shown once).
/// </summary>
public static class CohortEndpoints
{
    public static IEndpointRouteBuilder MapCohorts(this IEndpointRouteBuilder routes)
    {
        var cohorts = routes.MapGroup("/api/cohorts").RequireAuthorization();

        cohorts.MapGet("/", (ClaimsPrincipal user, IGrainFactory grains) =>
        {
            var actor = user.ToActor();
            return grains.GetGrain<IPersonCohortsGrain>(actor.UserId).List(actor);
        });

        // Anyone signed in whose e-mail address is proved may start a cohort and becomes its first moderator
        // (docs/decisions/011-cohorts.md): a cohort collects people's attendance, so its moderator must be reachable.
        cohorts.MapPost("/", async (CohortDetails details, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            if (Identity.VerifiedEmail(user) is null)
            {
                throw new HubRefusedException(ErrorCodes.Forbidden,
                    "Bekræft din e-mailadresse, før du opretter et forløb. / Confirm your e-mail address before creating a cohort.");
            }

            var created = await grains.GetGrain<ICohortGrain>(Guid.NewGuid()).Create(user.ToActor(), details);
            return Results.Created($"/api/cohorts/{created.Cohort.Id}", created);
        });

        cohorts.MapGet("/{id:guid}", (Guid id, ClaimsPrincipal user, IGrainFactory grains) =>
            grains.GetGrain<ICohortGrain>(id).GetSnapshot(user.ToActor()));

        cohorts.MapPost("/{id:guid}/people", (Guid id, AddCohortPersonRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
            grains.GetGrain<ICohortGrain>(id).AddFromPartnership(user.ToActor(), request.PartnershipId, request.UserId, request.Role));

        cohorts.MapPost("/{id:guid}/invites", async (Guid id, CohortInviteRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            var created = await grains.GetGrain<ICohortGrain>(id).CreateInvite(user.ToActor(), request);
            return Results.Created($"/api/cohort-invites/{created.Secret}", new CohortInviteLink(created.Invite, $"/cohort-invite/{created.Secret}"));
        });
        cohorts.MapGet("/{id:guid}/invites", (Guid id, ClaimsPrincipal user, IGrainFactory grains) =>
            grains.GetGrain<ICohortGrain>(id).ListInvites(user.ToActor()));
        cohorts.MapDelete("/{id:guid}/invites/{inviteId:guid}", (Guid id, Guid inviteId, ClaimsPrincipal user, IGrainFactory grains) =>
            grains.GetGrain<ICohortGrain>(id).RevokeInvite(user.ToActor(), inviteId));

        cohorts.MapGet("/{id:guid}/audit", async (Guid id, string? month, int? page, ClaimsPrincipal user, IGrainFactory grains, TimeProvider clock) =>
        {
            var actor = user.ToActor();
            var cohort = await grains.GetGrain<ICohortGrain>(id).GetSnapshot(actor);
            if (!actor.IsPlatformAdmin && !cohort.Cohort.People.Any(p => p.UserId == actor.UserId && p.Role == CohortRole.Moderator))
            {
                throw new HubRefusedException(ErrorCodes.Forbidden, "Kun forløbets ledere kan læse loggen. / Only the cohort's moderators can read the log.");
            }

            return await grains.GetGrain<IAuditGrain>(AuditKeys.Cohort(id, Month(month, clock))).ReadPage(page is null or < 0 ? 0 : page.Value);
        });

        // Whoever holds a link may see what it is for; joining needs a signed-in person, who joins as themself.
        var links = routes.MapGroup("/api/cohort-invites/{secret}");
        links.MapGet("/", (string secret, IGrainFactory grains) => Invite(grains, secret).Preview());
        links.MapPost("/accept", (string secret, ClaimsPrincipal user, IGrainFactory grains) =>
            Invite(grains, secret).Accept(user.ToActor())).RequireAuthorization();
        return routes;
    }

    private static DateTimeOffset Month(string? month, TimeProvider clock) =>
        string.IsNullOrEmpty(month) ? clock.GetUtcNow()
        : DateTimeOffset.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at
        : throw new HubRefusedException(ErrorCodes.Validation, "Måneden skal skrives yyyy-MM. / The month must be written yyyy-MM.", "month");

    private static ICohortInviteGrain Invite(IGrainFactory grains, string secret)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > 100)
        {
            throw new HubRefusedException(ErrorCodes.NotFound,
                "Invitationen findes ikke, er brugt eller er udløbet. / The invitation does not exist, is used up or has expired.");
        }

        return grains.GetGrain<ICohortInviteGrain>(IInviteGrain.Key(secret));
    }
}
