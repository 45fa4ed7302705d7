using Hub.Contracts.Audit;
using Hub.Contracts.Cohorts;
using Hub.Contracts.Common;

namespace Hub.Grains.Cohorts;

/// <summary>Attendance fed by a live session (issue 13 item 1): joining the workshop is being there.</summary>
public sealed partial class CohortGrain
{
    public async Task LiveSessionJoined(Guid liveSessionId, string sessionId, string userId)
    {
        var cohort = Document;
        if (cohort is null || cohort.People.Find(p => p.UserId == userId) is not { Role: CohortRole.Participant } person
            || !cohort.Sessions.Exists(s => s.Id == sessionId)
            || cohort.Attendance.Exists(a => a.SessionId == sessionId && a.UserId == userId))
        {
            return;
        }

        // The same mark a check-in with the room's code makes; refused (and so ignored) for a session that ended
        // before the person enrolled.
        var result = await SubmitAsSystem(new CheckIn(sessionId, userId, AttendanceStatus.Present));
        if (result is { ErrorCode: null, Duplicate: false })
        {
            await AuditTrail.Cohort(GrainFactory, Id, Clock.GetUtcNow(), AuditActions.AttendanceCheckedIn, new Actor(userId, person.DisplayName),
                $"attendance:{sessionId}:{userId}", $"{AttendanceStatus.Present}, live session {liveSessionId}");
        }
    }
}
