using System.Collections.Immutable;
using Hub.Contracts.Boards;
using Hub.Contracts.Common;
using Hub.Grains.Boards;

namespace Hub.Tests.Boards;

/// <summary>The search rule on its own: which cards a query finds on one board, and what it refuses.</summary>
[Trait("Tier", "Fast")]
public sealed class BoardSearchTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    private static Card Card(string id, string title, string description = "", string place = "", params string[] labels) =>
        new(id, title, description, null, null, place, [], "", "", [.. labels], [], [], false, "anna", At);

    private static Board Board() => new(Guid.NewGuid(), Guid.NewGuid(), "Aktivitetsplan",
        [
            new Column("ideas", "Idéer", false, ["a", "b", "c"]),
            new Column("old", "Gammelt", true, ["d"]),
        ],
        ImmutableDictionary<string, Card>.Empty
            .Add("a", Card("a", "Gåtur i skoven"))
            .Add("b", Card("b", "Strikkecafé", description: "Vi mødes i Æblehaven"))
            .Add("c", Card("c", "Løb", labels: "Bevægelse"))
            .Add("d", Card("d", "Gåtur om vinteren")));

    [Theory]
    [InlineData("gåtur", new[] { "a", "d" })]
    [InlineData("ÆBLEHAVEN", new[] { "b" })]
    [InlineData("bevæg", new[] { "c" })]
    [InlineData("gåtur skoven", new[] { "a" })]
    [InlineData("svømning", new string[0])]
    public void Find_AQuery_FindsTheCardsHoldingEveryWordIgnoringCase(string query, string[] expected)
    {
        Assert.Equal(expected, BoardSearch.Find(Board(), query).Select(h => h.CardId));
    }

    [Fact]
    public void Find_ACardInAnArchivedColumn_IsMarkedArchivedAndComesLast()
    {
        var hits = BoardSearch.Find(Board(), "gåtur");

        Assert.Equal([("a", false, "Idéer"), ("d", true, "Gammelt")], hits.Select(h => (h.CardId, h.Archived, h.ColumnTitle)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Find_NoQuery_IsRefusedAsValidation(string? query)
    {
        var refused = Assert.Throws<HubRefusedException>(() => BoardSearch.Find(Board(), query));

        Assert.Equal(ErrorCodes.Validation, refused.Code);
    }

    [Fact]
    public void Find_AQueryOverTheLimit_IsRefusedAsValidation()
    {
        var refused = Assert.Throws<HubRefusedException>(() => BoardSearch.Find(Board(), new string('a', CardSearchLimits.QueryMax + 1)));

        Assert.Equal(ErrorCodes.Validation, refused.Code);
    }

    [Fact]
    public void Find_ManyMatches_StopsAtTheLimitPerBoard()
    {
        var cards = Enumerable.Range(0, CardSearchLimits.HitsPerBoardMax + 5).Select(i => Card($"c{i}", $"Møde {i}")).ToList();
        var board = new Board(Guid.NewGuid(), Guid.NewGuid(), "Mange", [new Column("ideas", "Idéer", false, [.. cards.Select(c => c.Id)])],
            cards.ToImmutableDictionary(c => c.Id));

        Assert.Equal(CardSearchLimits.HitsPerBoardMax, BoardSearch.Find(board, "møde").Length);
    }
}
