using System.Collections.Immutable;
using System.Security.Cryptography;
using Hub.Contracts.Audit;
using Hub.Contracts.Cohorts;
using Hub.Contracts.Common;
using Hub.Contracts.Live;
using Hub.Contracts.Partnerships;
using Hub.Grains.Live;
using Microsoft.Extensions.Logging;

namespace Hub.Grains.Cohorts;

/// <summary>A cohort's invitations, kept apart from the live document: only moderators list them, while the document
/// goes to everyone in the cohort.</summary>
[GenerateSerializer, Alias("hub.CohortInvitesState")]
public sealed class CohortInvitesState
{
    [Id(0)] public List<CohortInvite> Invites { get; set; } = [];
}

/// <summary>
/// One training cohort: the live mechanism with the cohort's rules (<see cref="CohortReducer"/>). Access comes from
/// the cohort's own people — unlike a board, a cohort belongs to no partnership. Platform admins read, never write,
/// and each look is in the cohort's audit log (once per admin every ten minutes).
/// <para>
/// Enrolment goes through the grain, not through a client's operation: the grain checks what a client cannot vouch
/// for (an invitation, membership of a partnership) and then commits <see cref="EnrolPerson"/> on its own authority,
/// through the same sequence and pushes as every other operation. Changes of people and attendance are audited after
/// they are committed, with the person who made them.
/// </para>
/// </summary>
public sealed class CohortGrain(
    [PersistentState("cohort", GrainStorage.Name)] IPersistentState<LiveState<Cohort>> state,
    [PersistentState("cohort-invites", GrainStorage.Name)] IPersistentState<CohortInvitesState> invites,
    TimeProvider clock,
    ILogger<CohortGrain> logger)
    : LiveGrain<Cohort, CohortOp, CohortSnapshot>(state, clock, logger), ICohortGrain, ILiveGrain<CohortOp, CohortSnapshot>, ICohortTrustedGrain
{
    private static readonly TimeSpan AuditAdminsEvery = TimeSpan.FromMinutes(10);
    private readonly Dictionary<string, DateTimeOffset> _adminsAudited = [];

    // The grain is reentrant (the live mechanism's group commit): invitation changes read, await and write their own
    // state, so they take turns.
    private readonly SemaphoreSlim _invitesGate = new(1, 1);

    private Guid Id => this.GetPrimaryKey();

    public async Task<CohortSnapshot> Create(Actor actor, CohortDetails details)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (Document is not null)
        {
            throw new HubRefusedException(ErrorCodes.Conflict, "Forløbet findes allerede. / The cohort already exists.");
        }

        var now = Clock.GetUtcNow();
        var cohort = CohortReducer.NewCohort(Id, details, actor, now);
        await ResetDocument(cohort);
        await AuditTrail.Cohort(GrainFactory, Id, now, AuditActions.CohortCreated, actor, $"cohort:{Id}", cohort.Name);
        await PublishSummariesAsync([actor.UserId]);
        return await DurableSnapshot();
    }

    public async Task<CohortSnapshot> GetSnapshot(Actor actor)
    {
        await EnsureReaderAsync(actor);
        return await DurableSnapshot();
    }

    public async Task<CohortSnapshot> AddFromPartnership(Actor actor, Guid partnershipId, string userId, CohortRole role)
    {
        await EnsureModeratorAsync(actor);
        PartnershipRules.Defined(role, "role");
        // Read as the moderator: the partnership answers only its own members (and admins, who are not enough here),
        // so a moderator can add people only from a partnership they are in themself.
        var partnership = await GrainFactory.GetGrain<IPartnershipGrain>(partnershipId).Get(actor);
        if (!partnership.Members.Any(m => m.UserId == actor.UserId))
        {
            throw new HubRefusedException(ErrorCodes.NotFound, "Partnerskabet findes ikke. / The partnership does not exist.");
        }

        var member = partnership.Members.FirstOrDefault(m => m.UserId == userId)
            ?? throw new HubRefusedException(ErrorCodes.NotFound,
                "Personen er ikke med i partnerskabet. / The person is not a member of the partnership.", "userId");
        await EnrolAsync(new EnrolPerson(member.UserId, member.DisplayName, role, member.Side, partnershipId, partnership.Details.Name));
        await AuditTrail.Cohort(GrainFactory, Id, Clock.GetUtcNow(), AuditActions.MemberAdded, actor, $"user:{userId}",
            $"{member.DisplayName}: {role}/{member.Side}, from partnership:{partnershipId}");
        return await DurableSnapshot();
    }

    public async Task<TeamProposal> ProposeTeams(Actor actor, int teamSize, int seed)
    {
        await EnsureModeratorAsync(actor);
        var candidates = Document!.People.Where(p => p is { Role: CohortRole.Participant, Side: not null })
            .Select(p => new TeamCandidate(p.UserId, p.Side!.Value, p.PartnershipId));
        return TeamComposer.Propose(candidates, teamSize, seed);
    }

    public async Task<CreatedCohortInvite> CreateInvite(Actor actor, CohortInviteRequest request)
    {
        await EnsureModeratorAsync(actor);
        ArgumentNullException.ThrowIfNull(request);
        PartnershipRules.Defined(request.Role, "role");
        if (request.Side is { } side)
        {
            PartnershipRules.Defined(side, "side");
        }
        else if (request.Role == CohortRole.Participant)
        {
            throw new HubRefusedException(ErrorCodes.Validation,
                "En invitation af deltagere skal have en side. / An invitation of participants needs a side.", "side");
        }

        if (request.MaxUses is < 1 or > InviteRules.MaxUsesMax)
        {
            throw new HubRefusedException(ErrorCodes.Validation,
                $"Antal brug skal være 1–{InviteRules.MaxUsesMax}. / Uses must be 1–{InviteRules.MaxUsesMax}.", "maxUses");
        }

        if (request.ValidDays is < 1 or > InviteRules.ValidDaysMax)
        {
            throw new HubRefusedException(ErrorCodes.Validation,
                $"Gyldighed skal være 1–{InviteRules.ValidDaysMax} dage. / Validity must be 1–{InviteRules.ValidDaysMax} days.", "validDays");
        }

        await _invitesGate.WaitAsync();
        try
        {
            var now = Clock.GetUtcNow();
            var list = invites.State.Invites;
            list.RemoveAll(i => !i.IsUsable(now) && i.ExpiresAt < now.AddDays(-30));
            if (list.Count >= CohortLimits.InvitesMax)
            {
                throw new HubRefusedException(ErrorCodes.Limit, $"Højst {CohortLimits.InvitesMax} invitationer. / At most {CohortLimits.InvitesMax} invitations.");
            }

            var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            var invite = new CohortInvite(Guid.NewGuid(), request.Role, request.Side, request.MaxUses, 0, now.AddDays(request.ValidDays), false,
                actor.UserId, now);
            await GrainFactory.GetGrain<ICohortInviteTrustedGrain>(IInviteGrain.Key(secret)).Register(Id, invite.Id);
            list.Add(invite);
            await invites.WriteStateAsync();
            await AuditTrail.Cohort(GrainFactory, Id, now, AuditActions.InviteCreated, actor, $"invite:{invite.Id}",
                $"{invite.Role}/{invite.Side}, {invite.MaxUses} uses, until {invite.ExpiresAt:yyyy-MM-dd}");
            return new CreatedCohortInvite(invite, secret);
        }
        finally
        {
            _invitesGate.Release();
        }
    }

    public async Task<ImmutableArray<CohortInvite>> ListInvites(Actor actor)
    {
        await EnsureModeratorAsync(actor);
        return [.. invites.State.Invites.OrderByDescending(i => i.CreatedAt)];
    }

    public async Task<CohortInvite> RevokeInvite(Actor actor, Guid inviteId)
    {
        await EnsureModeratorAsync(actor);
        await _invitesGate.WaitAsync();
        try
        {
            var list = invites.State.Invites;
            var index = list.FindIndex(i => i.Id == inviteId);
            if (index < 0)
            {
                throw new HubRefusedException(ErrorCodes.NotFound, "Invitationen findes ikke. / The invitation does not exist.");
            }

            var invite = list[index] = list[index] with { Revoked = true };
            await invites.WriteStateAsync();
            await AuditTrail.Cohort(GrainFactory, Id, Clock.GetUtcNow(), AuditActions.InviteRevoked, actor, $"invite:{inviteId}");
            return invite;
        }
        finally
        {
            _invitesGate.Release();
        }
    }

    public Task<CohortInvitePreview> PreviewInvite(Guid inviteId)
    {
        var invite = UsableInvite(inviteId);
        return Task.FromResult(new CohortInvitePreview(Id, Document!.Name, Document.Provider, invite.Role, invite.Side, invite.ExpiresAt));
    }

    public async Task<CohortSummary> AcceptInvite(Guid inviteId, Actor person)
    {
        ArgumentNullException.ThrowIfNull(person);
        await _invitesGate.WaitAsync();
        try
        {
            var invite = UsableInvite(inviteId);
            if (CohortReducer.RoleOf(Document!, person.UserId) is null)
            {
                await EnrolAsync(new EnrolPerson(person.UserId, person.DisplayName, invite.Role, invite.Side, null, null));
                var list = invites.State.Invites;
                list[list.FindIndex(i => i.Id == inviteId)] = invite with { Uses = invite.Uses + 1 };
                await invites.WriteStateAsync();
                await AuditTrail.Cohort(GrainFactory, Id, Clock.GetUtcNow(), AuditActions.InviteAccepted, person, $"user:{person.UserId}",
                    $"{person.DisplayName}: {invite.Role}/{invite.Side}, invite:{inviteId}");
            }

            return SummaryOf(Document!, Document!.People.Find(p => p.UserId == person.UserId)!);
        }
        finally
        {
            _invitesGate.Release();
        }
    }

    public async Task ForgetPerson(string userId)
    {
        if (Document is null || CohortReducer.RoleOf(Document, userId) is null)
        {
            return;
        }

        // Committed without the after-commit step on purpose: the caller is the person's list of cohorts, waiting for
        // this call, and telling it to remove the cohort would wait for it in turn.
        await SubmitAsSystem(new ForgetCohortPerson(userId));
        await RevokeThoseWhoMayNoLongerReadAsync();
    }

    /// <summary>The live mechanism's submit, then what follows a committed change of people or attendance: the audit
    /// entry with the person who made it, the people's lists of cohorts, and revoking anyone who left.</summary>
    async Task<SubmitResult> ILiveGrain<CohortOp, CohortSnapshot>.Submit(Actor actor, OpId id, CohortOp op)
    {
        var result = await Submit(actor, id, op);
        if (result is { Seq: not null, Duplicate: false })
        {
            await AfterCommitAsync(actor, op);
        }

        return result;
    }

    protected override async ValueTask<LiveAccess> AuthorizeAsync(Actor actor)
    {
        if (Document is null)
        {
            return LiveAccess.None;
        }

        if (Document.People.Find(p => p.UserId == actor.UserId) is { } person)
        {
            // Everyone in the cohort may send operations; the reducer decides which (moderators change the cohort,
            // anyone may leave it).
            return new LiveAccess(true, true, person.Side);
        }

        if (!actor.IsPlatformAdmin)
        {
            return LiveAccess.None;
        }

        var now = Clock.GetUtcNow();
        if (!_adminsAudited.TryGetValue(actor.UserId, out var last) || now - last >= AuditAdminsEvery)
        {
            _adminsAudited[actor.UserId] = now;
            await AuditTrail.Cohort(GrainFactory, Id, now, AuditActions.AdminViewed, actor, $"cohort:{Id}");
        }

        return new LiveAccess(true, false, null);
    }

    protected override (Cohort Document, CohortOp Committed) Apply(Cohort document, Actor actor, OpId id, long seq, CohortOp op, DateTimeOffset now) =>
        (CohortReducer.Apply(document, actor, op, now), op);

    protected override CohortSnapshot ToSnapshot(Cohort document, long seq) => new(seq, document);

    private async Task AfterCommitAsync(Actor actor, CohortOp op)
    {
        var now = Clock.GetUtcNow();
        switch (op)
        {
            case MarkAttendance o:
                await AuditTrail.Cohort(GrainFactory, Id, now, AuditActions.AttendanceMarked, actor, $"attendance:{o.SessionId}:{o.UserId}", o.Status.ToString());
                break;
            case ClearAttendance o:
                await AuditTrail.Cohort(GrainFactory, Id, now, AuditActions.AttendanceCleared, actor, $"attendance:{o.SessionId}:{o.UserId}");
                break;
            case SetRole o:
                await AuditTrail.Cohort(GrainFactory, Id, now, AuditActions.RoleChanged, actor, $"user:{o.UserId}", $"{o.Role}/{o.Side}");
                await PublishSummariesAsync([o.UserId]);
                break;
            case RemovePerson o:
                await AuditTrail.Cohort(GrainFactory, Id, now, AuditActions.MemberRemoved, actor, $"user:{o.UserId}");
                await GrainFactory.GetGrain<IPersonCohortsTrustedGrain>(o.UserId).Remove(Id);
                await RevokeThoseWhoMayNoLongerReadAsync();
                break;
            case SetCohortDetails:
                await PublishSummariesAsync([.. Document!.People.Select(p => p.UserId)]);
                break;
        }
    }

    private async Task EnrolAsync(EnrolPerson op)
    {
        var result = await SubmitAsSystem(op);
        if (result.ErrorCode is not null)
        {
            throw new HubRefusedException(result.ErrorCode, result.Error ?? "");
        }

        await PublishSummariesAsync([op.UserId]);
    }

    private Task PublishSummariesAsync(IReadOnlyCollection<string> userIds)
    {
        var cohort = Document!;
        return Task.WhenAll(cohort.People.Where(p => userIds.Contains(p.UserId))
            .Select(p => GrainFactory.GetGrain<IPersonCohortsTrustedGrain>(p.UserId).Put(SummaryOf(cohort, p))));
    }

    private static CohortSummary SummaryOf(Cohort cohort, CohortMember person) =>
        new(cohort.Id, cohort.Name, cohort.Provider, cohort.StartsOn, cohort.EndsOn, person.Role);

    private async Task EnsureReaderAsync(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var access = await AuthorizeAsync(actor);
        if (!access.CanRead || Document is null)
        {
            throw new HubRefusedException(ErrorCodes.NotFound, NotFoundMessage);
        }
    }

    private async Task EnsureModeratorAsync(Actor actor)
    {
        await EnsureReaderAsync(actor);
        if (CohortReducer.RoleOf(Document!, actor.UserId) != CohortRole.Moderator)
        {
            throw new HubRefusedException(ErrorCodes.Forbidden, "Kun forløbets ledere kan gøre det. / Only the cohort's moderators can do that.");
        }
    }

    private CohortInvite UsableInvite(Guid inviteId)
    {
        var invite = Document is null ? null : invites.State.Invites.Find(i => i.Id == inviteId);
        if (invite is null || !invite.IsUsable(Clock.GetUtcNow()))
        {
            throw new HubRefusedException(ErrorCodes.NotFound,
                "Invitationen findes ikke, er brugt eller er udløbet. / The invitation does not exist, is used up or has expired.");
        }

        return invite;
    }
}
