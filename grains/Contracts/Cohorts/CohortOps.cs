using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Hub.Contracts.Partnerships;

namespace Hub.Contracts.Cohorts;

/// <summary>
/// Every change to a cohort is one of these operations. On the wire each carries a "type" naming it;
/// docs/protocol.md lists them with their fields and limits. Ids of new modules, sessions and teams are chosen
/// by the client, so an operation means the same thing however often it is retried. Moderators send them;
/// the ones marked "Hub only" the cohort grain makes itself, after checks a client cannot be trusted with.
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.cohort-op")]
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(SetCohortDetails), "setCohortDetails")]
[JsonDerivedType(typeof(AddModule), "addModule")]
[JsonDerivedType(typeof(UpdateModule), "updateModule")]
[JsonDerivedType(typeof(MoveModule), "moveModule")]
[JsonDerivedType(typeof(RemoveModule), "removeModule")]
[JsonDerivedType(typeof(AddSession), "addSession")]
[JsonDerivedType(typeof(UpdateSession), "updateSession")]
[JsonDerivedType(typeof(RemoveSession), "removeSession")]
[JsonDerivedType(typeof(SetRole), "setRole")]
[JsonDerivedType(typeof(RemovePerson), "removePerson")]
[JsonDerivedType(typeof(MarkAttendance), "markAttendance")]
[JsonDerivedType(typeof(ClearAttendance), "clearAttendance")]
[JsonDerivedType(typeof(SetTeams), "setTeams")]
[JsonDerivedType(typeof(MoveToTeam), "moveToTeam")]
[JsonDerivedType(typeof(RenameTeam), "renameTeam")]
[JsonDerivedType(typeof(EnrolPerson), "enrolPerson")]
[JsonDerivedType(typeof(ForgetCohortPerson), "forgetPerson")]
[JsonDerivedType(typeof(AddAssignment), "addAssignment")]
[JsonDerivedType(typeof(UpdateAssignment), "updateAssignment")]
[JsonDerivedType(typeof(RemoveAssignment), "removeAssignment")]
[JsonDerivedType(typeof(PlaceAssignmentCard), "placeAssignmentCard")]
[JsonDerivedType(typeof(SetAssignmentStatus), "setAssignmentStatus")]
[JsonDerivedType(typeof(CheckIn), "checkIn")]
public abstract record CohortOp;

/// <summary>Sets the name, provider and period.</summary>
[GenerateSerializer, Immutable, Alias("hub.cohort-op.set-details")]
public sealed record SetCohortDetails(
    [property: Id(0)] string Name,
    [property: Id(1)] string Provider,
    [property: Id(2)] DateOnly? StartsOn,
    [property: Id(3)] DateOnly? EndsOn) : CohortOp;

/// <summary>Adds a module at <see cref="Index"/> (null: last).</summary>
[GenerateSerializer, Immutable, Alias("hub.cohort-op.add-module")]
public sealed record AddModule(
    [property: Id(0)] string ModuleId,
    [property: Id(1)] string Title,
    [property: Id(2)] string LearningGoals,
    [property: Id(3)] int? Index) : CohortOp;

[GenerateSerializer, Immutable, Alias("hub.cohort-op.update-module")]
public sealed record UpdateModule(
    [property: Id(0)] string ModuleId,
    [property: Id(1)] string Title,
    [property: Id(2)] string LearningGoals) : CohortOp;

[GenerateSerializer, Immutable, Alias("hub.cohort-op.move-module")]
public sealed record MoveModule([property: Id(0)] string ModuleId, [property: Id(1)] int Index) : CohortOp;

/// <summary>Refused while a session covers the module: move or remove the sessions first.</summary>
[GenerateSerializer, Immutable, Alias("hub.cohort-op.remove-module")]
public sealed record RemoveModule([property: Id(0)] string ModuleId) : CohortOp;

[GenerateSerializer, Immutable, Alias("hub.cohort-op.add-session")]
public sealed record AddSession(
    [property: Id(0)] string SessionId,
    [property: Id(1)] string? ModuleId,
    [property: Id(2)] DateTimeOffset StartsAt,
    [property: Id(3)] DateTimeOffset EndsAt,
    [property: Id(4)] string Place,
    [property: Id(5)] bool Online) : CohortOp;

/// <summary>Sets every field of a session; its attendance stays.</summary>
[GenerateSerializer, Immutable, Alias("hub.cohort-op.update-session")]
public sealed record UpdateSession(
    [property: Id(0)] string SessionId,
    [property: Id(1)] string? ModuleId,
    [property: Id(2)] DateTimeOffset StartsAt,
    [property: Id(3)] DateTimeOffset EndsAt,
    [property: Id(4)] string Place,
    [property: Id(5)] bool Online) : CohortOp;

/// <summary>Removes a session and its attendance marks.</summary>
[GenerateSerializer, Immutable, Alias("hub.cohort-op.remove-session")]
public sealed record RemoveSession([property: Id(0)] string SessionId) : CohortOp;

/// <summary>Changes a person's role; a participant needs a side. The last moderator cannot stop being one.</summary>
[GenerateSerializer, Immutable, Alias("hub.cohort-op.set-role")]
public sealed record SetRole(
    [property: Id(0)] string UserId,
    [property: Id(1)] CohortRole Role,
    [property: Id(2)] Side? Side) : CohortOp;

