using Hub.Contracts.Common;
using Orleans.Concurrency;

namespace Hub.Grains.Common;

/// <summary>Stateless and local to whichever silo receives the call: a ping measures reachability only.</summary>
[StatelessWorker]
public sealed class ProbeGrain(ILocalSiloDetails silo) : Grain, IProbeGrain
{
    public Task<string> Ping() => Task.FromResult(silo.Name);
}
