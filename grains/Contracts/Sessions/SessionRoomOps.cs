using System.Collections.Immutable;

namespace Hub.Contracts.Sessions;

// Issue 14 (decision 022): the operations of Q&A, hands and results sent to a board. Participants send
// submitQuestion, upvoteQuestion, raiseHand and lowerHand; moderators the rest; resultsSent is Hub only.

/// <summary>A participant asks. QuestionId is chosen by their page: the same id again changes nothing.</summary>
[GenerateSerializer, Immutable, Alias("hub.session-op.submit-question")]
public sealed record SubmitQuestion(
    [property: Id(0)] string QuestionId,
    [property: Id(1)] string Text,
    [property: Id(2)] bool Anonymous) : SessionOp;

/// <summary>A participant's vote for a published question (Up) or its withdrawal: a state, not a toggle, so a retry
/// counts once. One vote per participant per question.</summary>
[GenerateSerializer, Immutable, Alias("hub.session-op.upvote-question")]
public sealed record UpvoteQuestion(
    [property: Id(0)] string QuestionId,
    [property: Id(1)] bool Up) : SessionOp;

/// <summary>Moderators: how the room asks.</summary>
[GenerateSerializer, Immutable, Alias("hub.session-op.set-qa")]
public sealed record SetQa([property: Id(0)] QaSettings Settings) : SessionOp;

/// <summary>Moderators: publish (Published), hide (Hidden), mark answered (Answered) or restore (Published) a question.</summary>
[GenerateSerializer, Immutable, Alias("hub.session-op.moderate-question")]
public sealed record ModerateQuestion(
    [property: Id(0)] string QuestionId,
    [property: Id(1)] QuestionState State) : SessionOp;

/// <summary>Moderators: the question being answered now (null: none).</summary>
[GenerateSerializer, Immutable, Alias("hub.session-op.answer-now")]
public sealed record AnswerNow([property: Id(0)] string? QuestionId) : SessionOp;

/// <summary>Moderators: a written reply to a question (empty: none).</summary>
[GenerateSerializer, Immutable, Alias("hub.session-op.reply-question")]
public sealed record ReplyQuestion(
    [property: Id(0)] string QuestionId,
    [property: Id(1)] string Reply) : SessionOp;

/// <summary>A participant raises their hand (a hand already up: nothing changes). HandId is chosen by their page.</summary>
[GenerateSerializer, Immutable, Alias("hub.session-op.raise-hand")]
public sealed record RaiseHand([property: Id(0)] string HandId) : SessionOp;

/// <summary>A participant lowers their own hand (none up: nothing changes).</summary>
[GenerateSerializer, Immutable, Alias("hub.session-op.lower-hand")]
public sealed record LowerHand : SessionOp;

/// <summary>Moderators: lower one hand (HandId), or every hand (null).</summary>
[GenerateSerializer, Immutable, Alias("hub.session-op.lower-hands")]
public sealed record LowerHands([property: Id(0)] string? HandId) : SessionOp;

/// <summary>Moderators: "Næste" — the current turn ends and the next hand by the rules gets the word (none waiting:
/// nobody speaks). Expected names the hand the moderator saw first, so a double click does not skip someone.</summary>
[GenerateSerializer, Immutable, Alias("hub.session-op.next-speaker")]
public sealed record NextSpeaker([property: Id(0)] string? Expected) : SessionOp;

/// <summary>Moderators: the order rules and the speaking timer.</summary>
[GenerateSerializer, Immutable, Alias("hub.session-op.set-hand-rules")]
public sealed record SetHandRules([property: Id(0)] HandRules Rules) : SessionOp;

/// <summary>Hub only: results were placed as cards on a board (recorded after the board committed them).</summary>
[GenerateSerializer, Immutable, Alias("hub.session-op.results-sent")]
public sealed record ResultsSent([property: Id(0)] ImmutableArray<SentResult> Results) : SessionOp;
