namespace Hub.Tests.Infrastructure;

/// <summary>A clock that moves only when a test moves it: the live sessions' timer is tested on it (the grains get it
/// under <c>SessionGrain.ClockKey</c>; Orleans keeps the real clock).</summary>
public sealed class ManualClock : TimeProvider
{
    private long _ticks = DateTimeOffset.UtcNow.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
