using System.Collections.Immutable;
using System.Data.Common;
using Hub.Runtime.Hosting;
using Microsoft.Extensions.Logging;

namespace Hub.Runtime.Storage;

/// <summary>What one migration run did.</summary>
public sealed record MigrationReport(int SchemaVersion, ImmutableArray<int> AppliedMigrations, int QueriesWritten)
{
    public bool ChangedAnything => !AppliedMigrations.IsEmpty || QueriesWritten > 0;
}

/// <summary>
/// Brings the database to the schema this build expects, at start-up, in every process that uses it.
/// Idempotent (a second run changes nothing), versioned (hub_schema_version), safe when several processes
/// start at once (one transaction, serialised by a PostgreSQL advisory lock or SQLite's write lock), and
/// it refuses a schema newer than the code rather than guess what a newer Hub meant.
/// </summary>
public sealed partial class SchemaMigrator(HubDatabase database, ILogger<SchemaMigrator> logger)
{
    // Any fixed number: every Hub process that migrates takes the same transaction-scoped lock.
    private const long PostgresLockKey = 0x48_55_42_5F_53_43_48;

    public async Task<MigrationReport> MigrateAsync(TimeSpan retryFor, CancellationToken cancellationToken)
    {
        var scripts = SchemaScripts.For(database.Engine);
        await using var connection = await database.OpenAsync(retryFor, cancellationToken);

        if (database.Engine == DatabaseEngine.Sqlite)
        {
            // Write-ahead logging lets readers go on while the single writer writes; it is a property of
            // the file, so setting it once (outside any transaction) is enough.
            await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL;", cancellationToken);
        }

        // SQLite: BeginTransaction is BEGIN IMMEDIATE, which takes the write lock now, so a second migrator
        // waits here (up to the busy timeout) instead of failing half-way.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (database.Engine == DatabaseEngine.PostgreSql)
        {
            await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({PostgresLockKey});", cancellationToken);
        }

        await ExecuteAsync(connection, transaction, VersionTableSql(), cancellationToken);
        var current = Convert.ToInt32(
            await ScalarAsync(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM hub_schema_version;", cancellationToken),
            System.Globalization.CultureInfo.InvariantCulture);

        if (current > scripts.CodeVersion)
        {
            throw new HubStartupException(
                $"Databasens skema er nyere end denne version af Hub / The database schema is newer than this build of Hub: " +
                $"{database.Describe()} is at schema version {current}, this build knows versions up to {scripts.CodeVersion}. " +
                "Run the newer Hub, or restore a backup made for this version.");
        }

        var applied = ImmutableArray.CreateBuilder<int>();
        foreach (var migration in scripts.Migrations.Where(m => m.Version > current))
        {
            await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
            await ExecuteAsync(connection, transaction,
                "INSERT INTO hub_schema_version (version, name) VALUES (@version, @name);", cancellationToken,
                ("version", migration.Version), ("name", migration.Name));
            applied.Add(migration.Version);
            LogApplied(logger, migration.Name, database.Describe());
        }

        // The queries are code: a build always installs its own, and rewrites only those that differ.
        var written = 0;
        foreach (var (key, text) in scripts.Queries)
        {
            written += await ExecuteAsync(connection, transaction,
                """
                INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES (@key, @text)
                ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText
                WHERE OrleansQuery.QueryText <> excluded.QueryText;
                """,
                cancellationToken, ("key", key), ("text", text));
        }

        await transaction.CommitAsync(cancellationToken);
        var report = new MigrationReport(Math.Max(current, scripts.CodeVersion), applied.ToImmutable(), written);
        LogReady(logger, database.Describe(), report.SchemaVersion, applied.Count, written);
        return report;
    }

    private string VersionTableSql() => database.Engine == DatabaseEngine.PostgreSql
        ? """
          CREATE TABLE IF NOT EXISTS hub_schema_version (
              version    integer PRIMARY KEY,
              name       text NOT NULL,
              applied_at timestamptz NOT NULL DEFAULT now());
          """
        : """
          CREATE TABLE IF NOT EXISTS hub_schema_version (
              version    INTEGER PRIMARY KEY,
              name       TEXT NOT NULL,
              applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')));
          """;

    private static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql,
        CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction transaction, string sql,
        CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql, []);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql,
        (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied schema migration {Migration} to {Database}")]
    private static partial void LogApplied(ILogger logger, string migration, string database);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Schema ready on {Database}: version {Version}, {Applied} migrations applied, {Queries} queries written")]
    private static partial void LogReady(ILogger logger, string database, int version, int applied, int queries);
}
