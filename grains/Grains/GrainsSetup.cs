using Hub.Grains.Evaluations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hub.Grains;

public static class GrainsSetup
{
    /// <summary>What Hub's grains need from the silo's container, whichever way the silo is hosted.</summary>
    public static ISiloBuilder AddHubGrains(this ISiloBuilder silo)
    {
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.AddEvaluations();
        silo.Services.AddOptions<ForMe.DigestOptions>();
        return silo;
    }
}
