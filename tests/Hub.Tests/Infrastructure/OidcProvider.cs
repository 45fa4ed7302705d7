using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using Microsoft.AspNetCore;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Hub.Tests.Infrastructure;

/// <summary>
/// A real OpenID Connect provider on loopback, built with OpenIddict's server, standing in for a MitID broker
/// or a municipality's identity provider: discovery, signing keys, the authorization endpoint and the token
/// endpoint with PKCE, exactly as Hub meets them in production. It knows one client (Hub) and signs in the
/// person the test names, without a login page.
/// </summary>
public sealed class OidcProvider : IAsyncDisposable
{
    public const string ClientId = "hub";
    public const string ClientSecret = "hub-test-secret";

    private readonly WebApplication _app;

    private OidcProvider(WebApplication app, Uri issuer)
    {
        _app = app;
        Issuer = issuer;
    }

    public Uri Issuer { get; }

    /// <summary>The person the authorization endpoint signs in next.</summary>
    public (string Subject, string Name, string Email) NextPerson { get; set; } = ("staff-1", "Sagsbehandler Sofie", "sofie@kommune.dk");

    public static async Task<OidcProvider> StartAsync(Func<Uri> hubAddress)
    {
        var port = FreePort.Next();
        var issuer = new Uri($"http://127.0.0.1:{port}/");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(issuer.ToString());
        builder.Logging.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Warning);
        OidcProvider? provider = null;
        builder.Services.AddOpenIddict().AddServer(o =>
        {
            o.SetIssuer(issuer);
            o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
            o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            o.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email);
            o.AddEphemeralEncryptionKey().AddEphemeralSigningKey().DisableAccessTokenEncryption();
            // No database: this provider knows its single client by heart and checks it in the handlers below.
            o.EnableDegradedMode();
            o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().DisableTransportSecurityRequirement();
            o.AddEventHandler<OpenIddictServerEvents.ValidateAuthorizationRequestContext>(h => h.UseInlineHandler(context =>
            {
                var expected = new Uri(hubAddress(), "/signin-oidc").ToString();
                if (context.ClientId != ClientId || context.RedirectUri != expected)
                {
                    context.Reject(Errors.InvalidClient, $"unknown client or redirect {context.ClientId} {context.RedirectUri}");
                }

                return default;
            }));
            o.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(h => h.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || context.ClientSecret != ClientSecret)
                {
                    context.Reject(Errors.InvalidClient, "wrong client credentials");
                }

                return default;
            }));
        });

        var app = builder.Build();
        app.MapMethods("/connect/authorize", ["GET", "POST"], (HttpContext context) =>
        {
            var (subject, name, email) = provider!.NextPerson;
            var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, subject).SetClaim(Claims.Name, name).SetClaim(Claims.Email, email);
            identity.SetScopes(context.GetOpenIddictServerRequest()!.GetScopes());
            identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        await app.StartAsync();
        provider = new OidcProvider(app, issuer);
        return provider;
    }

    /// <summary>The configuration a Hub web node needs to use this provider.</summary>
    public string[] HubArguments() =>
    [
        $"--Hub:Oidc:Authority={Issuer}",
        $"--Hub:Oidc:ClientId={ClientId}",
        $"--Hub:Oidc:ClientSecret={ClientSecret}",
        "--Hub:Oidc:DisplayName=Testkommunens login",
        "--Hub:Oidc:RequireHttpsMetadata=false",
    ];

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
