using Hub.Contracts.Boards;
using Hub.Contracts.Common;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Boards;

/// <summary>
/// Property: whatever several clients on two web nodes send at the same time — valid or not, about cards
/// they have or have not seen yet — every client ends with exactly the board the grain has.
/// </summary>
public sealed class ConvergenceTests(TwoNodeCluster cluster) : IClassFixture<TwoNodeCluster>
{
    private const int OpsPerClient = 40;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task RandomConcurrentOps_FromFourClientsOnTwoNodes_AllEndWithTheGrainsBoard(int seed)
    {
        var anna = await cluster.NodeA.SignUpAsync("Anna");
        var bo = await cluster.NodeA.SignUpAsync("Bo");
        var cy = await cluster.NodeA.SignUpAsync("Cy");
        var boardId = (await BoardTestKit.PartnershipWithAsync(anna, bo, cy)).Boards[0].BoardId;
        BoardClient[] clients =
        [
            await BoardClient.OpenAsync(anna, boardId),
            await BoardClient.OpenAsync(bo.On(cluster.NodeB), boardId),
            await BoardClient.OpenAsync(cy, boardId),
            await BoardClient.OpenAsync(anna.On(cluster.NodeB), boardId),
        ];
        string[] members = [anna.Me.UserId, bo.Me.UserId, cy.Me.UserId];

        var outcomes = await Task.WhenAll(clients.Select((client, i) => Run(client, new Random((seed * 100) + i), members, $"s{seed}c{i}")));

        var truth = await cluster.NodeA.Grains().GetGrain<IBoardGrain>(boardId).GetSnapshot(new Actor(anna.Me.UserId, "Anna"));
        Assert.Equal(outcomes.Sum(o => o.Applied), truth.Seq);
        Assert.True(outcomes.Sum(o => o.Refused) > 0, "the random mix should include refused operations");
        foreach (var client in clients)
        {
            await client.WaitUntilAsync(c => c.Seq == truth.Seq);
            Assert.Equal(BoardTestKit.Describe(truth.Board), BoardTestKit.Describe(client.Board!));
            await client.DisposeAsync();
        }
    }

    private static async Task<(int Applied, int Refused)> Run(BoardClient client, Random random, string[] members, string prefix)
    {
        var (applied, refused) = (0, 0);
        for (var i = 0; i < OpsPerClient; i++)
        {
            var result = await client.SubmitAsync(RandomOp(client.Board!, random, members, $"{prefix}n{i}"));
            if (result.Seq is not null)
            {
                applied++;
            }
            else
            {
                Assert.NotNull(result.ErrorCode);
                refused++;
            }
        }

        return (applied, refused);
    }

    /// <summary>An operation chosen from what this client sees now (which may already be out of date).</summary>
    private static BoardOp RandomOp(Board view, Random random, string[] members, string newId)
    {
        var columns = view.Columns.Select(c => c.Id).Append("no-such-column").ToArray();
        var cards = view.Cards.Keys.Append("no-such-card").ToArray();
        string Pick(string[] from) => from[random.Next(from.Length)];
        var card = Pick(cards);
        var items = view.Cards.TryGetValue(card, out var c) ? c.Checklist.Select(x => x.Id).Append("x").ToArray() : ["x"];
        var comments = c?.Comments.Select(x => x.Id).Append("x").ToArray() ?? ["x"];

        return random.Next(20) switch
        {
            < 5 => new AddCard(newId, Pick(columns), $"Kort {newId}", random.Next(4) == 0 ? null : random.Next(6)),
            < 10 => new MoveCard(card, Pick(columns), random.Next(6)),
            < 12 => new SetCardText(card, (CardTextField)random.Next(5), $"Tekst {random.Next(1000)}"),
            12 => new ArchiveCard(card),
            13 => new RestoreCard(card),
            14 => random.Next(3) switch
            {
                0 => new AddColumn(newId, $"Kolonne {newId}", random.Next(6)),
                1 => new RenameColumn(Pick(columns), $"Navn {random.Next(100)}"),
                _ => new MoveColumn(Pick(columns), random.Next(6)),
            },
            15 => new AddChecklistItem(card, newId, "Punkt"),
            16 => new UpdateChecklistItem(card, Pick(items), "Gjort", random.Next(2) == 0, random.Next(2) == 0 ? null : Pick(members)),
            17 => new AddComment(card, newId, "Kommentar"),
            18 => new DeleteComment(card, Pick(comments)),
            _ => new SetCardOwners(card, [.. members.Where(_ => random.Next(2) == 0)]),
        };
    }
}
