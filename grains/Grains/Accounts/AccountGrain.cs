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
        Task.FromResult(state.State.UserId is null ? null : new AccountSecret(Info(), state.State.PasswordHash, LockedUntil()));

    public async Task<DateTimeOffset?> RecordFailure()
    {
        if (state.State.UserId is null)
        {
            return null;
        }

        state.State.FailedAttempts++;
        DateTimeOffset? locked = null;
        if (state.State.FailedAttempts >= SignInRules.FailuresBeforeLockout)
        {
            locked = state.State.LockedUntil = clock.GetUtcNow() + SignInRules.LockoutFor;
            state.State.FailedAttempts = 0;
        }

        await state.WriteStateAsync();
        return locked;
    }

    public async Task RecordSuccess()
    {
        if (state.State.FailedAttempts != 0 || state.State.LockedUntil is not null)
        {
            state.State.FailedAttempts = 0;
            state.State.LockedUntil = null;
            await state.WriteStateAsync();
        }
    }

    public async Task Delete()
    {
        if (state.State.UserId is not null)
        {
            // The row stays with an empty payload; nothing personal remains.
            await state.ClearStateAsync();
        }
    }

    private DateTimeOffset? LockedUntil() =>
        state.State.LockedUntil is { } until && until > clock.GetUtcNow() ? until : null;

    private AccountInfo Info() => new(state.State.UserId!, this.GetPrimaryKeyString(), state.State.DisplayName);
}
