using Hub.Contracts.Common;

namespace Hub.Contracts.Audit;

/// <summary>Where grains and web nodes write audit entries.</summary>
public static class AuditTrail
{
    public static Task Partnership(IGrainFactory grains, Guid partnershipId, DateTimeOffset at, string action, Actor? actor, string target, string? detail = null) =>
        grains.GetGrain<IAuditGrain>(AuditKeys.Partnership(partnershipId, at))
            .Append(new AuditEntry(at, action, actor?.UserId, actor?.DisplayName, target, detail));

    public static Task Cohort(IGrainFactory grains, Guid cohortId, DateTimeOffset at, string action, Actor? actor, string target, string? detail = null) =>
        grains.GetGrain<IAuditGrain>(AuditKeys.Cohort(cohortId, at))
            .Append(new AuditEntry(at, action, actor?.UserId, actor?.DisplayName, target, detail));

    public static Task Global(IGrainFactory grains, DateTimeOffset at, string action, Actor? actor, string target, string? detail = null) =>
        grains.GetGrain<IAuditGrain>(AuditKeys.Global(at))
            .Append(new AuditEntry(at, action, actor?.UserId, actor?.DisplayName, target, detail));
}
