using System.Diagnostics.Metrics;

namespace Hub.Grains.Common;

/// <summary>
/// Hub's own instruments on the silo side, meter "Hub" (exported with Orleans' meters for Prometheus at /metrics,
/// docs/deploy.md). Static, as .NET meters are: an instrument nobody listens to costs a branch per call.
/// </summary>
public static class HubMetrics
{
    public const string MeterName = "Hub";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Operations committed, by document kind (board, agreement, cohort, …): Prometheus' rate() is ops/s.</summary>
    public static readonly Counter<long> Operations = Meter.CreateCounter<long>("hub.live.operations", "{operation}",
        "Operations committed by live documents, by document kind.");

    /// <summary>From an operation's arrival at its grain to its push to the web nodes: apply, durable write, publish.</summary>
    public static readonly Histogram<double> PushLatency = Meter.CreateHistogram<double>("hub.live.push.latency", "ms",
        "Time from an operation's arrival at its live grain to its push to the web nodes.");

    /// <summary>One live grain state write (a group of operations), as the grain waits for it.</summary>
    public static readonly Histogram<double> StorageWriteLatency = Meter.CreateHistogram<double>("hub.storage.write.latency", "ms",
        "Duration of a live grain's state write, by document kind.");

    /// <summary>People taking part in live sessions now; for the live-sessions grain (issue 13) to add to and take from.</summary>
    public static readonly UpDownCounter<long> SessionParticipants = Meter.CreateUpDownCounter<long>("hub.sessions.participants", "{person}",
        "Participants in live sessions now.");
}
