using Hub.Contracts.Boards;
using Hub.Contracts.Common;
using Hub.Contracts.Live;
using Hub.Contracts.Partnerships;
using Hub.Grains.Partnerships;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Partnerships;

/// <summary>
/// The admins' directory on a two-silo cluster with its table on each engine: who may search, what is refused,
/// dormant lines, and the live columns fed by a board that someone is on.
/// </summary>
public abstract class PartnershipDirectoryGrainTests<TCluster>(TCluster cluster) : IClassFixture<TCluster> where TCluster : GrainCluster
{
    private static readonly Actor Admin = new("admin", "Admin", true);
    private static readonly Actor Anna = new("anna", "Anna");

    private IPartnershipDirectoryGrain Directory => cluster.Grains.GetGrain<IPartnershipDirectoryGrain>(IPartnershipDirectoryGrain.Key);

    private static DirectoryQuery Query(string text, bool dormant = false) => new(text, null, null, dormant, DirectorySort.Name, false, 1, 50);

    [Fact]
    public async Task Search_NotAnAdminOrInvalidQuery_IsRefused()
    {
        var notAdmin = await Assert.ThrowsAsync<HubRefusedException>(() => Directory.Search(Anna, Query("x")));
        var invalid = await Task.WhenAll(
            new[]
            {
                Query("x") with { Page = 0 },
                Query("x") with { PageSize = DirectoryQuery.MaxPageSize + 1 },
                Query(new string('x', DirectoryQuery.MaxTextLength + 1)),
                Query("x") with { Sort = (DirectorySort)42 },
                Query("x") with { Area = (PartnershipArea)42 },
            }.Select(q => Assert.ThrowsAsync<HubRefusedException>(() => Directory.Search(Admin, q))));

        Assert.Equal(ErrorCodes.Forbidden, notAdmin.Code);
        Assert.All(invalid, e => Assert.Equal(ErrorCodes.Validation, e.Code));
    }

    [Fact]
    public async Task Search_DormantOnly_FindsThePartnershipWithNoOperationForLongerThanTheSetting()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var now = DateTimeOffset.UtcNow;
        var trusted = cluster.Grains.GetGrain<IPartnershipDirectoryTrustedGrain>(IPartnershipDirectoryGrain.Key);
        var sleeping = new PartnershipListing(Guid.NewGuid(), $"Sovende {marker}", "Odense", PartnershipArea.Other, PartnershipStatus.Active, 2, now.AddDays(-45));
        var young = sleeping with { Id = Guid.NewGuid(), Name = $"Ung {marker}", CreatedAt = now.AddDays(-3) };
        await trusted.Put(sleeping);
        await trusted.Put(young);

        var all = await Directory.Search(Admin, Query(marker));
        var dormant = await Directory.Search(Admin, Query(marker, dormant: true));

        Assert.Equal(30, all.DormantAfterDays);
        Assert.Equal(new[] { (sleeping.Name, true), (young.Name, false) }, all.Rows.Select(r => (r.Listing.Name, r.Dormant)));
        Assert.Equal(new[] { sleeping.Id }, dormant.Rows.Select(r => r.Listing.Id));
    }

    [Fact]
    public async Task Search_SomeoneOnABoardAndAnOperation_ShowsActiveNowConnectedPeopleAndLastActivity()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var partnership = cluster.Grains.GetGrain<IPartnershipGrain>(Guid.NewGuid());
        var created = await partnership.Create(Anna, new PartnershipDetails { Name = $"Levende {marker}", Municipality = "Vejle" }, Side.Municipality);
        var before = await Directory.Search(Admin, Query(marker));
        var board = cluster.Grains.GetGrain<IBoardGrain>(created.Boards[0].BoardId);

        await board.Join(Anna, "conn-anna-1", 0);
        await board.Join(Anna, "conn-anna-2", 0);
        var result = await board.Submit(Anna, new OpId("directory-test", 1), new RenameBoard("Aktiv"));
        Assert.NotNull(result.Seq);
        var row = await Eventually.SucceedsAsync("the board's live report and activity reach the directory", TimeSpan.FromSeconds(20), async () =>
        {
            var r = (await Directory.Search(Admin, Query(marker))).Rows.Single();
            Assert.True(r.ActiveNow && r.ConnectedNow == 1 && r.LastActivity is not null, $"{r}");
            return r;
        });

        // Active may already be true before (the board is activated by its creation); no one is on it yet.
        Assert.Equal((0, (DateTimeOffset?)null), (before.Rows.Single().ConnectedNow, before.Rows.Single().LastActivity));
        Assert.False(row.Dormant);
    }
}

[Trait("Tier", "Fast")]
public sealed class PartnershipDirectoryGrainOnSqliteTests(SqliteGrainCluster cluster) : PartnershipDirectoryGrainTests<SqliteGrainCluster>(cluster);

public sealed class PartnershipDirectoryGrainOnPostgresTests(PostgresGrainCluster cluster) : PartnershipDirectoryGrainTests<PostgresGrainCluster>(cluster);

/// <summary>
/// The move of decision 017: a directory kept the old way (all lines in the grain's own state) is moved into the
/// table by the grain's first activation, and the old state is cleared. Its own cluster, so that nothing has
/// activated the directory before the old state is written.
/// </summary>
public abstract class PartnershipDirectoryMigrationTests<TCluster>(TCluster cluster) : IClassFixture<TCluster> where TCluster : GrainCluster
{
    [Fact]
    public async Task FirstActivation_LinesInTheOldGrainState_AreMovedIntoTheTableAndTheStateCleared()
    {
        // Whole milliseconds: the table keeps times to the millisecond.
        var now = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var old = Enumerable.Range(1, 25).Select(i => new PartnershipListing(Guid.NewGuid(), $"Gammel {i:D2}", "Aarhus",
            PartnershipArea.Disability, PartnershipStatus.Active, i, now.AddDays(-i))).ToList();
        var directory = cluster.Grains.GetGrain<IPartnershipDirectoryGrain>(IPartnershipDirectoryGrain.Key);
        var grainId = directory.GetGrainId();
        var state = new GrainState<PartnershipDirectoryState>(new PartnershipDirectoryState { Partnerships = old.ToDictionary(l => l.Id) });
        await cluster.Storage.WriteStateAsync("partnership-directory", grainId, state);

        var page = await directory.Search(new Actor("admin", "Admin", true), new DirectoryQuery("gammel", null, null, false, DirectorySort.Members, true, 1, 10));
        var left = new GrainState<PartnershipDirectoryState>();
        await cluster.Storage.ReadStateAsync("partnership-directory", grainId, left);

        Assert.Equal(25, page.Total);
        Assert.Equal(old.OrderByDescending(l => l.Members).Take(10), page.Rows.Select(r => r.Listing));
        Assert.Empty(left.State?.Partnerships ?? []);
    }
}

[Trait("Tier", "Fast")]
public sealed class PartnershipDirectoryMigrationOnSqliteTests(SqliteGrainCluster cluster) : PartnershipDirectoryMigrationTests<SqliteGrainCluster>(cluster);

public sealed class PartnershipDirectoryMigrationOnPostgresTests(PostgresGrainCluster cluster) : PartnershipDirectoryMigrationTests<PostgresGrainCluster>(cluster);
