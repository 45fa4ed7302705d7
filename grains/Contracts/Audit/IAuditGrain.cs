using System.Collections.Immutable;

namespace Hub.Contracts.Audit;

/// <summary>What happened, who did it, to what. Entries are only ever appended.</summary>
[GenerateSerializer, Immutable, Alias("hub.audit-entry")]
public sealed record AuditEntry(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Action,
    [property: Id(2)] string? ActorId,
    [property: Id(3)] string? ActorName,
    [property: Id(4)] string Target,
    [property: Id(5)] string? Detail);

/// <summary>The actions the audit trail records (stable strings: reports and tests match on them).</summary>
public static class AuditActions
{
    public const string SignedIn = "signed-in";
    public const string SignInFailed = "sign-in-failed";
    public const string LockedOut = "locked-out";
    public const string SignedOut = "signed-out";
    public const string AccountCreated = "account-created";
    public const string PasswordReset = "password-reset";
    public const string PasswordChanged = "password-changed";
    public const string MemberInvited = "member-invited";
    public const string AccountDeleted = "account-deleted";
    public const string DataExported = "data-exported";
    public const string InviteCreated = "invite-created";
    public const string InviteRevoked = "invite-revoked";
    public const string InviteAccepted = "invite-accepted";
    public const string MemberAdded = "member-added";
    public const string RoleChanged = "role-changed";
    public const string MemberRemoved = "member-removed";
    public const string AdminViewed = "admin-viewed";
}

/// <summary>
/// One partition of the audit trail: append-only, durable before the append returns. Keys:
/// "global:yyyy-MM-dd" for account events, "partnership:{id}:yyyy-MM" for a partnership's events; small
/// partitions keep each write small however long Hub runs.
/// </summary>
[Alias("hub.IAuditGrain")]
public interface IAuditGrain : IGrainWithStringKey
{
    [Alias("Append")]
    Task Append(AuditEntry entry);

    [Alias("Read")]
    Task<ImmutableArray<AuditEntry>> Read();
}

public static class AuditKeys
{
    public static string Global(DateTimeOffset at) => $"global:{at.UtcDateTime:yyyy-MM-dd}";

    public static string Partnership(Guid partnershipId, DateTimeOffset at) => $"partnership:{partnershipId:N}:{at.UtcDateTime:yyyy-MM}";
}
