using System.Globalization;
using System.Security.Claims;
using Hub.Contracts.Audit;
using Hub.Contracts.Common;
using Hub.Contracts.Partnerships;
using Hub.Web.Accounts;

namespace Hub.Web.Audit;

/// <summary>
/// Reading the audit trail: a partnership's coordinators read its entries by month; platform admins read
/// any partnership's, and the account events (sign-ins, failures, deletions) by day. A partition is read a page
/// at a time (?page=0, 1, … as each answer's "next" says), so a busy day is never one unbounded answer.
/// </summary>
public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/partnerships/{id:guid}/audit", async (Guid id, string? month, int? page, ClaimsPrincipal user, IGrainFactory grains, TimeProvider clock) =>
        {
            var actor = user.ToActor();
            var partnership = await grains.GetGrain<IPartnershipGrain>(id).Get(actor);
            if (!actor.IsPlatformAdmin && !partnership.Members.Any(m => m.UserId == actor.UserId && m.Role == MemberRole.Coordinator))
            {
                throw new HubRefusedException(ErrorCodes.Forbidden, "Kun koordinatorer kan læse loggen. / Only coordinators can read the log.");
            }

            var at = Parse(month, "yyyy-MM", clock);
            return await grains.GetGrain<IAuditGrain>(AuditKeys.Partnership(id, at)).ReadPage(Page(page));
        }).RequireAuthorization();

        routes.MapGet("/api/admin/audit", async (string? day, int? page, ClaimsPrincipal user, IGrainFactory grains, TimeProvider clock) =>
        {
            if (!user.ToActor().IsPlatformAdmin)
            {
                throw new HubRefusedException(ErrorCodes.Forbidden, "Kun for administratorer. / Admins only.");
            }

            return await grains.GetGrain<IAuditGrain>(AuditKeys.Global(Parse(day, "yyyy-MM-dd", clock))).ReadPage(Page(page));
        }).RequireAuthorization();
        return routes;
    }

    private static int Page(int? page) => page switch
    {
        null => 0,
        >= 0 => page.Value,
        _ => throw new HubRefusedException(ErrorCodes.Validation, "Siden skal være 0 eller mere. / The page must be 0 or more.", "page"),
    };

    private static DateTimeOffset Parse(string? value, string format, TimeProvider clock)
    {
        if (string.IsNullOrEmpty(value))
        {
            return clock.GetUtcNow();
        }

        return DateTimeOffset.TryParseExact(value, format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : throw new HubRefusedException(ErrorCodes.Validation, $"Datoen skal skrives {format}. / The date must be written {format}.", "date");
    }
}
