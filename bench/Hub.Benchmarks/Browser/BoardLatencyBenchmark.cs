using System.Globalization;
using System.Text.Json;
using Hub.Tests.Browser;
using Xunit.Abstractions;

namespace Hub.Benchmarks.Browser;

/// <summary>
/// How long one person's edit takes to reach another person's screen, browser to browser: 100 new cards made
/// in one page, each timed from the form's submit in that page to the moment the card's title is in the other
/// page's DOM (a MutationObserver). Both pages run in one Chromium on one machine, so
/// performance.timeOrigin + performance.now() is one clock. docs/performance.md records the figures.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BoardLatencyBenchmark(BrowserFixture fixture, ITestOutputHelper output)
{
    private const int Edits = 100;

    private const string WatchScript = """
        () => {
          window.__seen = {};
          const look = () => {
            const now = performance.timeOrigin + performance.now();
            for (const el of document.querySelectorAll('.card-title')) {
              const m = /^edit-(\d+)$/.exec(el.textContent);
              if (m && !(m[1] in window.__seen)) window.__seen[m[1]] = now;
            }
          };
          new MutationObserver(look).observe(document.body, { childList: true, subtree: true, characterData: true });
        }
        """;

    private const string StampScript = """
        () => {
          window.__sent = {};
          document.addEventListener('submit', (e) => {
            const input = e.target.querySelector('input[name=title]');
            const m = input && /^edit-(\d+)$/.exec(input.value);
            if (m) window.__sent[m[1]] = performance.timeOrigin + performance.now();
          }, true);
        }
        """;

    [Fact]
    public async Task EditLatency_BrowserToBrowser_P50UnderASecond()
    {
        await using var anna = await fixture.SignUpAsync("Anna Hansen");
        await using var bo = await fixture.SignUpAsync("Bo Jensen");
        var (partnershipId, boardId) = await anna.CreatePartnershipAsync("Måling");
        await anna.AddMemberAsync(partnershipId, bo);
        var sender = new BoardPage(anna.Page);
        var receiver = new BoardPage(bo.Page);
        await sender.OpenAsync(boardId);
        await receiver.OpenAsync(boardId);
        await anna.Page.EvaluateAsync(StampScript);
        await bo.Page.EvaluateAsync(WatchScript);

        // A few edits first, so the measurement starts warm (JIT, grain activation, first render paths).
        for (var i = 0; i < 5; i++)
        {
            await sender.AddCardAsync("I gang", $"warm-{i}");
        }

        await bo.Page.WaitForFunctionAsync("() => document.querySelectorAll('.card-title').length >= 5");

        for (var i = 0; i < Edits; i++)
        {
            await sender.AddCardAsync("Idéer", $"edit-{i}");
            await bo.Page.WaitForFunctionAsync($"() => '{i}' in window.__seen", null, new() { Timeout = 5000 });
        }

        var sent = await anna.Page.EvaluateAsync<Dictionary<string, double>>("() => window.__sent");
        var seen = await bo.Page.EvaluateAsync<Dictionary<string, double>>("() => window.__seen");
        var latencies = Enumerable.Range(0, Edits).Select(i => seen[$"{i}"] - sent[$"{i}"]).Order().ToArray();
        double Percentile(double p) => latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(p * latencies.Length) - 1)];
        var summary = new
        {
            edits = Edits,
            p50Ms = Math.Round(Percentile(0.50), 1),
            p90Ms = Math.Round(Percentile(0.90), 1),
            p99Ms = Math.Round(Percentile(0.99), 1),
            minMs = Math.Round(latencies[0], 1),
            maxMs = Math.Round(latencies[^1], 1),
            date = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            cores = Environment.ProcessorCount,
        };
        var text = JsonSerializer.Serialize(summary);
        output.WriteLine($"Board edit latency (browser to browser): {text}");

        // bench/results is gitignored: the figures that matter are copied into docs/performance.md by hand.
        var results = Path.Combine(RepositoryRoot(), "bench", "results");
        Directory.CreateDirectory(results);
        await File.WriteAllTextAsync(Path.Combine(results, "board-edit-latency.json"), text);

        Assert.All(latencies, l => Assert.True(l > 0, "an edit was seen before it was made: the clocks differ"));
        Assert.True(summary.p50Ms < 1000, $"p50 {summary.p50Ms} ms");
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Hub.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? Path.GetTempPath();
    }
}
