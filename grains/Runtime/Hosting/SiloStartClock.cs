using System.Diagnostics;

namespace Hub.Runtime.Hosting;

/// <summary>
/// The clock of Orleans' silo watchdog: the system's, with timestamps counted from the clock's first use (the watchdog's
/// start) instead of from the machine's boot.
/// </summary>
/// <remarks>
/// Orleans 10.4.2's <c>Watchdog.Start</c> starts its platform thread before it sets the timestamp of the last component
/// check, and when that thread's first tick wins the race it measures from 0: on a machine up for five hours a start logged
/// "Participant check thread has not completed for 05:16:56 … deadlock" (one start in three here, more on a busy
/// machine) though nothing had waited at all. A timestamp is only ever subtracted from another of the same clock, so any
/// origin is as right as the boot; with this one the unset 0 means "when the silo began starting", a moment ago.
/// </remarks>
public sealed class SiloStartClock : TimeProvider
{
    private long _origin;

    public override long GetTimestamp()
    {
        var now = Stopwatch.GetTimestamp();
        var origin = Interlocked.CompareExchange(ref _origin, now, 0);
        // Another thread may have fixed the origin a tick after this one read the time: never go below 0.
        return origin == 0 ? 0 : Math.Max(0, now - origin);
    }
}
