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
}
