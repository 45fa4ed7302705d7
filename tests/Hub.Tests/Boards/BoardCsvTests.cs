using System.Collections.Immutable;
using System.Text;
using Hub.Contracts.Boards;
using Hub.Web.Boards;

namespace Hub.Tests.Boards;

/// <summary>A board as CSV: what a spreadsheet gets, byte for byte where it matters.</summary>
[Trait("Tier", "Fast")]
public sealed class BoardCsvTests
{
    private static readonly DateTimeOffset Created = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Write_ABoard_GivesABomHeaderAndOneRowPerCardInBoardOrderWithFormulasEscaped()
    {
        var walk = new Card("walk", "Gåtur; i \"skoven\"", "To linjer\nher", new DateTimeOffset(2027, 5, 4, 8, 0, 0, TimeSpan.Zero), null, "Byparken",
            ["anna", "gone"], "Går forrest", "Inviterer", ["udendørs", "bevægelse"],
            [new ChecklistItem("i1", "Rute", true, null), new ChecklistItem("i2", "Kaffe", false, null)], [], false, "anna", Created);
        var formula = new Card("sum", "=SUM(A1:A9)", "", null, null, "", [], "", "", [], [], [], true, "bo", Created);
        var board = new Board(Guid.NewGuid(), Guid.NewGuid(), "Plan", [new Column("ideas", "Idéer", false, ["sum", "walk"])],
            ImmutableDictionary<string, Card>.Empty.Add("walk", walk).Add("sum", formula));

        var bytes = BoardCsv.Write(board, new Dictionary<string, string> { ["anna"] = "Anna Hansen", ["bo"] = "Bo Jensen" });

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        var lines = text.Split("\r\n");
        Assert.Equal(string.Join(";", BoardCsv.Header), lines[0]);
        // The card that is not archived first; a separator, quote or line break is quoted; times in Danish time.
        Assert.Equal("Idéer;\"Gåtur; i \"\"skoven\"\"\";\"To linjer\nher\";2027-05-04 10:00;;Byparken;Anna Hansen, Tidligere deltager;"
            + "Går forrest;Inviterer;udendørs, bevægelse;1/2;0;;Anna Hansen;2026-12-03 13:00", lines[1]);
        Assert.Contains("'=SUM(A1:A9)", lines[2]);
        Assert.DoesNotContain(";=SUM", lines[2]);
        Assert.Contains(";ja;Bo Jensen;", lines[2]);
        Assert.Equal("", lines[3]);
    }

    [Theory]
    [InlineData("Aktivitetsplan", "Aktivitetsplan.csv")]
    [InlineData("Plan/2027: forår?", "Plan_2027_ forår_.csv")]
    [InlineData("///", "___.csv")]
    public void FileName_ABoardName_KeepsLettersDigitsAndSpaces(string name, string expected)
    {
        var board = new Board(Guid.NewGuid(), Guid.NewGuid(), name, [], ImmutableDictionary<string, Card>.Empty);

        Assert.Equal(expected, BoardCsv.FileName(board));
    }
}
