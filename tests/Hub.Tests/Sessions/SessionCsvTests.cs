using System.Text;
using Hub.Contracts.Partnerships;
using Hub.Contracts.Sessions;
using Hub.Web.Sessions;

namespace Hub.Tests.Sessions;

/// <summary>A poll's CSV: result rows for every kind, answer rows with names only when the export carries them
/// (the grain gives none for an anonymous poll), and cells that look like formulas escaped.</summary>
[Trait("Tier", "Fast")]
public sealed class SessionCsvTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 13, 5, 0, TimeSpan.Zero);

    [Fact]
    public void Write_NamedSingleChoicePoll_HasTheTallyAndOneRowPerAnswerWithNameAndSide()
    {
        var poll = Poll(PollKind.Single, anonymous: false) with { Options = ["Godt", "=Skidt"] };
        var answer = new PollAnswer("sp_abc", "a1", [1], [], [], "", true, At);
        var export = new PollExport(poll, new PollTally("p", 1, [0, 1], [], []), [new NamedAnswer("Anna", Side.Municipality, answer)]);

        var lines = Lines(SessionCsv.Write(export));

        Assert.Equal("Spørgsmål;Række;Svar;Antal;Navn;Side;Tidspunkt;Godkendt", lines[0]);
        Assert.Equal("Hvordan gik det?;Besvarelser;;1;;;;", lines[1]);
        Assert.Equal("Hvordan gik det?;Resultat;Godt;0;;;;", lines[2]);
        // A cell that starts like a formula is escaped, so opening the file runs nothing.
        Assert.Equal("Hvordan gik det?;Resultat;\"'=Skidt\";1;;;;", lines[3]);
        Assert.Equal("Hvordan gik det?;Svar;\"'=Skidt\";;Anna;Kommune;2026-12-03 14:05:00;ja", lines[4]);
        Assert.Equal(5, lines.Length);
        Assert.DoesNotContain("sp_abc", string.Join("\n", lines));
    }

    [Fact]
    public void Write_AnonymousScalePoll_HasCountsSkipsAndAveragesAndNoAnswerRows()
    {
        var poll = Poll(PollKind.Scale, anonymous: true) with { Statements = ["Vi lytter"], ScaleMin = 1, ScaleMax = 5 };
        var export = new PollExport(poll, new PollTally("p", 3, [], [new ScaleTally([0, 0, 1, 1, 0], 1, 3.5)], []), []);

        var lines = Lines(SessionCsv.Write(export));

        Assert.Equal("Hvordan gik det?;Resultat;Vi lytter: 3;1;;;;", lines[4]);
        Assert.Equal("Hvordan gik det?;Resultat;Vi lytter: spring over;1;;;;", lines[7]);
        Assert.Equal("Hvordan gik det?;Gennemsnit;Vi lytter;3,5;;;;", lines[8]);
        Assert.Equal(9, lines.Length);
        Assert.DoesNotContain(lines[1..], l => l.Contains(";Svar;", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_WordCloud_ListsEveryRankedWord()
    {
        var poll = Poll(PollKind.WordCloud, anonymous: true);
        var export = new PollExport(poll, new PollTally("p", 2, [], [], [new RankedEntry("tillid", 2), new RankedEntry("ro; og tid", 1)]), []);

        var lines = Lines(SessionCsv.Write(export));

        Assert.Equal(["Hvordan gik det?;Resultat;tillid;2;;;;", "Hvordan gik det?;Resultat;\"ro; og tid\";1;;;;"], lines[2..]);
        Assert.Equal("Hvordan-gik-det_.csv", SessionCsv.FileName(poll with { Question = "Hvordan-gik-det?" }));
    }

    private static Poll Poll(PollKind kind, bool anonymous) =>
        new("p", kind, "Hvordan gik det?", [], 1, [], 0, 0, "", "", anonymous, false, true, false, 0);

    private static string[] Lines(byte[] csv)
    {
        Assert.Equal([0xEF, 0xBB, 0xBF], csv[..3]);
        return Encoding.UTF8.GetString(csv, 3, csv.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.TrimEnd('\n')).ToArray();
    }
}
