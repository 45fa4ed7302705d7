namespace Hub.Contracts.Accounts;

/// <summary>What anyone may know about an account.</summary>
[GenerateSerializer, Immutable, Alias("hub.account")]
public sealed record AccountInfo(
    [property: Id(0)] string UserId,
    [property: Id(1)] string Email,
    [property: Id(2)] string DisplayName);

/// <summary>An account as sign-in and the mailed links need it: whether its owner has shown they read mail at its
/// address (accounts made before verification existed have not, until they reset their password), and a fingerprint
/// of its password — not the hash — which a reset link carries so that it dies once the password changes. The
/// password hash itself never leaves the grain.</summary>
[GenerateSerializer, Immutable, Alias("hub.account-status")]
public sealed record AccountStatus(
    [property: Id(0)] AccountInfo Account,
    [property: Id(1)] bool EmailVerified,
    [property: Id(2)] string PasswordFingerprint);

/// <summary>The answer to a password: the account when the address has one (even when the password was wrong: a
/// failed sign-in is audited against it), and whether the password is its password.</summary>
[GenerateSerializer, Immutable, Alias("hub.password-check")]
public sealed record PasswordCheck(
    [property: Id(0)] AccountStatus? Account,
    [property: Id(1)] bool Matches);

/// <summary>
/// A local account (e-mail and password). Key: the e-mail address, trimmed and lower-cased. Its callers are a web
/// node acting for someone who is not signed in yet, so no call carries an actor: what the caller proves is the
/// password (<see cref="VerifyPassword"/>) or a link mailed to the address. The account is made by its registration
/// link (<see cref="IEmailTokenGrain.CompleteRegistration"/>), not by the web node.
/// </summary>
[Alias("hub.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>The account, or null when there is no account for this e-mail address.</summary>
    [Alias("Find")]
    Task<AccountStatus?> Find();

    /// <summary>Checks a password against the account's hash. An address without an account costs the same hashing
    /// work as a wrong password, so the time of the answer does not tell whether the account exists.</summary>
    [Alias("VerifyPassword")]
    Task<PasswordCheck> VerifyPassword(string password);

    /// <summary>Replaces the password hash. <paramref name="addressProven"/>: the owner followed a link mailed to
    /// the address (a reset), which also verifies an account made before verification existed.</summary>
    [Alias("SetPassword")]
    Task<AccountInfo> SetPassword(string passwordHash, bool addressProven);

    /// <summary>Deletes the account's personal data (e-mail stays only as this grain's key, with no data).</summary>
    [Alias("Delete")]
    Task Delete();
}
