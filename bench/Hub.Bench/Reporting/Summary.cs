using System.Globalization;
using System.Text;

namespace Hub.Bench.Reporting;

/// <summary>The human summary: one line per run while it goes, and a table at the end.</summary>
public static class Summary
{
    public static string Line(RunResult r)
    {
        var c = r.Counts;
        var refusals = c.Refusals.Count == 0 ? "0" : string.Join(",", c.Refusals.Select(x => $"{x.Key}={x.Value}"));
        return Inv($"{c.AppliedPerSecond} ops/s applied, {c.DeliveriesPerSecond} deliveries/s ({c.Deliveries}/{c.ExpectedDeliveries}); ")
            + Inv($"delivery p50 {c.Delivery.P50} ms p99 {c.Delivery.P99} ms max {c.Delivery.Max} ms; ack p50 {c.Ack.P50} ms p99 {c.Ack.P99} ms; ")
            + Inv($"errors {c.Errors} (run {c.ErrorsTotal}), refusals {refusals}, gaps {c.Gaps} (late {c.Late}), deferred {c.Deferred}; ")
            + Inv($"server CPU {Fmt(r.ServerCpuCores)} cores, peak RSS {Fmt(r.ServerPeakRssMiB)} MiB; bench CPU {r.BenchCpuCores} cores")
            + (r.ActiveConnections < r.Connections ? Inv($"; {r.ActiveConnections} of {r.Connections} connections sending, {Fmt(r.KiBPerConnection)} KiB a connection") : "")
            + (c.ErrorSamples.Count > 0 ? $"\n    first errors: {string.Join(" | ", c.ErrorSamples)}" : "");
    }

    public static string Line(ColdStartResult r) =>
        Inv($"{r.Boards} first joins{(r.Restarted ? Inv($" after a restart ({r.RestartSeconds} s)") : "")}: p50 {r.FirstJoin.P50} ms p90 {r.FirstJoin.P90} ms ")
        + Inv($"p99 {r.FirstJoin.P99} ms max {r.FirstJoin.Max} ms; errors {r.Errors}")
        + (r.ErrorSamples.Count > 0 ? $"\n    first errors: {string.Join(" | ", r.ErrorSamples)}" : "");

    public static string Line(SessionRunResult r) =>
        Inv($"{r.Acknowledged}/{r.Participants} answers acknowledged, final tally {r.FinalAnswers} ({(r.TallyExact ? "exact" : "NOT EXACT")}); ")
        + Inv($"ack p50 {r.Ack.P50} ms p99 {r.Ack.P99} ms max {r.Ack.Max} ms; last answer to the moderator's tally {r.LastAnswerToTallyMs} ms; ")
        + Inv($"result pushes a connection a second {r.PushesPerConnectionPerSecond} (max {r.PushesPerConnectionPerSecondMax}); ")
        + Inv($"errors {r.Errors}, refusals {(r.Refusals.Count == 0 ? "0" : string.Join(",", r.Refusals.Select(x => $"{x.Key}={x.Value}")))}; ")
        + Inv($"server CPU {Fmt(r.ServerCpuCores)} cores, peak RSS {Fmt(r.ServerPeakRssMiB)} MiB over {r.WebNodes} web node(s)")
        + (r.ErrorSamples.Count > 0 ? $"\n    first errors: {string.Join(" | ", r.ErrorSamples)}" : "");

