using System.Collections.Immutable;
using Hub.Contracts.Partnerships;

namespace Hub.Contracts.Cohorts;

/// <summary>A person's part in a cohort: moderators run it (several allowed), participants take it, observers
/// follow it (a manager, a researcher) and read only.</summary>
public enum CohortRole
{
    Moderator,
    Participant,
    Observer,
}

/// <summary>How a participant took part in one session, as a moderator marked it.</summary>
public enum AttendanceStatus
{
    /// <summary>Til stede.</summary>
    Present,

    /// <summary>Forsinket.</summary>
    Late,

    /// <summary>Afbud: said beforehand that they could not come.</summary>
    Excused,

    /// <summary>Fravær: did not come, without notice.</summary>
    Absent,
}

/// <summary>
/// A participant's standing for one session, derived from the cohort (<see cref="CohortRules.StandingOf"/>):
/// a mark when there is one, "not enrolled" for a session that ended before they enrolled (never absent),
/// unmarked otherwise.
/// </summary>
public enum SessionStanding
{
    NotEnrolled,
    Unmarked,
    Present,
    Late,
    Excused,
    Absent,
}

/// <summary>
/// A training cohort (fælles forløb) as everyone in it sees it. Immutable: the grain replaces it with every
/// operation. Sessions are kept in time order; people by when they enrolled.
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.cohort")]
public sealed record Cohort(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Provider,
    [property: Id(3)] DateOnly? StartsOn,
    [property: Id(4)] DateOnly? EndsOn,
    [property: Id(5)] ImmutableList<CohortModule> Modules,
    [property: Id(6)] ImmutableList<CohortSession> Sessions,
    [property: Id(7)] ImmutableList<CohortMember> People,
    [property: Id(8)] ImmutableList<CohortTeam> Teams,
    [property: Id(9)] ImmutableList<AttendanceMark> Attendance,
    [property: Id(10)] DateTimeOffset CreatedAt)
{
    /// <summary>The practice assignments, in the order they were written. Null in cohorts stored before them
    /// (the grain reads that as none).</summary>
    [Id(11)] public ImmutableList<CohortAssignment> Assignments { get; init; } = [];
}

/// <summary>One module of the course, in the order the course takes them.</summary>
[GenerateSerializer, Immutable, Alias("hub.cohort-module")]
public sealed record CohortModule(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] string LearningGoals);

/// <summary>One meeting of the cohort: when, where (a place, or online with where to find it), and which module
/// it covers (null: none yet).</summary>
[GenerateSerializer, Immutable, Alias("hub.cohort-session")]
public sealed record CohortSession(
    [property: Id(0)] string Id,
    [property: Id(1)] string? ModuleId,
    [property: Id(2)] DateTimeOffset StartsAt,
    [property: Id(3)] DateTimeOffset EndsAt,
    [property: Id(4)] string Place,
    [property: Id(5)] bool Online);

/// <summary>
/// A person in the cohort. Participants have a side and may come from a partnership (checked when a moderator
/// adds them from it); <see cref="EnrolledAt"/> is when they joined, so sessions that ended before it read
/// "ikke tilmeldt" for them rather than absent.
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.cohort-member")]
public sealed record CohortMember(
    [property: Id(0)] string UserId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] CohortRole Role,
    [property: Id(3)] Side? Side,
    [property: Id(4)] Guid? PartnershipId,
    [property: Id(5)] string? PartnershipName,
    [property: Id(6)] DateTimeOffset EnrolledAt);

/// <summary>A team of participants; each participant is in at most one team.</summary>
[GenerateSerializer, Immutable, Alias("hub.cohort-team")]
public sealed record CohortTeam(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] ImmutableList<string> MemberIds);

/// <summary>A mark of one participant at one session; who marked it (a moderator, or the participant checking in with
/// the room's code) and when. The note reaches moderators only: in the document and its operations it is empty
/// (<see cref="ICohortGrain.GetAttendanceNotes"/>).</summary>
[GenerateSerializer, Immutable, Alias("hub.attendance-mark")]
public sealed record AttendanceMark(
    [property: Id(0)] string SessionId,
    [property: Id(1)] string UserId,
    [property: Id(2)] AttendanceStatus Status,
    [property: Id(3)] string Note,
    [property: Id(4)] string MarkedBy,
    [property: Id(5)] DateTimeOffset MarkedAt);

/// <summary>The cohort as of one sequence number.</summary>
[GenerateSerializer, Immutable, Alias("hub.cohort-snapshot")]
public sealed record CohortSnapshot(
    [property: Id(0)] long Seq,
    [property: Id(1)] Cohort Cohort);

/// <summary>What a moderator writes when creating a cohort.</summary>
[GenerateSerializer, Immutable, Alias("hub.cohort-details")]
public sealed record CohortDetails(
    [property: Id(0)] string Name,
    [property: Id(1)] string Provider,
    [property: Id(2)] DateOnly? StartsOn,
    [property: Id(3)] DateOnly? EndsOn);

/// <summary>One line in a person's list of cohorts.</summary>
[GenerateSerializer, Immutable, Alias("hub.cohort-summary")]
public sealed record CohortSummary(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Provider,
    [property: Id(3)] DateOnly? StartsOn,
    [property: Id(4)] DateOnly? EndsOn,
    [property: Id(5)] CohortRole Role);
