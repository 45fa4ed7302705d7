using System.Globalization;
using Hub.Runtime.Storage;
using Hub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Hub.Tests.Faults;

/// <summary>
/// The deployed topology (docker/compose.yaml) as processes on loopback: a PostgreSQL server of its own (so it
/// can be restarted without touching other tests' databases), two silos, two web nodes, and Caddy with
/// docker/Caddyfile in front. Each fault test breaks something and leaves the cluster whole again
/// (<see cref="HealAsync"/>). The test process also joins as an Orleans client, to ask where grains live.
/// </summary>
public sealed class FaultCluster : IAsyncLifetime
{
    private const string ClusterId = "hub";
    private readonly ProcessNode?[] _silos = new ProcessNode?[2];
    private readonly Dictionary<string, string>?[] _siloEnvironments = new Dictionary<string, string>?[2];
    private readonly ProcessNode?[] _webs = new ProcessNode?[2];
    private readonly int[] _webPorts = [FreePort.Next(), FreePort.Next()];
    private IHost? _observer;

    public PostgresServer Postgres { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public HubDatabase Database { get; private set; } = null!;

    public CaddyProxy Proxy { get; private set; } = null!;

    /// <summary>The web nodes' addresses as Caddy dials them, in the Caddyfile's order (web1, web2).</summary>
    public IReadOnlyList<string> Upstreams => [.. _webPorts.Select(p => $"127.0.0.1:{p.ToString(CultureInfo.InvariantCulture)}")];

    public ProcessNode Silo(int index) => _silos[index] ?? throw new InvalidOperationException($"silo {index + 1} is down");

    public ProcessNode Web(int index) => _webs[index] ?? throw new InvalidOperationException($"web {index + 1} is down");

    public async Task InitializeAsync()
    {
        Postgres = await PostgresServer.StartAsync(durable: false);
        ConnectionString = await Postgres.CreateDatabaseAsync("faults");
        Database = HubDatabase.PostgreSql(ConnectionString);
        StartSilo(0);
        StartSilo(1);
        // A web node gives up when it finds no gateway within its startup timeout; on a busy machine the silos
        // can take longer than that to start, so the web nodes start once they have.
        await Task.WhenAll(_silos.Select(s => s!.WaitForOutputAsync("Application started")));
        await WaitForActiveSilosAsync();
        StartWeb(0);
        StartWeb(1);
        try
        {
            await Task.WhenAll(_webs.Select(w => w!.WaitUntilReadyAsync()));
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException($"{ex.Message}\n{string.Join('\n', _silos.Select(s => $"--- {s!.Name} (exited: {s.HasExited}) ---\n{s.Tail(30)}"))}", ex);
        }
        Proxy = await CaddyProxy.StartAsync(Upstreams);
        _observer = await StartObserverAsync();
    }

    /// <summary>SIGKILL for the silo where the board's and the agreement's grains are activated now (the
    /// board's when they are apart); returns its index.</summary>
    public async Task<int> KillSiloHoldingAsync(Guid boardId, Guid partnershipId)
    {
        var client = _observer!.Services.GetRequiredService<IClusterClient>();
        var management = client.GetGrain<IManagementGrain>(0);
        var silo = await management.GetActivationAddress(client.GetGrain<Hub.Contracts.Boards.IBoardGrain>(boardId))
            ?? await management.GetActivationAddress(client.GetGrain<Hub.Contracts.Agreements.IAgreementGrain>(partnershipId));
        var port = silo?.Endpoint.Port.ToString(CultureInfo.InvariantCulture);
        var index = Math.Max(0, Array.FindIndex(_siloEnvironments, e => e is not null && e["Hub__Silo__Port"] == port));
        KillSilo(index);
        return index;
    }

    public void KillSilo(int index)
    {
        Silo(index).Kill();
        _silos[index] = null;
    }

    /// <summary>SIGTERM, as an operator's restart: the silo hands its grains over and leaves, then a new one joins.</summary>
    public async Task RestartSiloGracefullyAsync(int index)
    {
        await Silo(index).StopAsync(TimeSpan.FromSeconds(60));
        await Silo(index).DisposeAsync();
        StartSilo(index);
        await Silo(index).WaitForOutputAsync("Application started");
        await WaitForActiveSilosAsync();
    }

    public void KillWeb(int index)
    {
        Web(index).Kill();
        _webs[index] = null;
    }

    public async Task RestartPostgresAsync()
    {
        await Postgres.RestartAsync();
        // The test's own pooled connections died with the server; the nodes' pools are theirs to mend.
        Npgsql.NpgsqlConnection.ClearAllPools();
    }

    /// <summary>Why the web nodes failed hub calls they could not name (SignalR logs them at Debug).</summary>
    public IEnumerable<string> UnnamedHubFailures() =>
        _webs.OfType<ProcessNode>().SelectMany(w => w.Tail(400).Split('\n'))
            .Where(line => line.Contains("Exception", StringComparison.Ordinal) && !line.Contains("HubException", StringComparison.Ordinal))
            .Distinct()
            .Take(20);

    /// <summary>Starts whatever a test killed, and waits until the whole cluster serves again.</summary>
    public async Task HealAsync()
    {
        for (var i = 0; i < 2; i++)
        {
            if (_silos[i] is null || _silos[i]!.HasExited)
            {
                StartSilo(i);
                await Silo(i).WaitForOutputAsync("Application started");
            }

            if (_webs[i] is null || _webs[i]!.HasExited)
            {
                StartWeb(i);
                await Web(i).WaitUntilReadyAsync();
            }
        }

        await WaitForActiveSilosAsync();
    }

    public async Task DisposeAsync()
    {
        if (_observer is not null)
        {
            await _observer.StopAsync();
            _observer.Dispose();
        }

        if (Proxy is not null)
        {
            await Proxy.DisposeAsync();
        }

        foreach (var node in _webs.Concat(_silos).OfType<ProcessNode>())
        {
            await node.DisposeAsync();
        }

        if (Postgres is not null)
        {
            await Postgres.DisposeAsync();
        }
    }

    private void StartSilo(int index)
    {
        var environment = ProcessCluster.SiloEnvironment(ConnectionString);
        environment["Logging__LogLevel__Default"] = "Warning";
        _siloEnvironments[index] = environment;
        _silos[index] = ProcessNode.StartSilo($"silo {index + 1}", environment);
    }

    /// <summary>A web node on its fixed port (Caddy dials that address), with the limits raised as in
    /// <see cref="WebNode"/>: every test client comes from one address.</summary>
    private void StartWeb(int index)
    {
        var environment = ProcessCluster.WebEnvironment(ConnectionString);
        environment["Logging__LogLevel__Default"] = "Warning";
        environment["Logging__LogLevel__Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher"] = "Debug";
        foreach (var limit in new[] { "SignInPerMinute", "ApiPerSecond", "ApiBurst", "LivePerSecondPerConnection", "LiveBurstPerConnection", "LivePerSecondPerUser", "LiveBurstPerUser" })
        {
            environment[$"Hub__Limits__{limit}"] = "100000";
        }

        _webs[index] = ProcessNode.StartWeb($"web {index + 1}", environment, _webPorts[index]);
    }

    private async Task WaitForActiveSilosAsync() =>
        await Eventually.UntilAsync("both silos are active in the membership table", TimeSpan.FromSeconds(60),
            async () => (await Database.QueryAsync("SELECT 1 FROM hub_membership WHERE status = 3")).Count == 2);

    private async Task<IHost> StartObserverAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client => client
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ClusterId, ClusterId))
            .Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5))
            .UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (Database.Invariant, ConnectionString)));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
