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
    IReadOnlyList<Comparison> Comparisons);
