using Hub.Contracts.Audit;
using Hub.Runtime.Hosting;
using Hub.Web.Accounts;
using OpenTelemetry.Metrics;
using Orleans.Dashboard;

namespace Hub.Web.Admin;

/// <summary>
/// What operators look at (docs/decisions/017-admin-operations.md): Orleans' dashboard at <see cref="DashboardPath"/>
/// and the metrics for Prometheus at <see cref="MetricsPath"/>. Neither is public: the dashboard is behind the admin
/// policy for its whole route group, its grain-state reader is refused, and every opening is audited; the metrics are
/// behind the admin policy too, unless a separate metrics port is configured (Hub:Metrics:Port, for a Prometheus on
/// the internal network), in which case they answer on that port only.
/// </summary>
public static class AdminOperations
{
    public const string DashboardPath = "/admin/orleans";
    public const string MetricsPath = "/metrics";
    public const string MetricsEnabledKey = "Hub:Metrics:Enabled";
    public const string MetricsPortKey = "Hub:Metrics:Port";

    /// <summary>
    /// The dashboard's page builds its layout with inline style attributes and ships its icon font as data: URLs, which
    /// Hub's CSP refuses. Its path alone gets this policy: scripts stay 'self' only, as everywhere.
    /// </summary>
    public const string DashboardContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static WebApplicationBuilder AddAdminOperations(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue(MetricsEnabledKey, true))
        {
            builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
                .AddMeter(WebMetrics.OrleansMeterName, WebMetrics.GrainsMeterName, WebMetrics.MeterName)
                .AddPrometheusExporter());
        }

        return builder;
    }

    public static WebApplication MapAdminOperations(this WebApplication app)
    {
        if (app.Configuration.GetValue(OrleansHosting.OrleansDashboardKey, true))
        {
            // Runs after authentication and authorization: only an admin's request reaches it.
            app.UseWhen(context => context.Request.Path.StartsWithSegments(DashboardPath), branch => branch.Use(GuardDashboard));
            app.MapOrleansDashboard(DashboardPath).RequireAuthorization(AdminEndpoints.Policy);
        }

        if (app.Configuration.GetValue(MetricsEnabledKey, true))
        {
            var scrape = app.MapPrometheusScrapingEndpoint(MetricsPath);
            if (app.Configuration.GetValue<int?>(MetricsPortKey) is { } port)
            {
                scrape.RequireHost($"*:{port}");
                // On the public port the path is nobody's: without this the app's page would answer it with 200.
                app.UseWhen(context => context.Request.Path.StartsWithSegments(MetricsPath) && context.Connection.LocalPort != port,
                    branch => branch.Run(context =>
                    {
                        context.Response.StatusCode = StatusCodes.Status404NotFound;
                        return Task.CompletedTask;
                    }));
            }
            else
            {
                scrape.RequireAuthorization(AdminEndpoints.Policy);
            }
        }

        return app;
    }

    /// <summary>
    /// The dashboard reads any grain's state by reflection (its GrainState endpoint), with no audit and past Hub's
    /// masking: refused here, for every grain. Opening the dashboard's page is written into the global audit trail.
    /// </summary>
    private static async Task GuardDashboard(HttpContext context, RequestDelegate next)
    {
        var rest = context.Request.Path.Value![DashboardPath.Length..].TrimEnd('/');
        if (rest.StartsWith("/GrainState", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (context.User.Identity?.IsAuthenticated == true && HttpMethods.IsGet(context.Request.Method)
            && (rest.Length == 0 || rest.Equals("/index.html", StringComparison.OrdinalIgnoreCase)))
        {
            var services = context.RequestServices;
            await AuditTrail.Global(services.GetRequiredService<IGrainFactory>(), services.GetRequiredService<TimeProvider>().GetUtcNow(),
                AuditActions.OrleansDashboardOpened, context.User.ToActor(), "orleans-dashboard");
        }

        await next(context);
    }
}
