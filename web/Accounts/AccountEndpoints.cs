using System.Net.Mail;
using System.Security.Claims;
using Hub.Contracts.Accounts;
using Hub.Contracts.Common;
using Hub.Contracts.Partnerships;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Hub.Web.Accounts;

public sealed record RegisterRequest(string Email, string DisplayName, string Password);

public sealed record SignInRequest(string Email, string Password);

public sealed record Me(string UserId, string Email, string DisplayName, bool IsAdmin);

/// <summary>Local accounts: register, sign in and out, who am I. Passwords are hashed with ASP.NET Core
/// Identity's hasher (PBKDF2) on the web node; only the hash reaches a grain.</summary>
public static class AccountEndpoints
{
    public const int PasswordMin = 10;
    public const int PasswordMax = 128;
    public const int EmailMax = 254;

    private static readonly PasswordHasher<string> Hasher = new();

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder routes)
    {
        var account = routes.MapGroup("/api/account");
        account.MapPost("/register", Register);
        account.MapPost("/sign-in", SignIn);
        account.MapPost("/sign-out", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.NoContent();
        });
        account.MapGet("/me", (ClaimsPrincipal user) => ToMe(user)).RequireAuthorization();
        return routes;
    }

    private static async Task<IResult> Register(RegisterRequest request, IGrainFactory grains, HttpContext http, AdminList admins)
    {
        var email = ValidEmail(request.Email);
        PartnershipRules.ValidateDisplayName(request.DisplayName);
        if (request.Password is null || request.Password.Length < PasswordMin || request.Password.Length > PasswordMax)
        {
            throw new HubRefusedException(ErrorCodes.Validation,
                $"Adgangskoden skal være {PasswordMin}–{PasswordMax} tegn. / The password must be {PasswordMin}–{PasswordMax} characters.",
                "password");
        }

        var account = await grains.GetGrain<IAccountGrain>(email).Register(request.DisplayName, Hasher.HashPassword(email, request.Password));
        var principal = Identity.Principal(account, admins.Contains(email));
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        return Results.Created("/api/account/me", ToMe(principal));
    }

    private static async Task<IResult> SignIn(SignInRequest request, IGrainFactory grains, HttpContext http, AdminList admins)
    {
        var email = Identity.NormaliseEmail(request.Email ?? "");
        var secret = email.Length is > 0 and <= EmailMax
            ? await grains.GetGrain<IAccountGrain>(email).GetSecret()
            : null;
        var verified = secret is not null && request.Password is not null
            && Hasher.VerifyHashedPassword(email, secret.PasswordHash, request.Password) != PasswordVerificationResult.Failed;
        if (!verified)
        {
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "sign_in_failed",
                detail: "Forkert e-mail eller adgangskode. / Wrong e-mail or password.",
                extensions: new Dictionary<string, object?> { ["code"] = "sign_in_failed" });
        }

        var principal = Identity.Principal(secret!.Account, admins.Contains(email));
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        return Results.Ok(ToMe(principal));
    }

    private static Me ToMe(ClaimsPrincipal user) =>
        new(user.FindFirstValue(ClaimTypes.NameIdentifier)!, user.FindFirstValue(Identity.EmailClaim)!,
            user.FindFirstValue(ClaimTypes.Name)!, user.HasClaim(Identity.AdminClaim, "true"));

    private static string ValidEmail(string? raw)
    {
        var email = Identity.NormaliseEmail(raw ?? "");
        if (email.Length is 0 or > EmailMax || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
        {
            throw new HubRefusedException(ErrorCodes.Validation,
                "Skriv en gyldig e-mailadresse. / Enter a valid e-mail address.", "email");
        }

        return email;
    }
}

/// <summary>E-mail addresses that sign in as platform admins (configuration key Hub:Admins).</summary>
public sealed class AdminList(IConfiguration configuration)
{
    private readonly HashSet<string> _emails = configuration.GetSection("Hub:Admins").Get<string[]>()?
        .Select(Identity.NormaliseEmail).ToHashSet(StringComparer.Ordinal) ?? [];

    public bool Contains(string email) => _emails.Contains(email);
}
