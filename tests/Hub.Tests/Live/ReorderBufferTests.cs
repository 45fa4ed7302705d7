using Hub.Contracts.Boards;
using Hub.Contracts.Live;
using Hub.Web.Live;

namespace Hub.Tests.Live;

/// <summary>A web node's pushes of one document, put back in the grain's order: what is held, what goes out, and
/// when a gap is given up on.</summary>
[Trait("Tier", "Fast")]
public sealed class ReorderBufferTests
{
    [Fact]
    public void Add_BeforeTheSubscriptionAnswered_HoldsEverythingAndAsksForAHold()
    {
        var buffer = new ReorderBuffer<BoardOp>();

        var released = buffer.Add([Op(5)]);

        Assert.Empty(released.Ready);
        Assert.Equal(1, released.Hold);
        Assert.Equal(1, buffer.Held);
    }

    [Fact]
    public void Begin_HeldPushesAfterIt_PassesThemOnInOrderAndDropsThoseBefore()
    {
        var buffer = new ReorderBuffer<BoardOp>();
        buffer.Add([Op(6), Op(4), Op(5)]);

        var released = buffer.Begin(4);

        Assert.Equal([5L, 6L], Seqs(released.Ready));
        Assert.Null(released.Hold);
        Assert.Equal((true, 6L, 0), (buffer.Known, buffer.Last, buffer.Held));
    }

    [Fact]
    public void Begin_Twice_KeepsTheFirstBeginning()
    {
        var buffer = new ReorderBuffer<BoardOp>();
        buffer.Begin(3);

        var released = buffer.Begin(10);

        Assert.Same(Released<BoardOp>.Nothing, released);
        Assert.Equal(3, buffer.Last);
    }

    [Fact]
    public void Add_LastFirst_HoldsUntilTheGapFillsThenPassesOnAllInOrder()
    {
        var buffer = new ReorderBuffer<BoardOp>();
        buffer.Begin(0);

        var early = buffer.Add([Op(3)]);
        var stillEarly = buffer.Add([Op(2)]);
        var filled = buffer.Add([Op(1)]);

        Assert.Empty(early.Ready);
        Assert.Equal(1, early.Hold);
        Assert.Empty(stillEarly.Ready);
        Assert.Null(stillEarly.Hold);
        Assert.Equal([1L, 2L, 3L], Seqs(filled.Ready));
        Assert.Equal(0, buffer.Held);
    }

    [Fact]
    public void Expire_GapStillOpen_PassesOnWhatIsHeldAndSaysWhichWasMissing()
    {
        var buffer = new ReorderBuffer<BoardOp>();
        buffer.Begin(0);
        var hold = buffer.Add([Op(3), Op(2)]).Hold!.Value;

        var released = buffer.Expire(hold);

        Assert.Equal([2L, 3L], Seqs(released.Ready));
        Assert.Equal(1, released.GaveUpOn);
        Assert.Equal(3, buffer.Last);
    }

    [Fact]
    public void Expire_GapFilledMeanwhile_ReleasesNothing()
    {
        var buffer = new ReorderBuffer<BoardOp>();
        buffer.Begin(0);
        var hold = buffer.Add([Op(2)]).Hold!.Value;
        buffer.Add([Op(1)]);

        var released = buffer.Expire(hold);

        Assert.Same(Released<BoardOp>.Nothing, released);
    }

    [Fact]
    public void Expire_AStaleHoldAfterANewGap_ReleasesNothingAndTheNewHoldStillCounts()
    {
        var buffer = new ReorderBuffer<BoardOp>();
        buffer.Begin(0);
        var first = buffer.Add([Op(2)]).Hold!.Value;
        buffer.Add([Op(1)]);
        var second = buffer.Add([Op(4)]).Hold!.Value;

        var stale = buffer.Expire(first);
        var current = buffer.Expire(second);

        Assert.NotEqual(first, second);
        Assert.Same(Released<BoardOp>.Nothing, stale);
        Assert.Equal([4L], Seqs(current.Ready));
    }

    [Fact]
    public void Add_BehindWhatWasPassedOn_GoesOutAtOnceAsLate()
    {
        var buffer = new ReorderBuffer<BoardOp>();
        buffer.Begin(0);
        buffer.Expire(buffer.Add([Op(2)]).Hold!.Value);

        var released = buffer.Add([Op(1), Op(3)]);

        Assert.Equal([1L], Seqs(released.Late));
        Assert.Equal([3L], Seqs(released.Ready));
    }

    [Fact]
    public void Expire_TheSubscriptionNeverAnswered_BeginsAtTheEarliestHeldPush()
    {
        var buffer = new ReorderBuffer<BoardOp>();
        var hold = buffer.Add([Op(8), Op(7)]).Hold!.Value;

        var released = buffer.Expire(hold);

        Assert.Equal([7L, 8L], Seqs(released.Ready));
        Assert.True(buffer.Known);
        Assert.Equal(8, buffer.Last);
    }

    [Fact]
    public void Add_ADuplicateOfAHeldPush_KeepsOne()
    {
        var buffer = new ReorderBuffer<BoardOp>();
        buffer.Begin(0);
        buffer.Add([Op(2)]);
        buffer.Add([Op(2)]);

        var released = buffer.Add([Op(1)]);

        Assert.Equal([1L, 2L], Seqs(released.Ready));
    }

    private static Committed<BoardOp> Op(long seq) =>
        new(seq, new OpId("c", seq), "user", DateTimeOffset.UnixEpoch, new AddColumn($"col{seq}", "Kolonne", null), "Anna");

    private static long[] Seqs(IEnumerable<Committed<BoardOp>> ops) => [.. ops.Select(o => o.Seq)];
}
