using System.Security.Claims;
using System.Threading.RateLimiting;
using Hub.Contracts.Common;

namespace Hub.Web.Security;

/// <summary>
/// HTTP rate limits: sign-in and registration per client address (by default 10 a minute: enough for a person who
/// mistypes, far too few to guess passwords), and the rest of the API per signed-in person (or address);
/// the numbers come from <see cref="HubLimits"/>.
/// Live operations are limited in the hub (see Live/LiveGuard).
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";

    /// <summary>Joining a live session by code, per client address: a room behind one address joins well inside it,
    /// a script guessing codes does not (docs/decisions/015).</summary>
    public const string SessionJoin = "session-join";

    public static IServiceCollection AddHubRateLimits(this IServiceCollection services, HubLimits limits) =>
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, cancellationToken) =>
            {
                await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: ErrorCodes.RateLimited,
                        detail: "For mange forespørgsler; vent lidt og prøv igen. / Too many requests; wait a little and try again.",
                        extensions: new Dictionary<string, object?> { ["code"] = ErrorCodes.RateLimited })
                    .ExecuteAsync(context.HttpContext);
            };
            o.AddPolicy(SignIn, context => RateLimitPartition.GetFixedWindowLimiter(
                Address(context), _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.SignInPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.AddPolicy(SessionJoin, context => RateLimitPartition.GetTokenBucketLimiter(
                Address(context), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.SessionJoinBurst,
                    TokensPerPeriod = limits.SessionJoinPerMinute,
                    ReplenishmentPeriod = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.Request.Path.StartsWithSegments("/api")
                    ? RateLimitPartition.GetTokenBucketLimiter(
                        context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? Address(context),
                        _ => new TokenBucketRateLimiterOptions
                        {
                            TokenLimit = limits.ApiBurst,
                            TokensPerPeriod = limits.ApiPerSecond,
                            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                            QueueLimit = 0,
                            AutoReplenishment = true,
                        })
                    : RateLimitPartition.GetNoLimiter("static"));
        });

    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
