using Hub.Contracts.Common;
using Hub.Contracts.Evaluations;
using Orleans.Concurrency;

namespace Hub.Grains.Evaluations;

[GenerateSerializer, Alias("hub.PersonEvaluationsState")]
public sealed class PersonEvaluationsState
{
    [Id(0)] public HashSet<Guid> Cohorts { get; set; } = [];
}

/// <summary>
/// The cohorts where one person answered an evaluation. Kept apart from their list of cohorts: someone who left a
/// cohort has answers in it still, and deleting the account must reach those too. Reentrant because an evaluation
/// calls <see cref="Add"/> while this grain may be waiting for that evaluation in <see cref="ForgetMe"/>; both only
/// touch a set.
/// </summary>
[Reentrant]
public sealed class PersonEvaluationsGrain(
    [PersistentState("person-evaluations", GrainStorage.Name)] IPersistentState<PersonEvaluationsState> state)
    : Grain, IPersonEvaluationsGrain, IPersonEvaluationsTrustedGrain
{
    public async Task Add(Guid cohortId)
    {
        if (state.State.Cohorts.Add(cohortId))
        {
            await state.WriteStateAsync();
        }
    }

    public async Task ForgetMe(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var userId = this.GetPrimaryKeyString();
        if (actor.UserId != userId)
        {
            throw new HubRefusedException(ErrorCodes.Forbidden, "Kun personen selv kan det. / Only the person themself can do that.");
        }

        var cohorts = state.State.Cohorts.ToList();
        await Task.WhenAll(cohorts.Select(id => GrainFactory.GetGrain<ICohortEvaluationTrustedGrain>(id).ForgetPerson(userId)));
        state.State.Cohorts.ExceptWith(cohorts);
        await state.WriteStateAsync();
    }
}
