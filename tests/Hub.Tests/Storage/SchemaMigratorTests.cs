using System.Diagnostics;
using System.Globalization;
using System.Text;
using Hub.Runtime.Hosting;
using Hub.Runtime.Storage;
using Hub.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hub.Tests.Storage;

/// <summary>
/// The migrator that every Hub process runs at start-up, on a real database of each engine. Every test starts
/// from its own empty database.
/// </summary>
public abstract class SchemaMigratorTests
{
    protected static readonly TimeSpan RetryFor = TimeSpan.FromSeconds(10);

    protected abstract Task<HubDatabase> CreateEmptyDatabaseAsync(string purpose);

    /// <summary>The query keys Orleans' ADO.NET providers read for what the engine stores.</summary>
    protected abstract IReadOnlyList<string> ProviderQueryKeys { get; }

    protected static SchemaMigrator Migrator(HubDatabase database) => new(database, NullLogger<SchemaMigrator>.Instance);

    [Fact]
    public async Task MigrateAsync_EmptyDatabase_InstallsCurrentVersionAndEveryQuery()
    {
        var database = await CreateEmptyDatabaseAsync("empty");
        var scripts = SchemaScripts.For(database.Engine);

        var report = await Migrator(database).MigrateAsync(RetryFor, CancellationToken.None);

        Assert.True(report.ChangedAnything);
        Assert.Equal(scripts.CodeVersion, report.SchemaVersion);
        Assert.Equal(Enumerable.Range(1, scripts.CodeVersion), report.AppliedMigrations);
        Assert.Equal(scripts.Queries.Count, report.QueriesWritten);
        Assert.Equal(Enumerable.Range(1, scripts.CodeVersion), await VersionsAsync(database));
        var installed = await QueriesAsync(database);
        Assert.Equal(scripts.Queries.Select(q => (q.Key, q.Value)), installed);
        Assert.All(ProviderQueryKeys, key => Assert.Contains(key, installed.Select(q => q.Key)));
    }

    [Fact]
    public async Task MigrateAsync_SecondRun_ChangesNothing()
    {
        var database = await CreateEmptyDatabaseAsync("second-run");
        await Migrator(database).MigrateAsync(RetryFor, CancellationToken.None);
        var before = await DescribeAsync(database);

        var report = await Migrator(database).MigrateAsync(RetryFor, CancellationToken.None);

        Assert.False(report.ChangedAnything);
        Assert.Empty(report.AppliedMigrations);
        Assert.Equal(0, report.QueriesWritten);
        Assert.Equal(SchemaScripts.For(database.Engine).CodeVersion, report.SchemaVersion);
        Assert.Equal(before, await DescribeAsync(database));
    }

    [Fact]
    public async Task MigrateAsync_QueryChangedInDatabase_RewritesOnlyThatQuery()
    {
        var database = await CreateEmptyDatabaseAsync("query-changed");
        await Migrator(database).MigrateAsync(RetryFor, CancellationToken.None);
        var expected = await QueriesAsync(database);
        await database.ExecuteAsync("UPDATE OrleansQuery SET QueryText = 'SELECT 1' WHERE QueryKey = 'ReadFromStorageKey'");

        var report = await Migrator(database).MigrateAsync(RetryFor, CancellationToken.None);

        Assert.Empty(report.AppliedMigrations);
        Assert.Equal(1, report.QueriesWritten);
        Assert.Equal(expected, await QueriesAsync(database));
    }

