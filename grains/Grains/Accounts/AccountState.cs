namespace Hub.Grains.Accounts;

[GenerateSerializer, Alias("hub.AccountState")]
public sealed class AccountState
{
    [Id(0)] public string? UserId { get; set; }
    [Id(1)] public string DisplayName { get; set; } = "";
    [Id(2)] public string PasswordHash { get; set; } = "";
    [Id(3)] public DateTimeOffset CreatedAt { get; set; }
    [Id(4)] public int FailedAttempts { get; set; }
    [Id(5)] public DateTimeOffset? LockedUntil { get; set; }
}
