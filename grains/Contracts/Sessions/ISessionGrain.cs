using System.Collections.Immutable;
using Hub.Contracts.Common;
using Hub.Contracts.Live;
using Hub.Contracts.Partnerships;
using Orleans.Concurrency;

namespace Hub.Contracts.Sessions;

/// <summary>
/// One live session: a live document (sequenced, durable before acknowledged) whose whole state only its moderators
/// read; the room reads the <see cref="RoomView"/> the grain builds for it. Key: the session id. Every method acts for
/// a person and checks them: moderators and co-facilitators run it, participants (admitted by code) answer.
/// </summary>
[Alias("hub.ISessionGrain")]
public interface ISessionGrain : ILiveGrain<SessionOp, SessionSnapshot>
{
    /// <summary>Creates the session with the actor as owner moderator and gives it a fresh code. The actor must be a
    /// member of the partnership, or a moderator of the cohort (the grain asks them).</summary>
    [Alias("Create")]
    Task<StaffView> Create(Actor actor, SessionDetails details);

    /// <summary>What a connection of the actor gets when it opens the session as <paramref name="audience"/>; moderators
    /// only for Staff; participants (and moderators) for the room's audiences.</summary>
    [Alias("Open")]
    Task<SessionOpened> Open(Actor actor, SessionAudience audience);

    /// <summary>Moderators: the session ends; its code is dead at once.</summary>
    [Alias("Close")]
    Task<StaffView> Close(Actor actor);

    /// <summary>The owner only: a new code (the old one is dead at once).</summary>
    [Alias("ChangeCode")]
    Task<StaffView> ChangeCode(Actor actor);

    /// <summary>Moderators, after the session: every poll's results, and each step's planned and actual time.</summary>
    [Alias("Summary")]
    Task<StaffView> Summary(Actor actor);

    /// <summary>Moderators: the summary page's content — each step's planned and actual time, each poll's result.</summary>
    [Alias("Report")]
    Task<SessionReport> Report(Actor actor);

    /// <summary>Moderators: one poll for its CSV — the tally, and per-answer rows only when the poll is named.</summary>
    [Alias("ExportPoll")]
    Task<PollExport> ExportPoll(Actor actor, string pollId);

    /// <summary>The owner only: who may be made co-facilitator — the partnership's members (not observers), or the
    /// cohort's moderators and participants — and are not in the session yet.</summary>
    [Alias("CoFacilitatorCandidates")]
    Task<ImmutableArray<SessionStaff>> CoFacilitatorCandidates(Actor actor);
}

/// <summary>
/// A session's code, normalised (upper case). Key: the code. Holding the code is the only authority to enter, as
/// holding a link is for an invitation; guessing is rate-limited in the web.
/// </summary>
[Alias("hub.ISessionCodeGrain")]
public interface ISessionCodeGrain : IGrainWithStringKey
{
    /// <summary>The open session this code leads to; not_found otherwise. No actor: the code is the authority.</summary>
    [Alias("Resolve")]
    Task<Guid> Resolve();

    /// <summary>Admits the actor to the session this code leads to (a signed-in member as themself, anyone else with
    /// the id the web made for their browser); not_found when no open session has the code.</summary>
    [Alias("Enter")]
    Task<SessionEntry> Enter(Actor actor, Side? side);
}

/// <summary>The sessions of a partnership or a cohort. Key: "partnership:{id}" or "cohort:{id}".</summary>
[Alias("hub.ISessionListGrain")]
public interface ISessionListGrain : IGrainWithStringKey
{
    /// <summary>Members of the partnership, or the cohort's people.</summary>
    [Alias("List")]
    Task<ImmutableArray<SessionSummary>> List(Actor actor);
}

/// <summary>A web node's subscription to sessions: the live operations (moderators' presence only) and the views.</summary>
[Alias("hub.ISessionObserver")]
public interface ISessionObserver : ILiveObserver<SessionOp>
{
    /// <summary>The session changed: the moderators' view and the room's, coalesced (at most four a second).</summary>
    [OneWay, Alias("Views")]
    Task Views(Guid sessionId, StaffView staff, RoomView room);
}
