using System.Security.Cryptography;
using Hub.Contracts.Common;
using Hub.Web.Accounts;
using Microsoft.AspNetCore.DataProtection;

namespace Hub.Web.Sessions;

/// <summary>
/// Who a request is on a live session: a signed-in member as themself, anyone else by the participant cookie the
/// join gave their browser. The cookie is signed and encrypted with Data Protection (the cluster's key ring), names
/// one session (its name and its content), and is worth nothing once the moderator removes the participant or the
/// session closes: the session grain decides on every call.
/// </summary>
public sealed class SessionParticipants(IDataProtectionProvider protection)
{
    /// <summary>Participant ids start with this, so they never look like an account's id.</summary>
    public const string IdPrefix = "sp_";

    private readonly IDataProtector _protector = protection.CreateProtector("Hub.Sessions.Participant.v1");

    public static string CookieName(Guid sessionId) => $"hub-session-{sessionId:N}";

    /// <summary>The actor for <paramref name="sessionId"/>, or null: not signed in and no valid cookie for it.</summary>
    public Actor? ActorFor(HttpContext context, Guid sessionId)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.User.Identity?.IsAuthenticated == true)
        {
            return context.User.ToActor();
        }

        return context.Request.Cookies.TryGetValue(CookieName(sessionId), out var value) ? Read(value, sessionId) : null;
    }

    public Actor Required(HttpContext context, Guid sessionId) =>
        ActorFor(context, sessionId) ?? throw new HubRefusedException(ErrorCodes.NotFound,
            "Findes ikke, eller du har ikke adgang. / Not found, or you have no access.");

    /// <summary>A browser's new identity on a session (its id is random; the name is what they typed, perhaps nothing).</summary>
    public static Actor NewActor(string displayName) =>
        new(IdPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_'), displayName);

    public void Issue(HttpContext context, Guid sessionId, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(actor);
        var value = _protector.Protect($"{sessionId:N}\n{actor.UserId}\n{actor.DisplayName}");
        context.Response.Cookies.Append(CookieName(sessionId), value, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            MaxAge = TimeSpan.FromDays(2),
            IsEssential = true,
        });
    }

    private Actor? Read(string value, Guid sessionId)
    {
        try
        {
            var parts = _protector.Unprotect(value).Split('\n', 3);
            return parts.Length == 3 && parts[0] == sessionId.ToString("N") && parts[1].StartsWith(IdPrefix, StringComparison.Ordinal)
                ? new Actor(parts[1], parts[2])
                : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