/// <summary>Takes a person out of the cohort, their team and their attendance marks. A moderator removes
/// anyone; anyone may remove themself. The last moderator stays.</summary>
[GenerateSerializer, Immutable, Alias("hub.cohort-op.remove-person")]
public sealed record RemovePerson([property: Id(0)] string UserId) : CohortOp;

/// <summary>Marks a participant at a session (replacing an earlier mark). Refused for a session that ended
/// before the participant enrolled: they were not enrolled then.</summary>
[GenerateSerializer, Immutable, Alias("hub.cohort-op.mark-attendance")]
public sealed record MarkAttendance(
    [property: Id(0)] string SessionId,
    [property: Id(1)] string UserId,
    [property: Id(2)] AttendanceStatus Status,
    [property: Id(3)] string Note) : CohortOp;

[GenerateSerializer, Immutable, Alias("hub.cohort-op.clear-attendance")]
public sealed record ClearAttendance([property: Id(0)] string SessionId, [property: Id(1)] string UserId) : CohortOp;

/// <summary>Replaces all teams (a moderator applies a proposal from the team composer, perhaps edited).</summary>
[GenerateSerializer, Immutable, Alias("hub.cohort-op.set-teams")]
public sealed record SetTeams([property: Id(0)] ImmutableArray<CohortTeam> Teams) : CohortOp;

/// <summary>Moves a participant into a team (null: into no team).</summary>
[GenerateSerializer, Immutable, Alias("hub.cohort-op.move-to-team")]
public sealed record MoveToTeam([property: Id(0)] string UserId, [property: Id(1)] string? TeamId) : CohortOp;

[GenerateSerializer, Immutable, Alias("hub.cohort-op.rename-team")]
public sealed record RenameTeam([property: Id(0)] string TeamId, [property: Id(1)] string Name) : CohortOp;

/// <summary>
/// Hub only: puts a person into the cohort (or changes how they are in it), after the grain checked what a
/// client cannot vouch for — an invitation, or membership of the partnership they come from. Enrolling
/// someone already in the cohort keeps their enrolment time.
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.cohort-op.enrol-person")]
public sealed record EnrolPerson(
    [property: Id(0)] string UserId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] CohortRole Role,
    [property: Id(3)] Side? Side,
    [property: Id(4)] Guid? PartnershipId,
    [property: Id(5)] string? PartnershipName) : CohortOp;

/// <summary>Hub only, when a person deletes their account: they leave the cohort, its teams and attendance.</summary>
[GenerateSerializer, Immutable, Alias("hub.cohort-op.forget-person")]
public sealed record ForgetCohortPerson([property: Id(0)] string UserId) : CohortOp;

/// <summary>Writes a practice assignment (not yet given to the teams).</summary>
[GenerateSerializer, Immutable, Alias("hub.cohort-op.add-assignment")]
public sealed record AddAssignment(
    [property: Id(0)] string AssignmentId,
    [property: Id(1)] string? ModuleId,
    [property: Id(2)] string Title,
    [property: Id(3)] string Instructions,
    [property: Id(4)] DateOnly? DueOn,
    [property: Id(5)] string VolunteerTasks,
    [property: Id(6)] string StaffTasks) : CohortOp;

/// <summary>Changes an assignment's text; cards already given keep what they were given with (they are the team's now).</summary>
[GenerateSerializer, Immutable, Alias("hub.cohort-op.update-assignment")]
public sealed record UpdateAssignment(
    [property: Id(0)] string AssignmentId,
    [property: Id(1)] string? ModuleId,
    [property: Id(2)] string Title,
    [property: Id(3)] string Instructions,
    [property: Id(4)] DateOnly? DueOn,
    [property: Id(5)] string VolunteerTasks,
    [property: Id(6)] string StaffTasks) : CohortOp;

/// <summary>Removes an assignment that has not been given; once given, its record stays (conflict).</summary>
[GenerateSerializer, Immutable, Alias("hub.cohort-op.remove-assignment")]
public sealed record RemoveAssignment([property: Id(0)] string AssignmentId) : CohortOp;

/// <summary>Hub only: the team's board holds the assignment's card now. A second placement for the team changes nothing.</summary>
[GenerateSerializer, Immutable, Alias("hub.cohort-op.place-assignment-card")]
public sealed record PlaceAssignmentCard(
    [property: Id(0)] string AssignmentId,
    [property: Id(1)] string TeamId,
    [property: Id(2)] Guid BoardId,
    [property: Id(3)] string CardId,
    [property: Id(4)] string ColumnTitle) : CohortOp;

/// <summary>Hub only: the board reported where the card stands now.</summary>
[GenerateSerializer, Immutable, Alias("hub.cohort-op.set-assignment-status")]
public sealed record SetAssignmentStatus(
    [property: Id(0)] string AssignmentId,
    [property: Id(1)] string TeamId,
    [property: Id(2)] AssignmentStatus Status,
    [property: Id(3)] string ColumnTitle) : CohortOp;

/// <summary>Hub only: a participant checked in with the room's code — present, or late when it came after the start.
/// A mark a moderator already set stays.</summary>
[GenerateSerializer, Immutable, Alias("hub.cohort-op.check-in")]
public sealed record CheckIn(
    [property: Id(0)] string SessionId,
    [property: Id(1)] string UserId,
    [property: Id(2)] AttendanceStatus Status) : CohortOp;
