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
