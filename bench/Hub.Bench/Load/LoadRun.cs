using System.Collections.Concurrent;
using System.Diagnostics;
using Hub.Bench.Hosting;
using Hub.Bench.Reporting;
using Hub.Bench.Scenarios;
using Hub.Bench.Targets;

namespace Hub.Bench.Load;

/// <summary>
/// One scenario against one target: prepare the boards and people, connect and join everyone, make each
/// person's card, send for the warm-up, measure for the duration, stop sending, let the last pushes arrive,
/// and read the server processes' CPU time (over the window) and peak memory (over the run).
/// </summary>
public static class LoadRun
{
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(5);

    public static async Task<RunResult> RunAsync(ITarget target, Scenario scenario, TimeSpan warmup, TimeSpan duration, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(log);
        var loadAverage = LoadAverage();
        log($"{scenario.Name} / {target.Name}: {scenario.Description} (load average {loadAverage})");
        var plans = await target.PrepareAsync(scenario, log);
        foreach (var process in target.Processes)
        {
            foreach (var pid in Pids(process))
            {
                ProcessStats.ResetPeak(pid);
            }
        }

        var recorder = new Recorder();
        var everyone = new ConcurrentDictionary<string, Seat>(StringComparer.Ordinal);
        var seats = plans.Select((plan, i) => new Seat(plan, target, scenario.Mix, recorder, everyone, seed: i + 1)).ToList();
        foreach (var seat in seats)
        {
            everyone[seat.ClientId] = seat;
        }

        foreach (var board in seats.GroupBy(s => s.BoardId))
        {
            foreach (var seat in board)
            {
                seat.Receivers = board.Count() - 1;
            }
        }

        var active = seats.Where((_, i) => scenario.IsActive(i)).ToList();
        SocketLimits.Check(seats.Count, serverInProcess: target.Processes.Count == 0);
        try
        {
            var rssBefore = WebRssMiB(target);
            var connecting = Stopwatch.StartNew();
            await Parallel.ForEachAsync(seats, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (seat, _) => await seat.ConnectAsync());
            await Parallel.ForEachAsync(active, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (seat, _) => await seat.EnsureCardAsync());
            var rssConnected = WebRssMiB(target);
            var perConnection = rssBefore is { } before && rssConnected is { } after ? Math.Round((after - before) * 1024 / seats.Count, 1) : (double?)null;
            log($"  {seats.Count} connections joined and ready ({connecting.Elapsed.TotalSeconds:0.0} s), {active.Count} of them sending; " +
                $"web RSS {Fmt(rssBefore)} -> {Fmt(rssConnected)} MiB ({Fmt(perConnection)} KiB a connection); warm-up {warmup.TotalSeconds:0} s, then {duration.TotalSeconds:0} s measured");

            using var stop = new CancellationTokenSource();
            var sending = active.Select(s => Task.Run(() => s.RunAsync(scenario.OpsPerSecondPerUser, stop.Token))).ToArray();
            await Task.Delay(warmup);

            var cpuBefore = target.Processes.Select(Cpu).ToArray();
            var benchBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var window = Stopwatch.StartNew();
            recorder.Open();
            await Task.Delay(duration);
            recorder.Close();
            var seconds = window.Elapsed.TotalSeconds;
            var cpuAfter = target.Processes.Select(Cpu).ToArray();
            var benchCpu = (Process.GetCurrentProcess().TotalProcessorTime - benchBefore).TotalSeconds;

            await stop.CancelAsync();
            await Task.WhenAll(sending);
            var draining = Stopwatch.StartNew();
            while (recorder.DeliveredCount < recorder.ExpectedCount && draining.Elapsed < Drain)
            {
                await Task.Delay(50);
            }

            var servers = target.Processes.Select((p, i) =>
            {
                var cpu = cpuAfter[i] - cpuBefore[i];
                return new ServerFigures(p.Name, cpu is null ? null : Math.Round(cpu.Value, 2), cpu is null ? null : Math.Round(cpu.Value / seconds, 2),
                    p.WithDescendants ? null : ProcessStats.PeakRssMiB(p.Pid) is { } rss ? Math.Round(rss, 1) : null);
            }).ToArray();
            var counts = recorder.Counts(seconds);
            var result = new RunResult(scenario.Name, target.Name, scenario.Boards, seats.Count, scenario.OfferedOpsPerSecond, Math.Round(seconds, 2),
                counts, servers, Math.Round(benchCpu / seconds, 2), loadAverage)
            {
                ActiveConnections = active.Count,
                WebRssBeforeMiB = rssBefore is { } b ? Math.Round(b, 1) : null,
                WebRssConnectedMiB = rssConnected is { } a ? Math.Round(a, 1) : null,
                KiBPerConnection = perConnection,
            };
            log($"  {Summary.Line(result)}");
            return result;
        }
        finally
        {
            await Parallel.ForEachAsync(seats, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (seat, _) => await seat.DisposeAsync());
        }
    }

    /// <summary>
    /// The resident memory of the processes that hold the connections (the web node; in embedded mode with its silo),
    /// now. Read before the connections open and once they have all joined, its growth over their number is what a
    /// connection costs — garbage not yet collected included, so it is an upper bound.
    /// </summary>
    public static double? WebRssMiB(ITarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var web = target.Processes.Where(p => p.Name.Contains("web", StringComparison.Ordinal) || p.Name == "relay").ToList();
        return web.Count == 0 ? null : web.Sum(p => ProcessStats.RssMiB(p.Pid) ?? 0);
    }

    private static string Fmt(double? value) => value is null ? "-" : value.Value.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The first figure of /proc/loadavg: how busy the machine was (1-minute average) as the run began.</summary>
    public static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private static IEnumerable<int> Pids(ServerProcess process) =>
        process.WithDescendants ? ProcessStats.WithDescendants(process.Pid) : [process.Pid];

    private static double? Cpu(ServerProcess process)
    {
        var total = 0.0;
        foreach (var pid in Pids(process))
        {
            if (ProcessStats.CpuSeconds(pid) is { } seconds)
            {
                total += seconds;
            }
            else if (pid == process.Pid)
            {
                return null;
            }
        }

        return total;
    }
}
