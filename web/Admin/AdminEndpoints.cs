using System.Security.Claims;
using Hub.Contracts.Partnerships;
using Hub.Web.Accounts;

namespace Hub.Web.Admin;

/// <summary>
/// The platform admins' console: every partnership in this Hub, one line each (the directory grain checks that
/// the caller is an admin). Opening one goes through the partnership's own endpoints, where an admin's read is
/// written into that partnership's audit log. The account events are read through <c>/api/admin/audit</c>.
/// </summary>
public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/admin/partnerships", (ClaimsPrincipal user, IGrainFactory grains) =>
            grains.GetGrain<IPartnershipDirectoryGrain>(IPartnershipDirectoryGrain.Key).List(user.ToActor()))
            .RequireAuthorization();
        return routes;
    }
}
