using Hub.Bench;
using Xunit.Abstractions;

namespace Hub.Tests.Bench;

/// <summary>
/// Keeps the benchmark tool working: one small scenario for about ten seconds against the relay and an embedded
/// Hub, both inside the test process. It asserts that the run completes cleanly, not how fast it is — the
/// figures that matter come from `dotnet run -c Release --project bench/Hub.Bench -- all` on a quiet machine
/// (docs/performance.md).
/// </summary>
public sealed class BenchSmokeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task SmokeRun_InProcess_CompletesWithoutErrors()
    {
        var options = BenchOptions.Parse(["smoke", "--in-process", "--warmup", "2", "--duration", "8"]);

        var report = await BenchRunner.RunAsync(options, output.WriteLine);

        Assert.Equal(["relay", "embedded (in-process)"], report.Runs.Select(r => r.Target));
        Assert.All(report.Runs, run =>
        {
            Assert.Equal(0, run.Counts.ErrorsTotal);
            Assert.Empty(run.Counts.Refusals);
            Assert.True(run.Counts.Applied > 0, $"{run.Target}: no operation was applied");
            Assert.True(run.Counts.Deliveries > 0, $"{run.Target}: no operation reached another person");
        });
        Assert.Single(report.Comparisons);
    }

    /// <summary>The two scenarios of issues 17 and 13 in miniature: 100 connections of which 1 % send, and a session
    /// of 10 participants answering within 2 s — against the relay and an in-process Hub.</summary>
    [Fact]
    public async Task ConnectionsAndSessionRuns_InProcess_DeliverAndTallyExactly()
    {
        var options = BenchOptions.Parse(["connections", "session", "--connections", "100", "--participants", "10", "--vote-seconds", "2",
            "--in-process", "--warmup", "1", "--duration", "3"]);

        var report = await BenchRunner.RunAsync(options, output.WriteLine);

        Assert.Equal(["relay", "embedded (in-process)"], report.Runs.Select(r => r.Target));
        Assert.All(report.Runs, run =>
        {
            Assert.Equal((100, 1), (run.Connections, run.ActiveConnections));
            Assert.Equal(0, run.Counts.ErrorsTotal);
            Assert.Empty(run.Counts.Refusals);
            Assert.True(run.Counts.Applied > 0, $"{run.Target}: no operation was applied");
            // Each sender's operations reach the 19 other connections on its board, idle ones included.
            Assert.True(run.Counts.Deliveries > run.Counts.Applied * 10, $"{run.Target}: {run.Counts.Deliveries} deliveries of {run.Counts.Applied} operations");
        });
        Assert.Equal(["relay", "embedded (in-process)"], report.Sessions.Select(s => s.Target));
        Assert.All(report.Sessions, session =>
        {
            Assert.Equal((10, 10, 10, true), (session.Participants, session.Acknowledged, session.FinalAnswers, session.TallyExact));
            Assert.Equal(0, session.Errors);
            Assert.Empty(session.Refusals);
        });
        // The session grain sends the room's view at most every 250 ms: four a second, and the first one at once.
        var hub = report.Sessions[1];
        Assert.InRange(hub.PushesPerConnectionPerSecondMax, 0.1, 4 + (1 / hub.Seconds) + 0.01);
    }
}
