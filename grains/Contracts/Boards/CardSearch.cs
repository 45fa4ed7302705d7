namespace Hub.Contracts.Boards;

/// <summary>One card that matched a search across a partnership's boards: where it is, not what it holds.</summary>
[GenerateSerializer, Immutable, Alias("hub.card-search-hit")]
public sealed record CardSearchHit(
    [property: Id(0)] Guid BoardId,
    [property: Id(1)] string BoardName,
    [property: Id(2)] string CardId,
    [property: Id(3)] string Title,
    [property: Id(4)] string ColumnTitle,
    [property: Id(5)] bool Archived);

/// <summary>The limits of a card search.</summary>
public static class CardSearchLimits
{
    /// <summary>The longest query, in characters.</summary>
    public const int QueryMax = 100;

    /// <summary>The most matches one board returns.</summary>
    public const int HitsPerBoardMax = 50;
}
