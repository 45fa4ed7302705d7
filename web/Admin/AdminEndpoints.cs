using System.Security.Claims;
using System.Text.Json;
using Hub.Contracts.Common;
using Hub.Contracts.Partnerships;
using Hub.Web.Accounts;

namespace Hub.Web.Admin;

/// <summary>
/// The platform admins' console: the directory of partnerships (searched, filtered, sorted and paged by the directory
/// grain, which checks that the caller is an admin) and the cluster. Opening a partnership goes through its own
/// endpoints, where an admin's read is written into that partnership's audit log; its grains are inspected at
/// <see cref="InspectPath"/>. The account events are read through <c>/api/admin/audit</c>.
/// </summary>
public static class AdminEndpoints
{
    /// <summary>The admin policy: signed in, and on the list of platform admins (Hub:Admins).</summary>
    public const string Policy = "hub-admin";

    /// <summary>Where the grain inspector shows one partnership (issue 15 item 2); the directory links each row here.</summary>
    public const string InspectPath = "/admin/inspect/partnership/{id}";

    public const int DefaultPageSize = 50;

    public static IServiceCollection AddAdminPolicy(this IServiceCollection services) =>
        services.AddAuthorizationBuilder()
            .AddPolicy(Policy, p => p.RequireAuthenticatedUser().RequireClaim(Identity.AdminClaim, "true"))
            .Services;

    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/admin/partnerships", SearchDirectory).RequireAuthorization();
        routes.MapGet("/api/admin/cluster", ClusterView.Read).RequireAuthorization(Policy);
        return routes;
    }

    /// <summary>
    /// ?q=text&amp;area=&amp;status=&amp;dormant=true&amp;sort=name|municipality|members|lastActivity&amp;desc=true&amp;page=1&amp;size=50;
    /// anything not understood is refused as invalid rather than ignored.
    /// </summary>
    private static Task<DirectoryPage> SearchDirectory(ClaimsPrincipal user, IGrainFactory grains, HttpRequest request)
    {
        var q = request.Query;
        var query = new DirectoryQuery(
            string.IsNullOrWhiteSpace(q["q"]) ? null : q["q"].ToString(),
            Enum<PartnershipArea>(q["area"], "area"),
            Enum<PartnershipStatus>(q["status"], "status"),
            Flag(q["dormant"], "dormant"),
            Enum<DirectorySort>(q["sort"], "sort") ?? DirectorySort.Name,
            Flag(q["desc"], "desc"),
            Number(q["page"], "page") ?? 1,
            Number(q["size"], "size") ?? DefaultPageSize);
        return grains.GetGrain<IPartnershipDirectoryGrain>(IPartnershipDirectoryGrain.Key).Search(user.ToActor(), query);
    }

    private static T? Enum<T>(string? value, string field) where T : struct, Enum
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        // The names as the wire writes them (camelCase), and only the names.
        foreach (var candidate in System.Enum.GetValues<T>())
        {
            if (JsonNamingPolicy.CamelCase.ConvertName(candidate.ToString()) == value)
            {
                return candidate;
            }
        }

        throw Invalid(field);
    }

    private static bool Flag(string? value, string field) => value switch
    {
        null or "" or "false" => false,
        "true" => true,
        _ => throw Invalid(field),
    };

    private static int? Number(string? value, string field) =>
        string.IsNullOrEmpty(value) ? null
        : int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n
        : throw Invalid(field);

    private static HubRefusedException Invalid(string field) =>
        new(ErrorCodes.Validation, "Ugyldig søgning. / Invalid search.", field);
}
