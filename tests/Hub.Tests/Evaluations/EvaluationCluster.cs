using Hub.Grains.Evaluations;
using Hub.Runtime.Storage;
using Hub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Tests.Evaluations;

/// <summary>A clock the test moves by hand: the follow-up is 90 days away, and no test waits that long.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            _now += by;
        }
    }
}

/// <summary>
/// The grain test cluster with the evaluation's clock in the test's hand and the follow-up looked at every second
/// (Orleans' reminders, real and stored in the database, tick in real time; the evaluation asks its clock whether
/// the day has come). The clock outlives a restart of the cluster, as the database does.
/// </summary>
public static class EvaluationClusterSetup
{
    public static void Configure(ISiloBuilder silo, ManualClock clock)
    {
        silo.Services.AddSingleton(new EvaluationClock(clock));
        silo.Services.Configure<EvaluationOptions>(o => o.FollowUpCheckPeriod = TimeSpan.FromSeconds(1));
        silo.Services.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
    }
}

public interface IEvaluationCluster
{
    ManualClock Clock { get; }
}

public sealed class SqliteEvaluationCluster : GrainCluster, IEvaluationCluster, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"hub-evaluation-{Guid.NewGuid():N}");

    public ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override Task<HubDatabase> CreateDatabaseAsync() =>
        Task.FromResult(HubDatabase.Sqlite(Path.Combine(_directory, "hub.db")));

    protected override void ConfigureSilo(ISiloBuilder silo) => EvaluationClusterSetup.Configure(silo, Clock);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}

public sealed class PostgresEvaluationCluster : GrainCluster, IEvaluationCluster
{
    public ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override async Task<HubDatabase> CreateDatabaseAsync() =>
        HubDatabase.PostgreSql(await (await PostgresServer.Shared).CreateDatabaseAsync("evaluation"));

    protected override void ConfigureSilo(ISiloBuilder silo) => EvaluationClusterSetup.Configure(silo, Clock);
}
