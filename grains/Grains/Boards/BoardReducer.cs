using System.Collections.Immutable;
using Hub.Contracts.Boards;
using Hub.Contracts.Cohorts;
using Hub.Contracts.Common;
using Hub.Grains.Common;
using static Hub.Grains.Common.FieldRules;
using Hub.Contracts.Live;
using Hub.Contracts.Text;
using Hub.Grains.Text;

namespace Hub.Grains.Boards;

/// <summary>
/// How each board operation changes a board, or why it may not. Pure: the same board and operation give
/// the same result, which is what lets every client converge on the grain's order.
/// </summary>
public static class BoardReducer
{
    /// <summary>The columns a new board starts with: ideas, planned, in progress, done.</summary>
    public static Board NewBoard(Guid boardId, Guid partnershipId, string name) =>
        new(boardId, partnershipId, name,
            [
                new Column("ideas", "Idéer", false, []),
                new Column("planned", "Planlagt", false, []),
                new Column("doing", "I gang", false, []),
                new Column("done", "Afsluttet", false, []),
            ],
            ImmutableDictionary<string, Card>.Empty);

    /// <summary>
    /// Applies one operation that becomes number <paramref name="seq"/>, sent as <paramref name="id"/>. Returns
    /// the board after it and the operation as committed: a description edit transformed against the edits
    /// committed since its base, any other operation as it came.
    /// </summary>
    public static (Board Board, BoardOp Committed) Apply(Board board, Actor actor, OpId id, long seq, BoardOp op, DateTimeOffset now, IReadOnlySet<string> members) =>
        op is EditCardDescription edit ? EditDescription(board, id, seq, edit) : (Apply(board, actor, op, now, members), op);

    /// <summary>Applies one operation; the partnership's members are given because card owners and checklist
    /// assignees must be among them. Description edits need their sequence number: see the overload above.</summary>
    public static Board Apply(Board board, Actor actor, BoardOp op, DateTimeOffset now, IReadOnlySet<string> members) => op switch
    {
        RenameBoard o => board with { Name = Line(o.Name, BoardLimits.BoardNameMax, "name") },
        AddColumn o => AddColumn(board, o),
        RenameColumn o => UpdateColumn(board, o.ColumnId, c => c with { Title = Line(o.Title, BoardLimits.ColumnTitleMax, "title") }),
        MoveColumn o => MoveColumn(board, o),
        ArchiveColumn o => UpdateColumn(board, o.ColumnId, c => c with { Archived = true }),
        RestoreColumn o => UpdateColumn(board, o.ColumnId, c => c with { Archived = false }),
        AddCard o => AddCard(board, actor, o, now),
        SetCardText o => UpdateCard(board, o.CardId, c => SetText(c, o)),
        EditCardDescription => throw Invalid("type", "En beskrivelse ændres med sit sekvensnummer.", "A description edit needs its sequence number."),
        SetCardSchedule o => UpdateCard(board, o.CardId, c => SetSchedule(c, o)),
        SetCardOwners o => UpdateCard(board, o.CardId, c => c with { OwnerIds = People(o.OwnerIds, members) }),
        SetCardLabels o => UpdateCard(board, o.CardId, c => c with { Labels = Labels(o.Labels) }),
        MoveCard o => MoveCard(board, o),
        ArchiveCard o => UpdateCard(board, o.CardId, c => c with { Archived = true }),
        RestoreCard o => UpdateCard(board, o.CardId, c => c with { Archived = false }),
        AddChecklistItem o => UpdateCard(board, o.CardId, c => AddItem(c, o)),
        UpdateChecklistItem o => UpdateCard(board, o.CardId, c => UpdateItem(c, o, members)),
        RemoveChecklistItem o => UpdateCard(board, o.CardId, c => c with { Checklist = c.Checklist.RemoveAt(ItemIndex(c, o.ItemId)) }),
        AddComment o => UpdateCard(board, o.CardId, c => AddComment(c, actor, o, now)),
        EditComment o => UpdateCard(board, o.CardId, c => EditComment(c, actor, o, now)),
        DeleteComment o => UpdateCard(board, o.CardId, c => c with { Comments = c.Comments.RemoveAt(OwnCommentIndex(c, actor, o.CommentId)) }),
        ForgetPerson o when actor.UserId == SystemUserId => Forget(board, o.UserId),
        ForgetPerson => throw new HubRefusedException(ErrorCodes.Forbidden, "Kun Hub selv kan det. / Only Hub itself can do that."),
        AddCohortCard o when actor.UserId == SystemUserId => WithCohortCard(board, o, now),
        AddCohortCard => throw new HubRefusedException(ErrorCodes.Forbidden, "Kun Hub selv kan det. / Only Hub itself can do that."),
        null => throw Invalid("op", "Operationen mangler.", "The operation is missing."),
        _ => throw Invalid("type", "Ukendt operation.", "Unknown operation."),
    };

