using Microsoft.AspNetCore.Antiforgery;

namespace Hub.Web.Security;

/// <summary>
/// Every request that changes something (POST, PUT, PATCH, DELETE under /api) must carry an antiforgery
/// token in the X-CSRF-TOKEN header, matched against the antiforgery cookie and the signed-in person.
/// The browser client fetches one from GET /api/antiforgery (again after signing in or out).
/// </summary>
public static class Antiforgery
{
    public const string HeaderName = "X-CSRF-TOKEN";
    public const string ErrorCode = "antiforgery";

    public static IServiceCollection AddHubAntiforgery(this IServiceCollection services) =>
        services.AddAntiforgery(o =>
        {
            o.HeaderName = HeaderName;
            o.Cookie.Name = "hub.csrf";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

    public static WebApplication UseHubAntiforgery(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api") && !HttpMethods.IsGet(context.Request.Method)
                && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method))
            {
                var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
                if (!await antiforgery.IsRequestValidAsync(context))
                {
                    await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: ErrorCode,
                        detail: "Siden skal genindlæses (sikkerhedstoken mangler eller er forældet). / Reload the page (the security token is missing or stale).",
                        extensions: new Dictionary<string, object?> { ["code"] = ErrorCode }).ExecuteAsync(context);
                    return;
                }
            }

            await next(context);
        });

        app.MapGet("/api/antiforgery", (HttpContext context, IAntiforgery antiforgery) =>
            Results.Ok(new { token = antiforgery.GetAndStoreTokens(context).RequestToken }));
        return app;
    }
}
