using Hub.Contracts.Cohorts;
using Hub.Contracts.Common;

namespace Hub.Grains.Cohorts;

/// <summary>What only other grains call on a cohort (never the web): the invitation link's way in, and forgetting a
/// deleted account.</summary>
[Alias("hub.ICohortTrustedGrain")]
public interface ICohortTrustedGrain : IGrainWithGuidKey
{
    [Alias("PreviewInvite")]
    Task<CohortInvitePreview> PreviewInvite(Guid inviteId);

    /// <summary>Checks the invitation once more and enrols the person.</summary>
    [Alias("AcceptInvite")]
    Task<CohortSummary> AcceptInvite(Guid inviteId, Actor person);

    /// <summary>A person deleted their account: they leave the cohort, its teams and its attendance.</summary>
    [Alias("ForgetPerson")]
    Task ForgetPerson(string userId);

    /// <summary>A board reports where an assignment's card stands after one of its operations (only when that changed).
    /// Ignored unless the cohort placed that very card on that very board.</summary>
    [Alias("AssignmentCardChanged")]
    Task AssignmentCardChanged(Guid boardId, string cardId, AssignmentStatus status, string columnTitle);

    /// <summary>A live session linked to the cohort's session <paramref name="sessionId"/> admitted a signed-in person:
    /// a participant of the cohort is marked present there (a mark already set stays); anyone else is ignored.</summary>
    [Alias("LiveSessionJoined")]
    Task LiveSessionJoined(Guid liveSessionId, string sessionId, string userId);
    /// <summary>The cohort as it is (null when it does not exist), for grains that decide access from its people without
    /// acting for a person — a team reflection asks on every operation, and an admin's look must not be audited as a read.</summary>
    [Alias("GetCohort")]
    Task<Cohort?> GetCohort();
}

/// <summary>What only other grains call on a cohort's reflections.</summary>
[Alias("hub.ICohortReflectionsTrustedGrain")]
public interface ICohortReflectionsTrustedGrain : IGrainWithGuidKey
{
    /// <summary>A person left the cohort or deleted their account: their reflections go, and so do their barrier tags.</summary>
    [Alias("ForgetPerson")]
    Task ForgetPerson(string userId);
}

/// <summary>The reflections grain opens a team's shared reflection the first time someone in the team asks for it.</summary>
[Alias("hub.ITeamReflectionTrustedGrain")]
public interface ITeamReflectionTrustedGrain : IGrainWithGuidKey
{
    [Alias("Open")]
    Task Open(Guid cohortId, string teamId);
}

/// <summary>The cohort grain registers each new link here (key: the hash of its secret).</summary>
[Alias("hub.ICohortInviteTrustedGrain")]
public interface ICohortInviteTrustedGrain : IGrainWithStringKey
{
    [Alias("Register")]
    Task Register(Guid cohortId, Guid inviteId);
}

/// <summary>Cohorts keep each of their people's lists up to date.</summary>
[Alias("hub.IPersonCohortsTrustedGrain")]
public interface IPersonCohortsTrustedGrain : IGrainWithStringKey
{
    [Alias("Put")]
    Task Put(CohortSummary summary);

    [Alias("Remove")]
    Task Remove(Guid cohortId);
}
