using Hub.Contracts.Common;
using Hub.Contracts.Live;
using Hub.Contracts.Text;
using Hub.Grains.Text;

namespace Hub.Tests.Text;

/// <summary>
/// The classic OT client for one text field, as the browser runs it (web/client/src/text/textClient.ts): the
/// confirmed text as of <see cref="Seq"/>, at most one operation in flight, later edits composed into a buffer,
/// both transformed over every committed operation from others; one's own committed operation confirms. Undo and
/// redo of one's own edits only. Tests drive it against a simulated server, the real grain, and the hub.
/// </summary>
public sealed class OtClient(string text, long seq, Func<long, TextOp, OpId> send)
{
    private readonly List<TextOp> _undo = [];
    private readonly List<TextOp> _redo = [];

    public string Confirmed { get; private set; } = text;

    /// <summary>The document sequence number the confirmed text is at: the base of the next operation sent.</summary>
    public long Seq { get; private set; } = seq;

    public (OpId Id, TextOp Op)? Inflight { get; private set; }

    public TextOp? Buffer { get; private set; }

    /// <summary>What this person sees: the confirmed text, then the operation in flight, then the buffer.</summary>
    public string View { get; private set; } = text;

    public bool IsSynchronized => Inflight is null && Buffer is null;

    public int UndoDepth => _undo.Count;

    public int RedoDepth => _redo.Count;

    /// <summary>A local edit (relative to <see cref="View"/>); <paramref name="mergeWithLast"/> groups it with the
    /// previous undo step, as typing within a second is.</summary>
    public void Edit(TextOp op, bool mergeWithLast = false)
    {
        var inverse = TextOps.Invert(op, View);
        _redo.Clear();
        if (mergeWithLast && _undo.Count > 0)
        {
            // The last step undoes to the text before this edit, which is where the inverse leads.
            var last = _undo[^1];
            _undo.RemoveAt(_undo.Count - 1);
            TransformStacks(op);
            _undo.Add(TextOps.Compose(inverse, last));
        }
        else
        {
            TransformStacks(op);
            _undo.Add(inverse);
        }

        Local(op);
    }

    public bool Undo() => Step(_undo, _redo);

    public bool Redo() => Step(_redo, _undo);

    /// <summary>A committed operation on this field, in sequence order.</summary>
    public void Committed(long seq, OpId id, TextOp op)
    {
        Confirmed = TextOps.Apply(Confirmed, op);
        Seq = seq;
        if (Inflight is { } inflight && inflight.Id == id)
        {
            Inflight = null;
            if (Buffer is { } buffer)
            {
                Buffer = null;
                Inflight = (send(Seq, buffer), buffer);
            }

            return;
        }

        var remote = op;
        if (Inflight is { } pending)
        {
            var (remoteAfter, pendingAfter) = TextOps.Transform(remote, pending.Op);
            Inflight = (pending.Id, pendingAfter);
            remote = remoteAfter;
        }

        if (Buffer is { } buffered)
        {
            (remote, Buffer) = TextOps.Transform(remote, buffered);
        }

        View = TextOps.Apply(View, remote);
        TransformStacks(remote);
    }

    /// <summary>A committed operation on something else: the document moved on.</summary>
    public void Skip(long seq) => Seq = seq;

    /// <summary>The operation in flight was refused: "stale" sends it again with the current base; anything
    /// else drops it, and the view goes back to what the server has (with the buffer kept).</summary>
    public void Refused(OpId id, string code)
    {
        if (Inflight is not { } inflight || inflight.Id != id)
        {
            return;
        }

        if (code == ErrorCodes.Stale)
        {
            Inflight = (send(Seq, inflight.Op), inflight.Op);
            return;
        }

        Inflight = null;
        var inverse = TextOps.Invert(inflight.Op, Confirmed);
        if (Buffer is { } buffer)
        {
            var (inverseAfter, bufferAfter) = TextOps.Transform(inverse, buffer);
            Buffer = null;
            View = TextOps.Apply(View, inverseAfter);
            TransformStacks(inverseAfter);
            Inflight = (send(Seq, bufferAfter), bufferAfter);
        }
        else
        {
            View = TextOps.Apply(View, inverse);
            TransformStacks(inverse);
        }
    }

    private bool Step(List<TextOp> from, List<TextOp> to)
    {
        if (from.Count == 0)
        {
            return false;
        }

        var op = from[^1];
        from.RemoveAt(from.Count - 1);
        var inverse = TextOps.Invert(op, View);
        TransformStacks(op);
        to.Add(inverse);
        Local(op);
        return true;
    }

    private void Local(TextOp op)
    {
        View = TextOps.Apply(View, op);
        if (Inflight is null)
        {
            Inflight = (send(Seq, op), op);
        }
        else
        {
            Buffer = Buffer is null ? op : TextOps.Compose(Buffer, op);
        }
    }

    /// <summary>Undo and redo steps stay relative to the view: every change to it moves them along.</summary>
    private void TransformStacks(TextOp change)
    {
        for (var i = 0; i < _undo.Count; i++)
        {
            _undo[i] = TextOps.Transform(change, _undo[i]).BPrime;
        }

        for (var i = 0; i < _redo.Count; i++)
        {
            _redo[i] = TextOps.Transform(change, _redo[i]).BPrime;
        }
    }
}
