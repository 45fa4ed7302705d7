using Xunit.Abstractions;

namespace Hub.Tests.Faults;

/// <summary>
/// Hub as deployed (PostgreSQL, two silos, two web nodes, Caddy with docker/Caddyfile) under board and agreement
/// load from clients that follow docs/protocol.md, while something breaks. Each test asserts that every
/// acknowledged operation is there, that every client's replica and a fresh join agree, that every connection
/// edits again within the bound, and that no request was answered 500. docs/reliability.md records the times.
/// </summary>
public sealed class FaultTests(FaultCluster cluster, ITestOutputHelper output) : IClassFixture<FaultCluster>
{
    /// <summary>What a person may wait, at most, after a silo or a web node dies (issue 9).</summary>
    private static readonly TimeSpan NodeLossBound = TimeSpan.FromSeconds(10);

    /// <summary>A database restart: the server's own restart (about a second here) plus the same recovery.</summary>
    private static readonly TimeSpan DatabaseRestartBound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task SiloKilled_UnderLoad_EveryConnectionEditsAgainWithinTenSecondsAndNothingIsLost()
    {
        var killed = -1;
        var result = await RunAsync("silo SIGKILL", async run => killed = await cluster.KillSiloHoldingAsync(run.BoardId, run.PartnershipId));

        result.AssertRecoveredWithin(NodeLossBound, $"silo {killed + 1} was killed");
    }

    [Fact]
    public async Task WebNodeKilled_UnderLoad_ItsClientsReconnectThroughTheProxyAndEditWithinTenSeconds()
    {
        var result = await RunAsync("web node SIGKILL", run =>
        {
            Assert.True(run.ClientsOn(0) > 0, "no client was on web 1: the proxy's sticky cookie was not honoured");
            cluster.KillWeb(0);
            return Task.CompletedTask;
        });

        result.AssertRecoveredWithin(NodeLossBound, "web 1 was killed");
        Assert.True(result.Reconnections > 0, "no client reconnected, so the web node's clients were not moved");
    }

    [Fact]
    public async Task PostgresRestarted_UnderLoad_EveryConnectionEditsAgainAndNothingIsLost()
    {
        var result = await RunAsync("PostgreSQL restart", _ => cluster.RestartPostgresAsync());

        result.AssertRecoveredWithin(DatabaseRestartBound, "PostgreSQL was restarted");
    }

    [Fact]
    public async Task RollingRestartOfBothSilos_UnderLoad_EveryConnectionKeepsEditingAndNothingIsLost()
    {
        var result = await RunAsync("rolling restart of both silos", async _ =>
        {
            await cluster.RestartSiloGracefullyAsync(0);
            await cluster.RestartSiloGracefullyAsync(1);
        });

        result.AssertRecoveredWithin(NodeLossBound, "the silos were restarted one after the other");
    }

    private async Task<FaultResult> RunAsync(string scenario, Func<FaultRun, Task> fault)
    {
        await cluster.HealAsync();
        await using var run = await FaultRun.StartAsync(cluster);
        try
        {
            var result = await run.UnderLoadAsync(fault);
            output.WriteLine(result.Report(scenario));
            if (result.Retries.ContainsKey(LoadClient<object, object>.UnnamedError))
            {
                output.WriteLine(string.Join('\n', cluster.UnnamedHubFailures()));
            }

            return result;
        }
        finally
        {
            await cluster.HealAsync();
        }
    }
}
