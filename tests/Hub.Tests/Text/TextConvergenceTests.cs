using Hub.Contracts.Common;
using Hub.Contracts.Live;
using Hub.Contracts.Text;
using Hub.Grains.Text;

namespace Hub.Tests.Text;

/// <summary>
/// Property: however several people type, delete and undo at once — with messages delayed, pushes arriving out of
/// order, operations refused as stale or too long — every client ends with exactly the server's text. The server
/// here is simulated but uses the grain's own <see cref="SharedText.Edit"/>; AgreementConvergenceTests runs the
/// same clients through the real grain and hub.
/// </summary>
[Trait("Tier", "Fast")]
public sealed class TextConvergenceTests
{
    [Theory]
    [InlineData(3, 1000, TextLimits.HistoryMax, 10_000)]
    [InlineData(4, 1000, 4, 10_000)]
    [InlineData(5, 600, TextLimits.HistoryMax, 40)]
    [InlineData(3, 600, 3, 30)]
    public void RandomEditsUndosAndDelays_ManyCases_EveryClientEndsWithTheServersText(int clients, int cases, int historyMax, int maxLength)
    {
        var refusals = new Dictionary<string, int>();
        for (var seed = 0; seed < cases; seed++)
        {
            var random = new Random(seed * 7919 + clients);
            var world = new World(clients, historyMax, maxLength, random);
            var steps = random.Next(20, 120);
            for (var i = 0; i < steps; i++)
            {
                world.Step(allowEdits: true);
            }

            world.Drain();

            foreach (var peer in world.Peers)
            {
                Assert.True(peer.Client.IsSynchronized, $"case {seed}: client {peer.Name} still has unconfirmed edits");
                Assert.Equal(world.Server.Text, peer.Client.Confirmed);
                Assert.Equal(world.Server.Text, peer.Client.View);
            }

            foreach (var (code, count) in world.Server.Refusals)
            {
                refusals[code] = refusals.GetValueOrDefault(code) + count;
            }
        }

        // The small histories and lengths are there to take the refusal paths often.
        Assert.Equal(historyMax < 10, refusals.GetValueOrDefault(ErrorCodes.Stale) > 0);
        Assert.Equal(maxLength < 100, refusals.GetValueOrDefault(ErrorCodes.Limit) > 0);
    }

    [Fact]
    public void ConcurrentTypingAtOnePlace_NoEdits_KeepsEveryCharacterInGrainOrder()
    {
        var random = new Random(42);
        var world = new World(3, TextLimits.HistoryMax, 10_000, random);
        foreach (var peer in world.Peers)
        {
            peer.Client.Edit(TextOps.Replace(0, 0, 0, peer.Name));
        }

        world.Drain();

        var text = world.Server.Text;
        Assert.Equal(world.Peers.Sum(p => p.Name.Length), text.Length);
        Assert.All(world.Peers, p => Assert.Contains(p.Name, text, StringComparison.Ordinal));
        Assert.All(world.Peers, p => Assert.Equal(text, p.Client.View));
    }

    /// <summary>The server: the grain's rules without Orleans (seq, history, refusals).</summary>
    public sealed class SimServer(int historyMax, int maxLength)
    {
        public string Text { get; private set; } = "";

        public long Seq { get; private set; }

        public TextHistory History { get; private set; } = TextHistory.Empty;

        public Dictionary<string, int> Refusals { get; } = [];

        public (long Seq, string? Code) Submit(OpId id, long baseSeq, TextOp op)
        {
            try
            {
                var edit = SharedText.Edit(Text, History, "text", baseSeq, op, id, Seq + 1, maxLength, "text", historyMax);
                Seq++;
                (Text, History) = (edit.Text, edit.History);
                Committed?.Invoke(Seq, id, edit.Committed);
                return (Seq, null);
            }
            catch (HubRefusedException refused)
            {
                Refusals[refused.Code] = Refusals.GetValueOrDefault(refused.Code) + 1;
                return (0, refused.Code);
            }
        }

        public event Action<long, OpId, TextOp>? Committed;
    }

    /// <summary>A client and its two directions of network: operations waiting to reach the server, and pushes and
    /// answers waiting to reach the client (pushes may overtake each other within a small window).</summary>
    public sealed class Peer
    {
        private long _number;

        public Peer(string name)
        {
            Name = name;
            Client = new OtClient("", 0, (baseSeq, op) =>
            {
                var id = new OpId(name, ++_number);
                Outbox.Enqueue((id, baseSeq, op));
                return id;
            });
        }

        public string Name { get; }

        public OtClient Client { get; }

        public Queue<(OpId Id, long Base, TextOp Op)> Outbox { get; } = new();

        public List<(long Seq, OpId Id, TextOp Op)> Pushes { get; } = [];

        public Queue<(OpId Id, string Code)> Refusals { get; } = new();

        public SortedDictionary<long, (OpId Id, TextOp Op)> Arrived { get; } = [];

        public void Receive(int index)
        {
            var push = Pushes[index];
            Pushes.RemoveAt(index);
            Arrived[push.Seq] = (push.Id, push.Op);
            while (Arrived.Remove(Client.Seq + 1, out var next))
            {
                Client.Committed(Client.Seq + 1, next.Id, next.Op);
            }
        }
    }

    private sealed class World
    {
        private readonly Random _random;

        public World(int clients, int historyMax, int maxLength, Random random)
        {
            _random = random;
            Server = new SimServer(historyMax, maxLength);
            Peers = [.. Enumerable.Range(0, clients).Select(i => new Peer($"p{i}"))];
            Server.Committed += (seq, id, op) => Peers.ForEach(p => p.Pushes.Add((seq, id, op)));
        }

        public SimServer Server { get; }

        public List<Peer> Peers { get; }

        /// <summary>One random event: someone edits (or undoes, or redoes), an operation reaches the server, a
        /// push reaches a client, or an answer does.</summary>
        public bool Step(bool allowEdits)
        {
            var peer = Peers[_random.Next(Peers.Count)];
            switch (_random.Next(10))
            {
                case < 3 when allowEdits:
                    var roll = _random.Next(10);
                    if (roll == 0)
                    {
                        peer.Client.Undo();
                    }
                    else if (roll == 1)
                    {
                        peer.Client.Redo();
                    }
                    else
                    {
                        peer.Client.Edit(TextTestKit.RandomEdit(_random, peer.Client.View), mergeWithLast: _random.Next(3) == 0);
                    }

                    return true;
                case < 6 when peer.Outbox.Count > 0:
                    var (id, baseSeq, op) = peer.Outbox.Dequeue();
                    var (_, code) = Server.Submit(id, baseSeq, op);
                    if (code is not null)
                    {
                        peer.Refusals.Enqueue((id, code));
                    }

                    return true;
                case < 9 when peer.Pushes.Count > 0:
                    peer.Receive(_random.Next(Math.Min(3, peer.Pushes.Count)));
                    return true;
                case 9 when peer.Refusals.Count > 0:
                    var refusal = peer.Refusals.Dequeue();
                    peer.Client.Refused(refusal.Id, refusal.Code);
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>No more edits: deliver everything until nothing moves.</summary>
        public void Drain()
        {
            var idle = 0;
            for (var i = 0; i < 1_000_000 && idle < 200; i++)
            {
                var busy = Peers.Any(p => p.Outbox.Count > 0 || p.Pushes.Count > 0 || p.Refusals.Count > 0);
                idle = busy ? 0 : idle + 1;
                Step(allowEdits: false);
            }

            Assert.All(Peers, p => Assert.Empty(p.Outbox));
        }
    }
}
