using Hub.Contracts.Accounts;
using Hub.Contracts.Common;
using Hub.Contracts.Partnerships;

namespace Hub.Grains.Accounts;

public sealed class AccountGrain(
    [PersistentState("account", GrainStorage.Name)] IPersistentState<AccountState> state,
    TimeProvider clock) : Grain, IAccountGrain
{
    public async Task<AccountInfo> Register(string displayName, string passwordHash)
    {
        PartnershipRules.ValidateDisplayName(displayName);
        if (string.IsNullOrEmpty(passwordHash))
        {
            throw new ArgumentException("A password hash is required.", nameof(passwordHash));
        }

        if (state.State.UserId is not null)
        {
            throw new HubRefusedException(ErrorCodes.Conflict,
                "Der findes allerede en konto med den e-mailadresse. / An account with that e-mail address already exists.", "email");
        }

        state.State.UserId = Guid.NewGuid().ToString("N");
        state.State.DisplayName = displayName.Trim();
        state.State.PasswordHash = passwordHash;
        state.State.CreatedAt = clock.GetUtcNow();
        await state.WriteStateAsync();
        return Info();
    }

    public Task<AccountSecret?> GetSecret() =>
        Task.FromResult(state.State.UserId is null ? null : new AccountSecret(Info(), state.State.PasswordHash));

    private AccountInfo Info() => new(state.State.UserId!, this.GetPrimaryKeyString(), state.State.DisplayName);
}
