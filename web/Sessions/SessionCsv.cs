using System.Globalization;
using CsvHelper;
using Hub.Contracts.Partnerships;
using Hub.Contracts.Sessions;

namespace Hub.Web.Sessions;

/// <summary>
/// One poll as a spreadsheet: one table, first its result rows ("Resultat": an option, a scale value, a word or a
/// text with its count), then — only for a named poll — one row per answer set ("Svar") with the participant's name
/// and side. An anonymous poll's file has no answer rows and no participant identifier. Written like the board's
/// export (semicolons, byte order mark, formula-like cells escaped) so Danish Excel opens it safely.
/// </summary>
public static class SessionCsv
{
    public static readonly string[] Header = ["Spørgsmål", "Række", "Svar", "Antal", "Navn", "Side", "Tidspunkt", "Godkendt"];

    private const string Result = "Resultat";
    private const string Answer = "Svar";
    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");
    private static readonly TimeZoneInfo Copenhagen = TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");

    public static byte[] Write(PollExport export)
    {
        ArgumentNullException.ThrowIfNull(export);
        var poll = export.Poll;
        var tally = export.Tally;
        var options = CsvWriterOptions.Default with { Separator = ';', Injection = CsvInjection.Escape, WriteByteOrderMark = true };
        using var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, options, leaveOpen: true))
        {
            csv.WriteHeader(Header);
            void Row(string kind, string answer, string count, string name = "", string side = "", string at = "", string approved = "") =>
                csv.WriteRecord([poll.Question, kind, answer, count, name, side, at, approved]);

            Row("Besvarelser", "", Count(tally.Answers));
            switch (poll.Kind)
            {
                case PollKind.Single or PollKind.Multiple:
                    for (var i = 0; i < poll.Options.Length; i++)
                    {
                        Row(Result, poll.Options[i], Count(tally.Options.ElementAtOrDefault(i)));
                    }

                    break;
                case PollKind.Scale:
                    for (var s = 0; s < poll.Statements.Length && s < tally.Scale.Length; s++)
                    {
                        var statement = tally.Scale[s];
                        for (var v = 0; v < statement.Counts.Length; v++)
                        {
                            Row(Result, $"{poll.Statements[s]}: {poll.ScaleMin + v}", Count(statement.Counts[v]));
                        }

                        Row(Result, $"{poll.Statements[s]}: spring over", Count(statement.Skipped));
                        Row("Gennemsnit", poll.Statements[s], statement.Average is { } average ? average.ToString("0.##", Danish) : "");
                    }

                    break;
                default:
                    foreach (var entry in tally.Ranked)
                    {
                        Row(Result, entry.Text, Count(entry.Count));
                    }

                    break;
            }

            foreach (var named in export.Answers)
            {
                Row(Answer, AnswerText(poll, named.Answer), "", named.Name, SideName(named.Side), When(named.Answer.At), named.Answer.Approved ? "ja" : "nej");
            }
        }

        return stream.ToArray();
    }

    /// <summary>"Hvad-tager-du-med.csv": the question with what a file name may not hold taken out.</summary>
    public static string FileName(Poll poll)
    {
        ArgumentNullException.ThrowIfNull(poll);
        var safe = new string([.. poll.Question.Take(60).Select(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_' ? c : '_')]).Trim();
        return $"{(safe.Length == 0 ? "afstemning" : safe)}.csv";
    }

    private static string AnswerText(Poll poll, PollAnswer answer) => poll.Kind switch
    {
        PollKind.Single or PollKind.Multiple => string.Join(", ", answer.Choices.Where(c => c >= 0 && c < poll.Options.Length).Select(c => poll.Options[c])),
        PollKind.Scale => string.Join("; ", answer.Scale.Select((v, i) =>
            $"{poll.Statements.ElementAtOrDefault(i)}: {(v is { } value ? value.ToString(CultureInfo.InvariantCulture) : "spring over")}")),
        PollKind.WordCloud => string.Join(", ", answer.Words),
        _ => answer.Text,
    };

    private static string SideName(Side? side) => side switch
    {
        Side.Municipality => "Kommune",
        Side.VoluntaryOrganisation => "Frivillig organisation",
        Side.VolunteerCentre => "Frivilligcenter",
        _ => "",
    };

    private static string Count(int count) => count.ToString(CultureInfo.InvariantCulture);

    private static string When(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, Copenhagen).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