    /// <summary>The id ops made by the board itself carry.</summary>
    public const string SystemUserId = "system";

    /// <summary>Who a deleted account becomes on boards.</summary>
    public const string FormerParticipantId = "former-participant";
    public const string FormerParticipantName = "Tidligere deltager";

    private static Board Forget(Board board, string userId) => board with
    {
        Cards = board.Cards.ToImmutableDictionary(p => p.Key, p => p.Value with
        {
            OwnerIds = p.Value.OwnerIds.Remove(userId),
            CreatedBy = p.Value.CreatedBy == userId ? FormerParticipantId : p.Value.CreatedBy,
            Checklist = [.. p.Value.Checklist.Select(i => i.AssigneeId == userId ? i with { AssigneeId = null } : i)],
            Comments = [.. p.Value.Comments.Select(c => c.AuthorId == userId ? c with { AuthorId = FormerParticipantId, AuthorName = FormerParticipantName } : c)],
        }),
    };

    private static Board AddColumn(Board board, AddColumn op)
    {
        Id(op.ColumnId, "columnId");
        if (board.Columns.Count >= BoardLimits.ColumnsMax)
        {
            throw Limit($"Højst {BoardLimits.ColumnsMax} kolonner.", $"At most {BoardLimits.ColumnsMax} columns.");
        }

        if (board.Columns.Any(c => c.Id == op.ColumnId))
        {
            throw new HubRefusedException(ErrorCodes.Conflict, "Kolonnen findes allerede. / The column already exists.", "columnId");
        }

        var column = new Column(op.ColumnId, Line(op.Title, BoardLimits.ColumnTitleMax, "title"), false, []);
        return board with { Columns = board.Columns.Insert(Position(op.Index, board.Columns.Count), column) };
    }

    private static Board MoveColumn(Board board, MoveColumn op)
    {
        var index = ColumnIndex(board, op.ColumnId);
        var column = board.Columns[index];
        var rest = board.Columns.RemoveAt(index);
        return board with { Columns = rest.Insert(Position(op.Index, rest.Count), column) };
    }

    private static Board UpdateColumn(Board board, string columnId, Func<Column, Column> change)
    {
        var index = ColumnIndex(board, columnId);
        return board with { Columns = board.Columns.SetItem(index, change(board.Columns[index])) };
    }

    private static Board AddCard(Board board, Actor actor, AddCard op, DateTimeOffset now)
    {
        Id(op.CardId, "cardId");
        if (board.Cards.Count >= BoardLimits.CardsMax)
        {
            throw Limit($"Højst {BoardLimits.CardsMax} kort på en tavle.", $"At most {BoardLimits.CardsMax} cards on a board.");
        }

        if (board.Cards.ContainsKey(op.CardId))
        {
            throw new HubRefusedException(ErrorCodes.Conflict, "Kortet findes allerede. / The card already exists.", "cardId");
        }

        var columnIndex = ColumnIndex(board, op.ColumnId);
        var column = board.Columns[columnIndex];
        var card = new Card(op.CardId, Line(op.Title, BoardLimits.CardTitleMax, "title"), "", null, null, "", [], "", "", [], [], [], false, actor.UserId, now);
        column = column with { CardIds = column.CardIds.Insert(Position(op.Index, column.CardIds.Count), op.CardId) };
        return board with { Columns = board.Columns.SetItem(columnIndex, column), Cards = board.Cards.Add(op.CardId, card) };
    }

    private static Board WithCohortCard(Board board, AddCohortCard op, DateTimeOffset now)
    {
        Id(op.CardId, "cardId");
        if (board.Cards.ContainsKey(op.CardId))
        {
            return board;
        }

        if (board.Cards.Count >= BoardLimits.CardsMax)
        {
            throw Limit($"Højst {BoardLimits.CardsMax} kort på en tavle.", $"At most {BoardLimits.CardsMax} cards on a board.");
        }

        var columnIndex = board.Columns.FindIndex(c => !c.Archived);
        if (columnIndex < 0)
        {
            throw new HubRefusedException(ErrorCodes.Conflict, "Tavlen har ingen åben kolonne. / The board has no open column.");
        }

        var column = board.Columns[columnIndex];
        var card = new Card(op.CardId, Line(op.Title, BoardLimits.CardTitleMax, "title"), FreeText(op.Description, BoardLimits.DescriptionMax, "description"),
            null, op.EndsAt, "", [], FreeText(op.VolunteerTasks, BoardLimits.TasksMax, "volunteerTasks"), FreeText(op.StaffTasks, BoardLimits.TasksMax, "staffTasks"),
            Labels(op.Labels), [], [], false, SystemUserId, now)
        {
            Cohort = new CardCohortLink(op.CohortId, op.CohortName, op.AssignmentId, op.TeamId, column.Id),
        };
        return board with
        {
            Columns = board.Columns.SetItem(columnIndex, column with { CardIds = column.CardIds.Add(op.CardId) }),
            Cards = board.Cards.Add(op.CardId, card),
        };
    }

