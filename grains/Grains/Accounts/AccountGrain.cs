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
        RequireHash(passwordHash);
        if (state.State.UserId is not null)
        {
            // Only the owner of the address gets here (they followed the link), so this tells no stranger anything.
            throw new HubRefusedException(ErrorCodes.Conflict,
                "Der findes allerede en konto med den e-mailadresse; log ind eller nulstil adgangskoden. / " +
                "An account with that e-mail address already exists; sign in or reset the password.", "email");
        }

        var now = clock.GetUtcNow();
        state.State.UserId = Guid.NewGuid().ToString("N");
        state.State.DisplayName = displayName.Trim();
        state.State.PasswordHash = passwordHash;
        state.State.CreatedAt = now;
        state.State.EmailVerifiedAt = now;
        await state.WriteStateAsync();
        return Info();
    }

    public Task<AccountSecret?> GetSecret() =>
        Task.FromResult(state.State.UserId is null ? null
            : new AccountSecret(Info(), state.State.PasswordHash, state.State.EmailVerifiedAt is not null));

    public async Task<AccountInfo> SetPassword(string passwordHash, bool addressProven)
    {
        RequireHash(passwordHash);
        if (state.State.UserId is null)
        {
            throw new HubRefusedException(ErrorCodes.NotFound, "Kontoen findes ikke. / The account does not exist.");
        }

        state.State.PasswordHash = passwordHash;
        if (addressProven)
        {
            state.State.EmailVerifiedAt ??= clock.GetUtcNow();
        }

        await state.WriteStateAsync();
        return Info();
    }

    public async Task Delete()
    {
        if (state.State.UserId is not null)
        {
            // The row stays with an empty payload; nothing personal remains.
            await state.ClearStateAsync();
        }
    }

    private static void RequireHash(string passwordHash)
    {
        if (string.IsNullOrEmpty(passwordHash))
        {
            throw new ArgumentException("A password hash is required.", nameof(passwordHash));
        }
    }

    private AccountInfo Info() => new(state.State.UserId!, this.GetPrimaryKeyString(), state.State.DisplayName);
}
