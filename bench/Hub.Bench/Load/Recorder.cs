using System.Collections.Concurrent;
using System.Diagnostics;
using Hub.Bench.Reporting;

namespace Hub.Bench.Load;

/// <summary>
/// Everything one run observes, on one clock (Stopwatch.GetTimestamp, all clients in this process). Latencies
/// and counts cover the operations sent inside the measurement window (after the warm-up); errors are counted
/// over the whole run as well, since a run with errors in its warm-up is not clean either.
/// </summary>
public sealed class Recorder
{
    private readonly Lock _gate = new();
    private readonly List<long> _deliveries = new(1 << 16);
    private readonly List<long> _acks = new(1 << 14);
    private readonly ConcurrentDictionary<string, long> _refusals = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _errorSamples = new();
    private long _start = long.MaxValue;
    private long _end = long.MaxValue;
    private long _sent;
    private long _applied;
    private long _expected;
    private long _delivered;
    private long _errors;
    private long _errorsTotal;
    private long _gaps;
    private long _deferred;
    private long _late;
    private long _disconnects;

    public long DeliveredCount => Interlocked.Read(ref _delivered);

    public long ExpectedCount => Interlocked.Read(ref _expected);

    public void Open() => _start = Stopwatch.GetTimestamp();

    public void Close() => _end = Stopwatch.GetTimestamp();

    public bool InWindow(long sentAt) => sentAt >= _start && sentAt < _end;

    public void Sent(long sentAt)
    {
        if (InWindow(sentAt))
        {
            Interlocked.Increment(ref _sent);
        }
    }

    /// <summary>The sender's answer: applied (and durable, for Hub); <paramref name="receivers"/> others should get it.</summary>
    public void Applied(long sentAt, long ackedAt, int receivers)
    {
        if (!InWindow(sentAt))
        {
            return;
        }

        Interlocked.Increment(ref _applied);
        Interlocked.Add(ref _expected, receivers);
        lock (_gate)
        {
            _acks.Add(ackedAt - sentAt);
        }
    }

    /// <summary>Another person's connection received an operation.</summary>
    public void Delivered(long sentAt, long receivedAt)
    {
        if (!InWindow(sentAt))
        {
            return;
        }

        Interlocked.Increment(ref _delivered);
        lock (_gate)
        {
            _deliveries.Add(receivedAt - sentAt);
        }
    }

    public void Refused(long sentAt, string code)
    {
        if (InWindow(sentAt))
        {
            _refusals.AddOrUpdate(code, 1, (_, n) => n + 1);
        }
    }

    public void Error(long? sentAt, string what)
    {
        Interlocked.Increment(ref _errorsTotal);
        if (sentAt is { } at && InWindow(at))
        {
            Interlocked.Increment(ref _errors);
        }

        if (_errorSamples.Count < 5)
        {
            _errorSamples.Enqueue(what);
        }
    }

    public void Gap() => Interlocked.Increment(ref _gaps);

    public void Late() => Interlocked.Increment(ref _late);

    public void Deferred() => Interlocked.Increment(ref _deferred);

    public void Disconnected(string? why)
    {
        Interlocked.Increment(ref _disconnects);
        Error(null, $"disconnected: {why}");
    }

    public RunCounts Counts(double seconds)
    {
        lock (_gate)
        {
            return new RunCounts(
                Sent: _sent,
                Applied: _applied,
                AppliedPerSecond: Math.Round(_applied / seconds, 1),
                Deliveries: _delivered,
                ExpectedDeliveries: _expected,
                DeliveriesPerSecond: Math.Round(_delivered / seconds, 1),
                Delivery: LatencySummary.Of(_deliveries),
                Ack: LatencySummary.Of(_acks),
                Errors: _errors,
                ErrorsTotal: _errorsTotal,
                Refusals: new SortedDictionary<string, long>(_refusals, StringComparer.Ordinal),
                Gaps: _gaps,
                Late: _late,
                Deferred: _deferred,
                Disconnects: _disconnects,
                ErrorSamples: [.. _errorSamples]);
        }
    }
}