    /// <summary>Where a cohort's assignment card stands: removed when archived (or in an archived column, or gone),
    /// done in the last open column, not started while still in the column it was given in, in progress otherwise.</summary>
    public static (AssignmentStatus Status, string ColumnTitle) CohortCardStatus(Board board, string cardId)
    {
        ArgumentNullException.ThrowIfNull(board);
        var column = board.Columns.Find(c => c.CardIds.Contains(cardId));
        if (!board.Cards.TryGetValue(cardId, out var card) || card.Archived || column is null || column.Archived)
        {
            return (AssignmentStatus.CardRemoved, column?.Title ?? "");
        }

        var lastOpen = board.Columns.FindLast(c => !c.Archived);
        var status = column.Id == lastOpen?.Id ? AssignmentStatus.Done
            : column.Id == card.Cohort?.StartColumnId ? AssignmentStatus.NotStarted
            : AssignmentStatus.InProgress;
        return (status, column.Title);
    }

    private static Board MoveCard(Board board, MoveCard op)
    {
        CardOf(board, op.CardId);
        var toIndex = ColumnIndex(board, op.ToColumnId);
        var columns = board.Columns.Select(c => c.CardIds.Contains(op.CardId) ? c with { CardIds = c.CardIds.Remove(op.CardId) } : c).ToImmutableList();
        var target = columns[toIndex];
        columns = columns.SetItem(toIndex, target with { CardIds = target.CardIds.Insert(Position(op.Index, target.CardIds.Count), op.CardId) });
        return board with { Columns = columns };
    }

    private static Board UpdateCard(Board board, string cardId, Func<Card, Card> change) =>
        board with { Cards = board.Cards.SetItem(cardId, change(CardOf(board, cardId))) };

    private static Card SetText(Card card, SetCardText op) => op.Field switch
    {
        CardTextField.Title => card with { Title = Line(op.Value, BoardLimits.CardTitleMax, "title") },
        CardTextField.Description => throw Invalid("field", "Beskrivelsen ændres med editCardDescription.", "The description changes through editCardDescription."),
        CardTextField.Place => card with { Place = Line(op.Value, BoardLimits.PlaceMax, "place", allowEmpty: true) },
        CardTextField.VolunteerTasks => card with { VolunteerTasks = FreeText(op.Value, BoardLimits.TasksMax, "volunteerTasks") },
        CardTextField.StaffTasks => card with { StaffTasks = FreeText(op.Value, BoardLimits.TasksMax, "staffTasks") },
        _ => throw Invalid("field", "Ukendt felt.", "Unknown field."),
    };

    private static (Board, BoardOp) EditDescription(Board board, OpId id, long seq, EditCardDescription op)
    {
        var card = CardOf(board, op.CardId);
        var edit = SharedText.Edit(card.Description, board.Texts ?? TextHistory.Empty, op.CardId, op.Base, op.Op, id, seq, BoardLimits.DescriptionMax, "description");
        var next = board with { Cards = board.Cards.SetItem(op.CardId, card with { Description = edit.Text }), Texts = edit.History };
        return (next, op with { Base = seq - 1, Op = edit.Committed });
    }

    private static Card SetSchedule(Card card, SetCardSchedule op)
    {
        if (op.StartsAt is { } start && op.EndsAt is { } end && end < start)
        {
            throw Invalid("endsAt", "Slut ligger før start.", "The end is before the start.");
        }

        return card with { StartsAt = op.StartsAt, EndsAt = op.EndsAt };
    }

    private static Card AddItem(Card card, AddChecklistItem op)
    {
        Id(op.ItemId, "itemId");
        if (card.Checklist.Count >= BoardLimits.ChecklistMax)
        {
            throw Limit($"Højst {BoardLimits.ChecklistMax} punkter på en tjekliste.", $"At most {BoardLimits.ChecklistMax} checklist items.");
        }

        if (card.Checklist.Any(i => i.Id == op.ItemId))
        {
            throw new HubRefusedException(ErrorCodes.Conflict, "Punktet findes allerede. / The item already exists.", "itemId");
        }

        return card with { Checklist = card.Checklist.Add(new ChecklistItem(op.ItemId, Line(op.Text, BoardLimits.ChecklistTextMax, "text"), false, null)) };
    }

