using System.Globalization;
using Hub.Runtime.Storage;

namespace Hub.Tests.Infrastructure;

/// <summary>
/// Hub in cluster mode as separate processes on a fresh PostgreSQL database: two silos (started at the same
/// moment, so both migrate the schema at once) and one web node, the topology of docker/compose.yaml on
/// loopback ports. Shared by a test class; ready when the web node is and both silos are active members.
/// </summary>
public sealed class ProcessCluster : IAsyncLifetime
{
    private readonly List<ProcessNode> _silos = [];

    public HubDatabase Database { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public IReadOnlyList<ProcessNode> Silos => _silos;

    public ProcessNode Web { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await (await PostgresServer.Shared).CreateDatabaseAsync("cluster");
        Database = HubDatabase.PostgreSql(ConnectionString);
        _silos.Add(ProcessNode.StartSilo("silo 1", SiloEnvironment(ConnectionString)));
        _silos.Add(ProcessNode.StartSilo("silo 2", SiloEnvironment(ConnectionString)));
        Web = ProcessNode.StartWeb("cluster web", WebEnvironment(ConnectionString));

        await Task.WhenAll(_silos.Select(s => s.WaitForOutputAsync("Application started")));
        await Web.WaitUntilReadyAsync();
        await Eventually.UntilAsync("both silos are active in the membership table", TimeSpan.FromSeconds(60),
            async () => await ActiveSiloCountAsync() == 2);
    }

    /// <summary>Silos the membership table holds as active (SiloStatus.Active = 3).</summary>
    public async Task<int> ActiveSiloCountAsync() =>
        (await Database.QueryAsync("SELECT 1 FROM hub_membership WHERE status = 3")).Count;

    public async Task DisposeAsync()
    {
        await Web.DisposeAsync();
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }
    }

    /// <summary>What a web node needs in cluster mode: the mode and the database; it finds gateways there.</summary>
    public static Dictionary<string, string> WebEnvironment(string connectionString) => new()
    {
        ["Hub__Mode"] = "Cluster",
        ["ConnectionStrings__Hub"] = connectionString,
    };

    /// <summary>A silo also needs its own ports, and the address the others reach it on.</summary>
    public static Dictionary<string, string> SiloEnvironment(string connectionString) => new(WebEnvironment(connectionString))
    {
        ["Hub__Silo__Port"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
        ["Hub__Silo__GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
        ["Hub__Silo__AdvertisedAddress"] = "127.0.0.1",
    };
}
