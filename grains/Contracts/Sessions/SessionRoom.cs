using System.Collections.Immutable;
using Hub.Contracts.Partnerships;

namespace Hub.Contracts.Sessions;

// Issue 14 (decision 022): questions from the room (Q&A) and raised hands. Kept in this file, beside the session of
// issue 13, as parts of the same records: a session stored before they existed reads them as null (= empty).

/// <summary>Where a question stands. Pending and Hidden never reach the room; Answered is archived (and restorable).</summary>
public enum QuestionState
{
    Pending,
    Published,
    Hidden,
    Answered,
}

/// <summary>
/// How the room asks. Open: participants may ask. AllowAnonymous: they may leave their name off. Moderated: every
/// question waits for a moderator (pending) before anyone else sees it. Filter: a question with a word from the small
/// Danish and English list of abusive words waits for a moderator even when the session is not moderated.
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.qa-settings")]
public sealed record QaSettings(
    [property: Id(0)] bool Open,
    [property: Id(1)] bool AllowAnonymous,
    [property: Id(2)] bool Moderated,
    [property: Id(3)] bool Filter)
{
    public static QaSettings Default { get; } = new(true, true, false, true);
}

/// <summary>
/// A question as stored: its author (for "my questions" and the participation by side, never shown when asked
/// anonymously), its voters (one vote each, never shown to anyone), and the moderator's reply.
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.question")]
public sealed record Question(
    [property: Id(0)] string Id,
    [property: Id(1)] string AuthorId,
    [property: Id(2)] string? Name,
    [property: Id(3)] Side? Side,
    [property: Id(4)] string Text,
    [property: Id(5)] DateTimeOffset At,
    [property: Id(6)] QuestionState State,
    [property: Id(7)] ImmutableArray<string> Voters,
    [property: Id(8)] string Reply,
    [property: Id(9)] bool Flagged);

/// <summary>The session's questions; Current is the one being answered now.</summary>
[GenerateSerializer, Immutable, Alias("hub.session-qa")]
public sealed record SessionQa(
    [property: Id(0)] QaSettings Settings,
    [property: Id(1)] ImmutableArray<Question> Questions,
    [property: Id(2)] string? Current)
{
    public static SessionQa Empty { get; } = new(QaSettings.Default, [], null);
}

/// <summary>
/// The order "Næste" takes hands in: by the server's time, unless Alternate (take someone from the other side than
/// the last speaker's — volunteers or staff — when both wait) or PreferNew (people who have not spoken yet first).
/// SpeakingSeconds: the speaking timer the room sees (0: none).
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.hand-rules")]
public sealed record HandRules(
    [property: Id(0)] bool Alternate,
    [property: Id(1)] bool PreferNew,
    [property: Id(2)] int SpeakingSeconds)
{
    public static HandRules Default { get; } = new(false, false, 0);
}

/// <summary>A raised hand: its id (chosen by the participant's page, so a retry raises nothing twice), whose, when.</summary>
[GenerateSerializer, Immutable, Alias("hub.raised-hand")]
public sealed record RaisedHand(
    [property: Id(0)] string HandId,
    [property: Id(1)] string ParticipantId,
    [property: Id(2)] Side? Side,
    [property: Id(3)] DateTimeOffset At);

/// <summary>A speaking turn given by "Næste" (the hand it came from and when it began).</summary>
[GenerateSerializer, Immutable, Alias("hub.speaking-turn")]
public sealed record SpeakingTurn(
    [property: Id(0)] RaisedHand Hand,
    [property: Id(1)] DateTimeOffset From);

/// <summary>Hands waiting (in the order they were raised), who speaks now, and every turn given so far.</summary>
[GenerateSerializer, Immutable, Alias("hub.session-hands")]
public sealed record SessionHands(
    [property: Id(0)] HandRules Rules,
    [property: Id(1)] ImmutableArray<RaisedHand> Queue,
    [property: Id(2)] SpeakingTurn? Speaking,
    [property: Id(3)] ImmutableArray<SpeakingTurn> Turns)
{
    public static SessionHands Empty { get; } = new(HandRules.Default, [], null, []);
}

/// <summary>The Q&amp;A and the hands are parts of the session (null in a session stored before they existed).</summary>
public sealed partial record Session
{
    [Id(30)] public SessionQa? Qa { get; init; }

    [Id(31)] public SessionHands? Hands { get; init; }

    /// <summary>Results already sent to a board, by item key: sending one again never makes a second card.</summary>
    [Id(32)] public ImmutableArray<SentResult>? Sent { get; init; }
}

/// <summary>A question as the room sees it: counted votes, never voters; a name only when not asked anonymously.</summary>
[GenerateSerializer, Immutable, Alias("hub.room-question")]
public sealed record RoomQuestion(
    [property: Id(0)] string Id,
    [property: Id(1)] string Text,
    [property: Id(2)] string? Name,
    [property: Id(3)] int Votes,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] bool Answered,
    [property: Id(6)] string Reply);

