namespace Hub.Contracts.Accounts;

public static class SignInRules
{
    /// <summary>Wrong passwords from one address for one account before that address must wait.</summary>
    public const int FreeFailures = 5;

    /// <summary>The first wait; each further wrong password from the same address doubles it, up to <see cref="LongestWait"/>.</summary>
    public static readonly TimeSpan FirstWait = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan LongestWait = TimeSpan.FromHours(1);

    /// <summary>Addresses remembered per account; the oldest is forgotten first, so a flood cannot grow memory.</summary>
    public const int OriginsMax = 1_000;
}

/// <summary>
/// Wrong-password throttling for one e-mail address, per client address: five misses from one address make that
/// address wait (1 minute, doubling per further miss, at most an hour) while every other address — the owner at
/// home — still signs in. It exists for addresses with and without an account alike, so its answers say nothing
/// about whether an account exists. Key: <see cref="Key"/> (a hash, so memory holds no e-mail addresses).
/// Kept in memory only: a restart forgets the waits, which are short.
/// </summary>
[Alias("hub.ISignInThrottleGrain")]
public interface ISignInThrottleGrain : IGrainWithStringKey
{
    /// <summary>How long <paramref name="origin"/> must still wait before trying this account again, if at all.</summary>
    [Alias("WaitFor")]
    Task<TimeSpan?> WaitFor(string origin);

    /// <summary>Counts a wrong password from <paramref name="origin"/>; returns the wait it now has, if any.</summary>
    [Alias("RecordFailure")]
    Task<TimeSpan?> RecordFailure(string origin);

    [Alias("RecordSuccess")]
    Task RecordSuccess(string origin);

    public static string Key(string normalisedEmail) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(normalisedEmail)));
}
