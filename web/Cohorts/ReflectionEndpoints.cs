using System.Collections.Immutable;
using System.Security.Claims;
using Hub.Contracts.Barriers;
using Hub.Contracts.Cohorts;
using Hub.Web.Accounts;

namespace Hub.Web.Cohorts;

public sealed record ReflectionPromptsRequest(ImmutableArray<string> Prompts);

public sealed record PartnershipBarriersRequest(ImmutableArray<BarrierTag> Barriers);

/// <summary>
/// Reflections and barriers (docs/decisions/023-reflections-and-barriers.md): thin translations into grain calls made as
/// the caller. What a reader gets is filtered in the grain; the barrier report is counts only, for platform admins.
/// </summary>
public static class ReflectionEndpoints
{
    public static IEndpointRouteBuilder MapReflectionsAndBarriers(this IEndpointRouteBuilder routes)
    {
        var reflections = routes.MapGroup("/api/cohorts/{id:guid}/reflections").RequireAuthorization();
        reflections.MapGet("/", (Guid id, ClaimsPrincipal user, IGrainFactory grains) => Grain(grains, id).View(user.ToActor()));
        reflections.MapPut("/", (Guid id, ReflectionDraft draft, ClaimsPrincipal user, IGrainFactory grains) => Grain(grains, id).Write(user.ToActor(), draft));
        reflections.MapDelete("/{reflectionId}", async (Guid id, string reflectionId, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            await Grain(grains, id).Remove(user.ToActor(), reflectionId);
            return Results.NoContent();
        });
        reflections.MapPut("/prompts", (Guid id, ReflectionPromptsRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
            Grain(grains, id).SetPrompts(user.ToActor(), request.Prompts));

        var barriers = routes.MapGroup("/api/partnerships/{id:guid}/barriers").RequireAuthorization();
        barriers.MapGet("/", (Guid id, ClaimsPrincipal user, IGrainFactory grains) =>
            grains.GetGrain<IPartnershipBarriersGrain>(id).Get(user.ToActor()));
        barriers.MapPut("/", (Guid id, PartnershipBarriersRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
            grains.GetGrain<IPartnershipBarriersGrain>(id).Set(user.ToActor(), request.Barriers));

        routes.MapGet("/api/admin/barriers", (ClaimsPrincipal user, IGrainFactory grains) =>
            grains.GetGrain<IBarrierReportGrain>(0).Read(user.ToActor())).RequireAuthorization(Admin.AdminEndpoints.Policy);
        return routes;
    }

    private static ICohortReflectionsGrain Grain(IGrainFactory grains, Guid id) => grains.GetGrain<ICohortReflectionsGrain>(id);
}
