using System.Data.Common;
using Npgsql;
using Orleans.Storage;

namespace Hub.Runtime.Storage;

/// <summary>
/// Which storage failures pass by themselves: the database restarting or unreachable, a connection cut, a
/// write that lost to another activation of the same grain during a failover. Not a fault in a request or in
/// the code: the same call a moment later succeeds.
/// </summary>
public static class StorageFailures
{
    public static bool IsTransient(Exception? exception)
    {
        for (var depth = 0; exception is not null && depth < 8; depth++, exception = exception.InnerException)
        {
            if (IsTransientItself(exception))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsTransientItself(Exception exception) => exception switch
    {
        // 57P01–57P03: the server shuts down or is starting; 08xxx: the connection failed.
        // (SqlState may be missing in one that crossed from a silo.)
        PostgresException pg => pg.IsTransient || (pg.SqlState ?? "").StartsWith("57P", StringComparison.Ordinal) || (pg.SqlState ?? "").StartsWith("08", StringComparison.Ordinal),
        // Without a server error: the connection could not be opened, or broke.
        NpgsqlException => true,
        DbException db => db.IsTransient,
        System.Net.Sockets.SocketException or TimeoutException => true,
        InconsistentStateException => true,
        // A grain whose state could not be read fails its activation with this, the cause flattened into the text.
        Orleans.Runtime.OrleansException orleans when orleans.Message.StartsWith("Error from storage provider", StringComparison.Ordinal) =>
            NamesTransientCause(orleans.Message),
        _ => false,
    };

    private static bool NamesTransientCause(string message) =>
        message.Contains("Npgsql.NpgsqlException", StringComparison.Ordinal)
        || System.Text.RegularExpressions.Regex.IsMatch(message, @"Npgsql\.PostgresException[^:]*: (57P0[123]|08[0-9A-Z]{3}|53300)");
}
