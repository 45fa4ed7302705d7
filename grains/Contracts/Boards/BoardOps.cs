using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Hub.Contracts.Text;

namespace Hub.Contracts.Boards;

/// <summary>
/// Every change to a board is one of these operations. On the wire (SignalR JSON) each carries a "type"
/// naming it; docs/protocol.md gives their rules and limits, and web/client/src/generated/contracts.ts
/// the same union in TypeScript, generated from these records. Ids of new columns, cards, items and comments are chosen by the
/// client, so an operation means the same thing however often it is retried.
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.board-op")]
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(RenameBoard), "renameBoard")]
[JsonDerivedType(typeof(AddColumn), "addColumn")]
[JsonDerivedType(typeof(RenameColumn), "renameColumn")]
[JsonDerivedType(typeof(MoveColumn), "moveColumn")]
[JsonDerivedType(typeof(ArchiveColumn), "archiveColumn")]
[JsonDerivedType(typeof(RestoreColumn), "restoreColumn")]
[JsonDerivedType(typeof(AddCard), "addCard")]
[JsonDerivedType(typeof(SetCardText), "setCardText")]
[JsonDerivedType(typeof(EditCardDescription), "editCardDescription")]
[JsonDerivedType(typeof(SetCardSchedule), "setCardSchedule")]
[JsonDerivedType(typeof(SetCardOwners), "setCardOwners")]
[JsonDerivedType(typeof(SetCardLabels), "setCardLabels")]
[JsonDerivedType(typeof(MoveCard), "moveCard")]
[JsonDerivedType(typeof(ArchiveCard), "archiveCard")]
[JsonDerivedType(typeof(RestoreCard), "restoreCard")]
[JsonDerivedType(typeof(AddChecklistItem), "addChecklistItem")]
[JsonDerivedType(typeof(UpdateChecklistItem), "updateChecklistItem")]
[JsonDerivedType(typeof(RemoveChecklistItem), "removeChecklistItem")]
[JsonDerivedType(typeof(AddComment), "addComment")]
[JsonDerivedType(typeof(EditComment), "editComment")]
[JsonDerivedType(typeof(DeleteComment), "deleteComment")]
[JsonDerivedType(typeof(ForgetPerson), "forgetPerson")]
[JsonDerivedType(typeof(AddCohortCard), "addCohortCard")]
public abstract record BoardOp;

[GenerateSerializer, Immutable, Alias("hub.op.rename-board")]
public sealed record RenameBoard([property: Id(0)] string Name) : BoardOp;

/// <summary>Adds a column at <see cref="Index"/> (null: last).</summary>
[GenerateSerializer, Immutable, Alias("hub.op.add-column")]
public sealed record AddColumn([property: Id(0)] string ColumnId, [property: Id(1)] string Title, [property: Id(2)] int? Index) : BoardOp;

[GenerateSerializer, Immutable, Alias("hub.op.rename-column")]
public sealed record RenameColumn([property: Id(0)] string ColumnId, [property: Id(1)] string Title) : BoardOp;

/// <summary>Moves a column to <see cref="Index"/> among all columns (archived ones included).</summary>
[GenerateSerializer, Immutable, Alias("hub.op.move-column")]
public sealed record MoveColumn([property: Id(0)] string ColumnId, [property: Id(1)] int Index) : BoardOp;

[GenerateSerializer, Immutable, Alias("hub.op.archive-column")]
public sealed record ArchiveColumn([property: Id(0)] string ColumnId) : BoardOp;

[GenerateSerializer, Immutable, Alias("hub.op.restore-column")]
public sealed record RestoreColumn([property: Id(0)] string ColumnId) : BoardOp;

/// <summary>Adds a card to a column at <see cref="Index"/> (null: last).</summary>
[GenerateSerializer, Immutable, Alias("hub.op.add-card")]
public sealed record AddCard([property: Id(0)] string CardId, [property: Id(1)] string ColumnId, [property: Id(2)] string Title, [property: Id(3)] int? Index) : BoardOp;

/// <summary>The card's text fields, one at a time.</summary>
public enum CardTextField
{
    Title,
    Description,
    Place,
    VolunteerTasks,
    StaffTasks,
}

/// <summary>Sets a text field whole: the title, place and tasks. The description is shared text and changes
/// only through <see cref="EditCardDescription"/>, so concurrent typing merges instead of overwriting.</summary>
[GenerateSerializer, Immutable, Alias("hub.op.set-card-text")]
public sealed record SetCardText([property: Id(0)] string CardId, [property: Id(1)] CardTextField Field, [property: Id(2)] string Value) : BoardOp;

