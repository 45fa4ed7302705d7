using Hub.Runtime.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Hub.Web.Health;

/// <summary>Ready needs the database: open a connection and run a trivial query, quickly or not at all.</summary>
internal sealed class StorageHealthCheck(HubDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await using var connection = database.CreateConnection();
            await connection.OpenAsync(timeout.Token);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(timeout.Token);
            return HealthCheckResult.Healthy(database.Describe());
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return HealthCheckResult.Unhealthy($"{database.Describe()}: {ex.Message}");
        }
    }
}
