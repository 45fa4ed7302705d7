using System.Security.Cryptography;
using Hub.Contracts.Accounts;
using Hub.Contracts.Common;
using Hub.Contracts.Partnerships;
using Microsoft.AspNetCore.Identity;

namespace Hub.Grains.Accounts;

public sealed class AccountGrain(
    [PersistentState("account", GrainStorage.Name)] IPersistentState<AccountState> state,
    TimeProvider clock) : Grain, IAccountTrustedGrain
{
    /// <summary>ASP.NET Core Identity's PBKDF2 hasher: the web node makes the hashes with the same one.</summary>
    private static readonly PasswordHasher<string> Hasher = new();

    /// <summary>Checked when the address has no account, so a miss costs what a wrong password costs.</summary>
    private static readonly Lazy<string> DummyHash = new(() => Hasher.HashPassword("", Guid.NewGuid().ToString("N")));

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

    public Task<AccountStatus?> Find() => Task.FromResult(Status());

    public Task<PasswordCheck> VerifyPassword(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var status = Status();
        // The same PBKDF2 work whether or not the address has an account: the time of the answer tells nothing.
        var matches = Hasher.VerifyHashedPassword(this.GetPrimaryKeyString(), status is null ? DummyHash.Value : state.State.PasswordHash, password)
            != PasswordVerificationResult.Failed;
        return Task.FromResult(new PasswordCheck(status, matches && status is not null));
    }

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

    private AccountStatus? Status() => state.State.UserId is null ? null
        : new AccountStatus(Info(), state.State.EmailVerifiedAt is not null, Fingerprint(state.State.PasswordHash));

    /// <summary>Identifies a password hash without holding it: a reset link stops working once the password changed.</summary>
    private static string Fingerprint(string passwordHash) =>
        Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(passwordHash)))[..32];

    private AccountInfo Info() => new(state.State.UserId!, this.GetPrimaryKeyString(), state.State.DisplayName);
}
