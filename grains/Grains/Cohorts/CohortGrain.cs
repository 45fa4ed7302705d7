using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Hub.Contracts.Audit;
using Hub.Contracts.Boards;
using Hub.Contracts.Cohorts;
using Hub.Contracts.Common;
using Hub.Contracts.Live;
using Hub.Contracts.Partnerships;
using Hub.Grains.Boards;
using Hub.Grains.Live;
using Hub.Grains.Partnerships;
using Microsoft.Extensions.Logging;

namespace Hub.Grains.Cohorts;

/// <summary>A cohort's invitations, kept apart from the live document: only moderators list them, while the document
/// goes to everyone in the cohort.</summary>
[GenerateSerializer, Alias("hub.CohortInvitesState")]
public sealed class CohortInvitesState
{
    [Id(0)] public List<CohortInvite> Invites { get; set; } = [];

    /// <summary>The key the room's check-in codes are derived from (HMAC of the session); made on first use.</summary>
    [Id(1)] public byte[]? CheckInKey { get; set; }
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
public sealed partial class CohortGrain(
    [PersistentState("cohort", GrainStorage.Name)] IPersistentState<LiveState<Cohort>> state,
    [PersistentState("cohort-invites", GrainStorage.Name)] IPersistentState<CohortInvitesState> invites,
    TimeProvider clock,
    ILogger<CohortGrain> logger)
    : LiveGrain<Cohort, CohortOp, CohortSnapshot>(state, clock, logger), ICohortGrain, ILiveGrain<CohortOp, CohortSnapshot>, ICohortTrustedGrain
{
    private static readonly TimeSpan AuditAdminsEvery = TimeSpan.FromMinutes(10);

    // Check-in codes are short (read aloud in a room), so wrong guesses are counted per person: a few typos pass,
    // trying codes in bulk does not. In memory on purpose: a code lives for one session's window.
    private const int CheckInAttemptsMax = 10;
    private static readonly TimeSpan CheckInAttemptsWindow = TimeSpan.FromMinutes(10);
    private const string CodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private const int CodeLength = 6;
    private readonly Dictionary<string, (int Count, DateTimeOffset Since)> _checkInFailures = [];
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

    public async Task<AssignmentGiven> GiveAssignment(Actor actor, string assignmentId)
    {
        await EnsureModeratorAsync(actor);
        var cohort = Document!;
        var assignment = (cohort.Assignments ?? []).Find(a => a.Id == assignmentId)
            ?? throw new HubRefusedException(ErrorCodes.NotFound, "Opgaven findes ikke. / The assignment does not exist.", "assignmentId");
        var module = assignment.ModuleId is null ? null : cohort.Modules.Find(m => m.Id == assignment.ModuleId);
        var label = (module?.Title ?? "Praksisopgave").Trim();
        label = label.Length > BoardLimits.LabelMax ? label[..BoardLimits.LabelMax].TrimEnd() : label;
        DateTimeOffset? due = assignment.DueOn is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;

        // The teams' boards are independent: they are asked at once, so giving takes about one board's time.
        var placements = await Task.WhenAll(cohort.Teams.Where(t => !t.MemberIds.IsEmpty).Select(async team =>
        {
            var partnerships = team.MemberIds.Select(id => cohort.People.Find(p => p.UserId == id)?.PartnershipId)
                .OfType<Guid>().Distinct().ToList();
            if (partnerships.Count != 1)
            {
                return new TeamPlacement(team.Id, null, null, partnerships.Count == 0
                    ? "Ingen på holdet har angivet sit partnerskab. / Nobody in the team has said which partnership they come from."
                    : "Holdet kommer fra flere partnerskaber; holdtavler er ikke bygget endnu. / The team comes from several partnerships; team boards are not built yet.");
            }

            var boards = await GrainFactory.GetGrain<IPartnershipTrustedGrain>(partnerships[0]).GetBoards();
            if (boards.IsDefaultOrEmpty)
            {
                return new TeamPlacement(team.Id, null, null, "Partnerskabet har ingen tavle. / The partnership has no board.");
            }

            var boardId = boards[0].BoardId;
            var cardId = CardIdFor(assignment.Id, team.Id);
            var column = await GrainFactory.GetGrain<IBoardTrustedGrain>(boardId).PlaceCohortCard(new AddCohortCard(cardId, assignment.Title,
                assignment.VolunteerTasks, assignment.StaffTasks, [label], due, Id, cohort.Name, assignment.Id, team.Id, assignment.Instructions));
            var placed = await SubmitAsSystem(new PlaceAssignmentCard(assignment.Id, team.Id, boardId, cardId, column));
            if (placed.ErrorCode is not null)
            {
                throw new HubRefusedException(placed.ErrorCode, placed.Error ?? "");
            }

            return new TeamPlacement(team.Id, boardId, cardId, null);
        }));

        await AuditTrail.Cohort(GrainFactory, Id, Clock.GetUtcNow(), AuditActions.AssignmentGiven, actor, $"assignment:{assignment.Id}",
            $"{placements.Count(p => p.CardId is not null)} of {placements.Length} teams");
        return new AssignmentGiven(assignment.Id, [.. placements]);
    }

    public async Task<ImmutableArray<AttendanceNote>> GetAttendanceNotes(Actor actor)
    {
        await EnsureReaderAsync(actor);
        // Moderators read every note; a participant only the notes about themself (their right of access, used by
        // their data export) — never anyone else's. Observers and admins none.
        var role = CohortReducer.RoleOf(Document!, actor.UserId);
        if (role is not (CohortRole.Moderator or CohortRole.Participant))
        {
            throw new HubRefusedException(ErrorCodes.Forbidden, "Kun forløbets ledere kan gøre det. / Only the cohort's moderators can do that.");
        }

        return [.. Document!.Attendance.Where(a => a.Note.Length > 0 && (role == CohortRole.Moderator || a.UserId == actor.UserId))
            .Select(a => new AttendanceNote(a.SessionId, a.UserId, a.Note))];
    }

    public async Task<CheckInCode> GetCheckInCode(Actor actor, string sessionId)
    {
        await EnsureModeratorAsync(actor);
        var session = Document!.Sessions.Find(s => s.Id == sessionId)
            ?? throw new HubRefusedException(ErrorCodes.NotFound, "Mødegangen findes ikke. / The session does not exist.", "sessionId");
        var key = await CheckInKeyAsync();
        return new CheckInCode(session.Id, CodeFor(key, session), session.StartsAt - CohortLimits.CheckInOpensBefore, session.EndsAt);
    }

    public async Task<AttendanceMark> CheckInWithCode(Actor actor, string code)
    {
        await EnsureReaderAsync(actor);
        if (CohortReducer.RoleOf(Document!, actor.UserId) != CohortRole.Participant)
        {
            throw new HubRefusedException(ErrorCodes.Forbidden, "Kun deltagere tjekker ind. / Only participants check in.");
        }

        var now = Clock.GetUtcNow();
        if (_checkInFailures.TryGetValue(actor.UserId, out var failures) && now - failures.Since < CheckInAttemptsWindow && failures.Count >= CheckInAttemptsMax)
        {
            throw new HubRefusedException(ErrorCodes.RateLimited, "For mange forkerte koder; prøv igen om lidt. / Too many wrong codes; try again shortly.");
        }

        var typed = new string((code ?? "").Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        var key = await CheckInKeyAsync();
        var session = Document!.Sessions.Find(s => now >= s.StartsAt - CohortLimits.CheckInOpensBefore && now <= s.EndsAt
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(CodeFor(key, s)), Encoding.ASCII.GetBytes(typed)));
        if (session is null)
        {
            _checkInFailures[actor.UserId] = failures.Count == 0 || now - failures.Since >= CheckInAttemptsWindow ? (1, now) : (failures.Count + 1, failures.Since);
            throw new HubRefusedException(ErrorCodes.Validation,
                "Koden passer ikke til en mødegang, der er i gang nu. / The code does not match a session that is on now.", "code");
        }

        var status = now > session.StartsAt + CohortLimits.LateAfter ? AttendanceStatus.Late : AttendanceStatus.Present;
        var result = await SubmitAsSystem(new CheckIn(session.Id, actor.UserId, status));
        if (result.ErrorCode is not null)
        {
            throw new HubRefusedException(result.ErrorCode, result.Error ?? "");
        }

        var mark = Document!.Attendance.Find(a => a.SessionId == session.Id && a.UserId == actor.UserId)!;
        await AuditTrail.Cohort(GrainFactory, Id, now, AuditActions.AttendanceCheckedIn, actor, $"attendance:{session.Id}:{actor.UserId}", mark.Status.ToString());
        return mark with { Note = "" };
    }

    public async Task<CohortSnapshot> SetMyPartnership(Actor actor, Guid? partnershipId)
    {
        await EnsureReaderAsync(actor);
        var person = Document!.People.Find(p => p.UserId == actor.UserId);
        if (person is not { Role: CohortRole.Participant })
        {
            throw new HubRefusedException(ErrorCodes.Forbidden, "Kun deltagere kommer fra et partnerskab. / Only participants come from a partnership.");
        }

        string? name = null;
        if (partnershipId is { } id)
        {
            // Asked as the person: the partnership answers its own members only, so nobody can claim one they are not in.
            var partnership = await GrainFactory.GetGrain<IPartnershipGrain>(id).Get(actor);
            if (!partnership.Members.Any(m => m.UserId == actor.UserId))
            {
                throw new HubRefusedException(ErrorCodes.NotFound, "Partnerskabet findes ikke. / The partnership does not exist.");
            }

            name = partnership.Details.Name;
        }

        await EnrolAsync(new EnrolPerson(person.UserId, person.DisplayName, person.Role, person.Side, partnershipId, name));
        return await DurableSnapshot();
    }

    public async Task AssignmentCardChanged(Guid boardId, string cardId, AssignmentStatus status, string columnTitle)
    {
        var assignment = Document?.Assignments?.Find(a => a.Cards.Exists(c => c.BoardId == boardId && c.CardId == cardId));
        var card = assignment?.Cards.Find(c => c.BoardId == boardId && c.CardId == cardId);
        if (assignment is null || card is null || (card.Status == status && card.ColumnTitle == columnTitle))
        {
            return;
        }

        await SubmitAsSystem(new SetAssignmentStatus(assignment.Id, card.TeamId, status, columnTitle));
    }

    public Task<Cohort?> GetCohort() => Task.FromResult(Document);

    /// <summary>One card id per cohort, assignment and team, whoever gives it and however often: the board then
    /// recognises a retry by the id alone.</summary>
    private string CardIdFor(string assignmentId, string teamId) =>
        "cohort-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{Id:N}/{assignmentId}/{teamId}")))[..40];

    private static string CodeFor(byte[] key, CohortSession session)
    {
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{session.Id}/{session.StartsAt.UtcTicks}"));
        return new string([.. mac.Take(CodeLength).Select(b => CodeAlphabet[b % CodeAlphabet.Length])]);
    }

    private async Task<byte[]> CheckInKeyAsync()
    {
        if (invites.State.CheckInKey is { } key)
        {
            return key;
        }

        await _invitesGate.WaitAsync();
        try
        {
            if (invites.State.CheckInKey is null)
            {
                invites.State.CheckInKey = RandomNumberGenerator.GetBytes(32);
                await invites.WriteStateAsync();
            }

            return invites.State.CheckInKey;
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
        await ForgetContributionsAsync(userId);
        await RevokeThoseWhoMayNoLongerReadAsync();
    }

    /// <summary>Someone who leaves the cohort (or is taken out of it) takes their reflections and evaluation answers
    /// along: both were given as a member of the cohort, and neither would otherwise be reachable by their data export.</summary>
    private Task ForgetContributionsAsync(string userId) => Task.WhenAll(
        GrainFactory.GetGrain<ICohortReflectionsTrustedGrain>(Id).ForgetPerson(userId),
        GrainFactory.GetGrain<Evaluations.ICohortEvaluationTrustedGrain>(Id).ForgetPerson(userId));

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

    /// <summary>A mark's note stays in the grain: the operation is committed and pushed without it, because every
    /// operation reaches everyone in the cohort, and notes are for moderators (<see cref="GetAttendanceNotes"/>).</summary>
    protected override (Cohort Document, CohortOp Committed) Apply(Cohort document, Actor actor, OpId id, long seq, CohortOp op, DateTimeOffset now) =>
        (CohortReducer.Apply(document.Assignments is null ? document with { Assignments = [] } : document, actor, op, now),
            op is MarkAttendance { Note.Length: > 0 } mark ? mark with { Note = "" } : op);

    /// <summary>The cohort as its readers get it: without the moderators' notes on attendance.</summary>
    protected override CohortSnapshot ToSnapshot(Cohort document, long seq) => new(seq, document with
    {
        Attendance = document.Attendance.Any(a => a.Note.Length > 0) ? [.. document.Attendance.Select(a => a with { Note = "" })] : document.Attendance,
        Assignments = document.Assignments ?? [],
    });

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
                await ForgetContributionsAsync(o.UserId);
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
