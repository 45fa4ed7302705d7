using Hub.Contracts.Partnerships;

namespace Hub.Contracts.Cohorts;

/// <summary>The limits of a cohort; docs/protocol.md states them, and operations beyond them are refused.</summary>
public static class CohortLimits
{
    public const int IdMax = 64;
    public const int NameMax = 120;
    public const int ProviderMax = 120;
    public const int ModulesMax = 30;
    public const int ModuleTitleMax = 120;
    public const int LearningGoalsMax = 4000;
    public const int SessionsMax = 60;
    public const int PlaceMax = 300;
    public const int PeopleMax = 500;
    public const int TeamsMax = 60;
    public const int TeamNameMax = 80;
    public const int NoteMax = 300;
    public const int TeamSizeMin = 2;
    public const int TeamSizeMax = 20;
    public const int InvitesMax = 100;
    public const int AssignmentsMax = 60;
    public const int AssignmentTitleMax = 200;
    public const int InstructionsMax = 4000;
    public const int TasksMax = 4000;

    /// <summary>A participant may check in this long before a session starts (the room's code is valid from then
    /// until the session ends); after <see cref="LateAfter"/> from the start a check-in counts as late.</summary>
    public static readonly TimeSpan CheckInOpensBefore = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan LateAfter = TimeSpan.FromMinutes(10);
}

/// <summary>Rules about a cohort that every reader derives the same way (the server, and clients from a snapshot).</summary>
public static class CohortRules
{
    /// <summary>
    /// The two sides a mixed team needs: municipal staff on one, civil society — voluntary organisations and
    /// volunteer centres — on the other (docs/decisions/011-cohorts.md).
    /// </summary>
    public static bool IsStaff(Side side) => side == Side.Municipality;

    /// <summary>
    /// How a participant stands at a session: their mark if there is one; "not enrolled" when the session ended
    /// before they enrolled (someone who joins after session k was never expected at sessions 1..k, so they are
    /// not absent from them); unmarked otherwise. Null when the person is not a participant or there is no such session.
    /// </summary>
    public static SessionStanding? StandingOf(Cohort cohort, string sessionId, string userId)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        var session = cohort.Sessions.Find(s => s.Id == sessionId);
        var person = cohort.People.Find(p => p.UserId == userId);
        if (session is null || person is not { Role: CohortRole.Participant })
        {
            return null;
        }

        if (WasBeforeEnrolment(session, person))
        {
            return SessionStanding.NotEnrolled;
        }

        return cohort.Attendance.Find(a => a.SessionId == sessionId && a.UserId == userId)?.Status switch
        {
            AttendanceStatus.Present => SessionStanding.Present,
            AttendanceStatus.Late => SessionStanding.Late,
            AttendanceStatus.Excused => SessionStanding.Excused,
            AttendanceStatus.Absent => SessionStanding.Absent,
            _ => SessionStanding.Unmarked,
        };
    }

    /// <summary>A session that was over when the person enrolled: one that had begun but not ended still counts,
    /// so someone added in the room at the start of a session can be marked present at it.</summary>
    public static bool WasBeforeEnrolment(CohortSession session, CohortMember person)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(person);
        return session.EndsAt <= person.EnrolledAt;
    }
}
