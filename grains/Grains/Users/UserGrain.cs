using System.Collections.Immutable;
using Hub.Contracts.Common;
using Hub.Contracts.Partnerships;
using Hub.Grains.Partnerships;

namespace Hub.Grains.Users;

public sealed class UserGrain(
    [PersistentState("user-partnerships", GrainStorage.Name)] IPersistentState<UserState> state) : Grain, IUserTrustedGrain
{
    public Task<ImmutableArray<PartnershipSummary>> GetPartnerships(Actor actor)
    {
        EnsureSelf(actor);
        return Task.FromResult(state.State.Partnerships.Values
            .OrderBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase)
            .ToImmutableArray());
    }

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

    public async Task Forget(Actor actor)
    {
        EnsureSelf(actor);
        var partnerships = state.State.Partnerships.Keys.ToImmutableArray();
        state.State.Partnerships.Clear();
        await RotateSecurityStamp();
        // No partnership calls back into this grain while it forgets the person, so waiting for them here is safe.
        await Task.WhenAll(partnerships.Select(id => GrainFactory.GetGrain<IPartnershipTrustedGrain>(id).ForgetPerson(actor.UserId)));
    }

    public async Task RemovePartnership(Guid partnershipId)
    {
        if (state.State.Partnerships.Remove(partnershipId))
        {
            await state.WriteStateAsync();
        }
    }

    /// <summary>A person's index is theirs alone: anyone else is refused as if there were nothing.</summary>
    private void EnsureSelf(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.UserId != this.GetPrimaryKeyString())
        {
            throw new HubRefusedException(ErrorCodes.Forbidden, "Det er en andens oplysninger. / That is someone else's data.");
        }
    }
}
