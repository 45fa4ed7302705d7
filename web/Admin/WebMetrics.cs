using System.Diagnostics.Metrics;

namespace Hub.Web.Admin;

/// <summary>The web node's own instruments, meter "Hub.Web" (the silo side's are in meter "Hub").</summary>
public static class WebMetrics
{
    public const string MeterName = "Hub.Web";

    /// <summary>The silo side's meter (Hub.Grains.Common.HubMetrics), named here because the web does not reference grains.</summary>
    public const string GrainsMeterName = "Hub";

    /// <summary>Orleans' own meter: messaging, activations, storage, membership.</summary>
    public const string OrleansMeterName = "Microsoft.Orleans";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Live (SignalR) connections open on this web node now; Prometheus tells the nodes apart by instance.</summary>
    public static readonly UpDownCounter<long> LiveConnections = Meter.CreateUpDownCounter<long>("hub.live.connections", "{connection}",
        "Live connections open on this web node.");
}
