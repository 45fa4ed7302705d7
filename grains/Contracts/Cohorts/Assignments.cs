using System.Collections.Immutable;

namespace Hub.Contracts.Cohorts;

/// <summary>Where a practice assignment's card stands on its team's board, as the board reports it.</summary>
public enum AssignmentStatus
{
    /// <summary>Still in the column it was given in.</summary>
    NotStarted,

    /// <summary>Moved on, but not to the board's last column.</summary>
    InProgress,

    /// <summary>In the board's last column.</summary>
    Done,

    /// <summary>Archived, or in an archived column: the assignment record stays in the cohort.</summary>
    CardRemoved,
}

/// <summary>
/// A practice assignment: what a team tries out on its partnership's real board. Written by moderators; "given" by
/// <see cref="ICohortGrain.GiveAssignment"/>, which puts exactly one card per team on that team's board and records it
/// in <see cref="Cards"/>. The record stays when a card is removed.
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.cohort-assignment")]
public sealed record CohortAssignment(
    [property: Id(0)] string Id,
    [property: Id(1)] string? ModuleId,
    [property: Id(2)] string Title,
    [property: Id(3)] string Instructions,
    [property: Id(4)] DateOnly? DueOn,
    [property: Id(5)] string VolunteerTasks,
    [property: Id(6)] string StaffTasks,
    [property: Id(7)] ImmutableList<AssignmentCard> Cards);

/// <summary>One team's card for an assignment: which board and card, and its status as that board last reported it.
/// Only these fields reach the cohort — never the rest of a partnership's board.</summary>
[GenerateSerializer, Immutable, Alias("hub.assignment-card")]
public sealed record AssignmentCard(
    [property: Id(0)] string TeamId,
    [property: Id(1)] Guid BoardId,
    [property: Id(2)] string CardId,
    [property: Id(3)] AssignmentStatus Status,
    [property: Id(4)] string ColumnTitle,
    [property: Id(5)] DateTimeOffset ChangedAt);

/// <summary>What giving an assignment did per team: the card placed (or already there), or why the team got none.</summary>
[GenerateSerializer, Immutable, Alias("hub.assignment-given")]
public sealed record AssignmentGiven(
    [property: Id(0)] string AssignmentId,
    [property: Id(1)] ImmutableArray<TeamPlacement> Teams);

[GenerateSerializer, Immutable, Alias("hub.team-placement")]
public sealed record TeamPlacement(
    [property: Id(0)] string TeamId,
    [property: Id(1)] Guid? BoardId,
    [property: Id(2)] string? CardId,
    [property: Id(3)] string? Reason);

/// <summary>A moderator's note on one attendance mark. Notes are for moderators only: they never travel in the cohort
/// document or its operations, which reach everyone in the cohort.</summary>
[GenerateSerializer, Immutable, Alias("hub.attendance-note")]
public sealed record AttendanceNote(
    [property: Id(0)] string SessionId,
    [property: Id(1)] string UserId,
    [property: Id(2)] string Note);

/// <summary>The code a moderator shows in the room; valid from <see cref="ValidFrom"/> until <see cref="ValidUntil"/>
/// (the session's window).</summary>
[GenerateSerializer, Immutable, Alias("hub.check-in-code")]
public sealed record CheckInCode(
    [property: Id(0)] string SessionId,
    [property: Id(1)] string Code,
    [property: Id(2)] DateTimeOffset ValidFrom,
    [property: Id(3)] DateTimeOffset ValidUntil);
