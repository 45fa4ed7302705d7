using System.Collections.Immutable;
using Hub.Contracts.Live;

namespace Hub.Contracts.Text;

/// <summary>
/// The recent text operations of one document, as committed (already transformed), each with its sequence
/// number, its sender and the text field it changed. The grain transforms an incoming operation against the
/// entries committed after the operation's base; a client that resumes from a snapshot transforms its own
/// unconfirmed edits against them. Bounded (<see cref="TextLimits.HistoryMax"/>): every text operation with a
/// sequence number greater than <see cref="From"/> is here, older ones are gone — which is the compaction:
/// a document holds its texts and this window, however many edits it has seen.
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.text-history")]
public sealed record TextHistory(
    [property: Id(0)] long From,
    [property: Id(1)] ImmutableArray<TextEdit> Edits)
{
    public static TextHistory Empty { get; } = new(0, ImmutableArray<TextEdit>.Empty);
}

/// <summary>One committed text operation: its sequence number, who sent it, which field, and the operation
/// as it applied to the field's text at <c>Seq - 1</c>.</summary>
[GenerateSerializer, Immutable, Alias("hub.text-edit")]
public sealed record TextEdit(
    [property: Id(0)] long Seq,
    [property: Id(1)] OpId Id,
    [property: Id(2)] string Field,
    [property: Id(3)] TextOp Op);

/// <summary>The limits of shared text; docs/protocol.md states them.</summary>
public static class TextLimits
{
    /// <summary>How many committed text operations a document keeps for transforming late ones.</summary>
    public const int HistoryMax = 100;

    /// <summary>The most steps one operation may have.</summary>
    public const int StepsMax = 1000;

    /// <summary>
    /// The longest text an operation may walk or make, and so the largest count one step may hold. Far above
    /// every field's own limit, and low enough that <see cref="StepsMax"/> counts of it add up far below
    /// <see cref="int.MaxValue"/>: no sum over a checked operation can overflow.
    /// </summary>
    public const int LengthMax = 1_000_000;
}
