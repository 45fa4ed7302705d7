using System.Net.Mail;
using System.Security.Claims;
using Hub.Contracts.Accounts;
using Hub.Contracts.Audit;
using Hub.Contracts.Common;
using Hub.Contracts.Partnerships;
using Hub.Grains.Audit;
using Hub.Web.Realtime;
using Hub.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Hub.Web.Accounts;

public sealed record RegisterRequest(string Email, string DisplayName, string Password);

public sealed record SignInRequest(string Email, string Password);

public sealed record Me(string UserId, string Email, string DisplayName, bool IsAdmin);

/// <summary>
/// Local accounts: register, sign in and out, who am I, my data, delete me. Passwords are hashed with ASP.NET
/// Core Identity's hasher (PBKDF2) on the web node; only the hash reaches a grain. Five wrong passwords in a
/// row lock the account for five minutes; sign-in attempts are also limited per address (rate limiter).
/// </summary>
public static class AccountEndpoints
{
    public const int PasswordMin = 10;
    public const int PasswordMax = 128;
    public const int EmailMax = 254;

    private static readonly PasswordHasher<string> Hasher = new();

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder routes)
    {
        var account = routes.MapGroup("/api/account");
        account.MapPost("/register", Register).RequireRateLimiting(RateLimits.SignIn);
        account.MapPost("/sign-in", SignIn).RequireRateLimiting(RateLimits.SignIn);
        account.MapPost("/sign-out", async (HttpContext http, SessionStamps stamps, HubGuard guard, IGrainFactory grains, TimeProvider clock) =>
        {
            if (http.User.Identity?.IsAuthenticated == true)
            {
                var actor = http.User.ToActor();
                await stamps.EndSessionsAsync(actor.UserId);
                guard.EndConnectionsOf(actor.UserId);
                await AuditTrail.Global(grains, clock.GetUtcNow(), AuditActions.SignedOut, actor, $"user:{actor.UserId}");
            }

            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.NoContent();
        });
        account.MapGet("/me", (ClaimsPrincipal user) => ToMe(user)).RequireAuthorization();
        account.MapGet("/data", PersonalData.Export).RequireAuthorization();
        account.MapPost("/delete", PersonalData.Delete).RequireAuthorization();
        return routes;
    }

    /// <summary>Signs the person in with the cookie every web node reads; it carries their security stamp.</summary>
    public static async Task<Me> SignInAsync(HttpContext http, AccountInfo account, bool isAdmin)
    {
        var stamp = await http.RequestServices.GetRequiredService<SessionStamps>().CurrentAsync(account.UserId, fresh: true);
        var principal = Identity.Principal(account, isAdmin, stamp);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        http.User = principal;
        return ToMe(principal);
    }

    private static async Task<IResult> Register(RegisterRequest request, IGrainFactory grains, HttpContext http, AdminList admins, TimeProvider clock)
    {
        var email = ValidEmail(request.Email);
        PartnershipRules.ValidateDisplayName(request.DisplayName);
        ValidPassword(request.Password);
        var account = await grains.GetGrain<IAccountGrain>(email).Register(request.DisplayName, Hasher.HashPassword(email, request.Password));
        var me = await SignInAsync(http, account, admins.Contains(email));
        await AuditTrail.Global(grains, clock.GetUtcNow(), AuditActions.AccountCreated, http.User.ToActor(), $"user:{account.UserId}");
        return Results.Created("/api/account/me", me);
    }

    private static async Task<IResult> SignIn(SignInRequest request, IGrainFactory grains, HttpContext http, AdminList admins, TimeProvider clock)
    {
        var email = Identity.NormaliseEmail(request.Email ?? "");
        var now = clock.GetUtcNow();
        var grain = email.Length is > 0 and <= EmailMax ? grains.GetGrain<IAccountGrain>(email) : null;
        var secret = grain is null ? null : await grain.GetSecret();
        if (secret?.LockedUntil is { } lockedUntil)
        {
            await AuditTrail.Global(grains, now, AuditActions.SignInFailed, null, $"email:{email}", "locked");
            return Refused(StatusCodes.Status423Locked, "locked_out",
                $"Kontoen er låst efter for mange forsøg; prøv igen efter kl. {Copenhagen(lockedUntil):HH:mm}. / " +
                $"The account is locked after too many attempts; try again after {Copenhagen(lockedUntil):HH:mm} (Danish time).");
        }

        var verified = secret is not null && request.Password is { Length: <= PasswordMax }
            && Hasher.VerifyHashedPassword(email, secret.PasswordHash, request.Password) != PasswordVerificationResult.Failed;
        if (!verified)
        {
            var locked = grain is null ? null : await grain.RecordFailure();
            await AuditTrail.Global(grains, now, locked is null ? AuditActions.SignInFailed : AuditActions.LockedOut, null, $"email:{email}");
            return Refused(StatusCodes.Status401Unauthorized, "sign_in_failed", "Forkert e-mail eller adgangskode. / Wrong e-mail or password.");
        }

        await grain!.RecordSuccess();
        var me = await SignInAsync(http, secret!.Account, admins.Contains(email));
        await AuditTrail.Global(grains, now, AuditActions.SignedIn, http.User.ToActor(), $"user:{me.UserId}");
        return Results.Ok(me);
    }

    public static Me ToMe(ClaimsPrincipal user) =>
        new(user.FindFirstValue(ClaimTypes.NameIdentifier)!, user.FindFirstValue(Identity.EmailClaim) ?? "",
            user.FindFirstValue(ClaimTypes.Name)!, user.HasClaim(Identity.AdminClaim, "true"));

    public static string ValidEmail(string? raw)
    {
        var email = Identity.NormaliseEmail(raw ?? "");
        if (email.Length is 0 or > EmailMax || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
        {
            throw new HubRefusedException(ErrorCodes.Validation,
                "Skriv en gyldig e-mailadresse. / Enter a valid e-mail address.", "email");
        }

        return email;
    }

    public static void ValidPassword(string? password)
    {
        if (password is null || password.Length < PasswordMin || password.Length > PasswordMax)
        {
            throw new HubRefusedException(ErrorCodes.Validation,
                $"Adgangskoden skal være {PasswordMin}–{PasswordMax} tegn. / The password must be {PasswordMin}–{PasswordMax} characters.",
                "password");
        }
    }

    public static string HashPassword(string email, string password) => Hasher.HashPassword(email, password);

    /// <summary>Times people read are Danish time.</summary>
    private static DateTimeOffset Copenhagen(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen"));

    private static IResult Refused(int status, string code, string detail) =>
        Results.Problem(statusCode: status, title: code, detail: detail, extensions: new Dictionary<string, object?> { ["code"] = code });
}

/// <summary>E-mail addresses that sign in as platform admins (configuration key Hub:Admins).</summary>
public sealed class AdminList(IConfiguration configuration)
{
    private readonly HashSet<string> _emails = configuration.GetSection("Hub:Admins").Get<string[]>()?
        .Select(Identity.NormaliseEmail).ToHashSet(StringComparer.Ordinal) ?? [];

    public bool Contains(string email) => _emails.Contains(email);
}
