using System.Globalization;
using CsvHelper;
using Hub.Contracts.Boards;

namespace Hub.Web.Boards;

/// <summary>
/// A board as a spreadsheet: one row per card, column by column in board order, archived ones last and marked.
/// Semicolons and a byte order mark, so Danish Excel opens it in columns with æ, ø and å intact (LibreOffice and
/// Google Sheets read it too); a cell that starts like a formula is escaped, so opening a card titled "=…"
/// runs nothing (docs/decisions/021-board-design.md).
/// </summary>
public static class BoardCsv
{
    public static readonly string[] Header =
    [
        "Kolonne", "Titel", "Beskrivelse", "Start", "Slut", "Sted", "Ansvarlige", "Frivilliges opgaver",
        "Medarbejderes opgaver", "Mærker", "Tjekliste", "Kommentarer", "Arkiveret", "Oprettet af", "Oprettet",
    ];

    public static byte[] Write(Board board, IReadOnlyDictionary<string, string> names)
    {
        var options = CsvWriterOptions.Default with { Separator = ';', Injection = CsvInjection.Escape, WriteByteOrderMark = true };
        using var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, options, leaveOpen: true))
        {
            csv.WriteHeader(Header);
            foreach (var column in board.Columns.OrderBy(c => c.Archived))
            {
                foreach (var card in column.CardIds.Select(id => board.Cards.GetValueOrDefault(id)).OfType<Card>().OrderBy(c => c.Archived))
                {
                    csv.WriteRecord(
                    [
                        column.Title, card.Title, card.Description, When(card.StartsAt), When(card.EndsAt), card.Place,
                        string.Join(", ", card.OwnerIds.Select(id => Name(names, id))), card.VolunteerTasks, card.StaffTasks,
                        string.Join(", ", card.Labels),
                        card.Checklist.Count == 0 ? "" : $"{card.Checklist.Count(i => i.Done)}/{card.Checklist.Count}",
                        card.Comments.Count.ToString(CultureInfo.InvariantCulture),
                        card.Archived || column.Archived ? "ja" : "", Name(names, card.CreatedBy), When(card.CreatedAt),
                    ]);
                }
            }
        }

        return stream.ToArray();
    }

    /// <summary>Someone no longer in the partnership (or a deleted account) is named as the board names them.</summary>
    private static string Name(IReadOnlyDictionary<string, string> names, string id) => names.GetValueOrDefault(id) ?? "Tidligere deltager";

    /// <summary>"Aktivitetsplan.csv": the board's name with what a file name may not hold taken out.</summary>
    public static string FileName(Board board)
    {
        var safe = new string([.. board.Name.Select(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_' ? c : '_')]).Trim();
        return $"{(safe.Length == 0 ? "tavle" : safe)}.csv";
    }

    /// <summary>Times in Danish local time, as the people who planned them read them ("2026-12-04 14:00").</summary>
    private static string When(DateTimeOffset? at) =>
        at is { } value ? TimeZoneInfo.ConvertTime(value, Copenhagen).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "";

    private static readonly TimeZoneInfo Copenhagen = TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");
}
