using Hub.Contracts.Boards;
using Hub.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Hub.Tests.Boards;

/// <summary>Two web nodes and a silo on PostgreSQL: the grains carry every change to every node, no backplane.</summary>
public sealed class CrossNodeTests(TwoNodeCluster cluster) : IClassFixture<TwoNodeCluster>
{
    [Fact]
    public async Task Submit_OnNodeB_ReachesAClientOnNodeA()
    {
        var anna = await cluster.NodeA.SignUpAsync("Anna");
        var bo = (await cluster.NodeA.SignUpAsync("Bo")).On(cluster.NodeB);
        var partnership = await BoardTestKit.PartnershipWithAsync(anna, bo);
        var boardId = partnership.Boards[0].BoardId;
        await using var onA = await BoardClient.OpenAsync(anna, boardId);
        await using var onB = await BoardClient.OpenAsync(bo, boardId);

        var result = await onB.SubmitAsync(new AddCard("walk", "planned", "Gåtur i parken", null));

        Assert.NotNull(result.Seq);
        await onA.WaitUntilAsync(c => c.Seq >= result.Seq && c.Board!.Cards.ContainsKey("walk"), TimeSpan.FromSeconds(5));
        await onB.WaitUntilAsync(c => c.Seq >= result.Seq);
        Assert.Equal(BoardTestKit.Describe(onB.Board!), BoardTestKit.Describe(onA.Board!));
    }

    [Fact]
    public async Task Presence_PeopleOnTwoNodes_EachSeesBoth()
    {
        var anna = await cluster.NodeA.SignUpAsync("Anna");
        var bo = (await cluster.NodeA.SignUpAsync("Bo")).On(cluster.NodeB);
        var partnership = await BoardTestKit.PartnershipWithAsync(anna, bo);
        var boardId = partnership.Boards[0].BoardId;

        await using var onA = await BoardClient.OpenAsync(anna, boardId);
        await using var onB = await BoardClient.OpenAsync(bo, boardId);

        await onA.WaitUntilAsync(c => c.Presence.Select(p => p.UserId).Distinct().Count() == 2);
        await onB.WaitUntilAsync(c => c.Presence.Select(p => p.UserId).Distinct().Count() == 2);
        var boOnA = Assert.Single(onA.Presence, p => p.UserId == bo.Me.UserId);
        Assert.Equal(Hub.Contracts.Partnerships.Side.VoluntaryOrganisation, boOnA.Side);
    }
}

/// <summary>Presence follows people: a closed tab leaves the board for everyone within seconds.</summary>
public sealed class PresenceTests(EmbeddedNode fixture) : IClassFixture<EmbeddedNode>
{
    [Fact]
    public async Task ClosedTab_DisappearsFromEveryonesPresenceWithinTenSeconds()
    {
        var anna = await fixture.Node.SignUpAsync("Anna");
        var bo = await fixture.Node.SignUpAsync("Bo");
        var boardId = (await BoardTestKit.PartnershipWithAsync(anna, bo)).Boards[0].BoardId;
        await using var annaBoard = await BoardClient.OpenAsync(anna, boardId);
        var boBoard = await BoardClient.OpenAsync(bo, boardId);
        await annaBoard.WaitUntilAsync(c => c.Presence.Any(p => p.UserId == bo.Me.UserId));

        await boBoard.DisposeAsync();

        await annaBoard.WaitUntilAsync(c => c.Presence.All(p => p.UserId != bo.Me.UserId), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Editing_ACard_ShowsOnTheOtherPersonsPresence()
    {
        var anna = await fixture.Node.SignUpAsync("Anna");
        var bo = await fixture.Node.SignUpAsync("Bo");
        var boardId = (await BoardTestKit.PartnershipWithAsync(anna, bo)).Boards[0].BoardId;
        await using var annaBoard = await BoardClient.OpenAsync(anna, boardId);
        await using var boBoard = await BoardClient.OpenAsync(bo, boardId);
        await boBoard.SubmitAsync(new AddCard("walk", "ideas", "Gåtur", null));

        await boBoard.Connection.InvokeAsync(nameof(Hub.Web.Live.BoardHub.Editing), boardId, "walk");

        await annaBoard.WaitUntilAsync(c => c.Presence.Any(p => p.UserId == bo.Me.UserId && p.Editing == "walk"));
    }
}
