namespace Hub.Contracts.Boards;

/// <summary>The limits of a board; docs/protocol.md states them, and operations beyond them are refused.</summary>
public static class BoardLimits
{
    public const int IdMax = 64;
    public const int BoardNameMax = 120;
    public const int ColumnTitleMax = 80;
    public const int ColumnsMax = 30;
    public const int CardsMax = 2000;
    public const int CardTitleMax = 200;
    public const int DescriptionMax = 20_000;
    public const int PlaceMax = 200;
    public const int TasksMax = 4000;
    public const int OwnersMax = 20;
    public const int LabelsMax = 20;
    public const int LabelMax = 40;
    public const int ChecklistMax = 100;
    public const int ChecklistTextMax = 500;
    public const int CommentsMax = 500;
    public const int CommentMax = 4000;

    /// <summary>The most operations a board's history shows (a run of one person's description edits of one card
    /// counts once).</summary>
    public const int HistoryMax = 100;
}
