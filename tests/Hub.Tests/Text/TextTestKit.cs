using Hub.Contracts.Text;
using Hub.Grains.Text;

namespace Hub.Tests.Text;

/// <summary>Random texts and edits for the text tests: inserts and deletes at random places, with line breaks,
/// Danish letters and characters outside the basic plane (surrogate pairs), never splitting a pair.</summary>
public static class TextTestKit
{
    private static readonly string[] Pieces = ["a", "b", "c", "æ", "ø", "å", " ", "\n", "😀", "𝄞", "xy"];

    public static string RandomText(Random random, int maxPieces = 12) =>
        string.Concat(Enumerable.Range(0, random.Next(maxPieces + 1)).Select(_ => Pieces[random.Next(Pieces.Length)]));

    /// <summary>A position in <paramref name="text"/> that does not split a surrogate pair.</summary>
    public static int Position(Random random, string text)
    {
        var index = random.Next(text.Length + 1);
        return index > 0 && index < text.Length && char.IsLowSurrogate(text[index]) ? index - 1 : index;
    }

    /// <summary>One insert or one delete (or a replacement), as a person typing makes them.</summary>
    public static TextOp RandomEdit(Random random, string text)
    {
        var at = Position(random, text);
        var kind = text.Length == 0 ? 0 : random.Next(3);
        var insert = kind == 1 ? "" : RandomText(random, 3) is { Length: > 0 } s ? s : "z";
        var end = kind == 0 ? at : Math.Min(text.Length, at + random.Next(1, 5));
        if (end < text.Length && end > 0 && char.IsLowSurrogate(text[end]))
        {
            end++;
        }

        return TextOps.Replace(text.Length, at, end - at, insert);
    }

    /// <summary>An operation with several edits at once (what a composed buffer looks like).</summary>
    public static TextOp RandomOp(Random random, string text)
    {
        var op = TextOps.Replace(text.Length, 0, 0, "");
        var current = text;
        for (var i = random.Next(1, 4); i > 0; i--)
        {
            var edit = RandomEdit(random, current);
            op = TextOps.Compose(op, edit);
            current = TextOps.Apply(current, edit);
        }

        return op;
    }

    private static readonly int[] Extremes =
    [
        int.MaxValue, int.MaxValue - 1, int.MinValue, int.MinValue + 1, 1 << 30, -(1 << 30), 1 << 16,
        TextLimits.LengthMax, TextLimits.LengthMax + 1, -TextLimits.LengthMax, -TextLimits.LengthMax - 1, 0, 1, -1, 2, -2, 3,
    ];

    /// <summary>
    /// An operation for <paramref name="text"/> as an attacker would send it: a sound edit, one with a step
    /// swapped for an extreme count, steps mixing kinds, or counts whose 32-bit sum wraps around to the text's
    /// length (<c>[3, -2147483647, -2147483646, 3]</c> on "abc").
    /// </summary>
    public static TextOp ExtremeOp(Random random, string text)
    {
        switch (random.Next(5))
        {
            case 0:
                return RandomOp(random, text);
            case 1:
            {
                var steps = RandomOp(random, text).Steps.ToBuilder();
                var at = random.Next(steps.Count + 1);
                steps.Insert(at, Count(Extremes[random.Next(Extremes.Length)]));
                return new TextOp(steps.ToImmutable());
            }

            case 2:
            {
                // Counts adding up to 2^32 plus the text's length: a wrapping 32-bit sum sees only the text.
                var lead = random.Next(text.Length + 1);
                var a = random.NextInt64(3L << 29, int.MaxValue + 1L);
                var b = random.NextInt64(3L << 29, int.MaxValue + 1L);
                var c = (1L << 32) + text.Length - lead - a - b;
                int Signed(long n) => random.Next(2) == 0 ? (int)n : -(int)n;
                return new TextOp([Count(lead), Count(Signed(a)), Count(Signed(b)), Count(Signed(c))]);
            }

            case 3:
                return new TextOp([.. Enumerable.Range(0, random.Next(1, 6)).Select(_ => random.Next(3) switch
                {
                    0 => TextComponent.InsertOf(RandomText(random, 3)),
                    1 => Count(Extremes[random.Next(Extremes.Length)]),
                    _ => Count(random.Next(-text.Length - 1, text.Length + 2)),
                })]);
            default:
                // A step that claims two kinds, or a negative size.
                return new TextOp([new TextComponent(Extremes[random.Next(Extremes.Length)], random.Next(2) == 0 ? null : RandomText(random, 2), Extremes[random.Next(Extremes.Length)]), Count(text.Length)]);
        }
    }

    /// <summary>A retain for a positive count, a delete for a negative one, exactly as the wire has them; no check.</summary>
    private static TextComponent Count(int n) => n >= 0 ? TextComponent.RetainOf(n) : TextComponent.DeleteOf(n == int.MinValue ? int.MinValue : -n);
}
