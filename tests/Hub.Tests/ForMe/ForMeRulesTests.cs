using System.Collections.Immutable;
using Hub.Contracts.Agreements;
using Hub.Contracts.Boards;
using Hub.Contracts.ForMe;
using Hub.Contracts.Text;
using Hub.Grains.Boards;
using Hub.Grains.ForMe;

namespace Hub.Tests.ForMe;

[Trait("Tier", "Fast")]
public sealed class ForMeRulesTests
{
    private static readonly DateTimeOffset Now = new(2027, 3, 10, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo Copenhagen = TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");

    private static Card NewCard(string id, string owner, bool archived = false, DateTimeOffset? endsAt = null) =>
        new(id, $"Kort {id}", "", null, endsAt, "", [owner], "", "", [], [], [], archived, owner, Now);

    private static Board BoardWith(params (string Column, Card Card)[] cards)
    {
        var board = BoardReducer.NewBoard(Guid.NewGuid(), Guid.NewGuid(), "Aktiviteter");
        foreach (var (column, card) in cards)
        {
            board = board with
            {
                Cards = board.Cards.Add(card.Id, card),
                Columns = [.. board.Columns.Select(c => c.Id == column ? c with { CardIds = c.CardIds.Add(card.Id) } : c)],
            };
        }

        return board;
    }

    [Fact]
    public void Cards_OwnedOpenCards_ListedButNotArchivedDoneOrOthers()
    {
        var board = BoardWith(
            ("planned", NewCard("a", "mona")),
            ("planned", NewCard("b", "ali")),
            ("doing", NewCard("c", "mona", archived: true)),
            ("done", NewCard("d", "mona")));

        var mine = ForMeRules.Cards(board, "Partnerskab", "mona").ToList();

        Assert.Equal(["a"], mine.Select(c => c.CardId));
        Assert.Equal("Planlagt", mine[0].ColumnTitle);
    }

    [Fact]
    public void Order_MixedDates_NearestFirstUndatedLast()
    {
        MyCard Card(string id, DateTimeOffset? due) => new(Guid.Empty, "", Guid.Empty, "", id, id, "", due);

        var ordered = ForMeRules.Order([Card("none", null), Card("later", Now.AddDays(9)), Card("soon", Now.AddDays(1))]);

        Assert.Equal(["soon", "later", "none"], ordered.Select(c => c.CardId));
    }

    private static Agreement AgreementWith(string purpose, params AgreementParty[] approved) =>
        new(Guid.NewGuid(), ImmutableDictionary<AgreementSection, string>.Empty.Add(AgreementSection.Purpose, purpose), RecordCheck.Unknown,
            [.. approved.Select(p => new Approval(p, "u", "U", Now, 3))], [], [], null, 3, TextHistory.Empty);

    [Fact]
    public void Waits_BlankDraft_DoesNotWait() =>
        Assert.False(ForMeRules.Waits(AgreementWith("  "), AgreementParty.Municipality));

    [Fact]
    public void Waits_TextWithoutOurApproval_Waits() =>
        Assert.True(ForMeRules.Waits(AgreementWith("Vi mødes.", AgreementParty.Voluntary), AgreementParty.Municipality));

    [Fact]
    public void Waits_OurSideApproved_DoesNotWait() =>
        Assert.False(ForMeRules.Waits(AgreementWith("Vi mødes.", AgreementParty.Municipality), AgreementParty.Municipality));

    [Fact]
    public void Waits_UnchangedSinceFrozenVersion_DoesNotWait()
    {
        var agreement = AgreementWith("Vi mødes.") with { Latest = new AgreementVersion(1, 3, Now, [], ImmutableDictionary<AgreementSection, string>.Empty, RecordCheck.Unknown) };

        Assert.False(ForMeRules.Waits(agreement, AgreementParty.Voluntary));
    }

    [Fact]
    public void ForDigest_UndatedFarCardsAndLongInvites_LeftOut()
    {
        MyCard Card(string id, DateTimeOffset? due) => new(Guid.Empty, "", Guid.Empty, "", id, id, "", due);
        OpenInvite Invite(int days) => new(Guid.Empty, "", Guid.NewGuid(), null, Now.AddDays(days));
        var list = new ForMeList([Card("overdue", Now.AddDays(-3)), Card("week", Now.AddDays(6)), Card("far", Now.AddDays(20)), Card("none", null)],
            [], [Invite(1), Invite(10)]);

        var digest = ForMeRules.ForDigest(list, Now);

        Assert.Equal(["overdue", "week"], digest.Cards.Select(c => c.CardId));
        Assert.Single(digest.Invites);
        Assert.True(ForMeRules.IsEmpty(ForMeRules.ForDigest(new ForMeList([Card("far", Now.AddDays(20))], [], [Invite(10)]), Now)));
    }

    [Fact]
    public void DigestDue_OncePerLocalDayFromTheSendHour()
    {
        // 08:00 UTC is 09:00 in Copenhagen in March.
        Assert.True(ForMeRules.DigestDue(null, Now, Copenhagen, 7));
        Assert.False(ForMeRules.DigestDue(null, Now, Copenhagen, 10));
        Assert.False(ForMeRules.DigestDue(ForMeRules.LocalDay(Now, Copenhagen), Now.AddHours(5), Copenhagen, 7));
        Assert.True(ForMeRules.DigestDue(ForMeRules.LocalDay(Now, Copenhagen), Now.AddDays(1), Copenhagen, 7));
    }
}
