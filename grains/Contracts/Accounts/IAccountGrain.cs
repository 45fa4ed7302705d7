namespace Hub.Contracts.Accounts;

/// <summary>What anyone may know about an account.</summary>
[GenerateSerializer, Immutable, Alias("hub.account")]
public sealed record AccountInfo(
    [property: Id(0)] string UserId,
    [property: Id(1)] string Email,
    [property: Id(2)] string DisplayName);

/// <summary>What sign-in needs: the account, its password hash and whether its owner has shown they read mail at
/// its address (accounts made before verification existed have not, until they reset their password). Never leaves
/// the web node. Id 2 (a lock time) is retired: sign-in is throttled per address and account instead.</summary>
[GenerateSerializer, Immutable, Alias("hub.account-secret")]
public sealed record AccountSecret(
    [property: Id(0)] AccountInfo Account,
    [property: Id(1)] string PasswordHash,
    [property: Id(3)] bool EmailVerified = false);

/// <summary>A local account (e-mail and password). Key: the e-mail address, trimmed and lower-cased.</summary>
[Alias("hub.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>Creates the account once its owner has followed the verification link mailed to the address, so
    /// every account made this way has a verified address; refused when the address already has one.</summary>
    [Alias("Register")]
    Task<AccountInfo> Register(string displayName, string passwordHash);

    /// <summary>The account and its hash, or null when there is no account for this e-mail address.</summary>
    [Alias("GetSecret")]
    Task<AccountSecret?> GetSecret();

    /// <summary>Replaces the password hash. <paramref name="addressProven"/>: the owner followed a link mailed to
    /// the address (a reset), which also verifies an account made before verification existed.</summary>
    [Alias("SetPassword")]
    Task<AccountInfo> SetPassword(string passwordHash, bool addressProven);

    /// <summary>Deletes the account's personal data (e-mail stays only as this grain's key, with no data).</summary>
    [Alias("Delete")]
    Task Delete();
}
