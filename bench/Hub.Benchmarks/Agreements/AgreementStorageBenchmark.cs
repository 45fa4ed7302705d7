using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Hub.Contracts.Agreements;
using Hub.Contracts.Text;
using Hub.Tests.Agreements;
using Hub.Tests.Infrastructure;
using Xunit.Abstractions;
using static Hub.Tests.Agreements.AgreementTestKit;

namespace Hub.Benchmarks.Agreements;

/// <summary>
/// The stored size of an agreement after 100,000 edits: small edits (a character typed, or one deleted once the
/// section holds 500) to one section, submitted through the agreement grain on the test cluster with SQLite
/// storage, 50 at a time against one base (the grain transforms them), from the same 50 clients throughout. The
/// size is the byte length of the agreement's row in hub_grain_state.payload, read after 1,000, 10,000 and 100,000
/// edits: it must not grow with the number of edits. docs/performance.md records the figures.
/// </summary>
public sealed class AgreementStorageBenchmark(SqliteGrainCluster cluster, ITestOutputHelper output) : IClassFixture<SqliteGrainCluster>
{
    [Fact]
    public async Task StoredSize_After100000Edits_IsAsSmallAsAfter1000()
    {
        var agreement = await NewAgreementAsync(cluster.Grains);
        var key = agreement.GetPrimaryKey();
        var random = new Random(100_000);
        var watch = Stopwatch.StartNew();
        var sizes = new Dictionary<int, long>();
        var done = 0;
        foreach (var checkpoint in new[] { 1_000, 10_000, 100_000 })
        {
            await AgreementGrainTests<SqliteGrainCluster>.EditsAsync(agreement, random, checkpoint - done);
            done = checkpoint;
            sizes[checkpoint] = await StoredBytesAsync(cluster.Database, "agreement", key);
        }

        var snapshot = await agreement.GetSnapshot(Anna);
        var summary = new
        {
            edits = done,
            seq = snapshot.Seq,
            sectionChars = snapshot.Agreement.Sections[AgreementSection.Purpose].Length,
            historyEntries = snapshot.Agreement.Texts.Edits.Length,
            bytesAfter1000 = sizes[1_000],
            bytesAfter10000 = sizes[10_000],
            bytesAfter100000 = sizes[100_000],
            seconds = Math.Round(watch.Elapsed.TotalSeconds, 1),
            date = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        var text = JsonSerializer.Serialize(summary);
        output.WriteLine($"Agreement stored size: {text}");
        var results = Path.Combine(Bench.RepositoryRoot(), "bench", "results");
        Directory.CreateDirectory(results);
        await File.WriteAllTextAsync(Path.Combine(results, "agreement-stored-size.json"), text);

        Assert.Equal(100_000, snapshot.Seq);
        Assert.Equal(TextLimits.HistoryMax, snapshot.Agreement.Texts.Edits.Length);
        Assert.InRange(sizes[100_000], sizes[1_000] - 1024, sizes[1_000] + 1024);
    }
}
