using System.Security.Claims;
using Hub.Contracts.Accounts;
using Hub.Contracts.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Hub.Web.Accounts;

/// <summary>The "Hub:Oidc" section: the staff identity provider (a MitID broker or the municipality's IdP).</summary>
public sealed class OidcOptions
{
    public const string Section = "Hub:Oidc";

    /// <summary>The provider's issuer URL; empty: no external sign-in.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>What the sign-in button says ("Log ind med …").</summary>
    public string DisplayName { get; set; } = "MitID Erhverv";

    /// <summary>Only for tests and local providers: allow an http:// authority.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;
}

public sealed record SignInProvider(string Scheme, string DisplayName, string Path);

/// <summary>
/// Sign-in for staff through OpenID Connect (authorization code with PKCE). The provider's person becomes a
/// Hub person (IExternalLoginGrain, keyed by issuer and subject) and gets the same cookie as a local account,
/// with a security stamp, so everything after sign-in is the same.
/// </summary>
public static class ExternalSignIn
{
    public const string Scheme = "oidc";
    public const string MethodClaim = "hub:signed-in-with";

    public static AuthenticationBuilder AddHubOidc(this AuthenticationBuilder authentication, IConfiguration configuration)
    {
        var options = configuration.GetSection(OidcOptions.Section).Get<OidcOptions>() ?? new OidcOptions();
        if (string.IsNullOrWhiteSpace(options.Authority))
        {
            return authentication;
        }

        return authentication.AddOpenIdConnect(Scheme, options.DisplayName, o =>
        {
            o.Authority = options.Authority;
            o.ClientId = options.ClientId;
            o.ClientSecret = options.ClientSecret;
            o.RequireHttpsMetadata = options.RequireHttpsMetadata;
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.UsePkce = true;
            o.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            o.MapInboundClaims = false;
            // The provider answers with a top-level redirect (response mode "query"), so Lax cookies come back;
            // Secure follows the request, so a local or test provider on http works and https stays secure.
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.NonceCookie.SameSite = SameSiteMode.Lax;
            o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.SaveTokens = false;
            o.Scope.Clear();
            foreach (var scope in new[] { "openid", "profile", "email" })
            {
                o.Scope.Add(scope);
            }

            o.Events.OnTokenValidated = async context =>
                context.Principal = await HubPrincipalAsync(context.HttpContext, context.Principal!, context.Options.Authority!);
        });
    }

    public static IEndpointRouteBuilder MapExternalSignIn(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/account/providers", (IConfiguration configuration) =>
        {
            var options = configuration.GetSection(OidcOptions.Section).Get<OidcOptions>();
            return string.IsNullOrWhiteSpace(options?.Authority)
                ? []
                : new[] { new SignInProvider(Scheme, options.DisplayName, "/api/account/oidc") };
        });

        routes.MapGet("/api/account/oidc", (string? returnUrl, IConfiguration configuration) =>
        {
            if (string.IsNullOrWhiteSpace(configuration.GetSection(OidcOptions.Section).Get<OidcOptions>()?.Authority))
            {
                return Results.NotFound();
            }

            // Only back into Hub itself: "/partnerships/…", never "//elsewhere", "/<TAB>/elsewhere" or "https://elsewhere".
            return Results.Challenge(new AuthenticationProperties { RedirectUri = Security.ReturnUrls.LocalOrHome(returnUrl) }, [Scheme]);
        });
        return routes;
    }

    private static async Task<ClaimsPrincipal> HubPrincipalAsync(HttpContext http, ClaimsPrincipal external, string authority)
    {
        var issuer = external.FindFirstValue("iss") ?? authority;
        var subject = external.FindFirstValue("sub") ?? throw new InvalidOperationException("The identity provider sent no subject.");
        var email = external.FindFirstValue("email") ?? "";
        var name = external.FindFirstValue("name")
            ?? string.Join(' ', new[] { external.FindFirstValue("given_name"), external.FindFirstValue("family_name") }.Where(n => !string.IsNullOrWhiteSpace(n)));
        var services = http.RequestServices;
        var grains = services.GetRequiredService<IGrainFactory>();
        var account = await grains.GetGrain<IExternalLoginGrain>(IExternalLoginGrain.Key(issuer, subject)).SignIn(name, email);
        var stamp = await services.GetRequiredService<Security.SessionStamps>().CurrentAsync(account.UserId, fresh: true);
        // The organisation's identity provider vouches for the address, unless it says outright that it has not checked it.
        var emailVerified = email.Length > 0 && !string.Equals(external.FindFirstValue("email_verified"), "false", StringComparison.OrdinalIgnoreCase);
        var principal = Identity.Principal(account, emailVerified, stamp);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(MethodClaim, $"{Scheme}:{issuer}|{subject}"));
        Identity.ApplyCurrentRights(principal, services.GetRequiredService<AdminList>());
        await AuditTrail.Global(grains, services.GetRequiredService<TimeProvider>().GetUtcNow(), AuditActions.SignedIn,
            principal.ToActor(), $"user:{account.UserId}", $"oidc {issuer}");
        return principal;
    }
}
