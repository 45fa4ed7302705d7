namespace Hub.Contracts.Common;

/// <summary>Answers a ping from wherever it is activated; /health/ready uses it to prove the cluster answers.</summary>
[Alias("hub.IProbeGrain")]
public interface IProbeGrain : IGrainWithIntegerKey
{
    [Alias("Ping")]
    Task<string> Ping();
}
