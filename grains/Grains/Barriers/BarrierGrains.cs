using System.Collections.Immutable;
using Hub.Contracts.Barriers;
using Hub.Contracts.Common;
using Hub.Contracts.Partnerships;

namespace Hub.Grains.Barriers;

/// <summary>What partnerships' notes and cohorts' reflections tell the report; only grains call it.</summary>
[Alias("hub.IBarrierReportTrustedGrain")]
public interface IBarrierReportTrustedGrain : IGrainWithIntegerKey
{
    /// <summary>A partnership's barriers now (empty: none, and it leaves the count).</summary>
    [Alias("PutPartnership")]
    Task PutPartnership(Guid partnershipId, ImmutableArray<BarrierTag> barriers);

    /// <summary>A cohort's tagged reflections now, counted (empty: none).</summary>
    [Alias("PutCohort")]
    Task PutCohort(Guid cohortId, ImmutableArray<BarrierTally> tallies);
}

[GenerateSerializer, Alias("hub.BarrierReportState")]
public sealed class BarrierReportState
{
    [Id(0)] public Dictionary<Guid, ImmutableArray<BarrierTag>> Partnerships { get; set; } = [];

    [Id(1)] public Dictionary<Guid, ImmutableArray<BarrierTally>> Cohorts { get; set; } = [];
}

/// <summary>
/// The admins' barrier report (issue 15 item 8). Each partnership's note and each cohort's tally replace their own
/// entry whole, so a repeated or late report changes nothing twice; the report counts from those entries alone and
/// never holds a word of reflection text. Small enough for one row: a few barriers per partnership and per cohort.
/// </summary>
public sealed class BarrierReportGrain(
    [PersistentState("barrier-report", GrainStorage.Name)] IPersistentState<BarrierReportState> state)
    : Grain, IBarrierReportGrain, IBarrierReportTrustedGrain
{
    public Task<BarrierReport> Read(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsPlatformAdmin)
        {
            throw new HubRefusedException(ErrorCodes.Forbidden, "Kun administratorer kan se rapporten. / Only admins can see the report.");
        }

        return Task.FromResult(Report(state.State));
    }

    public async Task PutPartnership(Guid partnershipId, ImmutableArray<BarrierTag> barriers)
    {
        if (barriers.IsDefaultOrEmpty ? state.State.Partnerships.Remove(partnershipId) : Replace(state.State.Partnerships, partnershipId, barriers))
        {
            await state.WriteStateAsync();
        }
    }

    public async Task PutCohort(Guid cohortId, ImmutableArray<BarrierTally> tallies)
    {
        if (tallies.IsDefaultOrEmpty ? state.State.Cohorts.Remove(cohortId) : Replace(state.State.Cohorts, cohortId, tallies))
        {
            await state.WriteStateAsync();
        }
    }

    private static bool Replace<T>(Dictionary<Guid, ImmutableArray<T>> entries, Guid key, ImmutableArray<T> value)
    {
        if (entries.TryGetValue(key, out var old) && old.SequenceEqual(value))
        {
            return false;
        }

        entries[key] = value;
        return true;
    }

    /// <summary>Counts per barrier, every barrier listed (zero included), in the enum's order.</summary>
    public static BarrierReport Report(BarrierReportState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var tallies = state.Cohorts.Values.SelectMany(t => t).ToList();
        var rows = Enum.GetValues<BarrierTag>().Select(b => new BarrierCount(b,
            state.Partnerships.Values.Count(list => list.Contains(b)),
            tallies.Where(t => t.Tag == b).Sum(t => t.Count),
            tallies.Where(t => t.Tag == b && t.PartnershipId is not null && t.Count > 0).Select(t => t.PartnershipId).Distinct().Count()));
        return new BarrierReport([.. rows], state.Partnerships.Count, state.Cohorts.Count);
    }
}

[GenerateSerializer, Alias("hub.PartnershipBarriersState")]
public sealed class PartnershipBarriersState
{
    [Id(0)] public List<BarrierTag> Barriers { get; set; } = [];

    [Id(1)] public DateTimeOffset? UpdatedAt { get; set; }
}

/// <summary>
/// A partnership's barrier note, kept beside the partnership rather than in it: the partnership's own rules change
/// elsewhere, and this needs nothing from them but who is a member and who coordinates, which the partnership answers
/// (refusing outsiders) when asked as the caller.
/// </summary>
public sealed class PartnershipBarriersGrain(
    [PersistentState("partnership-barriers", GrainStorage.Name)] IPersistentState<PartnershipBarriersState> state,
    TimeProvider clock) : Grain, IPartnershipBarriersGrain
{
    private Guid Id => this.GetPrimaryKey();

    public async Task<PartnershipBarriers> Get(Actor actor)
    {
        await GrainFactory.GetGrain<IPartnershipGrain>(Id).Get(actor);
        return Snapshot();
    }

    public async Task<PartnershipBarriers> Set(Actor actor, ImmutableArray<BarrierTag> barriers)
    {
        var partnership = await GrainFactory.GetGrain<IPartnershipGrain>(Id).Get(actor);
        if (!partnership.Members.Any(m => m.UserId == actor.UserId && m.Role == MemberRole.Coordinator))
        {
            throw new HubRefusedException(ErrorCodes.Forbidden, "Kun koordinatorer kan ændre det. / Only coordinators can change that.");
        }

        if (barriers.IsDefault || barriers.Any(b => !Enum.IsDefined(b)))
        {
            throw new HubRefusedException(ErrorCodes.Validation, "Ukendt barriere. / Unknown barrier.", "barriers");
        }

        state.State.Barriers = [.. barriers.Distinct().Order()];
        state.State.UpdatedAt = clock.GetUtcNow();
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IBarrierReportTrustedGrain>(0).PutPartnership(Id, [.. state.State.Barriers]);
        return Snapshot();
    }

    private PartnershipBarriers Snapshot() => new(Id, [.. state.State.Barriers], state.State.UpdatedAt);
}
