using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hub.Grains.Evaluations;

/// <summary>
/// The evaluation's own clock. The follow-up is due months after T1 closes: tests move this clock instead of waiting,
/// while Orleans' own timers (the reminder's ticks, membership) keep real time.
/// </summary>
public sealed class EvaluationClock(TimeProvider time)
{
    public DateTimeOffset Now => time.GetUtcNow();
}

/// <summary>How often the follow-up reminder looks whether T2 is due: T2 opens at most this long after its day.</summary>
public sealed class EvaluationOptions
{
    public TimeSpan FollowUpCheckPeriod { get; set; } = TimeSpan.FromHours(1);
}

public static class EvaluationSetupExtensions
{
    public static ISiloBuilder AddEvaluations(this ISiloBuilder silo)
    {
        silo.Services.TryAddSingleton(services => new EvaluationClock(services.GetRequiredService<TimeProvider>()));
        silo.Services.AddOptions<EvaluationOptions>();
        return silo;
    }
}
