using Hub.Contracts.Common;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Hub.Web.Health;

/// <summary>Ready needs the cluster: a grain call must come back, through the co-hosted silo or a gateway.</summary>
internal sealed class ClusterHealthCheck(IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var silo = await grains.GetGrain<IProbeGrain>(0).Ping().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return HealthCheckResult.Healthy($"answered by {silo}");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return HealthCheckResult.Unhealthy($"no silo answered: {ex.Message}");
        }
    }
}
