using System.Globalization;

namespace Hub.Bench.Scenarios;

/// <summary>
/// The operations one person sends, as the browser client would put them on the wire (docs/protocol.md).
/// Each person has a card of their own: they type into its description (the shared-text op, composed against
/// the newest sequence number they know), set its fields and move it between columns. Typing into one's own
/// card keeps the bench's text model simple (no one else's edits to transform against) while the grain still
/// runs the whole shared-text path: base check, history, transform loop, apply.
/// </summary>
public sealed class OpGenerator(OpMix mix, int seed)
{
    private static readonly string[] Columns = ["ideas", "planned", "doing", "done"];
    private static readonly string[] Places = ["Medborgerhuset", "Biblioteket, lokale 2", "Frivilligcentret", "Rådhuset, mødelokale 3"];
    private const string Letters = "abcdefghijklmnopqrstuvwxyzæøå  ";

    private readonly Random _random = new(seed);
    private int _count;

    /// <summary>The description of this person's card as the grain has it after their last applied edit.</summary>
    public string Text { get; private set; } = "";

    /// <summary>The text the pending description edit produces, applied when the grain has applied it.</summary>
    private string? _pendingText;

    public static object AddCard(string cardId, string title) => new { type = "addCard", cardId, columnId = "ideas", title, index = (int?)null };

    public void StartFrom(string description) => Text = description;

    /// <summary>The next operation on <paramref name="cardId"/>; <paramref name="baseSeq"/> is the newest
    /// sequence number this person knows, the base of a description edit.</summary>
    public object Next(string cardId, long baseSeq)
    {
        _count++;
        var roll = _random.NextDouble();
        if (mix == OpMix.Typing || roll < 0.4)
        {
            return Type(cardId, baseSeq);
        }

        if (roll < 0.7)
        {
            return (_count % 3) switch
            {
                0 => new { type = "setCardText", cardId, field = "title", value = $"Fælles aktivitet {_count.ToString(CultureInfo.InvariantCulture)}: gåtur og kaffe" },
                1 => new { type = "setCardText", cardId, field = "place", value = Places[_random.Next(Places.Length)] },
                _ => (object)new
                {
                    type = "setCardSchedule",
                    cardId,
                    startsAt = new DateTimeOffset(2027, 3, 1 + _random.Next(27), 10, 0, 0, TimeSpan.FromHours(1)),
                    endsAt = new DateTimeOffset(2027, 3, 28, 12, 0, 0, TimeSpan.FromHours(1)),
                },
            };
        }

        return new { type = "moveCard", cardId, toColumnId = Columns[_random.Next(Columns.Length)], index = _random.Next(6) };
    }

    /// <summary>The grain applied the last operation (or refused it: the text stays as it was).</summary>
    public void Applied(bool applied)
    {
        if (applied && _pendingText is not null)
        {
            Text = _pendingText;
        }

        _pendingText = null;
    }

    /// <summary>A keystroke or two: mostly at the end, sometimes in the middle, now and then a backspace.</summary>
    private object Type(string cardId, long baseSeq)
    {
        var length = Text.Length;
        object[] steps;
        if (length > 20 && _random.NextDouble() < 0.15)
        {
            var at = _random.Next(length);
            steps = Steps(at, null, 1, length);
            _pendingText = Text.Remove(at, 1);
        }
        else
        {
            var at = _random.NextDouble() < 0.8 ? length : _random.Next(length + 1);
            var typed = new string([.. Enumerable.Range(0, 1 + _random.Next(3)).Select(_ => Letters[_random.Next(Letters.Length)])]);
            steps = Steps(at, typed, 0, length);
            _pendingText = Text.Insert(at, typed);
        }

        return new { type = "editCardDescription", cardId, @base = baseSeq, op = steps };
    }

    private static object[] Steps(int at, string? insert, int delete, int length)
    {
        var steps = new List<object>(3);
        if (at > 0)
        {
            steps.Add(at);
        }

        if (insert is not null)
        {
            steps.Add(insert);
        }

        if (delete > 0)
        {
            steps.Add(-delete);
        }

        var rest = length - at - delete;
        if (rest > 0)
        {
            steps.Add(rest);
        }

        return [.. steps];
    }
}
