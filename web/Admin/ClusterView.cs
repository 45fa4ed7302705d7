using System.Collections.Immutable;

namespace Hub.Web.Admin;

/// <summary>One silo as the cluster page shows it; the figures are null for a silo that is not active.</summary>
public sealed record SiloView(
    string Name,
    string Host,
    string Address,
    string Status,
    DateTimeOffset Started,
    double? CpuPercent,
    long? MemoryBytes,
    int? Activations,
    long? Clients);

/// <summary>How many activations of one of Hub's grain types there are, across the cluster.</summary>
public sealed record GrainTypeView(string Type, int Activations);

/// <summary>The cluster now: its silos, and the activations per Hub grain type (Orleans' own grains left out).</summary>
public sealed record ClusterSnapshot(ImmutableArray<SiloView> Silos, ImmutableArray<GrainTypeView> GrainTypes, DateTimeOffset At);

/// <summary>
/// Read through Orleans' management grain, which answers from each silo's runtime and activates nothing of Hub's.
/// The page asks at most every 5 s and only while it is visible (views/cluster.ts), so the cost is one fan-out to
/// the silos per open, visible page per 5 s.
/// </summary>
public static class ClusterView
{
    /// <summary>Hub's grain classes live here; anything else (Orleans' system grains, the dashboard's) is hidden.</summary>
    private const string HubGrainNamespace = "Hub.";

    public static async Task<ClusterSnapshot> Read(IGrainFactory grains, TimeProvider clock)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetDetailedHosts(onlyActive: false);
        var active = hosts.Where(h => h.Status == SiloStatus.Active).Select(h => h.SiloAddress).ToArray();
        var statistics = active.Length == 0 ? [] : await management.GetRuntimeStatistics(active);
        var byAddress = active.Zip(statistics).ToDictionary(p => p.First, p => p.Second);
        var types = await management.GetSimpleGrainStatistics();

        var silos = hosts
            .Where(h => h.Status is not SiloStatus.Dead || h.IAmAliveTime > clock.GetUtcNow().UtcDateTime.AddHours(-1))
            .OrderBy(h => h.SiloName, StringComparer.Ordinal)
            .Select(h =>
            {
                var s = byAddress.GetValueOrDefault(h.SiloAddress);
                return new SiloView(h.SiloName, h.HostName, h.SiloAddress.ToParsableString(), h.Status.ToString(),
                    new DateTimeOffset(DateTime.SpecifyKind(h.StartTime, DateTimeKind.Utc)),
                    s?.EnvironmentStatistics.FilteredCpuUsagePercentage is { } cpu ? Math.Round(cpu, 1) : null,
                    s?.EnvironmentStatistics.FilteredMemoryUsageBytes,
                    s?.ActivationCount, s?.ClientCount);
            })
            .ToImmutableArray();

        var grainTypes = types
            .Where(t => t.GrainType.StartsWith(HubGrainNamespace, StringComparison.Ordinal))
            .GroupBy(t => ShortName(t.GrainType))
            .Select(g => new GrainTypeView(g.Key, g.Sum(t => t.ActivationCount)))
            .Where(t => t.Activations > 0)
            .OrderByDescending(t => t.Activations).ThenBy(t => t.Type, StringComparer.Ordinal)
            .ToImmutableArray();

        return new ClusterSnapshot(silos, grainTypes, clock.GetUtcNow());
    }

    /// <summary>"Hub.Grains.Boards.BoardGrain" becomes "BoardGrain"; generic arity and arguments are dropped.</summary>
    private static string ShortName(string fullName)
    {
        var name = fullName.Split('[', '`')[0];
        return name[(name.LastIndexOf('.') + 1)..];
    }
}
