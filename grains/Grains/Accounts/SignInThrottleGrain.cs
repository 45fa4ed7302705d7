using Hub.Contracts.Accounts;

namespace Hub.Grains.Accounts;

/// <summary>
/// Memory only, on purpose: the waits are minutes long and a restart that forgets them costs an attacker's
/// guesses nothing they could not get by waiting. Kept alive past the longest wait, so an idle activation
/// is not collected while a wait is still running.
/// </summary>
[CollectionAgeLimit(Minutes = 90)]
public sealed class SignInThrottleGrain(TimeProvider clock) : Grain, ISignInThrottleGrain
{
    private readonly Dictionary<string, Origin> _origins = new(StringComparer.Ordinal);

    public Task<TimeSpan?> WaitFor(string origin) => Task.FromResult(Remaining(origin));

    public Task<TimeSpan?> RecordFailure(string origin)
    {
        var now = clock.GetUtcNow();
        if (!_origins.TryGetValue(origin, out var record))
        {
            if (_origins.Count >= SignInRules.OriginsMax)
            {
                _origins.Remove(_origins.MinBy(o => o.Value.LastFailure).Key);
            }

            record = _origins[origin] = new Origin();
        }

        record.Failures++;
        record.LastFailure = now;
        var beyond = record.Failures - SignInRules.FreeFailures;
        if (beyond < 0)
        {
            return Task.FromResult<TimeSpan?>(null);
        }

        var wait = TimeSpan.FromTicks(Math.Min(SignInRules.LongestWait.Ticks, SignInRules.FirstWait.Ticks << Math.Min(beyond, 16)));
        record.WaitUntil = now + wait;
        return Task.FromResult<TimeSpan?>(wait);
    }

    public Task RecordSuccess(string origin)
    {
        _origins.Remove(origin);
        return Task.CompletedTask;
    }

    private TimeSpan? Remaining(string origin) =>
        _origins.TryGetValue(origin, out var record) && record.WaitUntil is { } until && until > clock.GetUtcNow()
            ? until - clock.GetUtcNow()
            : null;

    private sealed class Origin
    {
        public int Failures { get; set; }
        public DateTimeOffset LastFailure { get; set; }
        public DateTimeOffset? WaitUntil { get; set; }
    }
}
