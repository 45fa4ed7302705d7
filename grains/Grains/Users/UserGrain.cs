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

    public async Task<string> GetSecurityStamp()
    {
        if (state.State.SecurityStamp is null)
        {
            return await RotateSecurityStamp();
        }

        return state.State.SecurityStamp;
    }

    public async Task<string> RotateSecurityStamp()
    {
        state.State.SecurityStamp = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        await state.WriteStateAsync();
        return state.State.SecurityStamp;
    }

    public async Task<ImmutableArray<Guid>> Forget()
    {
        var partnerships = state.State.Partnerships.Keys.ToImmutableArray();
        state.State.Partnerships.Clear();
        await RotateSecurityStamp();
        return partnerships;
    }

    public async Task RemovePartnership(Guid partnershipId)
    {
        if (state.State.Partnerships.Remove(partnershipId))
        {
            await state.WriteStateAsync();
        }
    }
}
