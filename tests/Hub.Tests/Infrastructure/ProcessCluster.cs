using System.Globalization;
using Hub.Contracts.Partnerships;
using Hub.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Hub.Tests.Infrastructure;

/// <summary>
/// Hub in cluster mode as separate processes on a fresh PostgreSQL database: two silos (started at the same
/// moment, so both migrate the schema at once) and one web node, the topology of docker/compose.yaml on
/// loopback ports. Shared by a test class; ready when the web node is and both silos are active members.
/// The test process also joins as an Orleans client of its own, only to ask where grains are activated.
/// </summary>
public sealed class ProcessCluster : IAsyncLifetime
{
    private readonly List<ProcessNode> _silos = [];
    private readonly Dictionary<ProcessNode, int> _siloPorts = [];
    private readonly Dictionary<ProcessNode, int> _metricsPorts = [];

    /// <summary>The web node's one platform admin (Hub:Admins).</summary>
    public const string AdminEmail = "admin@cluster.test";
    private IHost? _observer;

    public HubDatabase Database { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public IReadOnlyList<ProcessNode> Silos => _silos;

    public ProcessNode Web { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await (await PostgresServer.Shared).CreateDatabaseAsync("cluster");
        Database = HubDatabase.PostgreSql(ConnectionString);
        StartSilo("silo 1");
        StartSilo("silo 2");
        Web = ProcessNode.StartWeb("cluster web", WebEnvironment(ConnectionString));

        await Task.WhenAll(_silos.Select(s => s.WaitForOutputAsync("Application started")));
        await Web.WaitUntilReadyAsync();
        await Eventually.UntilAsync("both silos are active in the membership table", TimeSpan.FromSeconds(60),
            async () => await ActiveSiloCountAsync() == 2);
        _observer = await StartObserverAsync();
    }

    /// <summary>The silo process where most of these partnerships are activated right now.</summary>
    public async Task<ProcessNode> SiloHostingMostOfAsync(IEnumerable<Guid> partnershipIds)
    {
        var client = _observer!.Services.GetRequiredService<IClusterClient>();
        var management = client.GetGrain<IManagementGrain>(0);
        var ports = new List<int>();
        foreach (var id in partnershipIds)
        {
            if (await management.GetActivationAddress(client.GetGrain<IPartnershipGrain>(id)) is { } silo)
            {
                ports.Add(silo.Endpoint.Port);
            }
        }

        var port = ports.GroupBy(p => p).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();
        return _siloPorts.Single(s => s.Value == port).Key;
    }

    /// <summary>Whether the membership table says the silo is dead (SiloStatus.Dead = 6): the cluster noticed.</summary>
    public async Task<bool> IsDeclaredDeadAsync(ProcessNode silo) =>
        (await Database.QueryAsync(
            $"SELECT status FROM hub_membership WHERE port = {_siloPorts[silo].ToString(CultureInfo.InvariantCulture)} ORDER BY generation DESC LIMIT 1"))
        .Select(r => Convert.ToInt32(r[0], CultureInfo.InvariantCulture)).SingleOrDefault() == 6;

    /// <summary>Silos the membership table holds as active (SiloStatus.Active = 3).</summary>
    public async Task<int> ActiveSiloCountAsync() =>
        (await Database.QueryAsync("SELECT 1 FROM hub_membership WHERE status = 3")).Count;

    public async Task DisposeAsync()
    {
        if (_observer is not null)
        {
            await _observer.StopAsync();
            _observer.Dispose();
        }

        await Web.DisposeAsync();
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }
    }

    private void StartSilo(string name)
    {
        var environment = SiloEnvironment(ConnectionString);
        var silo = ProcessNode.StartSilo(name, environment);
        _silos.Add(silo);
        _siloPorts[silo] = int.Parse(environment["Hub__Silo__Port"], CultureInfo.InvariantCulture);
        _metricsPorts[silo] = int.Parse(environment["Hub__Metrics__Port"], CultureInfo.InvariantCulture);
    }

    /// <summary>Where a silo process serves its Prometheus metrics (Hub:Metrics:Port, on loopback here).</summary>
    public Uri MetricsOf(ProcessNode silo) => new($"http://127.0.0.1:{_metricsPorts[silo].ToString(CultureInfo.InvariantCulture)}/metrics");

    private async Task<IHost> StartObserverAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client => client
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = ("hub", "hub"))
            .UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (Database.Invariant, ConnectionString)));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>What a web node needs in cluster mode: the mode, the database (it finds gateways there) and the
    /// secret that encrypts the cookie key ring.</summary>
    public static Dictionary<string, string> WebEnvironment(string connectionString) => new(TestMailServer.Shared.Environment)
    {
        ["Hub__Mode"] = "Cluster",
        ["ConnectionStrings__Hub"] = connectionString,
        ["Hub__Admins__0"] = AdminEmail,
        // The tests of a class sign more people up from one address in a minute than a person would (the limit itself
        // is tested on nodes started with the defaults, in the security tests).
        ["Hub__Limits__SignInPerMinute"] = "100000",
        [TestKeyRingSecret.Variable] = TestKeyRingSecret.Value,
    };

    /// <summary>A silo also needs its own ports, and the address the others reach it on.</summary>
    public static Dictionary<string, string> SiloEnvironment(string connectionString) => new(WebEnvironment(connectionString))
    {
        ["Hub__Silo__Port"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
        ["Hub__Silo__GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
        ["Hub__Silo__AdvertisedAddress"] = "127.0.0.1",
        ["Hub__Metrics__Port"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
        ["Hub__Metrics__Host"] = "127.0.0.1",
    };
}
