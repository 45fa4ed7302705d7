using System.Security.Claims;
using Hub.Contracts.Partnerships;
using Hub.Contracts.Users;
using Hub.Web.Accounts;

namespace Hub.Web.Partnerships;

public sealed record CreatePartnershipRequest(PartnershipDetails Details, Side CreatorSide);

public sealed record UpdatePartnershipRequest(PartnershipDetails Details, int? ExpectedVersion);

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

        return routes;
    }
}
