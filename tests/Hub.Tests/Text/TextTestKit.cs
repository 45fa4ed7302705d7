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
}
