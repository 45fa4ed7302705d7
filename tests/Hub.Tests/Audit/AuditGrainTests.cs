using System.Globalization;
using Hub.Contracts.Audit;
using Hub.Runtime.Storage;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Audit;

/// <summary>The audit trail in pages, on real grain storage: appends stay small however busy the day, and a read
/// page by page gives back every entry in order, also after the cluster restarts.</summary>
public abstract class AuditGrainTests<TCluster>(TCluster cluster) : IClassFixture<TCluster> where TCluster : GrainCluster
{
    [Fact]
    public async Task Append_AsTheDayGrows_WritesABoundedNumberOfBytes()
    {
        var partition = NewPartition();
        var audit = cluster.Grains.GetGrain<IAuditGrain>(partition);
        await audit.Append(Entry(0));
        var oneEntry = await LargestRowAsync(partition);

        for (var i = 1; i < 4 * IAuditGrain.PageSize; i++)
        {
            await audit.Append(Entry(i));
        }

        // A row holds one page at most: the day's 200 entries are never rewritten together (before pages, the one
        // row held all of them, about 200 times the first write).
        var largest = await LargestRowAsync(partition);
        Assert.True(largest <= (IAuditGrain.PageSize * oneEntry) + 1024, $"a row of {largest} bytes; one entry took {oneEntry}");
        Assert.True(largest >= IAuditGrain.PageSize * oneEntry / 2, $"a full page took only {largest} bytes");
    }

    [Fact]
    public async Task ReadPage_AfterSequentialAndConcurrentAppends_ReturnsEveryEntryInOrder()
    {
        var partition = NewPartition();
        var audit = cluster.Grains.GetGrain<IAuditGrain>(partition);
        var sequential = Enumerable.Range(0, (2 * IAuditGrain.PageSize) + 3).Select(Entry).ToList();
        foreach (var entry in sequential)
        {
            await audit.Append(entry);
        }

        var concurrent = Enumerable.Range(1000, 2 * IAuditGrain.PageSize).Select(Entry).ToList();
        await Task.WhenAll(concurrent.Select(audit.Append));

        var pages = await ReadAllPagesAsync(audit);
        Assert.Equal(sequential, pages.SelectMany(p => p.Entries).Take(sequential.Count));
        Assert.Equal(concurrent.ToHashSet(), pages.SelectMany(p => p.Entries).Skip(sequential.Count).ToHashSet());
        Assert.All(pages, p => Assert.InRange(p.Entries.Length, 0, IAuditGrain.PageSize));
        Assert.Equal(sequential.Count + concurrent.Count, pages.Sum(p => p.Entries.Length));
        Assert.Equal(pages.SelectMany(p => p.Entries), await audit.Read());
        var pastTheEnd = await audit.ReadPage(pages.Count + 5);
        Assert.Empty(pastTheEnd.Entries);
        Assert.Null(pastTheEnd.Next);
    }

    [Fact]
    public async Task Append_SelfServiceEventsInALoop_RecordsOnePerPersonAndWindow()
    {
        var audit = cluster.Grains.GetGrain<IAuditGrain>(NewPartition());
        var now = DateTimeOffset.UtcNow;

        for (var i = 0; i < 20; i++)
        {
            await audit.Append(new AuditEntry(now, AuditActions.DataExported, "anna", "Anna", "user:anna", null));
            await audit.Append(new AuditEntry(now, AuditActions.SignedIn, "anna", "Anna", "user:anna", null));
        }

        await audit.Append(new AuditEntry(now, AuditActions.DataExported, "bo", "Bo", "user:bo", null));

        var entries = await audit.Read();
        Assert.Equal(2, entries.Count(e => e.Action == AuditActions.DataExported));
        Assert.Equal(["anna", "bo"], entries.Where(e => e.Action == AuditActions.DataExported).Select(e => e.ActorId));
        Assert.Equal(20, entries.Count(e => e.Action == AuditActions.SignedIn));
    }

    [Fact]
    public async Task ReadPage_AfterARestart_ComesFromStorage()
    {
        var partition = NewPartition();
        var written = Enumerable.Range(0, IAuditGrain.PageSize + 1).Select(Entry).ToList();
        foreach (var entry in written)
        {
            await cluster.Grains.GetGrain<IAuditGrain>(partition).Append(entry);
        }

        await cluster.RestartAsync();
        var audit = cluster.Grains.GetGrain<IAuditGrain>(partition);
        await audit.Append(Entry(-1));

        Assert.Equal([.. written, Entry(-1)], (await ReadAllPagesAsync(audit)).SelectMany(p => p.Entries));
    }

    private static async Task<List<AuditPage>> ReadAllPagesAsync(IAuditGrain audit)
    {
        var pages = new List<AuditPage>();
        for (int? page = 0; page is { } p;)
        {
            var read = await audit.ReadPage(p);
            Assert.Equal(p, read.Page);
            pages.Add(read);
            page = read.Next;
        }

        return pages;
    }

    /// <summary>The largest stored row of the partition (its own and its pages'), in bytes.</summary>
    private async Task<long> LargestRowAsync(string partition)
    {
        var length = cluster.Database.Engine == DatabaseEngine.PostgreSql ? "octet_length(payload)" : "length(payload)";
        var rows = await cluster.Database.QueryAsync(
            $"SELECT {length} FROM hub_grain_state WHERE state_name IN ('audit', 'audit-page') AND grain_key_ext LIKE '{partition}%'");
        Assert.NotEmpty(rows);
        return rows.Max(r => Convert.ToInt64(r[0], CultureInfo.InvariantCulture));
    }

    private static string NewPartition() => $"test:{Guid.NewGuid():N}";

    private static AuditEntry Entry(int i) =>
        new(new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero).AddSeconds(i), AuditActions.SignInFailed, null, null,
            $"email:person{i}@example.org", "wrong password");
}

[Trait("Tier", "Fast")]
public sealed class AuditGrainOnSqliteTests(SqliteGrainCluster cluster) : AuditGrainTests<SqliteGrainCluster>(cluster);

public sealed class AuditGrainOnPostgresTests(PostgresGrainCluster cluster) : AuditGrainTests<PostgresGrainCluster>(cluster);