/// <summary>
/// The room's questions: published and answered ones only, most votes first, then the oldest, then by id — the same
/// order on every client. Current: the question being answered now.
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.room-qa")]
public sealed record RoomQa(
    [property: Id(0)] bool Open,
    [property: Id(1)] bool AllowAnonymous,
    [property: Id(2)] ImmutableArray<RoomQuestion> Questions,
    [property: Id(3)] string? Current);

/// <summary>
/// The room's hands: hand ids only, in the order "Næste" will take them (a participant finds their own and reads
/// "Du er nr. 3"); who speaks by hand id, since when, and the speaking time. No names, no participant ids.
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.room-hands")]
public sealed record RoomHands(
    [property: Id(0)] ImmutableArray<string> Queue,
    [property: Id(1)] string? Speaking,
    [property: Id(2)] DateTimeOffset? SpeakingFrom,
    [property: Id(3)] int SpeakingSeconds);

public sealed partial record RoomView
{
    [Id(30)] public RoomQa? Qa { get; init; }

    [Id(31)] public RoomHands? Hands { get; init; }
}

/// <summary>A question as moderators see it: every state, the flag of the word filter, the side; no voters, and no
/// name when asked anonymously.</summary>
[GenerateSerializer, Immutable, Alias("hub.staff-question")]
public sealed record StaffQuestion(
    [property: Id(0)] string Id,
    [property: Id(1)] string Text,
    [property: Id(2)] string? Name,
    [property: Id(3)] Side? Side,
    [property: Id(4)] int Votes,
    [property: Id(5)] DateTimeOffset At,
    [property: Id(6)] QuestionState State,
    [property: Id(7)] string Reply,
    [property: Id(8)] bool Flagged);

[GenerateSerializer, Immutable, Alias("hub.staff-qa")]
public sealed record StaffQa(
    [property: Id(0)] QaSettings Settings,
    [property: Id(1)] ImmutableArray<StaffQuestion> Questions,
    [property: Id(2)] string? Current);

/// <summary>A hand as moderators see it, in the order "Næste" takes them; Spoken: they have had a turn before.</summary>
[GenerateSerializer, Immutable, Alias("hub.staff-hand")]
public sealed record StaffHand(
    [property: Id(0)] string HandId,
    [property: Id(1)] string ParticipantId,
    [property: Id(2)] string Name,
    [property: Id(3)] Side? Side,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] bool Spoken);

/// <summary>Questions, raised hands and speaking turns from each side: what the summary calls participation by side.</summary>
[GenerateSerializer, Immutable, Alias("hub.side-count")]
public sealed record SideCount(
    [property: Id(0)] Side? Side,
    [property: Id(1)] int Questions,
    [property: Id(2)] int Hands,
    [property: Id(3)] int Turns);

[GenerateSerializer, Immutable, Alias("hub.staff-hands")]
public sealed record StaffHands(
    [property: Id(0)] HandRules Rules,
    [property: Id(1)] ImmutableArray<StaffHand> Queue,
    [property: Id(2)] StaffHand? Speaking,
    [property: Id(3)] DateTimeOffset? SpeakingFrom,
    [property: Id(4)] ImmutableArray<SideCount> BySide);

public sealed partial record StaffView
{
    [Id(30)] public StaffQa? Qa { get; init; }

    [Id(31)] public StaffHands? Hands { get; init; }
}

/// <summary>A participant's own part, so a reload keeps it: the questions they voted for, the questions they asked
/// (with their state, so a pending one says it waits), and their raised hand.</summary>
[GenerateSerializer, Immutable, Alias("hub.participant-work")]
public sealed record ParticipantWork(
    [property: Id(0)] ImmutableArray<string> Upvoted,
    [property: Id(1)] ImmutableArray<MyQuestion> Asked,
    [property: Id(2)] string? HandId);

[GenerateSerializer, Immutable, Alias("hub.my-question")]
public sealed record MyQuestion(
    [property: Id(0)] string Id,
    [property: Id(1)] string Text,
    [property: Id(2)] QuestionState State);

public sealed partial record SessionOpened
{
    /// <summary>For a participant: their questions, votes and hand.</summary>
    [Id(30)] public ParticipantWork? Work { get; init; }
}

/// <summary>Limits of Q&amp;A and hands; docs/protocol.md lists them.</summary>
public static class SessionRoomLimits
{
    public const int QuestionTextMax = 300;
    public const int QuestionsMax = 500;
    public const int QuestionsPerParticipantMax = 20;
    public const int ReplyMax = 1000;
    public const int TurnsMax = 2000;
    public const int SpeakingSecondsMax = 3600;
}
