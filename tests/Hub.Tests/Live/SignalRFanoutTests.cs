using Hub.Contracts.Boards;
using Hub.Grains.Text;
using Hub.Tests.Boards;
using Hub.Tests.Infrastructure;
using Hub.Web.Live;
using Microsoft.AspNetCore.SignalR.Client;

namespace Hub.Tests.Live;

/// <summary>
/// One connection that dies without closing must not hold up a web node. The server keeps such a connection
/// for a stateful reconnect and buffers what is sent to it; once that buffer is full, a send to it waits until
/// the server gives the connection up (seconds later). The node's pushes and presence must not wait with it.
/// In cluster mode, where the node's grain observer takes one message at a time.
/// </summary>
public sealed class SignalRFanoutTests(TwoNodeCluster cluster) : IClassFixture<TwoNodeCluster>
{
    /// <summary>Sent to a held connection until its reconnect buffer (1 MB, WebSetup) is surely full.</summary>
    private const int FillBytes = 1_500_000;

    private const int Chunk = 15_000;

    [Fact]
    public async Task Pushes_ADeadConnectionsBufferIsFullAndPresenceChanges_KeepReachingTheOtherConnections()
    {
        var anna = await cluster.NodeA.SignUpAsync("Anna");
        var bo = await cluster.NodeA.SignUpAsync("Bo");
        var boardId = (await BoardTestKit.PartnershipWithAsync(anna, bo)).Boards[0].BoardId;
        await using var writer = await BoardClient.OpenAsync(anna, boardId);
        await using var reader = await BoardClient.OpenAsync(bo, boardId);
        await using var relay = new TcpRelay(cluster.NodeA.Address);
        await using var dead = await BoardClient.OpenAsync(bo, boardId, relay.Address);
        var seq = (await writer.SubmitAsync(new AddCard("walk", "planned", "Gåtur", null))).Seq!.Value;

        // The phone loses its network: the server holds its connection for a reconnect that never comes.
        relay.Cut(stayDown: true);
        for (var sent = 0; sent < FillBytes; sent += Chunk)
        {
            seq = (await writer.SubmitAsync(new EditCardDescription("walk", seq, TextOps.Replace(0, 0, 0, new string('x', Chunk))))).Seq!.Value;
            seq = (await writer.SubmitAsync(new EditCardDescription("walk", seq, TextOps.Replace(Chunk, 0, Chunk, "")))).Seq!.Value;
        }

        await reader.WaitUntilAsync(c => c.Seq >= seq, TimeSpan.FromSeconds(30));

        // Presence changes (each one goes to the dead connection too), and every edit still reaches the reader.
        for (var round = 0; round < 6; round++)
        {
            await writer.Connection.InvokeAsync(nameof(BoardHub.Editing), boardId, round % 2 == 0 ? "walk" : null);
            var title = $"Gåtur {round}";
            var result = await writer.SubmitAsync(new SetCardText("walk", CardTextField.Title, title));
            await reader.WaitUntilAsync(c => c.Seq >= result.Seq && c.Board!.Cards["walk"].Title == title, TimeSpan.FromSeconds(4));
        }

        await reader.WaitUntilAsync(c => c.Presence.Any(p => p.UserId == anna.Me.UserId && p.Editing is null), TimeSpan.FromSeconds(4));
    }
}
