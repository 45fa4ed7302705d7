using System.Security.Claims;
using Hub.Contracts.Admin;
using Hub.Contracts.Common;
using Hub.Web.Accounts;

namespace Hub.Web.Admin;

/// <summary>Asks to see names in the inspector, with the reason that goes into the audit log.</summary>
public sealed record RevealRequest(string Reason);

public sealed record DisconnectRequest(string ConnectionId);

/// <summary>A reason exports the document unmasked (audited); none exports it masked.</summary>
public sealed record ExportRequest(string? Reason);

public sealed record RestorePreviewRequest(string Json);

/// <summary>The export file to restore, the version the admin was shown, and why.</summary>
public sealed record RestoreRequest(string Json, long ExpectedSeq, string Reason);

/// <summary>The member (by the key the inspection shows) to make coordinator.</summary>
public sealed record AppointCoordinatorRequest(string Person);

/// <summary>
/// The grain inspector (docs/decisions/016-grain-inspector.md): a partnership (its grain, boards and agreement) or a
/// cohort, with the admin actions on each document. Platform admins only: others are refused here, before any grain
/// is asked, and again by the inspector grain. Every action and every reveal is audited by the grain.
/// </summary>
public static class InspectorEndpoints
{
    public static IEndpointRouteBuilder MapInspector(this IEndpointRouteBuilder routes)
    {
        var scope = routes.MapGroup("/api/admin/inspect/{scope:regex(^(partnerships|cohorts)$)}/{id:guid}")
            .RequireAuthorization()
            .AddEndpointFilter(async (context, next) =>
                context.HttpContext.User.ToActor().IsPlatformAdmin
                    ? await next(context)
                    : throw new HubRefusedException(ErrorCodes.Forbidden, "Kun for administratorer. / Admins only."));

        scope.MapGet("", (string scope, Guid id, ClaimsPrincipal user, IGrainFactory grains) =>
            Inspector(grains, scope, id).Inspect(user.ToActor()));
        scope.MapPost("/reveal", async (string scope, Guid id, RevealRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
            new { until = await Inspector(grains, scope, id).Reveal(user.ToActor(), request.Reason) });
        scope.MapPost("/coordinator", async (string scope, Guid id, AppointCoordinatorRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            await Inspector(grains, scope, id).AppointCoordinator(user.ToActor(), request.Person);
            return Results.NoContent();
        });

        var document = scope.MapGroup("/{kind}/{docId:guid}");
        document.MapGet("", (string scope, Guid id, string kind, Guid docId, ClaimsPrincipal user, IGrainFactory grains) =>
            Inspector(grains, scope, id).InspectDocument(user.ToActor(), kind, docId));
        document.MapPost("/deactivate", async (string scope, Guid id, string kind, Guid docId, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            await Inspector(grains, scope, id).ForceDeactivate(user.ToActor(), kind, docId);
            return Results.NoContent();
        });
        document.MapPost("/disconnect", async (string scope, Guid id, string kind, Guid docId, DisconnectRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            await Inspector(grains, scope, id).Disconnect(user.ToActor(), kind, docId, request.ConnectionId);
            return Results.NoContent();
        });
        document.MapPost("/export", (string scope, Guid id, string kind, Guid docId, ExportRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
            Inspector(grains, scope, id).Export(user.ToActor(), kind, docId, request.Reason));
        document.MapPost("/restore/preview", (string scope, Guid id, string kind, Guid docId, RestorePreviewRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
            Inspector(grains, scope, id).PreviewRestore(user.ToActor(), kind, docId, request.Json));
        document.MapPost("/restore", async (string scope, Guid id, string kind, Guid docId, RestoreRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
            new { seq = await Inspector(grains, scope, id).Restore(user.ToActor(), kind, docId, request.Json, request.ExpectedSeq, request.Reason) });
        return routes;
    }

    private static IInspectorGrain Inspector(IGrainFactory grains, string scope, Guid id) =>
        grains.GetGrain<IInspectorGrain>(scope == "cohorts" ? InspectorKeys.Cohort(id) : InspectorKeys.Partnership(id));
}
