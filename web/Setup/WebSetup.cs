using System.Text.Json;
using Hub.Web.Accounts;
using Hub.Web.Admin;
using Hub.Web.Audit;
using Hub.Web.Boards;
using Hub.Web.Cohorts;
using Hub.Web.Sessions;
using Hub.Web.Errors;
using Hub.Web.ForMe;
using Hub.Web.Health;
using Hub.Web.Mail;
using Hub.Web.Partnerships;
using Hub.Web.Live;
using Hub.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hub.Web.Setup;

public static class WebSetup
{
    private const string ReadyTag = "ready";

    /// <summary>Everything the web node adds on top of its Orleans connection.</summary>
    public static WebApplicationBuilder AddHubWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var limits = builder.Configuration.GetSection(HubLimits.Section).Get<HubLimits>() ?? new HubLimits();
        services.Configure<HubLimits>(builder.Configuration.GetSection(HubLimits.Section));
        services.TryAddSingleton(TimeProvider.System);
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes);
        services.ConfigureHttpJsonOptions(o => ConfigureJson(o.SerializerOptions));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<RefusalHandler>();
        services.AddSingleton<AdminList>();
        builder.AddHubMail();
        builder.AddAdminOperations();

        services.AddHubDataProtection(builder.Configuration);

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.Cookie.Name = "hub.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromDays(14);
                // An API answers 401/403; it does not redirect to a login page.
                o.Events.OnRedirectToLogin = context => Status(context.Response, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => Status(context.Response, StatusCodes.Status403Forbidden);
                // A session ends everywhere when its person signs out or is deleted (their stamp changed).
                o.Events.OnValidatePrincipal = async context =>
                {
                    var services = context.HttpContext.RequestServices;
                    if (!await services.GetRequiredService<SessionStamps>().IsCurrentAsync(context.Principal))
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                        return;
                    }

                    // Admin rights come from the configuration of this moment, never from the cookie.
                    Identity.ApplyCurrentRights(context.Principal, services.GetRequiredService<AdminList>());
                };
            });
        services.AddAuthentication().AddHubOidc(builder.Configuration);
        services.AddAuthorization();
        services.AddAdminPolicy();
        services.AddSingleton<SessionStamps>();
        services.AddHubAntiforgery();
        services.AddHubRateLimits(limits);
        services.AddHubTrustedProxies(builder.Configuration);

        services.AddSignalR(o =>
            {
                // A card description may be 20,000 characters; anything far beyond a legitimate op is refused.
                o.MaximumReceiveMessageSize = 128 * 1024;
                o.StatefulReconnectBufferSize = 1_000_000;
                o.AddFilter<LiveGuard>();
                o.EnableDetailedErrors = builder.Environment.IsDevelopment();
            })
            .AddJsonProtocol(o => ConfigureJson(o.PayloadSerializerOptions))
            .AddMessagePackProtocol();
        // MessagePack in the JSON protocol's shape, from the same options (JsonShapedResolver).
        services.AddOptions<MessagePackHubProtocolOptions>().Configure<IOptions<JsonHubProtocolOptions>>((messagePack, json) =>
            messagePack.SerializerOptions = JsonShapedResolver.Options(json.Value.PayloadSerializerOptions));
        services.AddSingleton<LiveGuard>();
        // SignalR logs every call that ends in an exception at error, with its stack — refusals included, one
        // flooding client writing thousands of lines a second. LiveGuard, which sees every call, logs refusals
        // quietly and real failures at error itself.
        builder.Logging.AddFilter("Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher", LogLevel.Critical);
        services.AddHostedService<SessionSweeper>();
        services.AddSingleton<BoardFanout>();
        services.AddHostedService(sp => sp.GetRequiredService<BoardFanout>());
        services.AddSingleton<AgreementFanout>();
        services.AddHostedService(sp => sp.GetRequiredService<AgreementFanout>());
        services.AddSingleton<CohortFanout>();
        services.AddHostedService(sp => sp.GetRequiredService<CohortFanout>());
        services.AddSingleton<TeamReflectionFanout>();
        services.AddHostedService(sp => sp.GetRequiredService<TeamReflectionFanout>());
        services.AddSingleton<PartnershipWatch>();
        services.AddHostedService<DigestMailer>();
        services.AddHostedService(sp => sp.GetRequiredService<PartnershipWatch>());
        services.AddLiveSessions();

        services.AddHealthChecks()
            .AddCheck<StorageHealthCheck>("storage", tags: [ReadyTag])
            .AddCheck<ClusterHealthCheck>("cluster", tags: [ReadyTag]);
        return builder;
    }

    public static WebApplication UseHubWeb(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseLiveOrigins();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseHubAntiforgery();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        app.MapAccounts();
        app.MapExternalSignIn();
        app.MapPartnerships();
        app.MapInvites();
        app.MapCohorts();
        app.MapCohortEvaluations();
        app.MapReflectionsAndBarriers();
        app.MapSessions();
        app.MapAudit();
        app.MapAdmin();
        app.MapInspector();
        app.MapAdminOperations();
        app.MapBoards();
        app.MapForMe();
        app.MapHub<BoardHub>(BoardHub.Path, o => o.AllowStatefulReconnects = true);
        app.MapHub<AgreementHub>(AgreementHub.Path, o => o.AllowStatefulReconnects = true);
        app.MapHub<CohortHub>(CohortHub.Path, o => o.AllowStatefulReconnects = true);
        app.MapHub<TeamReflectionHub>(TeamReflectionHub.Path, o => o.AllowStatefulReconnects = true);
        app.MapHub<PartnershipHub>(PartnershipHub.Path, o => o.AllowStatefulReconnects = true);
        app.MapHub<SessionHub>(SessionHub.Path, o => o.AllowStatefulReconnects = true);
        app.MapClientApp();
        app.LogMailPath();
        app.LogGcSettings();
        return app;
    }

    /// <summary>One JSON shape for HTTP and SignalR: camelCase, enums as one camelCase name each (never a number
    /// or names joined by commas).</summary>
    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new StrictEnumConverter(JsonNamingPolicy.CamelCase));
        // Operations name their type in "type"; a client need not send it first.
        options.AllowOutOfOrderMetadataProperties = true;
    }

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }
}
