using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Hub.Contracts.Boards;
using Hub.Tests.Boards;
using Hub.Tests.Infrastructure;
using Hub.Web.Live;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hub.Tests.Live;

/// <summary>
/// A push is serialized once per document per web node, not once per connection: the fanout sends a document's
/// operations to its SignalR group in one call, and SignalR serializes that message once per protocol and writes the
/// same bytes to every connection (SerializedHubMessage). Counted with Hub's own JSON protocol wrapped in one that
/// counts the Committed messages it writes, on a real node with real connections.
/// </summary>
public sealed class PushSerializationTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"hub-push-{Guid.NewGuid():N}");
    private WebNode _node = null!;

    public async Task InitializeAsync() =>
        _node = await WebNode.StartEmbeddedWithServicesAsync(Path.Combine(_directory, "hub.db"), services =>
            services.AddSingleton<IHubProtocol>(sp => new CountingProtocol(new JsonHubProtocol(sp.GetRequiredService<IOptions<JsonHubProtocolOptions>>()))));

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Push_ToEightConnectionsOnABoard_IsSerializedOnce()
    {
        var anna = await _node.SignUpAsync("Anna");
        var bo = await _node.SignUpAsync("Bo");
        var boardId = (await BoardTestKit.PartnershipWithAsync(anna, bo)).Boards[0].BoardId;
        var clients = new List<BoardClient>();
        for (var i = 0; i < 8; i++)
        {
            clients.Add(await BoardClient.OpenAsync(i % 2 == 0 ? anna : bo, boardId));
        }

        try
        {
            var counter = _node.Services.GetServices<IHubProtocol>().OfType<CountingProtocol>().Single();
            var before = counter.Committed;

            var seq = (await clients[0].SubmitAsync(new AddCard("walk", "planned", "Gåtur", null))).Seq!.Value;
            foreach (var client in clients)
            {
                await client.WaitUntilAsync(c => c.Seq >= seq);
            }

            Assert.Equal(1, counter.Committed - before);
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    /// <summary>Hub's JSON protocol, counting the Committed pushes it serializes.</summary>
    private sealed class CountingProtocol(IHubProtocol inner) : IHubProtocol
    {
        private int _committed;

        public int Committed => Volatile.Read(ref _committed);

        public string Name => inner.Name;

        public int Version => inner.Version;

        public TransferFormat TransferFormat => inner.TransferFormat;

        public bool IsVersionSupported(int version) => inner.IsVersionSupported(version);

        public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message) =>
            inner.TryParseMessage(ref input, binder, out message);

        public void WriteMessage(HubMessage message, IBufferWriter<byte> output)
        {
            Count(message);
            inner.WriteMessage(message, output);
        }

        public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message)
        {
            Count(message);
            return inner.GetMessageBytes(message);
        }

        private void Count(HubMessage message)
        {
            if (message is InvocationMessage { Target: nameof(IBoardClient.Committed) })
            {
                Interlocked.Increment(ref _committed);
            }
        }
    }
}
