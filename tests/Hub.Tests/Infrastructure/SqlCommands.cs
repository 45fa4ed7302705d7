using System.Data.Common;
using Hub.Runtime.Storage;

namespace Hub.Tests.Infrastructure;

/// <summary>Plain SQL against a test database, for looking at what the code under test left behind.</summary>
public static class SqlCommands
{
    public static async Task<int> ExecuteAsync(this HubDatabase database, string sql)
    {
        await using var connection = await OpenAsync(database);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Every row, each as its column values; NULL becomes null.</summary>
    public static async Task<List<object?[]>> QueryAsync(this HubDatabase database, string sql)
    {
        await using var connection = await OpenAsync(database);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = await reader.IsDBNullAsync(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>The names of the tables in the database, lower-cased (PostgreSQL folds unquoted names).</summary>
    public static async Task<List<string>> TableNamesAsync(this HubDatabase database)
    {
        var sql = database.Engine == DatabaseEngine.PostgreSql
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
            : "SELECT name FROM sqlite_master WHERE type = 'table'";
        var rows = await database.QueryAsync(sql);
        return [.. rows.Select(r => ((string)r[0]!).ToLowerInvariant()).Order(StringComparer.Ordinal)];
    }

    private static async Task<DbConnection> OpenAsync(HubDatabase database)
    {
        var connection = database.CreateConnection();
        await connection.OpenAsync();
        return connection;
    }
}
