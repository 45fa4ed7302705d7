namespace Hub.Web.Security;

/// <summary>
/// The headers every response carries: a Content-Security-Policy that allows only Hub's own scripts and
/// styles (no inline code anywhere), no framing, no sniffing, no referrers, no device APIs.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            // Set as the response starts, not now: the exception handler clears the headers of a failed request
            // before it writes its problem response, and the 500 or 400 it writes must carry them too.
            context.Response.OnStarting(static state => Add((HttpContext)state), context);
            return next(context);
        });
        return app;
    }

    private static Task Add(HttpContext context)
    {
        var headers = context.Response.Headers;
        // Orleans' dashboard alone needs inline styles (docs/decisions/017); scripts stay 'self' there too.
        headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments(Admin.AdminOperations.DashboardPath)
            ? Admin.AdminOperations.DashboardContentSecurityPolicy
            : ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        return Task.CompletedTask;
    }
}
