using System.Collections.Immutable;
using System.Text;
using Hub.Contracts.Common;
using Hub.Contracts.Text;

namespace Hub.Grains.Text;

/// <summary>
/// Operational transformation over <see cref="TextOp"/>: apply, transform, compose, invert, and moving a
/// position through an operation. Pure and without Orleans; web/client/src/text/textOp.ts is the same code
/// in TypeScript, and both sets of tests check the same properties. The shapes follow the classic
/// retain/insert/delete formulation (as in ot.js): an operation walks the whole text, results are
/// normalised (no empty steps, neighbours of one kind merged, an insert before a delete where they meet).
/// Violations of an operation's own rules (a malformed step, a length that does not match) throw
/// <see cref="ArgumentException"/>; input from outside is first checked with <see cref="Problem"/>, which
/// refuses instead. Lengths are summed in 64 bits and every count is bounded, so nothing wraps around.
/// </summary>
public static class TextOps
{
    /// <summary>
    /// Why the operation cannot be used on any text: <see cref="ErrorCodes.Validation"/> for a missing operation
    /// or a step that is not exactly one kind with a size from 1 to <see cref="TextLimits.LengthMax"/>;
    /// <see cref="ErrorCodes.Limit"/> for more than <see cref="TextLimits.StepsMax"/> steps or a text of more
    /// than <see cref="TextLimits.LengthMax"/> characters walked or made. Null when it is sound.
    /// </summary>
    public static string? Problem(TextOp? op)
    {
        if (op is null)
        {
            return ErrorCodes.Validation;
        }

        if (op.Steps.Length > TextLimits.StepsMax)
        {
            return ErrorCodes.Limit;
        }

        if (op.Steps.Any(c => !c.IsWellFormed))
        {
            return ErrorCodes.Validation;
        }

        return Length(op, target: false) > TextLimits.LengthMax || Length(op, target: true) > TextLimits.LengthMax ? ErrorCodes.Limit : null;
    }

    /// <summary>The length of the text the operation applies to.</summary>
    public static int BaseLength(TextOp op) => Checked(Length(op, target: false));

    /// <summary>The length of the text the operation makes.</summary>
    public static int TargetLength(TextOp op) => Checked(Length(op, target: true));

    private static long Length(TextOp op, bool target)
    {
        ArgumentNullException.ThrowIfNull(op);
        long length = 0;
        foreach (var c in op.Steps)
        {
            if (!c.IsWellFormed)
            {
                throw new ArgumentException($"The step {c} is not one retain, insert or delete of 1 to {TextLimits.LengthMax} characters.", nameof(op));
            }

            // At most int.MaxValue steps of at most LengthMax each: a long cannot overflow.
            length += c.IsInsert ? (target ? c.Insert!.Length : 0) : c.IsRetain ? c.Retain : (target ? 0 : c.Delete);
        }

        return length;
    }

    private static int Checked(long length) =>
        length <= int.MaxValue ? (int)length : throw new ArgumentException("The operation walks or makes a text longer than any string.");

    /// <summary>True when the operation changes nothing (only retains, or nothing at all).</summary>
    public static bool IsNoop(TextOp op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return op.Steps.All(c => c.IsRetain);
    }

    /// <summary>The operation that replaces <paramref name="deleteCount"/> characters at <paramref name="index"/>
    /// of a text of <paramref name="length"/> characters with <paramref name="insert"/>.</summary>
    public static TextOp Replace(int length, int index, int deleteCount, string insert)
    {
        if (index < 0 || deleteCount < 0 || (long)index + deleteCount > length)
        {
            throw new ArgumentOutOfRangeException(nameof(index), "The range is outside the text.");
        }

        return new Builder().Retain(index).Insert(insert).Delete(deleteCount).Retain(length - index - deleteCount).Build();
    }

    /// <summary>The same operation in normal form.</summary>
    public static TextOp Normalize(TextOp op)
    {
        ArgumentNullException.ThrowIfNull(op);
        var builder = new Builder();
        foreach (var c in op.Steps)
        {
            builder.Add(c);
        }

        return builder.Build();
    }

    public static string Apply(string text, TextOp op)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(op);
        if (BaseLength(op) != text.Length)
        {
            throw new ArgumentException($"The operation is for a text of {BaseLength(op)} characters; this one has {text.Length}.", nameof(op));
        }

