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
    // Not public by default: only with Hub:Metrics:Port set does the silo answer Prometheus, on that port.
    if (builder.Configuration.GetValue<int?>("Hub:Metrics:Port") is { } metricsPort)
    {
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter("Microsoft.Orleans", "Hub")
            .AddPrometheusHttpListener(o => (o.Host, o.Port) = ("+", metricsPort)));
    }

    return builder.Build();
});
