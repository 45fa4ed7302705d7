using System.Collections.Immutable;
using Hub.Contracts.Common;

namespace Hub.Contracts.Sessions;

/// <summary>What of a session can become a card: an option of a poll (with its count), a word of a word cloud (with
/// its count), or a question from the Q&amp;A (with its votes).</summary>
public enum ResultKind
{
    PollOption,
    Word,
    Question,
}

/// <summary>One result the moderator picked. SourceId: the poll or the question. Index: the option (PollOption).
/// Word: the word as counted (Word).</summary>
[GenerateSerializer, Immutable, Alias("hub.result-item")]
public sealed record ResultItem(
    [property: Id(0)] ResultKind Kind,
    [property: Id(1)] string SourceId,
    [property: Id(2)] int Index,
    [property: Id(3)] string? Word)
{
    /// <summary>The item's identity in the session: one card per key, ever.</summary>
    public string Key() => Kind switch
    {
        ResultKind.PollOption => $"option:{SourceId}:{Index}",
        ResultKind.Word => $"word:{SourceId}:{Word}",
        _ => $"question:{SourceId}",
    };
}

/// <summary>"Send til tavle": the items, to a board of the session's partnership, in a column (null: its first open one).</summary>
[GenerateSerializer, Immutable, Alias("hub.results-to-board")]
public sealed record ResultsToBoard(
    [property: Id(0)] Guid BoardId,
    [property: Id(1)] string? ColumnId,
    [property: Id(2)] ImmutableArray<ResultItem> Items);

/// <summary>A result that is a card: which item, where, since when, sent by whom.</summary>
[GenerateSerializer, Immutable, Alias("hub.sent-result")]
public sealed record SentResult(
    [property: Id(0)] string Key,
    [property: Id(1)] Guid BoardId,
    [property: Id(2)] string CardId,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] string SentBy);

/// <summary>What "Send til tavle" did: the cards it made now, and the items that were cards already (not made again).</summary>
[GenerateSerializer, Immutable, Alias("hub.results-sent-outcome")]
public sealed record ResultsSentOutcome(
    [property: Id(0)] ImmutableArray<SentResult> Sent,
    [property: Id(1)] ImmutableArray<SentResult> Already);

/// <summary>A session's results on a partnership's boards. Same grain and key as <see cref="ISessionGrain"/>.</summary>
[Alias("hub.ISessionResultsGrain")]
public interface ISessionResultsGrain : IGrainWithGuidKey
{
    /// <summary>Moderators who may also write on the board: one card per item, labelled "Fra workshop", with the
    /// session's title, date and link; an item sent before (to any board) is not sent again. Audited.</summary>
    [Alias("SendToBoard")]
    Task<ResultsSentOutcome> SendToBoard(Actor actor, ResultsToBoard request);
}

public static class SessionResultLimits
{
    public const int ItemsMax = 50;

    /// <summary>The label every card from a session carries.</summary>
    public const string Label = "Fra workshop";
}