        var result = new StringBuilder(TargetLength(op));
        var index = 0;
        foreach (var c in op.Steps)
        {
            if (c.IsRetain)
            {
                result.Append(text, index, c.Retain);
                index += c.Retain;
            }
            else if (c.IsInsert)
            {
                result.Append(c.Insert);
            }
            else
            {
                index += c.Delete;
            }
        }

        return result.ToString();
    }

    /// <summary>
    /// Given two operations on the same text, returns (a', b') such that applying a then b' equals applying
    /// b then a'. Where both insert at the same place, <paramref name="a"/>'s text comes first: the grain
    /// passes the operation it committed earlier as <paramref name="a"/>.
    /// </summary>
    public static (TextOp APrime, TextOp BPrime) Transform(TextOp a, TextOp b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (BaseLength(a) != BaseLength(b))
        {
            throw new ArgumentException("Both operations must apply to the same text.", nameof(b));
        }

        var aPrime = new Builder();
        var bPrime = new Builder();
        var left = new Cursor(a);
        var right = new Cursor(b);
        while (!left.Done || !right.Done)
        {
            if (left.Current.IsInsert)
            {
                aPrime.Insert(left.Current.Insert!);
                bPrime.Retain(left.Current.Insert!.Length);
                left.Next();
                continue;
            }

            if (right.Current.IsInsert)
            {
                aPrime.Retain(right.Current.Insert!.Length);
                bPrime.Insert(right.Current.Insert!);
                right.Next();
                continue;
            }

            if (left.Done || right.Done)
            {
                throw new ArgumentException("The operations do not cover the same text.", nameof(b));
            }

            var n = Math.Min(left.Size, right.Size);
            switch (left.Current.IsRetain, right.Current.IsRetain)
            {
                case (true, true):
                    aPrime.Retain(n);
                    bPrime.Retain(n);
                    break;
                case (false, true):
                    aPrime.Delete(n);
                    break;
                case (true, false):
                    bPrime.Delete(n);
                    break;
                default:
                    // Both delete the same characters: neither needs to any more.
                    break;
            }

            left.Consume(n);
            right.Consume(n);
        }

        return (aPrime.Build(), bPrime.Build());
    }

    /// <summary>One operation with the effect of <paramref name="a"/> followed by <paramref name="b"/>.</summary>
    public static TextOp Compose(TextOp a, TextOp b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (TargetLength(a) != BaseLength(b))
        {
            throw new ArgumentException("The second operation must apply to the text the first one makes.", nameof(b));
        }

        var result = new Builder();
        var first = new Cursor(a);
        var second = new Cursor(b);
        while (!first.Done || !second.Done)
        {
            if (first.Current.IsDelete)
            {
                result.Delete(first.Current.Delete);
                first.Next();
                continue;
            }

            if (second.Current.IsInsert)
            {
                result.Insert(second.Current.Insert!);
                second.Next();
                continue;
            }

            if (first.Done || second.Done)
            {
                throw new ArgumentException("The operations do not fit together.", nameof(b));
            }

            var n = Math.Min(first.Size, second.Size);
            switch (first.Current.IsInsert, second.Current.IsRetain)
            {
                case (false, true):
                    result.Retain(n);
                    break;
                case (false, false):
                    result.Delete(n);
                    break;
                case (true, true):
                    result.Insert(first.Head(n));
                    break;
                default:
                    // Inserted by the first, deleted by the second: gone without a trace.
                    break;
            }

            first.Consume(n);
            second.Consume(n);
        }

        return result.Build();
    }

    /// <summary>The operation that undoes <paramref name="op"/>, which applied to <paramref name="text"/>.</summary>
    public static TextOp Invert(TextOp op, string text)
    {
        ArgumentNullException.ThrowIfNull(op);
        ArgumentNullException.ThrowIfNull(text);
        if (BaseLength(op) != text.Length)
        {
            throw new ArgumentException("The operation does not apply to this text.", nameof(text));
        }

        var result = new Builder();
        var index = 0;
        foreach (var c in op.Steps)
        {
            if (c.IsRetain)
            {
                result.Retain(c.Retain);
                index += c.Retain;
            }
            else if (c.IsInsert)
            {
                result.Delete(c.Insert!.Length);
            }
            else
            {
                result.Insert(text.Substring(index, c.Delete));
                index += c.Delete;
            }
        }

        return result.Build();
    }

    /// <summary>
    /// Where a position in the text ends up after <paramref name="op"/>. Text deleted around it pulls it to
    /// the start of the deletion; text inserted exactly at it pushes it only when <paramref name="ownInsert"/>
    /// (the person whose caret it is typed the text), so others' carets stay where they were.
    /// </summary>
    public static int TransformIndex(int index, TextOp op, bool ownInsert)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, BaseLength(op));
        var position = 0;
        var result = index;
        foreach (var c in op.Steps)
        {
            if (position > index)
            {
                break;
            }

            if (c.IsRetain)
            {
                position += c.Retain;
            }
            else if (c.IsInsert)
            {
                if (position < index || ownInsert)
                {
                    result += c.Insert!.Length;
                }
            }
            else
            {
                result -= Math.Min(c.Delete, index - position);
                position += c.Delete;
            }
        }

        return result;
    }

    /// <summary>Builds a normalised operation step by step.</summary>
    public sealed class Builder
    {
        private readonly List<TextComponent> _steps = [];

        public Builder Add(TextComponent step) =>
            step.IsRetain ? Retain(step.Retain) : step.IsInsert ? Insert(step.Insert!) : step.IsDelete ? Delete(step.Delete) : this;

        public Builder Retain(int count)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(count);
            if (count == 0)
            {
                return this;
            }

            if (_steps.Count > 0 && _steps[^1].IsRetain)
            {
                _steps[^1] = TextComponent.RetainOf(Sum(_steps[^1].Retain, count));
            }
            else
            {
                _steps.Add(TextComponent.RetainOf(count));
            }

            return this;
        }

        public Builder Insert(string text)
        {
            ArgumentNullException.ThrowIfNull(text);
            if (text.Length == 0)
            {
                return this;
            }

            if (_steps.Count > 0 && _steps[^1].IsInsert)
            {
                _steps[^1] = TextComponent.InsertOf(_steps[^1].Insert + text);
            }
            else if (_steps.Count > 0 && _steps[^1].IsDelete)
            {
                // Normal form puts an insert before a delete it touches.
                if (_steps.Count > 1 && _steps[^2].IsInsert)
                {
                    _steps[^2] = TextComponent.InsertOf(_steps[^2].Insert + text);
                }
                else
                {
                    _steps.Insert(_steps.Count - 1, TextComponent.InsertOf(text));
                }
            }
            else
            {
                _steps.Add(TextComponent.InsertOf(text));
            }

            return this;
        }

        public Builder Delete(int count)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(count);
            if (count == 0)
            {
                return this;
            }

            if (_steps.Count > 0 && _steps[^1].IsDelete)
            {
                _steps[^1] = TextComponent.DeleteOf(Sum(_steps[^1].Delete, count));
            }
            else
            {
                _steps.Add(TextComponent.DeleteOf(count));
            }

            return this;
        }

        public TextOp Build() => new([.. _steps]);

        private static int Sum(int a, int b) =>
            (long)a + b <= int.MaxValue ? a + b : throw new ArgumentOutOfRangeException(nameof(b), "The step would hold more than int.MaxValue characters.");
    }

    /// <summary>Walks an operation's steps, taking retains and deletes (and inserts, in compose) in pieces.</summary>
    private sealed class Cursor(TextOp op)
    {
        private readonly ImmutableArray<TextComponent> _steps = op.Steps;
        private int _index;
        private int _offset;

        public bool Done => _index >= _steps.Length;

        public TextComponent Current => Done ? default : _steps[_index];

        /// <summary>What is left of the current step.</summary>
        public int Size => Current.IsInsert ? Current.Insert!.Length - _offset : Current.Retain + Current.Delete - _offset;

        /// <summary>The next <paramref name="n"/> characters of the current insert.</summary>
        public string Head(int n) => Current.Insert!.Substring(_offset, n);

        public void Next()
        {
            _index++;
            _offset = 0;
        }

        public void Consume(int n)
        {
            _offset += n;
            if (_offset >= Current.Retain + Current.Delete + (Current.Insert?.Length ?? 0))
            {
                Next();
            }
        }
    }
}
