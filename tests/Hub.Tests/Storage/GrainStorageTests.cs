using Hub.Grains.Partnerships;
using Hub.Tests.Infrastructure;
using Orleans.Storage;

namespace Hub.Tests.Storage;

/// <summary>Hub's own SQL behind Orleans' ADO.NET storage provider keeps the provider's promises.</summary>
public abstract class GrainStorageTests<TCluster>(TCluster cluster) : IClassFixture<TCluster> where TCluster : GrainCluster
{
    private const string StateName = "storage-test";

    [Fact]
    public async Task WriteState_StaleETag_IsDetectedAndChangesNothing()
    {
        var grainId = GrainId.Create("test", Guid.NewGuid().ToString("N"));
        var first = new GrainState<PartnershipState>(new PartnershipState { Version = 1 });
        await cluster.Storage.WriteStateAsync(StateName, grainId, first);
        var stale = new GrainState<PartnershipState>(new PartnershipState { Version = 99 }) { ETag = first.ETag };

        first.State!.Version = 2;
        await cluster.Storage.WriteStateAsync(StateName, grainId, first);

        await Assert.ThrowsAsync<InconsistentStateException>(() => cluster.Storage.WriteStateAsync(StateName, grainId, stale));
        var read = new GrainState<PartnershipState>();
        await cluster.Storage.ReadStateAsync(StateName, grainId, read);
        Assert.Equal(2, read.State!.Version);
        Assert.Equal(first.ETag, read.ETag);
    }

    [Fact]
    public async Task WriteState_TwoFirstWritesOfOneGrain_OnlyOneSucceeds()
    {
        var grainId = GrainId.Create("test", Guid.NewGuid().ToString("N"));
        var one = new GrainState<PartnershipState>(new PartnershipState { Version = 1 });
        var two = new GrainState<PartnershipState>(new PartnershipState { Version = 2 });

        await cluster.Storage.WriteStateAsync(StateName, grainId, one);

        await Assert.ThrowsAsync<InconsistentStateException>(() => cluster.Storage.WriteStateAsync(StateName, grainId, two));
        var read = new GrainState<PartnershipState>();
        await cluster.Storage.ReadStateAsync(StateName, grainId, read);
        Assert.Equal(1, read.State!.Version);
    }

    [Fact]
    public async Task WriteState_ExpectedRowIsMissing_IsDetectedAndInsertsNothing()
    {
        var grainId = GrainId.Create("test", Guid.NewGuid().ToString("N"));
        var state = new GrainState<PartnershipState>(new PartnershipState { Version = 5 }) { ETag = "4", RecordExists = true };

        await Assert.ThrowsAsync<InconsistentStateException>(() => cluster.Storage.WriteStateAsync(StateName, grainId, state));
        var read = new GrainState<PartnershipState>();
        await cluster.Storage.ReadStateAsync(StateName, grainId, read);
        Assert.False(read.RecordExists);
    }

    [Fact]
    public async Task ClearState_KeepsVersioning_ThenAnotherWriteSucceeds()
    {
        var grainId = GrainId.Create("test", Guid.NewGuid().ToString("N"));
        var state = new GrainState<PartnershipState>(new PartnershipState { Version = 7 });
        await cluster.Storage.WriteStateAsync(StateName, grainId, state);

        await cluster.Storage.ClearStateAsync(StateName, grainId, state);
        var afterClear = new GrainState<PartnershipState>();
        await cluster.Storage.ReadStateAsync(StateName, grainId, afterClear);
        afterClear.State!.Version = 8;
        await cluster.Storage.WriteStateAsync(StateName, grainId, afterClear);

        var read = new GrainState<PartnershipState>();
        await cluster.Storage.ReadStateAsync(StateName, grainId, read);
        Assert.Equal(8, read.State!.Version);
    }

    [Fact]
    public async Task SameKey_DifferentStateNames_AreSeparateRows()
    {
        var grainId = GrainId.Create("test", "shared-key");
        await cluster.Storage.WriteStateAsync("state-a", grainId, new GrainState<PartnershipState>(new PartnershipState { Version = 1 }));
        await cluster.Storage.WriteStateAsync("state-b", grainId, new GrainState<PartnershipState>(new PartnershipState { Version = 2 }));

        var a = new GrainState<PartnershipState>();
        var b = new GrainState<PartnershipState>();
        await cluster.Storage.ReadStateAsync("state-a", grainId, a);
        await cluster.Storage.ReadStateAsync("state-b", grainId, b);

        Assert.Equal((1, 2), (a.State!.Version, b.State!.Version));
    }
}

[Trait("Tier", "Fast")]
public sealed class GrainStorageOnSqliteTests(SqliteGrainCluster cluster) : GrainStorageTests<SqliteGrainCluster>(cluster);

public sealed class GrainStorageOnPostgresTests(PostgresGrainCluster cluster) : GrainStorageTests<PostgresGrainCluster>(cluster);
