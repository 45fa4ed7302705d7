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
    public const string CohortCreated = "cohort-created";
    public const string AttendanceMarked = "attendance-marked";
    public const string AttendanceCleared = "attendance-cleared";
    public const string OrleansDashboardOpened = "orleans-dashboard-opened";

    // The admins' inspector (docs/decisions/016-grain-inspector.md): every look at personal data and every action.
    public const string AdminRevealed = "admin-revealed";
    public const string AdminDeactivated = "admin-deactivated";
    public const string AdminDisconnected = "admin-disconnected";
    public const string AdminExported = "admin-exported";
    public const string AdminRestored = "admin-restored";
    public const string CoordinatorAppointed = "coordinator-appointed";
    public const string AttendanceCheckedIn = "attendance-checked-in";
    public const string AssignmentGiven = "assignment-given";

    // Parties and lifecycle (issue 18; decisions 027, 028).
    public const string StatusChanged = "status-changed";
    public const string PartiesMigrated = "parties-migrated";
    public const string PartyChosen = "party-chosen";
    public const string PartnershipPurged = "partnership-purged";

    // Live sessions (in the log of the partnership or cohort the session belongs to).
    public const string PollReset = "poll-reset";
    public const string AnswerRejected = "answer-rejected";
    public const string QuestionHidden = "question-hidden";
    public const string ResultsSentToBoard = "results-sent-to-board";

    /// <summary>Events a person causes about themself as often as they like (their data export): recorded once
    /// per person, action and window, so that calling an endpoint in a loop does not grow the trail.</summary>
    public static readonly ImmutableHashSet<string> SelfService = [DataExported];

    public static readonly TimeSpan SelfServiceWindow = TimeSpan.FromMinutes(10);
}

/// <summary>One page of a partition, in the order the entries were appended; <see cref="Next"/> is the page after it,
/// null on the last.</summary>
[GenerateSerializer, Immutable, Alias("hub.audit-page")]
public sealed record AuditPage(
    [property: Id(0)] ImmutableArray<AuditEntry> Entries,
    [property: Id(1)] int Page,
    [property: Id(2)] int? Next);

/// <summary>
/// One partition of the audit trail: append-only, durable before the append returns. Keys:
/// "global:yyyy-MM-dd" for account events, "partnership:{id}:yyyy-MM" for a partnership's events. A partition is
/// kept in pages of at most <see cref="PageSize"/> entries, so an append writes one page, never the whole day or
/// month, and a read takes a page at a time.
/// </summary>
[Alias("hub.IAuditGrain")]
public interface IAuditGrain : IGrainWithStringKey
{
    public const int PageSize = 50;

    /// <summary>Appends the entry, except a self-service event (<see cref="AuditActions.SelfService"/>) that the same
    /// person caused less than <see cref="AuditActions.SelfServiceWindow"/> earlier: one such entry says it happened.</summary>
    [Alias("Append")]
    Task Append(AuditEntry entry);

    /// <summary>Page <paramref name="page"/> (from 0); a page past the end is empty.</summary>
    [Alias("ReadPage")]
    Task<AuditPage> ReadPage(int page);

    /// <summary>Every entry of the partition, page after page: for checks over a small partition (tests).</summary>
    [Alias("Read")]
    Task<ImmutableArray<AuditEntry>> Read();
}

public static class AuditKeys
{
    public static string Global(DateTimeOffset at) => $"global:{at.UtcDateTime:yyyy-MM-dd}";

    public static string Partnership(Guid partnershipId, DateTimeOffset at) => $"partnership:{partnershipId:N}:{at.UtcDateTime:yyyy-MM}";

    public static string Cohort(Guid cohortId, DateTimeOffset at) => $"cohort:{cohortId:N}:{at.UtcDateTime:yyyy-MM}";
}