    [Fact]
    public async Task MigrateAsync_TwoMigratorsAtOnce_BothSucceedAndEachMigrationIsAppliedOnce()
    {
        var database = await CreateEmptyDatabaseAsync("concurrent");
        var scripts = SchemaScripts.For(database.Engine);
        using var startTogether = new Barrier(2);

        var runs = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            startTogether.SignalAndWait(TimeSpan.FromSeconds(10));
            return Migrator(database).MigrateAsync(RetryFor, CancellationToken.None);
        }));
        var reports = await Task.WhenAll(runs);

        Assert.All(reports, r => Assert.Equal(scripts.CodeVersion, r.SchemaVersion));
        Assert.Single(reports, r => !r.AppliedMigrations.IsEmpty);
        Assert.Equal(scripts.Queries.Count, reports.Sum(r => r.QueriesWritten));
        Assert.Equal(Enumerable.Range(1, scripts.CodeVersion), await VersionsAsync(database));
        Assert.Equal(scripts.Queries.Select(q => (q.Key, q.Value)), await QueriesAsync(database));
    }

    [Fact]
    public async Task MigrateAsync_SchemaNewerThanCode_RefusesAndChangesNothing()
    {
        var database = await CreateEmptyDatabaseAsync("newer");
        await Migrator(database).MigrateAsync(RetryFor, CancellationToken.None);
        // What a newer Hub leaves behind: a version this build does not know, and queries of its own.
        var future = SchemaScripts.For(database.Engine).CodeVersion + 1;
        await database.ExecuteAsync(
            $"INSERT INTO hub_schema_version (version, name) VALUES ({future}, '{future:0000}_from_a_newer_hub')");
        await database.ExecuteAsync(
            "UPDATE OrleansQuery SET QueryText = 'SELECT 1 -- a newer query' WHERE QueryKey = 'ReadFromStorageKey'");
        var before = await DescribeAsync(database);

        var refused = await Assert.ThrowsAsync<HubStartupException>(
            () => Migrator(database).MigrateAsync(RetryFor, CancellationToken.None));

        Assert.Contains($"schema version {future}", refused.Message, StringComparison.Ordinal);
        Assert.Contains(database.Describe(), refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refused.Message);
        Assert.Equal(before, await DescribeAsync(database));
    }

    protected static async Task<List<int>> VersionsAsync(HubDatabase database) =>
        [.. (await database.QueryAsync("SELECT version FROM hub_schema_version ORDER BY version"))
            .Select(r => Convert.ToInt32(r[0], CultureInfo.InvariantCulture))];

    protected static async Task<List<(string Key, string Text)>> QueriesAsync(HubDatabase database) =>
        [.. (await database.QueryAsync("SELECT QueryKey, QueryText FROM OrleansQuery"))
            .Select(r => ((string)r[0]!, (string)r[1]!))
            .OrderBy(q => q.Item1, StringComparer.Ordinal)];

    /// <summary>Everything the migrator may touch, as text: tables, versions (with when they were applied)
    /// and queries. Equal descriptions mean nothing was changed.</summary>
    private static async Task<string> DescribeAsync(HubDatabase database)
    {
        var text = new StringBuilder();
        text.AppendLine(string.Join(", ", await database.TableNamesAsync()));
        foreach (var row in await database.QueryAsync("SELECT version, name, applied_at FROM hub_schema_version ORDER BY version"))
        {
            text.AppendLine(string.Join(" | ", row.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))));
        }

        foreach (var (key, query) in await QueriesAsync(database))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{key}: {query}");
        }

        return text.ToString();
    }
}

[Trait("Tier", "Fast")]
public sealed class SchemaMigratorOnSqliteTests : SchemaMigratorTests, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"hub-migrator-{Guid.NewGuid():N}");

    protected override IReadOnlyList<string> ProviderQueryKeys { get; } =
    [
        "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey",
        // Reminders (docs/decisions/019-cohort-evaluation.md).
        "ReadReminderRowsKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "ReadReminderRowKey", "UpsertReminderRowKey",
        "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    protected override Task<HubDatabase> CreateEmptyDatabaseAsync(string purpose) =>
        Task.FromResult(HubDatabase.Sqlite(Path.Combine(_directory, $"{purpose}.db")));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}

public sealed class SchemaMigratorOnPostgresTests : SchemaMigratorTests
{
    protected override IReadOnlyList<string> ProviderQueryKeys { get; } =
    [
        // Grain storage.
        "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey",
        // Clustering.
        "UpdateIAmAlivetimeKey", "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey",
        "DeleteMembershipTableEntriesKey", "GatewaysQueryKey", "MembershipReadRowKey", "MembershipReadAllKey",
        "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey",
        // Reminders.
        "ReadReminderRowsKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "ReadReminderRowKey", "UpsertReminderRowKey",
        "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    protected override async Task<HubDatabase> CreateEmptyDatabaseAsync(string purpose) =>
        HubDatabase.PostgreSql(await (await PostgresServer.Shared).CreateDatabaseAsync($"migrator {purpose}"));

    [Fact]
    public async Task MigrateAsync_DatabaseUnreachable_FailsNamingTheDatabaseAfterBoundedRetry()
    {
        var port = FreePort.Next();
        var database = HubDatabase.PostgreSql($"Host=127.0.0.1;Port={port};Username=hub;Database=nowhere;Timeout=2");
        var clock = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<HubStartupException>(
            () => Migrator(database).MigrateAsync(TimeSpan.FromSeconds(2), CancellationToken.None));

        Assert.Contains($"127.0.0.1:{port}/nowhere", failure.Message, StringComparison.Ordinal);
        // It did retry (a container that is still starting gets its chance), and it did give up.
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(15));
    }
}
