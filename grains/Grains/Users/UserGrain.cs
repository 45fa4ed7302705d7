using System.Collections.Immutable;
using Hub.Contracts.Partnerships;
using Hub.Contracts.Users;

namespace Hub.Grains.Users;

public sealed class UserGrain(
    [PersistentState("user-partnerships", GrainStorage.Name)] IPersistentState<UserState> state) : Grain, IUserGrain
{
    public Task<ImmutableArray<PartnershipSummary>> GetPartnerships() =>
        Task.FromResult(state.State.Partnerships.Values
            .OrderBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase)
            .ToImmutableArray());

    public async Task UpsertPartnership(PartnershipSummary summary)
    {
        if (state.State.Partnerships.TryGetValue(summary.Id, out var existing) && existing == summary)
        {
            return;
        }

        state.State.Partnerships[summary.Id] = summary;
        await state.WriteStateAsync();
    }

    public async Task RemovePartnership(Guid partnershipId)
    {
        if (state.State.Partnerships.Remove(partnershipId))
        {
            await state.WriteStateAsync();
        }
    }
}