    private static Card UpdateItem(Card card, UpdateChecklistItem op, IReadOnlySet<string> members)
    {
        var index = ItemIndex(card, op.ItemId);
        if (op.AssigneeId is not null && !members.Contains(op.AssigneeId))
        {
            throw Invalid("assigneeId", "Den ansvarlige er ikke med i partnerskabet.", "The assignee is not a member of the partnership.");
        }

        var item = new ChecklistItem(op.ItemId, Line(op.Text, BoardLimits.ChecklistTextMax, "text"), op.Done, op.AssigneeId);
        return card with { Checklist = card.Checklist.SetItem(index, item) };
    }

    private static Card AddComment(Card card, Actor actor, AddComment op, DateTimeOffset now)
    {
        Id(op.CommentId, "commentId");
        if (card.Comments.Count >= BoardLimits.CommentsMax)
        {
            throw Limit($"Højst {BoardLimits.CommentsMax} kommentarer på et kort.", $"At most {BoardLimits.CommentsMax} comments on a card.");
        }

        if (card.Comments.Any(c => c.Id == op.CommentId))
        {
            throw new HubRefusedException(ErrorCodes.Conflict, "Kommentaren findes allerede. / The comment already exists.", "commentId");
        }

        var text = FreeText(op.Text, BoardLimits.CommentMax, "text");
        if (string.IsNullOrWhiteSpace(text))
        {
            throw Invalid("text", "Kommentaren er tom.", "The comment is empty.");
        }

        return card with { Comments = card.Comments.Add(new Comment(op.CommentId, actor.UserId, actor.DisplayName, now, text, null)) };
    }

    private static Card EditComment(Card card, Actor actor, EditComment op, DateTimeOffset now)
    {
        var index = OwnCommentIndex(card, actor, op.CommentId);
        var text = FreeText(op.Text, BoardLimits.CommentMax, "text");
        if (string.IsNullOrWhiteSpace(text))
        {
            throw Invalid("text", "Kommentaren er tom.", "The comment is empty.");
        }

        return card with { Comments = card.Comments.SetItem(index, card.Comments[index] with { Text = text, EditedAt = now }) };
    }

    private static int OwnCommentIndex(Card card, Actor actor, string commentId)
    {
        var index = card.Comments.FindIndex(c => c.Id == commentId);
        if (index < 0)
        {
            throw NotFound("Kommentaren findes ikke.", "The comment does not exist.");
        }

        if (card.Comments[index].AuthorId != actor.UserId)
        {
            throw new HubRefusedException(ErrorCodes.Forbidden,
                "Du kan kun ændre dine egne kommentarer. / You can only change your own comments.");
        }

        return index;
    }

    private static ImmutableList<string> People(ImmutableArray<string> ids, IReadOnlySet<string> members)
    {
        if (ids.IsDefault)
        {
            throw Invalid("ownerIds", "Ejerne mangler.", "The owners are missing.");
        }

        if (ids.Length > BoardLimits.OwnersMax)
        {
            throw Limit($"Højst {BoardLimits.OwnersMax} ejere.", $"At most {BoardLimits.OwnersMax} owners.");
        }

        if (ids.Any(id => id is null || !members.Contains(id)))
        {
            throw Invalid("ownerIds", "En ejer er ikke med i partnerskabet.", "An owner is not a member of the partnership.");
        }

        return [.. ids.Distinct()];
    }

    private static ImmutableList<string> Labels(ImmutableArray<string> labels)
    {
        if (labels.IsDefault)
        {
            throw Invalid("labels", "Mærkerne mangler.", "The labels are missing.");
        }

        if (labels.Length > BoardLimits.LabelsMax)
        {
            throw Limit($"Højst {BoardLimits.LabelsMax} mærker.", $"At most {BoardLimits.LabelsMax} labels.");
        }

        return [.. labels.Select(l => Line(l, BoardLimits.LabelMax, "labels")).Distinct(StringComparer.Ordinal)];
    }

    private static int ColumnIndex(Board board, string columnId)
    {
        var index = board.Columns.FindIndex(c => c.Id == columnId);
        return index >= 0 ? index : throw NotFound("Kolonnen findes ikke.", "The column does not exist.");
    }

    private static Card CardOf(Board board, string cardId) =>
        cardId is not null && board.Cards.TryGetValue(cardId, out var card) ? card : throw NotFound("Kortet findes ikke.", "The card does not exist.");

    private static int ItemIndex(Card card, string itemId)
    {
        var index = card.Checklist.FindIndex(i => i.Id == itemId);
        return index >= 0 ? index : throw NotFound("Punktet findes ikke.", "The checklist item does not exist.");
    }

    private static void Id(string? id, string field) => FieldRules.Id(id, field, BoardLimits.IdMax);
}
