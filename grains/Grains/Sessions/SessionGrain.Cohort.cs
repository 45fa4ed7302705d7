using Hub.Grains.Cohorts;

namespace Hub.Grains.Sessions;

/// <summary>A session linked to one of its cohort's sessions feeds that session's attendance (issue 13 item 1).</summary>
public sealed partial class SessionGrain
{
    /// <summary>
    /// Tells the cohort that <paramref name="userId"/> joined; the cohort marks its participants present and ignores
    /// everyone else (browsers that joined by code are never among its people). Asked on every join, so a join whose
    /// mark failed (the cohort unavailable) is marked by the next one, and a repeat changes nothing.
    /// </summary>
    private Task FeedCohortAttendanceAsync(string userId) =>
        Document!.Owner is { CohortId: { } cohortId, CohortSessionId: { } cohortSessionId }
            ? GrainFactory.GetGrain<ICohortTrustedGrain>(cohortId).LiveSessionJoined(Id, cohortSessionId, userId)
            : Task.CompletedTask;
}
