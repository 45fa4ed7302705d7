using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Hub.Contracts.Live;
using Hub.Grains.Text;
using Hub.Tests.Agreements;
using Hub.Tests.Boards;
using Xunit.Abstractions;

namespace Hub.Benchmarks.Agreements;

/// <summary>
/// Remote echo latency of a keystroke with ten people typing in one section at once. Ten SignalR .NET clients (the
/// real hub, web node, agreement grain and SQLite on this machine) each type one character at a random place every
/// 100–150 ms, through the same OT client as the browser (<see cref="Hub.Tests.Text.OtClient"/>: one operation in flight,
/// keystrokes made meanwhile composed and sent together). A keystroke's latency, for each of the nine others, is
/// from the moment it was typed to the moment that other client has applied the committed operation carrying it
/// (one Stopwatch, one process). docs/performance.md records the figures.
/// </summary>
public sealed class AgreementLatencyBenchmark(EmbeddedNode fixture, ITestOutputHelper output) : IClassFixture<EmbeddedNode>
{
    private const int Typists = 10;
    private static readonly TimeSpan Typing = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task KeystrokeEchoLatency_TenTypistsInOneSection_P50UnderHalfASecond()
    {
        var people = new List<Hub.Tests.Infrastructure.UserSession>();
        for (var i = 0; i < Typists; i++)
        {
            people.Add(await fixture.Node.SignUpAsync($"Skriver {i}"));
        }

        var partnershipId = (await BoardTestKit.PartnershipWithAsync(people[0], [.. people.Skip(1)])).Id;
        var clock = Stopwatch.StartNew();
        var keystrokesOf = new ConcurrentDictionary<OpId, double[]>();
        var latencies = new ConcurrentBag<double>();
        var clients = new List<AgreementClient>();
        foreach (var person in people)
        {
            var client = await AgreementClient.OpenAsync(person, partnershipId);
            var typed = new List<double>();
            var last = Array.Empty<double>();
            client.OnSent = (id, _) =>
            {
                // What goes out is everything typed since the last send (a composed buffer), or, when nothing was
                // typed since, the same operation again (a resend after "stale").
                last = typed.Count > 0 ? [.. typed] : last;
                typed.Clear();
                keystrokesOf[id] = last;
            };
            client.OnCommitted = committed =>
            {
                if (committed.Id.ClientId != client.ClientId && keystrokesOf.TryGetValue(committed.Id, out var keys))
                {
                    var now = clock.Elapsed.TotalMilliseconds;
                    foreach (var key in keys.Where(k => k >= WarmUp.TotalMilliseconds))
                    {
                        latencies.Add(now - key);
                    }
                }
            };
            clients.Add(client);
            _typed[client] = typed;
        }

        var keystrokes = await Task.WhenAll(clients.Select((client, i) => TypeAsync(client, new Random(i), clock)));
        foreach (var client in clients)
        {
            await client.WaitUntilAsync(c => c.IsSynchronized, TimeSpan.FromSeconds(30));
        }

        var finalSeq = clients.Max(c => c.Seq);
        foreach (var client in clients)
        {
            await client.WaitUntilAsync(c => c.Seq == finalSeq && c.IsSynchronized, TimeSpan.FromSeconds(30));
        }

        Assert.Single(clients.Select(c => c.View).Distinct());
        var sorted = latencies.Order().ToArray();
        double Percentile(double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        var summary = new
        {
            typists = Typists,
            seconds = Typing.TotalSeconds,
            keystrokes = keystrokes.Sum(),
            operations = finalSeq,
            samples = sorted.Length,
            p50Ms = Math.Round(Percentile(0.50), 1),
            p90Ms = Math.Round(Percentile(0.90), 1),
            p99Ms = Math.Round(Percentile(0.99), 1),
            maxMs = Math.Round(sorted[^1], 1),
            date = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            cores = Environment.ProcessorCount,
        };
        var text = JsonSerializer.Serialize(summary);
        output.WriteLine($"Agreement keystroke echo latency, {Typists} typists in one section: {text}");
        var results = Path.Combine(Bench.RepositoryRoot(), "bench", "results");
        Directory.CreateDirectory(results);
        await File.WriteAllTextAsync(Path.Combine(results, "agreement-typing-latency.json"), text);

        // Every keystroke reached every other typist (nine samples each, after the warm-up).
        Assert.True(sorted.Length >= (keystrokes.Sum() - (Typists * WarmUp.TotalSeconds * 10)) * (Typists - 1), $"{sorted.Length} samples");
        Assert.True(summary.p50Ms < 500, $"p50 {summary.p50Ms} ms");
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
    }

    private readonly ConcurrentDictionary<AgreementClient, List<double>> _typed = new();

    /// <summary>One character at a random place every 100–150 ms for the typing time; returns how many.</summary>
    private async Task<int> TypeAsync(AgreementClient client, Random random, Stopwatch clock)
    {
        var count = 0;
        var until = clock.Elapsed + Typing;
        while (clock.Elapsed < until)
        {
            await Task.Delay(random.Next(100, 151));
            var letter = ((char)('a' + random.Next(26))).ToString();
            client.Edit(view =>
            {
                // Under the client's lock: the keystroke's time is taken as it is made.
                _typed[client].Add(clock.Elapsed.TotalMilliseconds);
                return TextOps.Replace(view.Length, random.Next(view.Length + 1), 0, letter);
            });
            count++;
        }

        return count;
    }
}
