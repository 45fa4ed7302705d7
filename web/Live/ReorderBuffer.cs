using System.Collections.Immutable;
using Hub.Contracts.Live;

namespace Hub.Web.Live;

/// <summary>
/// One document's pushes on one web node, put back in the grain's order. A push that skips ahead is held until the
/// missing ones arrive; one that comes after a later one was passed on goes out at once (<see cref="Released{TOp}.Late"/>).
/// Where the pushes begin is what the grain answered to the subscription (<see cref="Begin"/>): until then everything
/// is held, since the first push to arrive need not be the first sent. A gap that is not filled in time is given up
/// by <see cref="Expire"/>: the caller waits the hold time whenever an answer asks it to
/// (<see cref="Released{TOp}.Hold"/>) and then calls it with that number.
/// Pure and not thread-safe: no clock, no I/O, and its caller holds a lock around every call.
/// </summary>
public sealed class ReorderBuffer<TOp>
{
    private readonly SortedDictionary<long, Committed<TOp>> _held = [];
    private bool _waiting;
    private long _wait;

    /// <summary>Whether <see cref="Last"/> is known: from the subscription's answer, or after waiting for it.</summary>
    public bool Known { get; private set; }

    /// <summary>The sequence number of the last operation passed on.</summary>
    public long Last { get; private set; }

    /// <summary>How many operations are held, waiting for an earlier one.</summary>
    public int Held => _held.Count;

    /// <summary>Operations as they arrived from the grain.</summary>
    public Released<TOp> Add(IEnumerable<Committed<TOp>> ops)
    {
        ArgumentNullException.ThrowIfNull(ops);
        var late = ImmutableArray.CreateBuilder<Committed<TOp>>();
        foreach (var op in ops)
        {
            if (!Known || op.Seq > Last)
            {
                _held.TryAdd(op.Seq, op);
            }
            else
            {
                // Behind what was passed on already: after a gap that was not filled in time. Browsers that have
                // it drop it; one that is waiting for it (it asked for a Sync on the gap) can use it at once.
                late.Add(op);
            }
        }

        return Release(flush: false) with { Late = late.ToImmutable() };
    }

    /// <summary>The subscription's answer: the pushes begin after <paramref name="publishedSeq"/>. What was held up to
    /// it the browsers had before they joined, and is dropped. Ignored once the beginning is known.</summary>
    public Released<TOp> Begin(long publishedSeq)
    {
        if (Known)
        {
            return Released<TOp>.Nothing;
        }

        Known = true;
        Last = publishedSeq;
        foreach (var seq in _held.Keys.Where(seq => seq <= publishedSeq).ToList())
        {
            _held.Remove(seq);
        }

        _waiting = false;
        return Release(flush: false);
    }

    /// <summary>The hold numbered <paramref name="wait"/> is over: if the gap it waited for is still open, everything
    /// held goes out, gap or not (and without a beginning, it begins at the earliest push here). A hold that a filled
    /// gap or a later hold made stale releases nothing.</summary>
    public Released<TOp> Expire(long wait)
    {
        if (!_waiting || _wait != wait)
        {
            return Released<TOp>.Nothing;
        }

        _waiting = false;
        var missing = Last + 1;
        return Release(flush: true) with { GaveUpOn = missing };
    }

    private Released<TOp> Release(bool flush)
    {
        if (_held.Count == 0)
        {
            return Released<TOp>.Nothing;
        }

        if (!Known && flush)
        {
            // The subscription's answer did not come in time (the call failed; the next renewal subscribes
            // again): begin with the earliest push that is here.
            return Begin(_held.Keys.First() - 1);
        }

        var ready = ImmutableArray.CreateBuilder<Committed<TOp>>();
        while (Known && _held.Count > 0 && (flush || _held.ContainsKey(Last + 1)))
        {
            var (seq, op) = _held.First();
            _held.Remove(seq);
            ready.Add(op);
            Last = seq;
        }

        long? hold = null;
        if (_held.Count == 0)
        {
            _waiting = false;
        }
        else if (!_waiting)
        {
            _waiting = true;
            hold = ++_wait;
        }

        return new Released<TOp>([], ready.ToImmutable(), hold);
    }
}

/// <summary>
/// What a <see cref="ReorderBuffer{TOp}"/> lets go: <see cref="Late"/> (behind what was passed on, to send at once)
/// and <see cref="Ready"/> (in order, after them); <see cref="Hold"/>, when set, asks the caller to call
/// <see cref="ReorderBuffer{TOp}.Expire"/> with it once the hold time has passed. <see cref="GaveUpOn"/>: the
/// operation an expired hold stopped waiting for.
/// </summary>
public sealed record Released<TOp>(ImmutableArray<Committed<TOp>> Late, ImmutableArray<Committed<TOp>> Ready, long? Hold)
{
    public static readonly Released<TOp> Nothing = new([], [], null);

    public long? GaveUpOn { get; init; }
}
