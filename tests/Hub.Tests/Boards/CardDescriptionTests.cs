using Hub.Contracts.Boards;
using Hub.Contracts.Common;
using Hub.Contracts.Live;
using Hub.Contracts.Partnerships;
using Hub.Contracts.Text;
using Hub.Grains.Text;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Boards;

/// <summary>A card's description is shared text: edits from one base merge, the committed op is the transformed one,
/// and the limits hold. On SQLite and on PostgreSQL.</summary>
public abstract class CardDescriptionTests<TCluster>(TCluster cluster) : IClassFixture<TCluster> where TCluster : GrainCluster
{
    private static readonly Actor Anna = new("anna", "Anna");
    private static readonly Actor Bo = new("bo", "Bo");

    [Fact]
    public async Task EditCardDescription_TwoEditsFromOneBase_BothAreKeptAndTheLaterIsCommittedTransformed()
    {
        var (board, baseSeq) = await BoardWithCard("Vi går");

        var first = await board.Submit(Anna, Id("anna"), new EditCardDescription("walk", baseSeq, TextOps.Replace(6, 6, 0, " sammen")));
        var second = await board.Submit(Bo, Id("bo"), new EditCardDescription("walk", baseSeq, TextOps.Replace(6, 0, 0, "Om tirsdagen: ")));

        var snapshot = await board.GetSnapshot(Anna);
        Assert.Equal("Om tirsdagen: Vi går sammen", snapshot.Board.Cards["walk"].Description);
        var sync = await board.Sync(Anna, baseSeq);
        var committed = (EditCardDescription)sync.Ops.Single(o => o.Seq == second.Seq).Op;
        Assert.Equal(second.Seq - 1, committed.Base);
        Assert.Equal(TextOps.Replace(13, 0, 0, "Om tirsdagen: "), committed.Op);
        Assert.Equal(first.Seq, ((EditCardDescription)sync.Ops.Single(o => o.Seq == first.Seq).Op).Base + 1);
    }

    [Fact]
    public async Task SetCardText_Description_IsRefusedBecauseItWouldOverwriteTyping()
    {
        var (board, _) = await BoardWithCard("Vi går");

        var result = await board.Submit(Anna, Id("anna"), new SetCardText("walk", CardTextField.Description, "Overskrevet"));

        Assert.Equal(ErrorCodes.Validation, result.ErrorCode);
        Assert.Equal("Vi går", (await board.GetSnapshot(Anna)).Board.Cards["walk"].Description);
    }

    [Fact]
    public async Task EditCardDescription_BeyondTheMaximum_IsRefusedAndChangesNothing()
    {
        var (board, baseSeq) = await BoardWithCard("Vi går");
        var before = await board.GetSnapshot(Anna);

        var result = await board.Submit(Anna, Id("anna"), new EditCardDescription("walk", baseSeq, TextOps.Replace(6, 6, 0, new string('x', BoardLimits.DescriptionMax - 5))));

        Assert.Equal(ErrorCodes.Limit, result.ErrorCode);
        var after = await board.GetSnapshot(Anna);
        Assert.Equal(before.Seq, after.Seq);
        Assert.Equal("Vi går", after.Board.Cards["walk"].Description);
    }

    [Fact]
    public async Task EditCardDescription_BaseOlderThanTheHistory_IsRefusedAsStale()
    {
        var (board, baseSeq) = await BoardWithCard("");
        var text = "";
        for (var i = 0; i <= TextLimits.HistoryMax; i++)
        {
            var snapshot = await board.GetSnapshot(Anna);
            var result = await board.Submit(Anna, Id("anna"), new EditCardDescription("walk", snapshot.Seq, TextOps.Replace(text.Length, text.Length, 0, "x")));
            Assert.NotNull(result.Seq);
            text += "x";
        }

        var stale = await board.Submit(Bo, Id("bo"), new EditCardDescription("walk", baseSeq, TextOps.Replace(0, 0, 0, "y")));

        Assert.Equal(ErrorCodes.Stale, stale.ErrorCode);
        var board2 = (await board.GetSnapshot(Anna)).Board;
        Assert.Equal(text, board2.Cards["walk"].Description);
        Assert.Equal(TextLimits.HistoryMax, board2.Texts!.Edits.Length);
    }

    [Fact]
    public async Task Description_AcrossARestartOfEverySilo_IsIntactAndStillMerges()
    {
        var (board, baseSeq) = await BoardWithCard("Kaffe");

        await cluster.RestartAsync();
        board = cluster.Grains.GetGrain<IBoardGrain>(board.GetPrimaryKey());
        // Composed before "Kaffe" was typed, at the same place: transformed over the history the restart kept,
        // and placed after the text committed earlier.
        var result = await board.Submit(Bo, Id("bo"), new EditCardDescription("walk", baseSeq - 1, TextOps.Replace(0, 0, 0, "te")));

        Assert.NotNull(result.Seq);
        Assert.Equal("Kaffete", (await board.GetSnapshot(Anna)).Board.Cards["walk"].Description);
    }

    /// <summary>A board with card "walk" whose description is <paramref name="description"/>; returns the seq after it.</summary>
    private async Task<(IBoardGrain Board, long Seq)> BoardWithCard(string description)
    {
        var partnership = cluster.Grains.GetGrain<IPartnershipGrain>(Guid.NewGuid());
        var created = await partnership.Create(Anna, new PartnershipDetails { Name = "Samarbejde", Municipality = "Testrup" }, Side.Municipality);
        await partnership.PutMember(Anna, Bo.UserId, Bo.DisplayName, Side.VoluntaryOrganisation, MemberRole.Member);
        var board = cluster.Grains.GetGrain<IBoardGrain>(created.Boards[0].BoardId);
        var added = await board.Submit(Anna, Id("anna"), new AddCard("walk", "ideas", "Gåtur", null));
        if (description.Length == 0)
        {
            return (board, added.Seq!.Value);
        }

        var typed = await board.Submit(Anna, Id("anna"), new EditCardDescription("walk", added.Seq!.Value, TextOps.Replace(0, 0, 0, description)));
        Assert.True(typed.Seq is not null, typed.Error);
        return (board, typed.Seq!.Value);
    }

    private readonly Dictionary<string, long> _numbers = [];

    private OpId Id(string client)
    {
        _numbers[client] = _numbers.GetValueOrDefault(client) + 1;
        return new OpId($"{client}-{GetHashCode():x}", _numbers[client]);
    }
}

[Trait("Tier", "Fast")]
public sealed class CardDescriptionOnSqliteTests(SqliteGrainCluster cluster) : CardDescriptionTests<SqliteGrainCluster>(cluster);

public sealed class CardDescriptionOnPostgresTests(PostgresGrainCluster cluster) : CardDescriptionTests<PostgresGrainCluster>(cluster);
