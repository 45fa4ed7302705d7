using Hub.Contracts.Common;

namespace Hub.Web.Security;

/// <summary>
/// The live hubs (/hubs/*) answer only pages of Hub itself. A WebSocket is not bound by the same-origin policy and
/// SameSite=Lax sends the sign-in cookie to another port of the same site, so without this check any page on, say,
/// another port of the municipality's host could open a board as the person viewing it.
///
/// A request whose Origin is not Hub's own (scheme, host and port as the request reached it, after trusted
/// forwarded headers) nor listed in Hub:AllowedOrigins is refused with 403. A request without Origin is let through:
/// browsers send Origin on every WebSocket handshake and every cross-origin fetch or form post, so a cookie a
/// browser attached always comes with the Origin that sent it; requests without one are same-origin reads or come
/// from programs (the .NET SignalR client sends none), which hold no browser's cookie. Decision 005.
/// </summary>
public static class LiveOrigins
{
    public const string Section = "Hub:AllowedOrigins";

    public static WebApplication UseLiveOrigins(this WebApplication app)
    {
        var allowed = app.Configuration.GetSection(Section).GetChildren()
            .Select(c => Normalise(c.Value)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/hubs")
                && context.Request.Headers.Origin is { Count: > 0 } origin
                && !IsAllowed(origin.ToString(), context.Request, allowed))
            {
                await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: ErrorCodes.Forbidden,
                    detail: "Forbindelsen kommer fra en anden side end Hub. / The connection comes from a page that is not Hub.",
                    extensions: new Dictionary<string, object?> { ["code"] = ErrorCodes.Forbidden }).ExecuteAsync(context);
                return;
            }

            await next(context);
        });
        return app;
    }

    private static bool IsAllowed(string origin, HttpRequest request, HashSet<string> allowed) =>
        Normalise(origin) is { } normalised
        && (normalised == Normalise($"{request.Scheme}://{request.Host.Value}") || allowed.Contains(normalised));

    /// <summary>scheme://host:port in lower case, the port always written; null for "null", paths and anything else.</summary>
    private static string? Normalise(string? origin) =>
        Uri.TryCreate(origin?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            && uri.AbsolutePath == "/" && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.UserInfo)
            ? $"{uri.Scheme}://{uri.IdnHost}:{uri.Port}".ToLowerInvariant()
            : null;
}
