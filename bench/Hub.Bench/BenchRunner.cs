using System.Globalization;
using System.Text.Json;
using Hub.Bench.Load;
using Hub.Bench.Reporting;
using Hub.Bench.Scenarios;
using Hub.Bench.Targets;

namespace Hub.Bench;

/// <summary>
/// Runs the chosen scenarios: the relay (one process for the whole invocation) and, mode by mode, a Hub the
/// bench starts; each scenario first against the relay, then against Hub, and the ratios Hub/relay from that
/// pair. Everything runs on loopback, every run is bounded in time, and every process the bench started
/// ends with it.
/// </summary>
public static class BenchRunner
{
    public static async Task<BenchReport> RunAsync(BenchOptions options, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var started = DateTimeOffset.UtcNow;
        var runs = new List<RunResult>();
        var coldStarts = new List<ColdStartResult>();
        var comparisons = new List<Comparison>();
        var sessions = new List<SessionRunResult>();
        HubTarget.AdminOperations = options.AdminOperations;
        HubTarget.WebGc = options.WebGc;
        Seat.Protocol = options.Protocol;
        log($"Orleans dashboard and metrics: {(options.AdminOperations ? "on" : "off")}; web node GC: {options.WebGc}; protocol: {options.Protocol}");
        var steady = options.Steady;

        await using var relay = options.InProcess ? await RelayTarget.StartInProcessAsync() : await RelayTarget.StartProcessAsync();
        foreach (var mode in options.Modes)
        {
            log($"== Hub {mode} ==");
            await using var hub = mode switch
            {
                "url" => HubTarget.AtUrl(options.TargetUrl!),
                "embedded" when options.InProcess => await HubTarget.StartInProcessAsync(),
                "embedded" => await HubTarget.StartEmbeddedAsync(),
                _ => await HubTarget.StartClusterAsync(options.WebNodes),
            };
            log($"  server processes: {string.Join(", ", hub.Processes.Select(p => $"{p.Name} (pid {p.Pid})"))}");
            foreach (var scenario in steady)
            {
                for (var round = 1; round <= options.Rounds; round++)
                {
                    var floor = await LoadRun.RunAsync(relay, scenario, options.Warmup, options.Duration, log);
                    var measured = await LoadRun.RunAsync(hub, scenario, options.Warmup, options.Duration, log);
                    runs.Add(floor);
                    runs.Add(measured);
                    var comparison = Compare(scenario.Name, hub.Name, round, floor, measured);
                    comparisons.Add(comparison);
                    log(string.Create(CultureInfo.InvariantCulture,
                        $"  Hub/relay (round {round}): p50 x{comparison.P50Ratio}, p99 x{comparison.P99Ratio}, throughput x{comparison.ThroughputRatio}"));
                }
            }

            if (options.Scenarios.Contains(Scenario.Session))
            {
                for (var round = 1; round <= options.Rounds; round++)
                {
                    sessions.Add(await SessionRun.RunAsync(relay, options.Participants, options.VoteWithin, log));
                    sessions.Add(await SessionRun.RunAsync(hub, options.Participants, options.VoteWithin, log));
                }
            }

            if (options.Scenarios.Contains(Scenario.ColdStart))
            {
                coldStarts.Add(await ColdStart.RunAsync(relay, options.ColdStartBoards, log));
                coldStarts.Add(await ColdStart.RunAsync(hub, options.ColdStartBoards, log));
            }
        }

        var report = new BenchReport(started.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture), Machine(), Environment.ProcessorCount,
            options.Arguments, runs, coldStarts, comparisons)
        {
            Sessions = sessions,
        };
        return report;
    }

    public static async Task<string> WriteAsync(BenchReport report, string? path)
    {
        ArgumentNullException.ThrowIfNull(report);
        // Relative to the repository, whatever the working directory (dotnet run starts in the project's folder).
        path = Path.Combine(ProcessNode.RepositoryRoot(),
            path ?? Path.Combine("bench", "results", $"bench-{DateTimeOffset.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.json"));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, JsonOptions));
        return path;
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private static Comparison Compare(string scenario, string mode, int round, RunResult relay, RunResult hub)
    {
        static double Ratio(double a, double b) => b <= 0 ? 0 : Math.Round(a / b, 2);
        return new Comparison(scenario, mode, round,
            Ratio(hub.Counts.Delivery.P50, relay.Counts.Delivery.P50),
            Ratio(hub.Counts.Delivery.P99, relay.Counts.Delivery.P99),
            Ratio(hub.Counts.DeliveriesPerSecond, relay.Counts.DeliveriesPerSecond));
    }

    /// <summary>Cores, memory and CPU model, from /proc.</summary>
    private static string Machine()
    {
        try
        {
            var model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
            var memory = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            var gib = long.Parse(memory.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0 / 1024.0;
            return string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores ({model}), {gib:0} GiB");
        }
        catch (IOException)
        {
            return $"{Environment.ProcessorCount} cores";
        }
    }
}
