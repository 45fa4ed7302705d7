using System.Collections.Immutable;
using Hub.Contracts.Partnerships;

namespace Hub.Contracts.Sessions;

/// <summary>A person's part in a live session: the owner moderator runs it and alone may delete it or change its code;
/// co-facilitators run everything else; participants answer.</summary>
public enum SessionRole
{
    Moderator,
    CoFacilitator,
    Participant,
}

/// <summary>What participants may do now. Refused in the grain, not only hidden in the page.</summary>
public enum SessionPhase
{
    /// <summary>Participants may answer the open polls.</summary>
    Answer,

    /// <summary>Answering is closed; results the moderator revealed are shown.</summary>
    Results,

    /// <summary>Nothing: the room sees a pause screen, no poll and no results.</summary>
    Pause,
}

public enum StepKind
{
    /// <summary>The moderator presents; the step's text is shown.</summary>
    Text,

    /// <summary>The step asks its poll.</summary>
    Poll,

    /// <summary>A break.</summary>
    Pause,
}

public enum PollKind
{
    Single,
    Multiple,
    Scale,
    WordCloud,
    OpenText,
}

/// <summary>Who the session belongs to: a partnership, or a cohort (then perhaps one of its sessions, whose
/// attendance it feeds).</summary>
[GenerateSerializer, Immutable, Alias("hub.session-owner")]
public sealed record SessionOwner(
    [property: Id(0)] Guid? PartnershipId,
    [property: Id(1)] Guid? CohortId,
    [property: Id(2)] string? CohortSessionId);

/// <summary>What a moderator gives when creating a session.</summary>
[GenerateSerializer, Immutable, Alias("hub.session-details")]
public sealed record SessionDetails(
    [property: Id(0)] string Title,
    [property: Id(1)] SessionOwner Owner,
    [property: Id(2)] bool AskSide);

[GenerateSerializer, Immutable, Alias("hub.session-staff")]
public sealed record SessionStaff(
    [property: Id(0)] string UserId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] SessionRole Role);

/// <summary>Someone in the room: a signed-in member (their user id) or a browser that joined by code (an id Hub made
/// for it). Removed participants stay listed (Removed) so their cookie stays dead.</summary>
[GenerateSerializer, Immutable, Alias("hub.session-participant")]
public sealed record SessionParticipant(
    [property: Id(0)] string Id,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] Side? Side,
    [property: Id(3)] DateTimeOffset JoinedAt,
    [property: Id(4)] bool Removed);

/// <summary>One step of the agenda. Notes are the moderator's own and never reach the room.</summary>
[GenerateSerializer, Immutable, Alias("hub.agenda-step")]
public sealed record AgendaStep(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] StepKind Kind,
    [property: Id(3)] int PlannedMinutes,
    [property: Id(4)] string Text,
    [property: Id(5)] string Notes,
    [property: Id(6)] string? PollId);

/// <summary>When a step was current: the summary compares it with the planned duration.</summary>
[GenerateSerializer, Immutable, Alias("hub.step-visit")]
public sealed record StepVisit(
    [property: Id(0)] string StepId,
    [property: Id(1)] DateTimeOffset From,
    [property: Id(2)] DateTimeOffset? Until);

/// <summary>
/// The timer. The server holds the end time, so every client shows the same remaining time after a reconnect.
/// Running: EndsAt set. Paused: Remaining set. Expired: it ran out (and locked the current poll).
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.session-timer")]
public sealed record SessionTimer(
    [property: Id(0)] DateTimeOffset? EndsAt,
    [property: Id(1)] TimeSpan? Remaining,
    [property: Id(2)] bool Expired)
{
    public static SessionTimer Off { get; } = new(null, null, false);
}

/// <summary>A poll as defined by the moderator and its state (not its answers).</summary>
[GenerateSerializer, Immutable, Alias("hub.poll")]
public sealed record Poll(
    [property: Id(0)] string Id,
    [property: Id(1)] PollKind Kind,
    [property: Id(2)] string Question,
    [property: Id(3)] ImmutableArray<string> Options,
    [property: Id(4)] int MaxChoices,
    [property: Id(5)] ImmutableArray<string> Statements,
    [property: Id(6)] int ScaleMin,
    [property: Id(7)] int ScaleMax,
    [property: Id(8)] string LowLabel,
    [property: Id(9)] string HighLabel,
    [property: Id(10)] bool Anonymous,
    [property: Id(11)] bool HoldForApproval,
    [property: Id(12)] bool ResultsShown,
    [property: Id(13)] bool Locked,
    [property: Id(14)] int Resets);

