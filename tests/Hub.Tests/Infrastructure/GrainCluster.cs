using Hub.Runtime.Hosting;
using Hub.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Hub.Tests.Infrastructure;

/// <summary>
/// Orleans' in-process test cluster (two silos) with Hub's real grain storage: the schema is migrated
/// first, exactly as a Hub process does at start-up. Subclasses choose the database.
/// </summary>
public abstract class GrainCluster : IAsyncLifetime
{
    private InProcessTestCluster? _cluster;

    public HubDatabase Database { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>The clock live sessions run on in this cluster (the silos' own clock stays real).</summary>
    public ManualClock SessionClock { get; } = new();

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not running.");

    /// <summary>The storage provider as the grains use it, from the first silo.</summary>
    public IGrainStorage Storage => Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(OrleansHosting.StorageName);

    protected abstract Task<HubDatabase> CreateDatabaseAsync();

    /// <summary>What a subclass adds to every silo (a test clock, shorter reminder periods); runs after Hub's own setup.</summary>
    protected virtual void ConfigureSilo(ISiloBuilder silo)
    {
    }

    public async Task InitializeAsync()
    {
        Database = await CreateDatabaseAsync();
        await new SchemaMigrator(Database, NullLogger<SchemaMigrator>.Instance).MigrateAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        await StartAsync();
    }

    /// <summary>Stops every silo and starts a fresh cluster on the same database: all state comes from storage.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    public async Task DisposeAsync() => await StopAsync();

    private async Task StartAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.Options.ConfigureFileLogging = false;
        // Storage rows are keyed by service id: keep it across restarts, as a real deployment does.
        builder.Options.ServiceId = "hub-tests";
        var database = Database;
        var sessionClock = SessionClock;
        builder.ConfigureSilo((_, silo) =>
        {
            ConfigureSilo(silo.UseHubGrainStorage(database).UseHubReminders(database));
            silo.Services.AddKeyedSingleton<TimeProvider>(Hub.Grains.Sessions.SessionGrain.ClockKey, sessionClock);
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    private async Task StopAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
            _cluster = null;
        }
    }
}

public sealed class SqliteGrainCluster : GrainCluster, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"hub-sqlite-{Guid.NewGuid():N}");

    protected override Task<HubDatabase> CreateDatabaseAsync() =>
        Task.FromResult(HubDatabase.Sqlite(Path.Combine(_directory, "hub.db")));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}

public sealed class PostgresGrainCluster : GrainCluster
{
    protected override async Task<HubDatabase> CreateDatabaseAsync() =>
        HubDatabase.PostgreSql(await (await PostgresServer.Shared).CreateDatabaseAsync("grains"));
}
