namespace Hub.Grains.Accounts;

[GenerateSerializer, Alias("hub.AccountState")]
public sealed class AccountState
{
    [Id(0)] public string? UserId { get; set; }
    [Id(1)] public string DisplayName { get; set; } = "";
    [Id(2)] public string PasswordHash { get; set; } = "";
    [Id(3)] public DateTimeOffset CreatedAt { get; set; }

    // Ids 4 and 5 (failed attempts, locked until) are retired: a stranger could lock a known account with them.
    // Sign-in is throttled per address and account in memory instead (SignInThrottleGrain).

    /// <summary>When the owner last proved they read mail at the address (registration link or reset); null for
    /// accounts made before verification existed, which get no right tied to the address until they reset.</summary>
    [Id(6)] public DateTimeOffset? EmailVerifiedAt { get; set; }
}
