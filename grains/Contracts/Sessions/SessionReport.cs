using System.Collections.Immutable;
using Hub.Contracts.Partnerships;

namespace Hub.Contracts.Sessions;

/// <summary>One agenda step in the summary: planned against actual minutes (every time it was current, added up).</summary>
[GenerateSerializer, Immutable, Alias("hub.step-report")]
public sealed record StepReport(
    [property: Id(0)] string StepId,
    [property: Id(1)] string Title,
    [property: Id(2)] StepKind Kind,
    [property: Id(3)] int PlannedMinutes,
    [property: Id(4)] double ActualSeconds,
    [property: Id(5)] int Visits);

/// <summary>One poll in the summary: its question and its tally (every current answer, held ones included).</summary>
[GenerateSerializer, Immutable, Alias("hub.poll-report")]
public sealed record PollReport(
    [property: Id(0)] Poll Poll,
    [property: Id(1)] PollTally Tally);

/// <summary>
/// The session's summary for its moderators: every step's planned and actual duration and every poll's result.
/// Counts only — no participant is named here (named answers are in a poll's CSV export, <see cref="PollExport"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.session-report")]
public sealed record SessionReport(
    [property: Id(0)] Guid SessionId,
    [property: Id(1)] string Title,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] DateTimeOffset? ClosedAt,
    [property: Id(4)] int Participants,
    [property: Id(5)] ImmutableArray<StepReport> Steps,
    [property: Id(6)] ImmutableArray<PollReport> Polls);

/// <summary>One participant's answer set in a named poll's export.</summary>
[GenerateSerializer, Immutable, Alias("hub.named-answer")]
public sealed record NamedAnswer(
    [property: Id(0)] string Name,
    [property: Id(1)] Side? Side,
    [property: Id(2)] PollAnswer Answer);

/// <summary>
/// What a poll's CSV is made from: the poll, its tally and, for a named poll only, each answer set with its
/// participant's name. An anonymous poll exports no participant identifier at all: Answers is empty.
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.poll-export")]
public sealed record PollExport(
    [property: Id(0)] Poll Poll,
    [property: Id(1)] PollTally Tally,
    [property: Id(2)] ImmutableArray<NamedAnswer> Answers);
