using System.Collections.Immutable;
using Hub.Contracts.Cohorts;
using Hub.Contracts.Common;

namespace Hub.Grains.Cohorts;

[GenerateSerializer, Alias("hub.PersonCohortsState")]
public sealed class PersonCohortsState
{
    [Id(0)] public Dictionary<Guid, CohortSummary> Cohorts { get; set; } = [];
}

/// <summary>One person's cohorts, kept up to date by the cohorts themselves (as a person's partnerships are by theirs).</summary>
public sealed class PersonCohortsGrain(
    [PersistentState("person-cohorts", GrainStorage.Name)] IPersistentState<PersonCohortsState> state) : Grain, IPersonCohortsGrain, IPersonCohortsTrustedGrain
{
    public Task<ImmutableArray<CohortSummary>> List(Actor actor)
    {
        EnsureSelf(actor);
        return Task.FromResult(state.State.Cohorts.Values
            .OrderByDescending(c => c.StartsOn ?? DateOnly.MaxValue)
            .ThenBy(c => c.Name, StringComparer.CurrentCultureIgnoreCase)
            .ToImmutableArray());
    }

    public async Task ForgetMe(Actor actor)
    {
        EnsureSelf(actor);
        var userId = this.GetPrimaryKeyString();
        await Task.WhenAll(state.State.Cohorts.Keys.Select(id => GrainFactory.GetGrain<ICohortTrustedGrain>(id).ForgetPerson(userId)));
        state.State.Cohorts.Clear();
        await state.WriteStateAsync();
    }

    public async Task Put(CohortSummary summary)
    {
        if (state.State.Cohorts.TryGetValue(summary.Id, out var existing) && existing == summary)
        {
            return;
        }

        state.State.Cohorts[summary.Id] = summary;
        await state.WriteStateAsync();
    }

    public async Task Remove(Guid cohortId)
    {
        if (state.State.Cohorts.Remove(cohortId))
        {
            await state.WriteStateAsync();
        }
    }

    private void EnsureSelf(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.UserId != this.GetPrimaryKeyString())
        {
            throw new HubRefusedException(ErrorCodes.Forbidden, "Kun personen selv kan det. / Only the person themself can do that.");
        }
    }
}
