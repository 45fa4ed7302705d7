using System.Collections.Immutable;
using Hub.Contracts.Common;

namespace Hub.Contracts.Barriers;

/// <summary>What stood in the way of a collaboration (study finding A6); counted, never quoted, in the admins'
/// barrier report (docs/decisions/023-reflections-and-barriers.md).</summary>
public enum BarrierTag
{
    Time,
    Money,
    Governance,
    Management,
    Language,
    Other,
}

/// <summary>A partnership's own note of its barriers: which ones, set by its coordinators.</summary>
[GenerateSerializer, Immutable, Alias("hub.partnership-barriers")]
public sealed record PartnershipBarriers(
    [property: Id(0)] Guid PartnershipId,
    [property: Id(1)] ImmutableArray<BarrierTag> Barriers,
    [property: Id(2)] DateTimeOffset? UpdatedAt);

/// <summary>One row of the barrier report: how many partnerships note the barrier, how many reflections are tagged with
/// it, and from how many partnerships those reflections' authors come.</summary>
[GenerateSerializer, Immutable, Alias("hub.barrier-count")]
public sealed record BarrierCount(
    [property: Id(0)] BarrierTag Tag,
    [property: Id(1)] int PartnershipNotes,
    [property: Id(2)] int Reflections,
    [property: Id(3)] int ReflectionPartnerships);

/// <summary>The barrier report: counts only; <see cref="Partnerships"/> is how many partnerships wrote a note,
/// <see cref="Cohorts"/> how many cohorts have tagged reflections.</summary>
[GenerateSerializer, Immutable, Alias("hub.barrier-report")]
public sealed record BarrierReport(
    [property: Id(0)] ImmutableArray<BarrierCount> Rows,
    [property: Id(1)] int Partnerships,
    [property: Id(2)] int Cohorts);

/// <summary>How many of one cohort's reflections carry a barrier, per partnership their authors come from (null: none said).</summary>
[GenerateSerializer, Immutable, Alias("hub.barrier-tally")]
public sealed record BarrierTally(
    [property: Id(0)] BarrierTag Tag,
    [property: Id(1)] Guid? PartnershipId,
    [property: Id(2)] int Count);

/// <summary>A partnership's barrier note. Key: the partnership id. Members read it; coordinators change it; the
/// partnership grain says who is which.</summary>
[Alias("hub.IPartnershipBarriersGrain")]
public interface IPartnershipBarriersGrain : IGrainWithGuidKey
{
    [Alias("Get")]
    Task<PartnershipBarriers> Get(Actor actor);

    [Alias("Set")]
    Task<PartnershipBarriers> Set(Actor actor, ImmutableArray<BarrierTag> barriers);
}

/// <summary>The barrier report across partnerships and cohorts. One grain (key 0); platform admins read it.</summary>
[Alias("hub.IBarrierReportGrain")]
public interface IBarrierReportGrain : IGrainWithIntegerKey
{
    [Alias("Read")]
    Task<BarrierReport> Read(Actor actor);
}
