namespace Hub.Contracts.Accounts;

/// <summary>What anyone may know about an account.</summary>
[GenerateSerializer, Immutable, Alias("hub.account")]
public sealed record AccountInfo(
    [property: Id(0)] string UserId,
    [property: Id(1)] string Email,
    [property: Id(2)] string DisplayName);

/// <summary>What sign-in needs: the account, its password hash and whether it is locked. Never leaves the web node.</summary>
[GenerateSerializer, Immutable, Alias("hub.account-secret")]
public sealed record AccountSecret(
    [property: Id(0)] AccountInfo Account,
    [property: Id(1)] string PasswordHash,
    [property: Id(2)] DateTimeOffset? LockedUntil = null);

public static class SignInRules
{
    /// <summary>Failed attempts in a row before the account is locked.</summary>
    public const int FailuresBeforeLockout = 5;

    public static readonly TimeSpan LockoutFor = TimeSpan.FromMinutes(5);
}

/// <summary>A local account (e-mail and password). Key: the e-mail address, trimmed and lower-cased.</summary>
[Alias("hub.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>Creates the account; refused when the e-mail address already has one.</summary>
    [Alias("Register")]
    Task<AccountInfo> Register(string displayName, string passwordHash);

    /// <summary>The account and its hash, or null when there is no account for this e-mail address.</summary>
    [Alias("GetSecret")]
    Task<AccountSecret?> GetSecret();

    /// <summary>Counts a failed password; returns when the account is locked until, if this failure locked it.</summary>
    [Alias("RecordFailure")]
    Task<DateTimeOffset?> RecordFailure();

    [Alias("RecordSuccess")]
    Task RecordSuccess();

    /// <summary>Deletes the account's personal data (e-mail stays only as this grain's key, with no data).</summary>
    [Alias("Delete")]
    Task Delete();
}
