using System.Security.Claims;
using Hub.Contracts.Common;
using Hub.Contracts.ForMe;
using Hub.Web.Accounts;

namespace Hub.Web.ForMe;

/// <summary>The digest as the page sets it: on or off.</summary>
public sealed record DigestRequest(bool Enabled);

/// <summary>The token from a digest's unsubscribe link.</summary>
public sealed record UnsubscribeRequest(string? Token);

/// <summary>"Til mig": what waits for the signed-in person, their daily digest, and the digest's unsubscribe link.</summary>
public static class ForMeEndpoints
{
    public static IEndpointRouteBuilder MapForMe(this IEndpointRouteBuilder routes)
    {
        var me = routes.MapGroup("/api/me").RequireAuthorization();
        me.MapGet("/waiting", (ClaimsPrincipal user, IGrainFactory grains) => Grain(grains, user).Get(user.ToActor()));
        me.MapGet("/digest", (ClaimsPrincipal user, IGrainFactory grains) => Grain(grains, user).GetDigest(user.ToActor()));
        // Only a verified address gets mail: the grain refuses to turn the digest on without one.
        me.MapPut("/digest", (DigestRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
            Grain(grains, user).SetDigest(user.ToActor(), request.Enabled, Identity.VerifiedEmail(user)));

        // Signed out works too: the link is opened from a mail, and holding it is the right to stop the mails.
        routes.MapPost("/api/digest/unsubscribe", async (UnsubscribeRequest request, IGrainFactory grains) =>
        {
            var token = request.Token ?? "";
            var userId = token.Split('.', 2)[0];
            var done = token.Length is > 0 and <= 200 && userId.Length > 0 && await grains.GetGrain<IForMeGrain>(userId).Unsubscribe(token);
            return done ? Results.NoContent()
                : throw new HubRefusedException(ErrorCodes.NotFound, "Linket virker ikke længere. / The link no longer works.");
        }).RequireRateLimiting(Security.RateLimits.SignIn);
        return routes;
    }

    private static IForMeGrain Grain(IGrainFactory grains, ClaimsPrincipal user) => grains.GetGrain<IForMeGrain>(user.ToActor().UserId);
}
