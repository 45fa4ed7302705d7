using System.Collections.Immutable;
using Hub.Contracts.Common;
using Hub.Contracts.Live;

namespace Hub.Contracts.Cohorts;

/// <summary>
/// One training cohort: a live document like a board (modules, sessions, people, teams, attendance change by
/// operations; docs/protocol.md). Key: the cohort id. Everyone in the cohort reads it; moderators change it;
/// platform admins read without writing, and their look is audited. Every method here acts for a person and
/// checks them.
/// </summary>
[Alias("hub.ICohortGrain")]
public interface ICohortGrain : ILiveGrain<CohortOp, CohortSnapshot>
{
    /// <summary>Creates the cohort with the actor as its first moderator (any signed-in person with a verified
    /// address may: the web checks the address, docs/decisions/011-cohorts.md).</summary>
    [Alias("Create")]
    Task<CohortSnapshot> Create(Actor actor, CohortDetails details);

    /// <summary>The cohort for a reader: its people, and platform admins.</summary>
    [Alias("GetSnapshot")]
    Task<CohortSnapshot> GetSnapshot(Actor actor);

    /// <summary>
    /// A moderator who is a member of the partnership adds another of its members, as participant (with the side
    /// they have in the partnership), observer or moderator. The partnership itself says who its members are.
    /// </summary>
    [Alias("AddFromPartnership")]
    Task<CohortSnapshot> AddFromPartnership(Actor actor, Guid partnershipId, string userId, CohortRole role);

    /// <summary>Moderators: a proposal of mixed teams from the participants (<see cref="TeamProposal"/>); nothing changes
    /// until a moderator applies it with <see cref="SetTeams"/>.</summary>
    [Alias("ProposeTeams")]
    Task<TeamProposal> ProposeTeams(Actor actor, int teamSize, int seed);

    /// <summary>Moderators create an invitation link; the returned secret is shown once and never stored.</summary>
    [Alias("CreateInvite")]
    Task<CreatedCohortInvite> CreateInvite(Actor actor, CohortInviteRequest request);

    [Alias("ListInvites")]
    Task<ImmutableArray<CohortInvite>> ListInvites(Actor actor);

    [Alias("RevokeInvite")]
    Task<CohortInvite> RevokeInvite(Actor actor, Guid inviteId);

    /// <summary>
    /// Moderators: "Giv opgaven" — exactly one card per team on that team's board (its partnership's board), labelled
    /// with the module and linked back to the cohort. Card ids are derived from the cohort, assignment and team, so a
    /// retry (or a second click) finds the card already there and places none twice; teams made since get theirs.
    /// </summary>
    [Alias("GiveAssignment")]
    Task<AssignmentGiven> GiveAssignment(Actor actor, string assignmentId);

    /// <summary>The notes on attendance marks, which the cohort document never carries: moderators read all, a
    /// participant only those about themself (their data export); others are refused.</summary>
    [Alias("GetAttendanceNotes")]
    Task<ImmutableArray<AttendanceNote>> GetAttendanceNotes(Actor actor);

    /// <summary>Moderators: the short code to show in the room for a session, valid in the session's window.</summary>
    [Alias("GetCheckInCode")]
    Task<CheckInCode> GetCheckInCode(Actor actor, string sessionId);

    /// <summary>A participant checks in with the code shown in the room, for the session whose window is open now.</summary>
    [Alias("CheckInWithCode")]
    Task<AttendanceMark> CheckInWithCode(Actor actor, string code);

    /// <summary>A participant says which partnership they come from (one they are a member of; the partnership says
    /// so), or none: their team's card goes on that partnership's board.</summary>
    [Alias("SetMyPartnership")]
    Task<CohortSnapshot> SetMyPartnership(Actor actor, Guid? partnershipId);
}

/// <summary>
/// Maps a cohort invitation link to its cohort. Key: the SHA-256 of the link's secret (base64url), as for a
/// partnership's links, so the stored data never contains a usable link. Whoever holds the link may preview it;
/// a signed-in person accepts it for themself.
/// </summary>
[Alias("hub.ICohortInviteGrain")]
public interface ICohortInviteGrain : IGrainWithStringKey
{
    /// <summary>The invitation, or a not_found refusal when it does not exist, was revoked, is used up or expired.
    /// No actor: the secret in the link is the only authority, as for a partnership's links.</summary>
    [Alias("Preview")]
    Task<CohortInvitePreview> Preview();

    /// <summary>Enrols the actor with the invitation's role and side.</summary>
    [Alias("Accept")]
    Task<CohortSummary> Accept(Actor actor);
}

/// <summary>One person's cohorts ("mine"). Key: the user id; only that person reads it.</summary>
[Alias("hub.IPersonCohortsGrain")]
public interface IPersonCohortsGrain : IGrainWithStringKey
{
    [Alias("List")]
    Task<ImmutableArray<CohortSummary>> List(Actor actor);

    /// <summary>The person deletes their account: every cohort they are in forgets them, and so does the list.</summary>
    [Alias("ForgetMe")]
    Task ForgetMe(Actor actor);
}

/// <summary>A web node's subscription to cohorts.</summary>
[Alias("hub.ICohortObserver")]
public interface ICohortObserver : ILiveObserver<CohortOp>;
