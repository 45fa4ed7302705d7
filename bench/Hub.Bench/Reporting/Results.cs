using System.Diagnostics;

namespace Hub.Bench.Reporting;

/// <summary>Latency percentiles in milliseconds (nearest rank).</summary>
public sealed record LatencySummary(int Count, double P50, double P90, double P99, double P999, double Max)
{
    public static LatencySummary Empty { get; } = new(0, 0, 0, 0, 0, 0);

    /// <summary>From Stopwatch tick differences.</summary>
    public static LatencySummary Of(IEnumerable<long> ticks)
    {
        var sorted = ticks.Order().ToArray();
        if (sorted.Length == 0)
        {
            return Empty;
        }

        double Ms(long t) => Math.Round(t * 1000.0 / Stopwatch.Frequency, 2);
        double At(double p) => Ms(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)]);
        return new LatencySummary(sorted.Length, At(0.50), At(0.90), At(0.99), At(0.999), Ms(sorted[^1]));
    }
}

public sealed record RunCounts(
    long Sent,
    long Applied,
    double AppliedPerSecond,
    long Deliveries,
    long ExpectedDeliveries,
    double DeliveriesPerSecond,
    LatencySummary Delivery,
    LatencySummary Ack,
    long Errors,
    long ErrorsTotal,
    IReadOnlyDictionary<string, long> Refusals,
    long Gaps,
    long Late,
    long Deferred,
    long Disconnects,
    IReadOnlyList<string> ErrorSamples);

/// <summary>A server process over the measurement window: CPU seconds used, as cores (seconds per second), and
/// its peak resident memory during the run (VmHWM, reset at the run's start).</summary>
public sealed record ServerFigures(string Name, double? CpuSeconds, double? CpuCores, double? PeakRssMiB);

/// <summary>One scenario against one target.</summary>
public sealed record RunResult(
    string Scenario,
    string Target,
    int Boards,
    int Connections,
    double OfferedOpsPerSecond,
    double Seconds,
    RunCounts Counts,
    IReadOnlyList<ServerFigures> Servers,
    double BenchCpuCores,
    string LoadAverageBefore)
{
    /// <summary>How many of the connections sent operations (the others only received).</summary>
    public int ActiveConnections { get; init; }

    /// <summary>RSS of the processes holding the connections (web node, or relay) before they opened, and once all had joined.</summary>
    public double? WebRssBeforeMiB { get; init; }

    public double? WebRssConnectedMiB { get; init; }

    /// <summary>The growth of that RSS over the number of connections.</summary>
    public double? KiBPerConnection { get; init; }

    /// <summary>The server side's CPU as cores, all its processes together.</summary>
    public double? ServerCpuCores => Servers.Count == 0 ? null : Math.Round(Servers.Sum(s => s.CpuCores ?? 0), 2);

    /// <summary>Peak RSS of the processes Hub itself runs (PostgreSQL's shared buffers are not counted).</summary>
    public double? ServerPeakRssMiB => Servers.Count == 0 ? null : Math.Round(Servers.Where(s => s.Name != "postgres").Sum(s => s.PeakRssMiB ?? 0), 1);
}

/// <summary>First joins of stored boards after a restart: every one activates its board from storage.</summary>
public sealed record ColdStartResult(
    string Target,
    int Boards,
    bool Restarted,
    double RestartSeconds,
    LatencySummary FirstJoin,
    long Errors,
    IReadOnlyList<string> ErrorSamples,
    IReadOnlyList<ServerFigures> Servers,
    string LoadAverageBefore);

/// <summary>Hub over the relay for one scenario and mode (1.0 = as fast as SignalR alone).</summary>
public sealed record Comparison(string Scenario, string Mode, int Round, double P50Ratio, double P99Ratio, double ThroughputRatio);

public sealed record BenchReport(
    string StartedAt,
    string Machine,
    int Cores,
    string Arguments,
    IReadOnlyList<RunResult> Runs,
    IReadOnlyList<ColdStartResult> ColdStarts,
    IReadOnlyList<Comparison> Comparisons)
{
    /// <summary>The live session runs, relay then Hub, per mode and round.</summary>
    public IReadOnlyList<SessionRunResult> Sessions { get; init; } = [];
}

/// <summary>
/// One live session run: answers acknowledged of those sent, the tally the moderator's view finally showed (exact
/// when it counts every participant once), acknowledgement latency, the time from the last answer sent to the
/// moderator's view showing them all, result pushes per participant connection a second while answers came in (mean
/// and the busiest connection), and the server processes over that window.
/// </summary>
public sealed record SessionRunResult(
    string Target,
    int WebNodes,
    int Participants,
    int Acknowledged,
    IReadOnlyDictionary<string, int> Refusals,
    int Errors,
    int FinalAnswers,
    int FinalOptionsSum,
    bool TallyExact,
    LatencySummary Ack,
    double LastAnswerToTallyMs,
    double PushesPerConnectionPerSecond,
    double PushesPerConnectionPerSecondMax,
    double Seconds,
    IReadOnlyList<ServerFigures> Servers,
    string LoadAverageBefore,
    IReadOnlyList<string> ErrorSamples)
{
    public double? ServerCpuCores => Servers.Count == 0 ? null : Math.Round(Servers.Sum(s => s.CpuCores ?? 0), 2);

    public double? ServerPeakRssMiB => Servers.Count == 0 ? null : Math.Round(Servers.Where(s => s.Name != "postgres").Sum(s => s.PeakRssMiB ?? 0), 1);
}
