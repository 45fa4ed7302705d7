using Hub.Runtime.Hosting;
using Microsoft.Extensions.Hosting;

namespace Hub.Tests.Infrastructure;

/// <summary>A real silo host in this process, configured exactly as silo/Program.cs configures one.</summary>
public static class SiloNode
{
    public static async Task<IHost> StartAsync(string connectionString, string clusterId)
    {
        var builder = Host.CreateApplicationBuilder([
            "--Hub:Mode=Cluster",
            $"--ConnectionStrings:Hub={connectionString}",
            $"--Hub:ClusterId={clusterId}",
            $"--Hub:Silo:Port={FreePort.Next()}",
            $"--Hub:Silo:GatewayPort={FreePort.Next()}",
            "--Hub:Silo:AdvertisedAddress=127.0.0.1",
            "--Logging:LogLevel:Default=Warning",
        ]);
        builder.AddHubOrleans(HubProcess.Silo);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}

/// <summary>One silo and two web nodes (Orleans clients) on a fresh PostgreSQL database: the cluster topology.</summary>
public sealed class TwoNodeCluster : IAsyncLifetime
{
    private IHost? _silo;

    public WebNode NodeA { get; private set; } = null!;

    public WebNode NodeB { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var connectionString = await (await PostgresServer.Shared).CreateDatabaseAsync("cluster");
        var clusterId = $"c{Guid.NewGuid():N}";
        _silo = await SiloNode.StartAsync(connectionString, clusterId);
        NodeA = await WebNode.StartClusterAsync(connectionString, clusterId);
        NodeB = await WebNode.StartClusterAsync(connectionString, clusterId);
    }

    public async Task DisposeAsync()
    {
        await NodeA.DisposeAsync();
        await NodeB.DisposeAsync();
        if (_silo is not null)
        {
            await _silo.StopAsync();
            _silo.Dispose();
        }
    }
}
