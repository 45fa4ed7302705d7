using System.Collections.Immutable;
using System.Diagnostics;
using Hub.Contracts.Audit;
using Hub.Contracts.Cohorts;
using Hub.Contracts.Common;
using Hub.Contracts.Live;
using Hub.Contracts.Partnerships;
using Hub.Contracts.Sessions;
using Hub.Grains.Live;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace Hub.Grains.Sessions;

/// <summary>
/// One live session: the live mechanism (<see cref="LiveGrain{TDoc,TOp,TSnapshot}"/>) with the session's rules
/// (<see cref="SessionReducer"/>). Unlike a board, the document is not for everyone who may write to it: participants
/// send answers, but only moderators sync the document or see presence. What the room sees is a
/// <see cref="RoomView"/> the grain builds (<see cref="SessionViewBuilder"/>), pushed to the web nodes' view
/// observers — coalesced to at most one per <see cref="PushEvery"/> however fast answers arrive, and never before
/// the state it shows is durable.
/// <para>
/// The timer's end time is state; the grain checks it once a second and on every call, so an expiry that happened
/// while no activation existed is applied by the next one.
/// </para>
/// </summary>
public sealed partial class SessionGrain(
    [PersistentState("session", GrainStorage.Name)] IPersistentState<LiveState<Session>> state,
    IServiceProvider services,
    ILogger<SessionGrain> logger)
    : LiveGrain<Session, SessionOp, SessionSnapshot>(state, ClockOf(services), logger),
        ISessionGrain, ILiveGrain<SessionOp, SessionSnapshot>, ISessionTrustedGrain
{
    /// <summary>A TimeProvider registered under this key replaces the silo's for sessions (tests use a manual clock;
    /// the silo's own clock stays real for Orleans).</summary>
    public const string ClockKey = "sessions";

    /// <summary>Views go out at most this often: at most four result updates a second per connection, and the last
    /// answer's tally at most this late.</summary>
    public static readonly TimeSpan PushEvery = TimeSpan.FromMilliseconds(250);

    private const int CodeAttempts = 20;
    private readonly ObserverManager<ISessionObserver> _viewers = new(TimeSpan.FromSeconds(30), logger);
    private long _lastPush = -1;
    private IGrainTimer? _pushTimer;
    private bool _pushing;
    private bool _dirty;

    private Guid Id => this.GetPrimaryKey();

    private static TimeProvider ClockOf(IServiceProvider services) =>
        services.GetKeyedService<TimeProvider>(ClockKey) ?? services.GetRequiredService<TimeProvider>();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        this.RegisterGrainTimer(TickAsync, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    public async Task<StaffView> Create(Actor actor, SessionDetails details)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(details);
        if (Document is not null)
        {
            throw new HubRefusedException(ErrorCodes.Conflict, "Mødet findes allerede. / The session already exists.");
        }

        var now = Clock.GetUtcNow();
        // Validated before anything is claimed.
        SessionReducer.NewSession(Id, details, actor, "", now);
        var owner = details.Owner;
        if (owner.CohortId is { } cohortId)
        {
            var cohort = await EnsureCohortReaderAsync(GrainFactory, cohortId, actor);
            if (cohort.People.Find(p => p.UserId == actor.UserId)?.Role != CohortRole.Moderator)
            {
                throw new HubRefusedException(ErrorCodes.Forbidden, "Kun forløbets ledere kan starte et møde. / Only the cohort's moderators can start a session.");
            }

            if (owner.CohortSessionId is { } linked && !cohort.Sessions.Any(s => s.Id == linked))
            {
                throw new HubRefusedException(ErrorCodes.NotFound, "Forløbets mødegang findes ikke. / The cohort's session does not exist.", "cohortSessionId");
            }
        }
        else
        {
            var partnership = await EnsurePartnershipMemberAsync(GrainFactory, owner.PartnershipId!.Value, actor);
            if (partnership.Members.First(m => m.UserId == actor.UserId).Role == MemberRole.Observer)
            {
                throw new HubRefusedException(ErrorCodes.Forbidden, "Observatører kan ikke starte et møde. / Observers cannot start a session.");
            }
        }

        var code = await ClaimCodeAsync();
        await ResetDocument(SessionReducer.NewSession(Id, details, actor, code, now));
        await PutSummaryAsync();
        return await StaffViewAsync();
    }

    public async Task<SessionOpened> Open(Actor actor, SessionAudience audience)
    {
        if (!Enum.IsDefined(audience))
        {
            throw new HubRefusedException(ErrorCodes.Validation, "Ukendt visning. / Unknown audience.", "audience");
        }

        var role = await RoleAsync(actor);
        if (audience == SessionAudience.Staff && !SessionReducer.IsStaff(role))
        {
            throw new HubRefusedException(ErrorCodes.Forbidden, "Kun mødets ledere ser styringen. / Only the session's facilitators see the controls.");
        }

        var snapshot = await DurableSnapshot();
        var session = snapshot.Session;
        var participant = role == SessionRole.Participant ? session.Participants.First(p => p.Id == actor.UserId) : null;
        return new SessionOpened(role, audience == SessionAudience.Staff ? Stamped(SessionViewBuilder.Staff(session, snapshot.Seq)) : null,
            Stamped(SessionViewBuilder.Room(session, snapshot.Seq)),
            participant is null ? [] : SessionViewBuilder.Mine(session, participant.Id), participant?.Id, participant?.DisplayName)
        {
            Work = participant is null ? null : SessionViewBuilder.WorkOf(session, participant.Id),
        };
    }

    public async Task<StaffView> Close(Actor actor)
    {
        await EnsureStaffAsync(actor);
        if (!Document!.Closed)
        {
            await CommitAsSystemAsync(new CloseSession(actor.UserId));
            await GrainFactory.GetGrain<ISessionCodeTrustedGrain>(Document.Code).Retire(Id);
            await PutSummaryAsync();
        }

        return await StaffViewAsync();
    }

    public async Task<StaffView> ChangeCode(Actor actor)
    {
        var role = await EnsureStaffAsync(actor);
        if (role != SessionRole.Moderator)
        {
            throw new HubRefusedException(ErrorCodes.Forbidden, "Kun mødets ejer kan skifte koden. / Only the session's owner can change the code.");
        }

        if (Document!.Closed)
        {
            throw new HubRefusedException(ErrorCodes.Conflict, "Mødet er slut. / The session has ended.");
        }

        var old = Document.Code;
        var code = await ClaimCodeAsync();
        await CommitAsSystemAsync(new SetCode(code));
        await GrainFactory.GetGrain<ISessionCodeTrustedGrain>(old).Retire(Id);
        await PutSummaryAsync();
        return await StaffViewAsync();
    }

    public async Task<StaffView> Summary(Actor actor)
    {
        await EnsureStaffAsync(actor);
        return await StaffViewAsync();
    }

    public async Task<SessionEntry> Admit(Actor actor, Side? side, string code)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await ExpireIfDueAsync();
        if (Document is not { Closed: false } session || session.Code != code)
        {
            throw new HubRefusedException(ErrorCodes.NotFound, "Koden findes ikke, eller mødet er slut. / The code does not exist, or the session has ended.");
        }

        var role = SessionReducer.RoleOf(session, actor.UserId);
        if (!SessionReducer.IsStaff(role))
        {
            await CommitAsSystemAsync(new AdmitParticipant(actor.UserId, actor.DisplayName, side));
            role = SessionRole.Participant;
            await FeedCohortAttendanceAsync(actor.UserId);
        }

        return new SessionEntry(Id, Document.Title, Document.AskSide, actor.UserId, role!.Value);
    }

    /// <summary>The live mechanism's submit, then a (coalesced) view for everyone, and the audit of what removes answers.</summary>
    async Task<SubmitResult> ILiveGrain<SessionOp, SessionSnapshot>.Submit(Actor actor, OpId id, SessionOp op)
    {
        await ExpireIfDueAsync();
        if (await VetAsync(actor, op) is not { } vetted)
        {
            return SubmitResult.Refused(ErrorCodes.NotFound, "Personen er ikke med i partnerskabet eller forløbet. / The person is not in the partnership or cohort.");
        }

        op = vetted;
        var result = await Submit(actor, id, op);
        if (result is { Seq: not null, Duplicate: false })
        {
            ScheduleViews();
            switch (op)
            {
                case ResetPoll o:
                    await AuditAsync(AuditActions.PollReset, actor, $"poll:{o.PollId}");
                    break;
                case RejectAnswer o:
                    await AuditAsync(AuditActions.AnswerRejected, actor, $"poll:{o.PollId}:{o.AnswerId}");
                    break;
                case ModerateQuestion { State: QuestionState.Hidden } o:
                    await AuditAsync(AuditActions.QuestionHidden, actor, $"question:{o.QuestionId}");
                    break;
            }
        }

        return result;
    }

    /// <summary>The whole document (answers and all) is the moderators' only.</summary>
    async Task<SyncResult<SessionOp, SessionSnapshot>> ILiveGrain<SessionOp, SessionSnapshot>.Sync(Actor actor, long fromSeq)
    {
        await EnsureStaffAsync(actor);
        return await Sync(actor, fromSeq);
    }

    /// <summary>Presence names everyone on the session: moderators only.</summary>
    async Task<SyncResult<SessionOp, SessionSnapshot>> ILiveGrain<SessionOp, SessionSnapshot>.Join(Actor actor, string connectionId, long fromSeq)
    {
        await EnsureStaffAsync(actor);
        return await Join(actor, connectionId, fromSeq);
    }

    /// <summary>A web node's subscription carries its view observer as well.</summary>
    Task<LiveSubscription> ILiveGrain<SessionOp, SessionSnapshot>.Subscribe(ILiveObserver<SessionOp> observer, ImmutableArray<LiveConnection> connections)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var viewer = observer.AsReference<ISessionObserver>();
        _viewers.Subscribe(viewer, viewer);
        return Subscribe(observer, connections);
    }

    Task ILiveGrain<SessionOp, SessionSnapshot>.Unsubscribe(ILiveObserver<SessionOp> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _viewers.Unsubscribe(observer.AsReference<ISessionObserver>());
        return Unsubscribe(observer);
    }

    protected override ValueTask<LiveAccess> AuthorizeAsync(Actor actor)
    {
        if (Document is null || SessionReducer.RoleOf(Document, actor.UserId) is not { } role)
        {
            return ValueTask.FromResult(LiveAccess.None);
        }

        // Everyone in the session may send operations; the reducer lets a participant send answers only.
        var side = role == SessionRole.Participant ? Document.Participants.First(p => p.Id == actor.UserId).Side : null;
        return ValueTask.FromResult(new LiveAccess(true, true, side));
    }

    protected override (Session Document, SessionOp Committed) Apply(Session document, Actor actor, OpId id, long seq, SessionOp op, DateTimeOffset now) =>
        (SessionReducer.Apply(document, actor, op, now), op);

    protected override SessionSnapshot ToSnapshot(Session document, long seq) => new(seq, document);

    internal static async Task<PartnershipSnapshot> EnsurePartnershipMemberAsync(IGrainFactory grains, Guid partnershipId, Actor actor)
    {
        var partnership = await grains.GetGrain<IPartnershipGrain>(partnershipId).Get(actor);
        return partnership.Members.Any(m => m.UserId == actor.UserId)
            ? partnership
            : throw new HubRefusedException(ErrorCodes.NotFound, "Partnerskabet findes ikke. / The partnership does not exist.");
    }

    internal static async Task<Cohort> EnsureCohortReaderAsync(IGrainFactory grains, Guid cohortId, Actor actor)
    {
        var cohort = (await grains.GetGrain<ICohortGrain>(cohortId).GetSnapshot(actor)).Cohort;
        return cohort.People.Any(p => p.UserId == actor.UserId)
            ? cohort
            : throw new HubRefusedException(ErrorCodes.NotFound, "Forløbet findes ikke. / The cohort does not exist.");
    }

    private async Task<SessionRole> RoleAsync(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await ExpireIfDueAsync();
        return Document is not null && SessionReducer.RoleOf(Document, actor.UserId) is { } role
            ? role
            : throw new HubRefusedException(ErrorCodes.NotFound, NotFoundMessage);
    }

    private async Task<SessionRole> EnsureStaffAsync(Actor actor)
    {
        var role = await RoleAsync(actor);
        return SessionReducer.IsStaff(role)
            ? role
            : throw new HubRefusedException(ErrorCodes.Forbidden, "Kun mødets ledere kan det. / Only the session's facilitators can do that.");
    }

    private async Task<StaffView> StaffViewAsync()
    {
        var snapshot = await DurableSnapshot();
        return Stamped(SessionViewBuilder.Staff(snapshot.Session, snapshot.Seq));
    }

    private async Task CommitAsSystemAsync(SessionOp op)
    {
        var result = await SubmitAsSystem(op);
        if (result.ErrorCode is not null)
        {
            throw new HubRefusedException(result.ErrorCode, result.Error ?? "");
        }

        ScheduleViews();
    }

    private async Task ExpireIfDueAsync()
    {
        if (Document is { Closed: false, Timer: { EndsAt: { } end, Expired: false } } && end <= Clock.GetUtcNow())
        {
            await CommitAsSystemAsync(new ExpireTimer());
        }
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        _viewers.ClearExpired();
        try
        {
            await ExpireIfDueAsync();
        }
        catch (HubRefusedException)
        {
            // Unavailable (a write failed): the next activation checks again.
        }
    }

    private async Task<string> ClaimCodeAsync()
    {
        for (var i = 0; i < CodeAttempts; i++)
        {
            var code = SessionCodeGrain.NewCode();
            if (await GrainFactory.GetGrain<ISessionCodeTrustedGrain>(code).Claim(Id))
            {
                return code;
            }
        }

        throw new HubRefusedException(ErrorCodes.Unavailable, "Prøv igen om et øjeblik. / Try again in a moment.");
    }

    /// <summary>
    /// Marks the views stale and sends them now if none went out in the last <see cref="PushEvery"/>, else once that
    /// time has passed: a burst of answers becomes one push per interval, and the last answer is in the next one.
    /// </summary>
    private void ScheduleViews()
    {
        _dirty = true;
        if (_pushTimer is not null || _pushing)
        {
            return;
        }

        var since = _lastPush < 0 ? PushEvery : Stopwatch.GetElapsedTime(_lastPush);
        if (since >= PushEvery)
        {
            _ = PushViewsAsync();
        }
        else
        {
            _pushTimer = this.RegisterGrainTimer(_ => PushViewsAsync(), PushEvery - since, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task PushViewsAsync()
    {
        _pushTimer?.Dispose();
        _pushTimer = null;
        _pushing = true;
        _dirty = false;
        _lastPush = Stopwatch.GetTimestamp();
        try
        {
            var snapshot = await DurableSnapshot();
            var staff = Stamped(SessionViewBuilder.Staff(snapshot.Session, snapshot.Seq));
            var id = Id;
            await _viewers.Notify(o => o.Views(id, staff, staff.Room));
        }
        catch (Exception ex) when (ex is HubRefusedException or OrleansException)
        {
            // The write failed: the activation is abandoned and clients resync from the next one.
            LogPushFailed(Logger, ex, Id);
        }
        finally
        {
            _pushing = false;
        }

        if (_dirty)
        {
            ScheduleViews();
        }
    }

    private Task AuditAsync(string action, Actor actor, string? detail)
    {
        var owner = Document!.Owner;
        var now = Clock.GetUtcNow();
        var target = $"session:{Id}";
        return owner.CohortId is { } cohortId
            ? AuditTrail.Cohort(GrainFactory, cohortId, now, action, actor, target, detail)
            : AuditTrail.Partnership(GrainFactory, owner.PartnershipId!.Value, now, action, actor, target, detail);
    }

    private Task PutSummaryAsync()
    {
        var s = Document!;
        return GrainFactory.GetGrain<ISessionListTrustedGrain>(SessionListGrain.KeyOf(s.Owner))
            .Put(new SessionSummary(s.Id, s.Title, s.Closed ? "" : s.Code, s.Closed, s.CreatedAt, s.Owner));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pushing the views of session {Session} failed")]
    private static partial void LogPushFailed(ILogger logger, Exception exception, Guid session);
}
