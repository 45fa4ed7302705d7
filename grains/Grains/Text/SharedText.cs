using Hub.Contracts.Common;
using Hub.Contracts.Live;
using Hub.Contracts.Text;

namespace Hub.Grains.Text;

/// <summary>The outcome of an accepted text edit: the field's new text, the document's new history, and the
/// operation as committed (transformed against everything committed after its base).</summary>
public sealed record SharedTextEdit(string Text, TextHistory History, TextOp Committed);

/// <summary>
/// The grain's side of shared text (docs/decisions/004-shared-text-by-server-sequenced-ot.md): an incoming
/// operation was composed against the document at its base sequence number; it is transformed against every
/// operation on the same field committed after that base — those committed earlier go first where both insert
/// at one place — then checked and applied. Pure: reducers call it inside the grain's synchronous step.
/// </summary>
public static class SharedText
{
    /// <param name="text">The field's text now.</param>
    /// <param name="history">The document's recent text operations.</param>
    /// <param name="field">The field's key in the history (a section, a card id).</param>
    /// <param name="baseSeq">The sequence number the operation was composed against.</param>
    /// <param name="op">The operation as sent.</param>
    /// <param name="id">The operation's id (kept in the history, so a client resuming from a snapshot knows its own).</param>
    /// <param name="seq">The sequence number the operation gets if it is committed.</param>
    /// <param name="maxLength">The most characters the field may hold.</param>
    /// <param name="fieldName">The field's name in refusals.</param>
    /// <param name="historyMax">How many operations the history keeps (tests make it small to reach "stale" often).</param>
    public static SharedTextEdit Edit(string text, TextHistory history, string field, long baseSeq, TextOp? op, OpId id, long seq, int maxLength, string fieldName,
        int historyMax = TextLimits.HistoryMax)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(history);
        var problem = TextOps.Problem(op);
        if (op is null || problem is not null)
        {
            throw problem != ErrorCodes.Limit
                ? Invalid(fieldName, "Tekstændringen er ugyldig.", "The text change is invalid.")
                : op?.Steps.Length > TextLimits.StepsMax
                ? new HubRefusedException(ErrorCodes.Limit,
                    $"Højst {TextLimits.StepsMax} trin i én tekstændring. / At most {TextLimits.StepsMax} steps in one text change.", fieldName)
                : new HubRefusedException(ErrorCodes.Limit, $"Højst {TextLimits.LengthMax} tegn. / At most {TextLimits.LengthMax} characters.", fieldName);
        }

        if (baseSeq < 0 || baseSeq >= seq)
        {
            throw Invalid("base", "Ugyldig base for tekstændringen.", "Invalid base for the text change.");
        }

        if (baseSeq < history.From)
        {
            throw new HubRefusedException(ErrorCodes.Stale,
                "Teksten har ændret sig for meget siden; hent den igen og send ændringen på ny. / " +
                "The text has changed too much since; catch up and send the change again.", fieldName);
        }

        var transformed = op;
        try
        {
            foreach (var earlier in history.Edits)
            {
                if (earlier.Seq > baseSeq && earlier.Field == field)
                {
                    transformed = TextOps.Transform(earlier.Op, transformed).BPrime;
                }
            }
        }
        catch (ArgumentException)
        {
            throw DoesNotFit(fieldName);
        }

        if (TextOps.BaseLength(transformed) != text.Length)
        {
            throw DoesNotFit(fieldName);
        }

        Check(text, transformed, fieldName);
        var next = TextOps.Apply(text, transformed);
        if (next.Length > maxLength)
        {
            throw new HubRefusedException(ErrorCodes.Limit, $"Højst {maxLength} tegn. / At most {maxLength} characters.", fieldName);
        }

        return new SharedTextEdit(next, TextOps.IsNoop(transformed) ? history : Append(history, new TextEdit(seq, id, field, transformed), historyMax), transformed);
    }

    /// <summary>The history with one more entry, the oldest dropped beyond <paramref name="historyMax"/>.</summary>
    public static TextHistory Append(TextHistory history, TextEdit edit, int historyMax = TextLimits.HistoryMax)
    {
        ArgumentNullException.ThrowIfNull(history);
        var edits = history.Edits.IsDefault ? [edit] : history.Edits.Add(edit);
        var from = history.From;
        if (edits.Length > historyMax)
        {
            var drop = edits.Length - historyMax;
            from = edits[drop - 1].Seq;
            edits = edits.RemoveRange(0, drop);
        }

        return new TextHistory(from, edits);
    }

    /// <summary>Free text as everywhere in Hub (line breaks and tabs, no other control characters), and no
    /// step may cut a surrogate pair in two or insert half of one.</summary>
    private static void Check(string text, TextOp op, string fieldName)
    {
        var index = 0;
        foreach (var c in op.Steps)
        {
            if (Splits(text, index))
            {
                throw SplitPair(fieldName);
            }

            if (c.IsInsert)
            {
                var s = c.Insert!;
                for (var i = 0; i < s.Length; i++)
                {
                    var ch = s[i];
                    if (char.IsControl(ch) && ch is not '\n' and not '\r' and not '\t')
                    {
                        throw Invalid(fieldName, "Kontroltegn er ikke tilladt.", "Control characters are not allowed.");
                    }

                    if (char.IsHighSurrogate(ch) ? i + 1 >= s.Length || !char.IsLowSurrogate(s[++i]) : char.IsLowSurrogate(ch))
                    {
                        throw SplitPair(fieldName);
                    }
                }
            }
            else
            {
                index += c.Retain + c.Delete;
            }
        }
    }

    private static bool Splits(string text, int index) =>
        index > 0 && index < text.Length && char.IsHighSurrogate(text[index - 1]) && char.IsLowSurrogate(text[index]);

    private static HubRefusedException DoesNotFit(string fieldName) =>
        Invalid(fieldName, "Tekstændringen passer ikke til teksten.", "The text change does not fit the text.");

    private static HubRefusedException SplitPair(string fieldName) =>
        Invalid(fieldName, "Tekstændringen deler et tegn i to.", "The text change splits a character in two.");

    private static HubRefusedException Invalid(string field, string danish, string english) =>
        new(ErrorCodes.Validation, $"{danish} / {english}", field);
}
