using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Hub.Runtime.Storage;

public enum DatabaseEngine
{
    Sqlite,
    PostgreSql,
}

/// <summary>Where Hub keeps its data, and how Orleans' ADO.NET providers reach it.</summary>
public sealed record HubDatabase(DatabaseEngine Engine, string ConnectionString)
{
    /// <summary>
    /// The ADO.NET invariant name Orleans resolves to a provider factory. Orleans 10.4.2 registers SQLite
    /// under "System.Data.SQLite" and loads Microsoft.Data.Sqlite's factory for it (see
    /// docs/decisions/002-storage-through-orleans-adonet.md).
    /// </summary>
    public string Invariant => Engine switch
    {
        DatabaseEngine.PostgreSql => "Npgsql",
        _ => "System.Data.SQLite",
    };

    /// <summary>
    /// PostgreSQL, with two defaults that the operator's connection string may override: statements that
    /// Orleans runs over and over (the state write, the read, membership) are prepared once per connection
    /// (Max Auto Prepare), so the server stops parsing and planning the write's CTE for every operation;
    /// and a pooled connection is not reset on its way back to the pool (No Reset On Close): Orleans' queries
    /// leave no session state behind, and the reset cost the server a statement per grain write
    /// (docs/performance.md).
    /// </summary>
    public static HubDatabase PostgreSql(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 32;
            builder.AutoPrepareMinUsages = 2;
        }

        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        return new HubDatabase(DatabaseEngine.PostgreSql, builder.ConnectionString);
    }

    /// <summary>A SQLite file; its folder is created when missing. Pooled connections, and a busy timeout
    /// long enough for the single writer to queue behind another.</summary>
    public static HubDatabase Sqlite(string path)
    {
        var fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        };
        return new HubDatabase(DatabaseEngine.Sqlite, builder.ToString());
    }

    public DbConnection CreateConnection() => Engine switch
    {
        DatabaseEngine.PostgreSql => new NpgsqlConnection(ConnectionString),
        _ => new SqliteConnection(ConnectionString),
    };

    /// <summary>Where the data is, for logs and error messages: never the password.</summary>
    public string Describe()
    {
        if (Engine == DatabaseEngine.Sqlite)
        {
            return $"SQLite {new SqliteConnectionStringBuilder(ConnectionString).DataSource}";
        }

        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
    }

    /// <summary>
    /// Opens a connection, retrying with back-off while the database is unreachable (a container that is
    /// still starting), for at most <paramref name="retryFor"/>.
    /// </summary>
    public async Task<DbConnection> OpenAsync(TimeSpan retryFor, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + retryFor;
        var delay = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            var connection = CreateConnection();
            try
            {
                await connection.OpenAsync(cancellationToken);
                return connection;
            }
            catch (Exception ex) when (IsTransient(ex) && DateTimeOffset.UtcNow + delay < deadline)
            {
                await connection.DisposeAsync();
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 2000));
            }
            catch (Exception ex) when (ex is DbException or System.Net.Sockets.SocketException or TimeoutException)
            {
                await connection.DisposeAsync();
                throw new Hosting.HubStartupException(
                    $"Databasen kan ikke nås / The database cannot be reached: {Describe()} after {retryFor.TotalSeconds:0} s: {ex.Message}",
                    ex);
            }
        }
    }

    private static bool IsTransient(Exception ex) => ex switch
    {
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is System.Net.Sockets.SocketException
            || npgsql is PostgresException { SqlState: "57P03" or "53300" },
        System.Net.Sockets.SocketException or TimeoutException => true,
        _ => false,
    };
}
