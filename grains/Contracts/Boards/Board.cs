using System.Collections.Immutable;
using Hub.Contracts.Text;

namespace Hub.Contracts.Boards;

/// <summary>
/// A partnership's planning board as everyone sees it. Immutable: the grain replaces it with every
/// operation, so handing it out (or keeping an old one for a snapshot) costs nothing.
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.board")]
public sealed record Board(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid PartnershipId,
    [property: Id(2)] string Name,
    [property: Id(3)] ImmutableList<Column> Columns,
    [property: Id(4)] ImmutableDictionary<string, Card> Cards)
{
    /// <summary>The recent edits of card descriptions (shared text, keyed by card id), for transforming late
    /// ones; bounded, so the board does not grow with the number of edits. Null in boards stored before it.</summary>
    [Id(5)] public TextHistory? Texts { get; init; } = TextHistory.Empty;
}

/// <summary>A column; its cards in order. Archived cards keep their place, so restoring puts them back.</summary>
[GenerateSerializer, Immutable, Alias("hub.column")]
public sealed record Column(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] bool Archived,
    [property: Id(3)] ImmutableList<string> CardIds);

/// <summary>One planned activity, with what the volunteers do and what the staff do kept apart.</summary>
[GenerateSerializer, Immutable, Alias("hub.card")]
public sealed record Card(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] string Description,
    [property: Id(3)] DateTimeOffset? StartsAt,
    [property: Id(4)] DateTimeOffset? EndsAt,
    [property: Id(5)] string Place,
    [property: Id(6)] ImmutableList<string> OwnerIds,
    [property: Id(7)] string VolunteerTasks,
    [property: Id(8)] string StaffTasks,
    [property: Id(9)] ImmutableList<string> Labels,
    [property: Id(10)] ImmutableList<ChecklistItem> Checklist,
    [property: Id(11)] ImmutableList<Comment> Comments,
    [property: Id(12)] bool Archived,
    [property: Id(13)] string CreatedBy,
    [property: Id(14)] DateTimeOffset CreatedAt)
{
    /// <summary>Set on a card a training cohort gave as a practice assignment: the board reports the card's status to
    /// that cohort, and the card links back to it. Null on every other card.</summary>
    [Id(15)] public CardCohortLink? Cohort { get; init; }
}

/// <summary>Where an assignment card came from. <see cref="StartColumnId"/> is the column it was given in: while it
/// is there the assignment is "not started".</summary>
[GenerateSerializer, Immutable, Alias("hub.card-cohort-link")]
public sealed record CardCohortLink(
    [property: Id(0)] Guid CohortId,
    [property: Id(1)] string CohortName,
    [property: Id(2)] string AssignmentId,
    [property: Id(3)] string TeamId,
    [property: Id(4)] string StartColumnId);

[GenerateSerializer, Immutable, Alias("hub.checklist-item")]
public sealed record ChecklistItem(
    [property: Id(0)] string Id,
    [property: Id(1)] string Text,
    [property: Id(2)] bool Done,
    [property: Id(3)] string? AssigneeId);

[GenerateSerializer, Immutable, Alias("hub.comment")]
public sealed record Comment(
    [property: Id(0)] string Id,
    [property: Id(1)] string AuthorId,
    [property: Id(2)] string AuthorName,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] string Text,
    [property: Id(5)] DateTimeOffset? EditedAt);

/// <summary>The board as of one sequence number: what a client that is too far behind starts again from.</summary>
[GenerateSerializer, Immutable, Alias("hub.board-snapshot")]
public sealed record BoardSnapshot(
    [property: Id(0)] long Seq,
    [property: Id(1)] Board Board);