/// <summary>
/// A change to a card's description, composed against the board at sequence number <see cref="Base"/>. The
/// grain transforms it against the description's operations committed after that base and commits the
/// result, whose base is the sequence number just before its own (docs/protocol.md, shared text).
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.op.edit-card-description")]
public sealed record EditCardDescription([property: Id(0)] string CardId, [property: Id(1)] long Base, [property: Id(2)] TextOp Op) : BoardOp;

/// <summary>Sets when the activity starts and ends (either may be null: not decided yet).</summary>
[GenerateSerializer, Immutable, Alias("hub.op.set-card-schedule")]
public sealed record SetCardSchedule([property: Id(0)] string CardId, [property: Id(1)] DateTimeOffset? StartsAt, [property: Id(2)] DateTimeOffset? EndsAt) : BoardOp;

/// <summary>Replaces the card's owners: members of the partnership, from either side.</summary>
[GenerateSerializer, Immutable, Alias("hub.op.set-card-owners")]
public sealed record SetCardOwners([property: Id(0)] string CardId, [property: Id(1)] ImmutableArray<string> OwnerIds) : BoardOp;

[GenerateSerializer, Immutable, Alias("hub.op.set-card-labels")]
public sealed record SetCardLabels([property: Id(0)] string CardId, [property: Id(1)] ImmutableArray<string> Labels) : BoardOp;

/// <summary>Moves a card to <see cref="Index"/> in a column (the same or another); the later of two
/// concurrent moves of one card wins, because the grain applies them in its order.</summary>
[GenerateSerializer, Immutable, Alias("hub.op.move-card")]
public sealed record MoveCard([property: Id(0)] string CardId, [property: Id(1)] string ToColumnId, [property: Id(2)] int Index) : BoardOp;

[GenerateSerializer, Immutable, Alias("hub.op.archive-card")]
public sealed record ArchiveCard([property: Id(0)] string CardId) : BoardOp;

[GenerateSerializer, Immutable, Alias("hub.op.restore-card")]
public sealed record RestoreCard([property: Id(0)] string CardId) : BoardOp;

[GenerateSerializer, Immutable, Alias("hub.op.add-checklist-item")]
public sealed record AddChecklistItem([property: Id(0)] string CardId, [property: Id(1)] string ItemId, [property: Id(2)] string Text) : BoardOp;

/// <summary>Sets every field of a checklist item.</summary>
[GenerateSerializer, Immutable, Alias("hub.op.update-checklist-item")]
public sealed record UpdateChecklistItem([property: Id(0)] string CardId, [property: Id(1)] string ItemId, [property: Id(2)] string Text, [property: Id(3)] bool Done, [property: Id(4)] string? AssigneeId) : BoardOp;

[GenerateSerializer, Immutable, Alias("hub.op.remove-checklist-item")]
public sealed record RemoveChecklistItem([property: Id(0)] string CardId, [property: Id(1)] string ItemId) : BoardOp;

[GenerateSerializer, Immutable, Alias("hub.op.add-comment")]
public sealed record AddComment([property: Id(0)] string CardId, [property: Id(1)] string CommentId, [property: Id(2)] string Text) : BoardOp;

/// <summary>Only the author edits or deletes a comment.</summary>
[GenerateSerializer, Immutable, Alias("hub.op.edit-comment")]
public sealed record EditComment([property: Id(0)] string CardId, [property: Id(1)] string CommentId, [property: Id(2)] string Text) : BoardOp;

[GenerateSerializer, Immutable, Alias("hub.op.delete-comment")]
public sealed record DeleteComment([property: Id(0)] string CardId, [property: Id(1)] string CommentId) : BoardOp;

/// <summary>
/// Made by the board itself when a person deletes their account: their name leaves every comment (shown as
/// "Tidligere deltager"), and they are no longer an owner or an assignee. Clients never send it.
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.op.forget-person")]
public sealed record ForgetPerson([property: Id(0)] string UserId) : BoardOp;

/// <summary>Hub only: a training cohort gives one of its teams a practice assignment — a card in the board's first
/// column, labelled with the module, linked back to the cohort. A card id already on the board changes nothing.</summary>
[GenerateSerializer, Immutable, Alias("hub.board-op.add-cohort-card")]
public sealed record AddCohortCard(
    [property: Id(0)] string CardId,
    [property: Id(1)] string Title,
    [property: Id(2)] string VolunteerTasks,
    [property: Id(3)] string StaffTasks,
    [property: Id(4)] ImmutableArray<string> Labels,
    [property: Id(5)] DateTimeOffset? EndsAt,
    [property: Id(6)] Guid CohortId,
    [property: Id(7)] string CohortName,
    [property: Id(8)] string AssignmentId,
    [property: Id(9)] string TeamId,
    [property: Id(10)] string Description) : BoardOp;
