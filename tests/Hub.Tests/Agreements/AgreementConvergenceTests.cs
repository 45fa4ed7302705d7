using Hub.Contracts.Agreements;
using Hub.Contracts.Common;
using Hub.Tests.Boards;
using Hub.Tests.Infrastructure;
using Hub.Tests.Text;

namespace Hub.Tests.Agreements;

/// <summary>
/// The property of TextConvergenceTests through the real thing: several people on two web nodes type, delete and
/// undo in one section at random moments, through SignalR and the agreement grain on PostgreSQL, and every client
/// ends with exactly the grain's text.
/// </summary>
public sealed class AgreementConvergenceTests(TwoNodeCluster cluster) : IClassFixture<TwoNodeCluster>
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task RandomEditsAndUndos_FromFourClientsOnTwoNodes_AllEndWithTheGrainsText(int seed)
    {
        var anna = await cluster.NodeA.SignUpAsync("Anna");
        var bo = await cluster.NodeA.SignUpAsync("Bo");
        var cy = await cluster.NodeA.SignUpAsync("Cy");
        var partnershipId = (await BoardTestKit.PartnershipWithAsync(anna, bo, cy)).Id;
        AgreementClient[] clients =
        [
            await AgreementClient.OpenAsync(anna, partnershipId),
            await AgreementClient.OpenAsync(bo.On(cluster.NodeB), partnershipId),
            await AgreementClient.OpenAsync(cy, partnershipId),
            await AgreementClient.OpenAsync(anna.On(cluster.NodeB), partnershipId),
        ];

        await Task.WhenAll(clients.Select((client, i) => Type(client, new Random((seed * 100) + i))));

        // Once every client has nothing unconfirmed, nothing more can be committed: the grain's text is final.
        foreach (var client in clients)
        {
            await client.WaitUntilAsync(c => c.IsSynchronized);
        }

        var truth = await cluster.NodeA.Grains().GetGrain<IAgreementGrain>(partnershipId).GetSnapshot(new Actor(anna.Me.UserId, "Anna"));
        foreach (var client in clients)
        {
            await client.WaitUntilAsync(c => c.Seq == truth.Seq);
        }

        Assert.All(clients, c => Assert.Equal(truth.Agreement.Sections[AgreementSection.Purpose], c.View));
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
    }

    /// <summary>Forty edits and undos at random moments, each from what this client sees then.</summary>
    private static async Task Type(AgreementClient client, Random random)
    {
        for (var i = 0; i < 40; i++)
        {
            switch (random.Next(10))
            {
                case 0:
                    client.Undo();
                    break;
                case 1:
                    client.Redo();
                    break;
                default:
                    client.Edit(view => TextTestKit.RandomEdit(random, view), mergeWithLast: random.Next(3) == 0);
                    break;
            }

            // Random pauses make the edits meet in every order; they stand in for a person's rhythm, not for waiting.
            await Task.Delay(random.Next(0, 25));
        }
    }
}