    public static string Table(BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Hub bench, {report.StartedAt}, {report.Machine}");
        text.AppendLine("| scenario | target | conns | ops/s | deliveries/s | p50 ms | p99 ms | p50 x | p99 x | thr x | server CPU | peak RSS MiB | errors | load |");
        text.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (var i = 0; i < report.Runs.Count; i++)
        {
            // The runs come in pairs, relay then Hub, each pair with its comparison.
            var r = report.Runs[i];
            var c = r.Counts;
            var ratio = i % 2 == 1 && i / 2 < report.Comparisons.Count ? report.Comparisons[i / 2] : null;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Scenario} | {r.Target} | {r.Connections} | {c.AppliedPerSecond} | {c.DeliveriesPerSecond} | {c.Delivery.P50} | {c.Delivery.P99} | " +
                $"{Fmt(ratio?.P50Ratio)} | {Fmt(ratio?.P99Ratio)} | {Fmt(ratio?.ThroughputRatio)} | {Fmt(r.ServerCpuCores)} | {Fmt(r.ServerPeakRssMiB)} | " +
                $"{c.ErrorsTotal + c.Refusals.Values.Sum()} | {r.LoadAverageBefore} |");
        }

        foreach (var r in report.ColdStarts)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| coldstart | {r.Target} | 1 | | | {r.FirstJoin.P50} | {r.FirstJoin.P99} | | | | | {Fmt(r.Servers.Where(s => s.Name != "postgres").Sum(s => s.PeakRssMiB ?? 0))} | {r.Errors} | {r.LoadAverageBefore} |");
        }

        text.AppendLine("p50/p99: from the sender's Submit to each other person's receipt of the push; x: Hub / relay (same scenario, run just before); thr: deliveries/s.");
        var many = report.Runs.Where(r => r.ActiveConnections < r.Connections).ToList();
        if (many.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Many connections, few sending (RSS of the web node, or relay, before the connections and once all joined):");
            text.AppendLine("| target | conns | sending | RSS before MiB | RSS joined MiB | KiB a connection | active p50 ms | active p99 ms | ack p99 ms | errors |");
            text.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
            foreach (var r in many)
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {r.Target} | {r.Connections} | {r.ActiveConnections} | {Fmt(r.WebRssBeforeMiB)} | {Fmt(r.WebRssConnectedMiB)} | {Fmt(r.KiBPerConnection)} | " +
                    $"{r.Counts.Delivery.P50} | {r.Counts.Delivery.P99} | {r.Counts.Ack.P99} | {r.Counts.ErrorsTotal + r.Counts.Refusals.Values.Sum()} |");
            }
        }

        if (report.Sessions.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Live session: everyone answers one poll once:");
            text.AppendLine("| target | web nodes | participants | acked | final tally | exact | ack p50 ms | ack p99 ms | last answer to tally ms | pushes/conn/s (max) | server CPU | peak RSS MiB | errors |");
            text.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
            foreach (var r in report.Sessions)
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {r.Target} | {r.WebNodes} | {r.Participants} | {r.Acknowledged} | {r.FinalAnswers} | {(r.TallyExact ? "yes" : "NO")} | {r.Ack.P50} | {r.Ack.P99} | " +
                    $"{r.LastAnswerToTallyMs} | {r.PushesPerConnectionPerSecond} ({r.PushesPerConnectionPerSecondMax}) | {Fmt(r.ServerCpuCores)} | {Fmt(r.ServerPeakRssMiB)} | " +
                    $"{r.Errors + r.Refusals.Values.Sum()} |");
            }
        }

        if (report.Comparisons.GroupBy(x => (x.Scenario, x.Mode)).Any(g => g.Count() > 1))
        {
            text.AppendLine();
            text.AppendLine("Medians over the rounds (each round: the relay, then Hub):");
            text.AppendLine("| scenario | mode | rounds | relay p50 ms | relay p99 ms | Hub p50 ms | Hub p99 ms | p50 x | p99 x | thr x |");
            text.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
            foreach (var g in report.Comparisons.Select((x, i) => (Comparison: x, Relay: report.Runs[2 * i], Hub: report.Runs[(2 * i) + 1]))
                .GroupBy(x => (x.Comparison.Scenario, x.Comparison.Mode)))
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {g.Key.Scenario} | {g.Key.Mode} | {g.Count()} | {Median(g.Select(x => x.Relay.Counts.Delivery.P50))} | {Median(g.Select(x => x.Relay.Counts.Delivery.P99))} | " +
                    $"{Median(g.Select(x => x.Hub.Counts.Delivery.P50))} | {Median(g.Select(x => x.Hub.Counts.Delivery.P99))} | " +
                    $"{Median(g.Select(x => x.Comparison.P50Ratio))} | {Median(g.Select(x => x.Comparison.P99Ratio))} | {Median(g.Select(x => x.Comparison.ThroughputRatio))} |");
            }
        }

        return text.ToString();
    }

    private static string Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        var median = sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return Fmt(median);
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Fmt(double? value) => value is null ? "-" : value.Value.ToString("0.##", CultureInfo.InvariantCulture);
}
