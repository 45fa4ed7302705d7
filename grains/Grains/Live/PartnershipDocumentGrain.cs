using System.Collections.Immutable;
using Hub.Contracts.Audit;
using Hub.Contracts.Common;
using Hub.Contracts.Partnerships;
using Hub.Grains.Partnerships;
using Microsoft.Extensions.Logging;

namespace Hub.Grains.Live;

/// <summary>
/// A live document that belongs to a partnership — a board, the agreement. Who may do what follows the
/// partnership's members, fetched and kept for a few seconds (and forgotten at once when the partnership says
/// its members changed, with the new members), so a role change or a removal reaches every open connection at once:
/// coordinators and members write, observers read, platform admins may look but never write — and every
/// admin look is in the partnership's audit log (once per admin every ten minutes, not per call).
/// </summary>
public abstract partial class PartnershipDocumentGrain<TDoc, TOp, TSnapshot>(
    IPersistentState<LiveState<TDoc>> state,
    TimeProvider clock,
    ILogger logger) : LiveGrain<TDoc, TOp, TSnapshot>(state, clock, logger)
    where TDoc : class
    where TSnapshot : class
{
    private static readonly TimeSpan MembersFor = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan AuditAdminsEvery = TimeSpan.FromMinutes(10);

    // The directory's last activity is counted in days, so one write a minute per document is plenty; the live
    // report is re-sent at least every minute so that LivePartnershipsGrain, held in memory only, heals itself.
    private static readonly TimeSpan TouchDirectoryEvery = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan ReportLiveEvery = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan ReportLiveCheck = TimeSpan.FromSeconds(5);
    private DateTimeOffset _directoryTouched = DateTimeOffset.MinValue;
    private DateTimeOffset _liveReported = DateTimeOffset.MinValue;
    private bool _presenceChanged;
    private readonly Dictionary<string, DateTimeOffset> _adminsAudited = [];
    private DateTimeOffset _membersFetched = DateTimeOffset.MinValue;

    protected ImmutableDictionary<string, Member> Members { get; private set; } = ImmutableDictionary<string, Member>.Empty;

    protected ImmutableHashSet<string> MemberIds { get; private set; } = [];

    /// <summary>The partnership's parties (decision 027): who approves the agreement for whom.</summary>
    protected ImmutableArray<Party> Parties { get; private set; } = [];

    /// <summary>The partnership has ended: coordinators may read until retention ends, nobody may write (decision 028).</summary>
    protected bool Ended { get; private set; }

    /// <summary>The partnership this document belongs to; null while that is not known (no document yet).</summary>
    protected abstract Guid? PartnershipId { get; }

    /// <summary>What an admin's look is recorded as ("board:{id}").</summary>
    protected abstract string AuditTarget { get; }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(ReportLiveAsync, ReportLiveCheck, ReportLiveCheck);
        return base.OnActivateAsync(cancellationToken);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // A silo that shuts down may no longer place the live grain; its report expires within two minutes anyway.
        if (PartnershipId is { } partnershipId && reason.ReasonCode != DeactivationReasonCode.ShuttingDown)
        {
            _ = GrainFactory.GetGrain<ILivePartnershipsGrain>(0).Gone(partnershipId, AuditTarget);
        }

        return base.OnDeactivateAsync(reason, cancellationToken);
    }

    protected override void OnPresenceChanged() => _presenceChanged = true;

    protected override void OnCommitted(DateTimeOffset now)
    {
        if (PartnershipId is not { } partnershipId || now - _directoryTouched < TouchDirectoryEvery
            || ServiceProvider.GetService(typeof(IPartnershipDirectoryStore)) is not IPartnershipDirectoryStore store)
        {
            return;
        }

        // Not awaited: the operation is acknowledged already, and a directory that is a minute behind harms no one.
        _directoryTouched = now;
        _ = TouchAsync(store, partnershipId, now);
    }

    private async Task TouchAsync(IPartnershipDirectoryStore store, Guid partnershipId, DateTimeOffset now)
    {
        try
        {
            await store.Touch(partnershipId, now);
        }
        catch (Exception ex)
        {
            _directoryTouched = DateTimeOffset.MinValue;
            LogTouchFailed(Logger, ex, partnershipId);
        }
    }

    private Task ReportLiveAsync(CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        if (PartnershipId is { } partnershipId && (_presenceChanged || now - _liveReported >= ReportLiveEvery))
        {
            _presenceChanged = false;
            _liveReported = now;
            return GrainFactory.GetGrain<ILivePartnershipsGrain>(0).Report(partnershipId, AuditTarget, ConnectedPeople);
        }

        return Task.CompletedTask;
    }

    public async Task MembersChanged(ImmutableArray<Member> members)
    {
        // The members come with the call: asking the partnership back would wait for it to finish this very call.
        SetMembers(members);
        await RevokeThoseWhoMayNoLongerReadAsync();
    }

    public async Task AccessChanged(PartnershipAccess access)
    {
        ArgumentNullException.ThrowIfNull(access);
        SetAccess(access);
        await OnAccessChangedAsync();
        await RevokeThoseWhoMayNoLongerReadAsync();
    }

    /// <summary>After the partnership told new members, parties or status (the agreement updates its signers).</summary>
    protected virtual Task OnAccessChangedAsync() => Task.CompletedTask;

    /// <summary>Called first in <c>Apply</c>: an ended partnership's documents refuse every change but Hub's own
    /// (anonymising a person), with a stable code.</summary>
    protected void EnsureWritable(Actor actor)
    {
        if (Ended && actor.UserId != Boards.BoardReducer.SystemUserId)
        {
            throw new HubRefusedException(ErrorCodes.Ended,
                "Partnerskabet er afsluttet; her kan kun læses. / The partnership has ended; it can only be read.");
        }
    }

    protected override async ValueTask<LiveAccess> AuthorizeAsync(Actor actor)
    {
        if (PartnershipId is not { } partnershipId)
        {
            return LiveAccess.None;
        }

        await RefreshMembersAsync(partnershipId);
        if (Document is null)
        {
            return LiveAccess.None;
        }

        if (Members.TryGetValue(actor.UserId, out var member) && (!Ended || member.Role == MemberRole.Coordinator))
        {
            return new LiveAccess(true, member.Role != MemberRole.Observer, member.Side);
        }

        if (!actor.IsPlatformAdmin)
        {
            return LiveAccess.None;
        }

        await AuditAdminAsync(actor, partnershipId);
        return new LiveAccess(true, false, null);
    }

    protected async Task RefreshMembersAsync(Guid partnershipId)
    {
        if (Clock.GetUtcNow() - _membersFetched < MembersFor)
        {
            return;
        }

        SetAccess(await GrainFactory.GetGrain<IPartnershipTrustedGrain>(partnershipId).GetAccess());
    }

    private void SetAccess(PartnershipAccess access)
    {
        SetMembers(access.Members);
        Parties = access.Parties.IsDefault ? [] : access.Parties;
        Ended = access.Ended;
    }

    private void SetMembers(ImmutableArray<Member> members)
    {
        Members = members.ToImmutableDictionary(m => m.UserId);
        MemberIds = [.. members.Select(m => m.UserId)];
        _membersFetched = Clock.GetUtcNow();
    }

    private async Task AuditAdminAsync(Actor actor, Guid partnershipId)
    {
        var now = Clock.GetUtcNow();
        if (_adminsAudited.TryGetValue(actor.UserId, out var last) && now - last < AuditAdminsEvery)
        {
            return;
        }

        _adminsAudited[actor.UserId] = now;
        await AuditTrail.Partnership(GrainFactory, partnershipId, now, AuditActions.AdminViewed, actor, AuditTarget);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the last activity of partnership {PartnershipId} in the directory")]
    private static partial void LogTouchFailed(ILogger logger, Exception exception, Guid partnershipId);
}
