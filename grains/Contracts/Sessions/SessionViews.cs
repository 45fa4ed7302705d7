using System.Collections.Immutable;

namespace Hub.Contracts.Sessions;

/// <summary>Ranked words of a word cloud, or an approved open-text answer: counted, never named.</summary>
[GenerateSerializer, Immutable, Alias("hub.ranked-entry")]
public sealed record RankedEntry(
    [property: Id(0)] string Text,
    [property: Id(1)] int Count);

/// <summary>One statement of a scale: how many chose each value (ScaleMin first), how many skipped, the average.</summary>
[GenerateSerializer, Immutable, Alias("hub.scale-tally")]
public sealed record ScaleTally(
    [property: Id(0)] ImmutableArray<int> Counts,
    [property: Id(1)] int Skipped,
    [property: Id(2)] double? Average);

/// <summary>
/// A poll's results as counts. Answers: how many answer sets count (approved ones, for the room). Options: votes per
/// option. Scale: one per statement. Ranked: words or texts, most frequent first, at most
/// <see cref="SessionLimits.ListedMax"/>. No participant ids, ever: the room's and the moderators' tallies alike.
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.poll-tally")]
public sealed record PollTally(
    [property: Id(0)] string PollId,
    [property: Id(1)] int Answers,
    [property: Id(2)] ImmutableArray<int> Options,
    [property: Id(3)] ImmutableArray<ScaleTally> Scale,
    [property: Id(4)] ImmutableArray<RankedEntry> Ranked);

/// <summary>The current poll as the room sees it: its question, without answers; Tally only while its results are
/// shown (and then only approved answers).</summary>
[GenerateSerializer, Immutable, Alias("hub.room-poll")]
public sealed record RoomPoll(
    [property: Id(0)] Poll Poll,
    [property: Id(1)] bool Open,
    [property: Id(2)] PollTally? Tally);

/// <summary>The current step as the room sees it (no notes).</summary>
[GenerateSerializer, Immutable, Alias("hub.room-step")]
public sealed record RoomStep(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] StepKind Kind,
    [property: Id(3)] string Text);

/// <summary>
/// What participant and projector connections receive: the current step, phase, timer and the current poll with
/// its results only when revealed. Built by the grain from the session, so hidden results, held answers, notes and
/// names can never be in it.
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.room-view")]
public sealed partial record RoomView(
    [property: Id(0)] Guid SessionId,
    [property: Id(1)] long Seq,
    [property: Id(2)] string Title,
    [property: Id(3)] string Code,
    [property: Id(4)] bool Closed,
    [property: Id(5)] SessionPhase Phase,
    [property: Id(6)] int StepIndex,
    [property: Id(7)] int StepCount,
    [property: Id(8)] RoomStep? Step,
    [property: Id(9)] int BringCount,
    [property: Id(10)] SessionTimer Timer,
    [property: Id(11)] RoomPoll? Poll,
    [property: Id(12)] int Participants,
    [property: Id(13)] bool AskSide)
{
    /// <summary>The server's time when the view was sent: clients count the timer down on the server's clock (a
    /// phone whose clock is off still shows the right remaining time). Set by the grain as it sends the view.</summary>
    [Id(40)]
    public DateTimeOffset ServerNow { get; init; }
}

/// <summary>A free-text answer waiting for approval: moderators only. Name only in a named poll.</summary>
[GenerateSerializer, Immutable, Alias("hub.pending-answer")]
public sealed record PendingAnswer(
    [property: Id(0)] string PollId,
    [property: Id(1)] string AnswerId,
    [property: Id(2)] string? Name,
    [property: Id(3)] ImmutableArray<string> Words,
    [property: Id(4)] string Text);

/// <summary>
/// What moderator connections receive: the session without its answers, every poll's full tally (hidden ones
/// too), the answers waiting for approval, and the room's view (what the projector shows).
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.staff-view")]
public sealed partial record StaffView(
    [property: Id(0)] long Seq,
    [property: Id(1)] Session Session,
    [property: Id(2)] ImmutableArray<PollTally> Tallies,
    [property: Id(3)] ImmutableArray<PendingAnswer> Pending,
    [property: Id(4)] RoomView Room);

/// <summary>Which kind of connection asks: a moderator's screen, the room's projector, or a participant.</summary>
public enum SessionAudience
{
    Staff,
    Projector,
    Participant,
}

/// <summary>
/// What a connection gets when it opens a session: its role, and the view for its audience — Staff for a moderator's
/// screen, Room otherwise — plus, for a participant, their own answers (so a reload keeps them) and their id.
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.session-opened")]
public sealed partial record SessionOpened(
    [property: Id(0)] SessionRole Role,
    [property: Id(1)] StaffView? Staff,
    [property: Id(2)] RoomView Room,
    [property: Id(3)] ImmutableArray<PollAnswer> Mine,
    [property: Id(4)] string? ParticipantId,
    [property: Id(5)] string? DisplayName);

/// <summary>A session in a list (a partnership's, a cohort's).</summary>
[GenerateSerializer, Immutable, Alias("hub.session-summary")]
public sealed record SessionSummary(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Title,
    [property: Id(2)] string Code,
    [property: Id(3)] bool Closed,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] SessionOwner Owner);

/// <summary>Where a code leads: the session, for the join page.</summary>
[GenerateSerializer, Immutable, Alias("hub.session-entry")]
public sealed record SessionEntry(
    [property: Id(0)] Guid SessionId,
    [property: Id(1)] string Title,
    [property: Id(2)] bool AskSide,
    [property: Id(3)] string ParticipantId,
    [property: Id(4)] SessionRole Role);
