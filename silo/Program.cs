using Hub.Runtime.Hosting;
using OpenTelemetry.Metrics;

return await HubHost.RunAsync(() =>
{
    // The silo's appsettings.json (Hub:Mode=Cluster) is copied next to its assembly: read it from there, so
    // `dotnet path/to/Hub.Silo.dll` behaves the same from any working directory.
    var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
    {
        Args = args,
        ContentRootPath = AppContext.BaseDirectory,
    });
    builder.AddHubOrleans(HubProcess.Silo);
    // Not public by default: only with Hub:Metrics:Port set does the silo answer Prometheus, on that port (on every
    // interface, as a Prometheus in another container needs, unless Hub:Metrics:Host names one).
    if (builder.Configuration.GetValue<int?>("Hub:Metrics:Port") is { } metricsPort)
    {
        var metricsHost = builder.Configuration["Hub:Metrics:Host"] ?? "+";
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter("Microsoft.Orleans", "Hub")
            .AddPrometheusHttpListener(o => (o.Host, o.Port) = (metricsHost, metricsPort)));
    }

    return builder.Build();
});