/// <summary>
/// One participant's answer set to one poll. Which fields matter depends on the poll: Choices (option indexes),
/// Scale (one value per statement, null for "spring over"), Words (normalised), Text. Approved is false while a
/// free-text answer waits for the moderator.
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.poll-answer")]
public sealed record PollAnswer(
    [property: Id(0)] string ParticipantId,
    [property: Id(1)] string AnswerId,
    [property: Id(2)] ImmutableArray<int> Choices,
    [property: Id(3)] ImmutableArray<int?> Scale,
    [property: Id(4)] ImmutableArray<string> Words,
    [property: Id(5)] string Text,
    [property: Id(6)] bool Approved,
    [property: Id(7)] DateTimeOffset At);

/// <summary>Answers taken out of a poll by a reset: kept, with who reset it and when, never silently deleted.</summary>
[GenerateSerializer, Immutable, Alias("hub.archived-answers")]
public sealed record ArchivedAnswers(
    [property: Id(0)] string PollId,
    [property: Id(1)] string ResetBy,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] ImmutableArray<PollAnswer> Answers);

/// <summary>
/// A live session as stored. Only the moderators read it whole (<see cref="StaffView"/> leaves out the answers);
/// the room gets a <see cref="RoomView"/>. Immutable: the grain replaces it with every operation.
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.session")]
public sealed partial record Session(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Title,
    [property: Id(2)] SessionOwner Owner,
    [property: Id(3)] string Code,
    [property: Id(4)] bool Closed,
    [property: Id(5)] bool AskSide,
    [property: Id(6)] ImmutableArray<SessionStaff> Staff,
    [property: Id(7)] ImmutableArray<SessionParticipant> Participants,
    [property: Id(8)] ImmutableArray<AgendaStep> Steps,
    [property: Id(9)] int CurrentStep,
    [property: Id(10)] int BringCount,
    [property: Id(11)] SessionPhase Phase,
    [property: Id(12)] SessionTimer Timer,
    [property: Id(13)] ImmutableArray<Poll> Polls,
    [property: Id(14)] ImmutableDictionary<string, ImmutableArray<PollAnswer>> Answers,
    [property: Id(15)] ImmutableArray<ArchivedAnswers> Archive,
    [property: Id(16)] ImmutableArray<StepVisit> Visits,
    [property: Id(17)] DateTimeOffset CreatedAt,
    [property: Id(18)] DateTimeOffset? ClosedAt);

/// <summary>The whole session with its sequence number: what the live mechanism syncs to moderators.</summary>
[GenerateSerializer, Immutable, Alias("hub.session-snapshot")]
public sealed record SessionSnapshot(
    [property: Id(0)] long Seq,
    [property: Id(1)] Session Session);

/// <summary>Limits of a session; docs/protocol.md lists them.</summary>
public static class SessionLimits
{
    public const int TitleMax = 200;
    public const int StepsMax = 100;
    public const int StepTextMax = 4000;
    public const int PollsMax = 100;
    public const int QuestionMax = 300;
    public const int OptionsMax = 20;
    public const int OptionMax = 200;
    public const int StatementsMax = 10;
    public const int LabelMax = 60;
    public const int WordsMax = 3;
    public const int WordMax = 40;
    public const int OpenTextMax = 500;
    public const int DisplayNameMax = 60;
    public const int ParticipantsMax = 2000;
    public const int PlannedMinutesMax = 600;
    public const int TimerSecondsMax = 6 * 3600;

    /// <summary>How many words and texts a room view lists at most (the moderator's list is the same length).</summary>
    public const int ListedMax = 100;

    /// <summary>A code's length and its alphabet: no 0/O/1/I/L, which read alike.</summary>
    public const int CodeLength = 6;
    public const string CodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
}

public static class SessionCodes
{
    /// <summary>A code as typed, case-insensitive, spaces and dashes ignored; null when it cannot be a code.</summary>
    public static string? Normalise(string? typed)
    {
        if (typed is null || typed.Length > 32)
        {
            return null;
        }

        var code = new string([.. typed.Where(c => c is not (' ' or '-')).Select(char.ToUpperInvariant)]);
        return code.Length == SessionLimits.CodeLength && code.All(c => SessionLimits.CodeAlphabet.Contains(c, StringComparison.Ordinal)) ? code : null;
    }
}
