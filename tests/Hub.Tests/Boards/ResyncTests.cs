using Hub.Contracts.Boards;
using Hub.Contracts.Common;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Boards;

/// <summary>Clients that lose the connection, or send the same thing twice, end where everyone else is.</summary>
public sealed class ResyncTests(EmbeddedNode fixture) : IClassFixture<EmbeddedNode>
{
    [Fact]
    public async Task Join_AfterTheNetworkWasCutMidStream_CatchesUpToTheSameBoard()
    {
        var anna = await fixture.Node.SignUpAsync("Anna");
        var bo = await fixture.Node.SignUpAsync("Bo");
        var boardId = (await BoardTestKit.PartnershipWithAsync(anna, bo)).Boards[0].BoardId;
        await using var relay = new TcpRelay(fixture.Node.Address);
        await using var annaClient = await BoardClient.OpenAsync(anna, boardId);
        await using var boClient = await BoardClient.OpenAsync(bo, boardId, relay.Address);

        for (var i = 0; i < 5; i++)
        {
            await annaClient.SubmitAsync(new AddCard($"before{i}", "ideas", $"Før {i}", null));
        }

        await boClient.WaitUntilAsync(c => c.Seq == 5);
        relay.Cut(stayDown: true);
        for (var i = 0; i < 10; i++)
        {
            await annaClient.SubmitAsync(new AddCard($"during{i}", "planned", $"Imens {i}", 0));
            await annaClient.SubmitAsync(new MoveCard($"before{i % 5}", "doing", 0));
        }

        relay.Restore();

        await boClient.WaitUntilAsync(c => c.Seq == 25, TimeSpan.FromSeconds(20));
        Assert.True(boClient.Reconnections >= 1, "the relay cut should have forced a reconnect");
        var truth = await fixture.Node.Grains().GetGrain<IBoardGrain>(boardId).GetSnapshot(new Actor(anna.Me.UserId, "Anna"));
        Assert.Equal(25, truth.Seq);
        Assert.Equal(BoardTestKit.Describe(truth.Board), BoardTestKit.Describe(boClient.Board!));
        Assert.Equal(BoardTestKit.Describe(truth.Board), BoardTestKit.Describe(annaClient.Board!));
    }
}
