using System.Runtime;

namespace Hub.Web.Setup;

/// <summary>
/// Says at start-up which garbage collector this process runs with. The settings are the runtime's, read once when the
/// process starts (Hub.Web.csproj sets Server GC with DATAS; DOTNET_gcServer, DOTNET_GCDynamicAdaptationMode and
/// DOTNET_GCConserveMemory override them): docs/decisions/026-web-node-gc.md. Logged so that a measurement, or an
/// operator's override, can be checked against what the process really did.
/// </summary>
public static partial class GcSettings
{
    public static WebApplication LogGcSettings(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GcSettings).FullName!);
        var variables = GC.GetConfigurationVariables();
        LogGc(logger, GCSettings.IsServerGC ? "server" : "workstation", Setting(variables, "GCDynamicAdaptationMode", "DynamicAdaptationMode"),
            Setting(variables, "GCConserveMemory", "ConserveMemory"), Setting(variables, "GCHeapCount", "HeapCount"), GCSettings.LatencyMode);
        return app;
    }

    /// <summary>A runtime GC variable by the first of its names present (the runtime's names vary by setting), or "-".</summary>
    private static string Setting(IReadOnlyDictionary<string, object> variables, params string[] names) =>
        names.Select(n => variables.TryGetValue(n, out var value) ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) : null)
            .FirstOrDefault(v => v is not null) ?? "-";

    [LoggerMessage(Level = LogLevel.Information,
        Message = "GC: {Kind}, dynamic adaptation (DATAS) {Adaptation}, conserve memory {Conserve}, heaps {Heaps}, latency mode {Latency}")]
    private static partial void LogGc(ILogger logger, string kind, string adaptation, string conserve, string heaps, GCLatencyMode latency);
}
