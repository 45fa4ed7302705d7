using System.Collections.Immutable;
using Hub.Contracts.Cohorts;
using Hub.Contracts.Common;
using Hub.Grains.Common;
using static Hub.Grains.Common.FieldRules;
using Hub.Contracts.Partnerships;

namespace Hub.Grains.Cohorts;

/// <summary>
/// How each cohort operation changes a cohort, or why it may not. Pure: the same cohort, actor and operation
/// give the same result. Who may do what is decided here too, from the cohort's own people: moderators change
/// the cohort, anyone may take themself out, and the operations marked "Hub only" come from the grain alone.
/// </summary>
public static class CohortReducer
{
    /// <summary>The id operations made by the cohort grain itself carry.</summary>
    public const string SystemUserId = "system";

    /// <summary>A new cohort with its creator as the first moderator.</summary>
    public static Cohort NewCohort(Guid id, CohortDetails details, Actor creator, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(creator);
        var (name, provider) = Details(details.Name, details.Provider, details.StartsOn, details.EndsOn);
        var moderator = new CohortMember(creator.UserId, Line(creator.DisplayName, PartnershipRules.DisplayNameMax, "displayName"),
            CohortRole.Moderator, null, null, null, now);
        return new Cohort(id, name, provider, details.StartsOn, details.EndsOn, [], [], [moderator], [], [], now);
    }

    public static Cohort Apply(Cohort cohort, Actor actor, CohortOp op, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        ArgumentNullException.ThrowIfNull(actor);
        var bySystem = actor.UserId == SystemUserId;
        return op switch
        {
            null => throw Invalid("op", "Operationen mangler.", "The operation is missing."),
            EnrolPerson o when bySystem => Enrol(cohort, o, now),
            ForgetCohortPerson o when bySystem => WithoutPerson(cohort, o.UserId),
            PlaceAssignmentCard o when bySystem => PlaceCard(cohort, o, now),
            SetAssignmentStatus o when bySystem => SetStatus(cohort, o, now),
            CheckIn o when bySystem => CheckedIn(cohort, o, now),
            EnrolPerson or ForgetCohortPerson or PlaceAssignmentCard or SetAssignmentStatus or CheckIn => throw new HubRefusedException(ErrorCodes.Forbidden, "Kun Hub selv kan det. / Only Hub itself can do that."),
            RemovePerson o when o.UserId == actor.UserId => RemovePerson(cohort, o.UserId),
            _ when !bySystem && RoleOf(cohort, actor.UserId) != CohortRole.Moderator =>
                throw new HubRefusedException(ErrorCodes.Forbidden, "Kun forløbets ledere kan gøre det. / Only the cohort's moderators can do that."),
            SetCohortDetails o => SetDetails(cohort, o),
            AddModule o => AddModule(cohort, o),
            UpdateModule o => UpdateModule(cohort, o.ModuleId, m => m with
            {
                Title = Line(o.Title, CohortLimits.ModuleTitleMax, "title"),
                LearningGoals = FreeText(o.LearningGoals, CohortLimits.LearningGoalsMax, "learningGoals"),
            }),
            MoveModule o => MoveModule(cohort, o),
            RemoveModule o => RemoveModule(cohort, o.ModuleId),
            AddSession o => AddSession(cohort, o),
            UpdateSession o => UpdateSession(cohort, o),
            RemoveSession o => cohort with
            {
                Sessions = cohort.Sessions.RemoveAt(SessionIndex(cohort, o.SessionId)),
                Attendance = cohort.Attendance.RemoveAll(a => a.SessionId == o.SessionId),
            },
            SetRole o => SetRole(cohort, o),
            RemovePerson o => RemovePerson(cohort, o.UserId),
            MarkAttendance o => Mark(cohort, actor, o, now),
            ClearAttendance o => ClearMark(cohort, o),
            SetTeams o => SetTeams(cohort, o),
            MoveToTeam o => MoveToTeam(cohort, o),
            RenameTeam o => RenameTeam(cohort, o),
            AddAssignment o => AddAssignment(cohort, o),
            UpdateAssignment o => UpdateAssignment(cohort, o),
            RemoveAssignment o => RemoveAssignment(cohort, o.AssignmentId),
            _ => throw Invalid("type", "Ukendt operation.", "Unknown operation."),
        };
    }

    public static CohortRole? RoleOf(Cohort cohort, string userId) => cohort.People.Find(p => p.UserId == userId)?.Role;

    private static (string Name, string Provider) Details(string? name, string? provider, DateOnly? startsOn, DateOnly? endsOn)
    {
        var line = Line(name, CohortLimits.NameMax, "name");
        var by = Line(provider, CohortLimits.ProviderMax, "provider", allowEmpty: true);
        if (startsOn is { } start && endsOn is { } end && end < start)
        {
            throw Invalid("endsOn", "Slutdatoen ligger før startdatoen.", "The end date is before the start date.");
        }

        return (line, by);
    }

    private static Cohort SetDetails(Cohort cohort, SetCohortDetails op)
    {
        var (name, provider) = Details(op.Name, op.Provider, op.StartsOn, op.EndsOn);
        return cohort with { Name = name, Provider = provider, StartsOn = op.StartsOn, EndsOn = op.EndsOn };
    }

    private static Cohort AddModule(Cohort cohort, AddModule op)
    {
        Id(op.ModuleId, "moduleId");
        if (cohort.Modules.Count >= CohortLimits.ModulesMax)
        {
            throw Limit($"Højst {CohortLimits.ModulesMax} moduler.", $"At most {CohortLimits.ModulesMax} modules.");
        }

        if (cohort.Modules.Exists(m => m.Id == op.ModuleId))
        {
            throw new HubRefusedException(ErrorCodes.Conflict, "Modulet findes allerede. / The module already exists.", "moduleId");
        }

        var module = new CohortModule(op.ModuleId, Line(op.Title, CohortLimits.ModuleTitleMax, "title"),
            FreeText(op.LearningGoals, CohortLimits.LearningGoalsMax, "learningGoals"));
        return cohort with { Modules = cohort.Modules.Insert(Position(op.Index, cohort.Modules.Count), module) };
    }

    private static Cohort UpdateModule(Cohort cohort, string moduleId, Func<CohortModule, CohortModule> change)
    {
        var index = ModuleIndex(cohort, moduleId);
        return cohort with { Modules = cohort.Modules.SetItem(index, change(cohort.Modules[index])) };
    }

    private static Cohort MoveModule(Cohort cohort, MoveModule op)
    {
        var index = ModuleIndex(cohort, op.ModuleId);
        var module = cohort.Modules[index];
        var rest = cohort.Modules.RemoveAt(index);
        return cohort with { Modules = rest.Insert(Position(op.Index, rest.Count), module) };
    }

    private static Cohort RemoveModule(Cohort cohort, string moduleId)
    {
        var index = ModuleIndex(cohort, moduleId);
        if (cohort.Sessions.Exists(s => s.ModuleId == moduleId))
        {
            throw new HubRefusedException(ErrorCodes.Conflict,
                "Der er mødegange om modulet; flyt eller fjern dem først. / Sessions cover the module; move or remove them first.", "moduleId");
        }

        return cohort with { Modules = cohort.Modules.RemoveAt(index) };
    }

    private static Cohort AddSession(Cohort cohort, AddSession op)
    {
        Id(op.SessionId, "sessionId");
        if (cohort.Sessions.Count >= CohortLimits.SessionsMax)
        {
            throw Limit($"Højst {CohortLimits.SessionsMax} mødegange.", $"At most {CohortLimits.SessionsMax} sessions.");
        }

        if (cohort.Sessions.Exists(s => s.Id == op.SessionId))
        {
            throw new HubRefusedException(ErrorCodes.Conflict, "Mødegangen findes allerede. / The session already exists.", "sessionId");
        }

        var session = Session(cohort, op.SessionId, op.ModuleId, op.StartsAt, op.EndsAt, op.Place, op.Online);
        return cohort with { Sessions = InTimeOrder(cohort.Sessions.Add(session)) };
    }

    private static Cohort UpdateSession(Cohort cohort, UpdateSession op)
    {
        var index = SessionIndex(cohort, op.SessionId);
        var session = Session(cohort, op.SessionId, op.ModuleId, op.StartsAt, op.EndsAt, op.Place, op.Online);
        return cohort with { Sessions = InTimeOrder(cohort.Sessions.SetItem(index, session)) };
    }

    private static CohortSession Session(Cohort cohort, string id, string? moduleId, DateTimeOffset startsAt, DateTimeOffset endsAt, string? place, bool online)
    {
        if (moduleId is not null)
        {
            ModuleIndex(cohort, moduleId);
        }

        if (endsAt <= startsAt)
        {
            throw Invalid("endsAt", "Mødegangen skal slutte efter den begynder.", "The session must end after it starts.");
        }

        if (endsAt - startsAt > TimeSpan.FromDays(3))
        {
            throw Invalid("endsAt", "En mødegang varer højst tre dage.", "A session lasts at most three days.");
        }

        return new CohortSession(id, moduleId, startsAt, endsAt, Line(place, CohortLimits.PlaceMax, "place", allowEmpty: online), online);
    }

    /// <summary>Sessions read in time order everywhere; ties by id, so every reader agrees.</summary>
    private static ImmutableList<CohortSession> InTimeOrder(ImmutableList<CohortSession> sessions) =>
        [.. sessions.OrderBy(s => s.StartsAt).ThenBy(s => s.Id, StringComparer.Ordinal)];

    private static Cohort Enrol(Cohort cohort, EnrolPerson op, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(op.UserId) || op.UserId == SystemUserId)
        {
            throw Invalid("userId", "Personen mangler.", "The person is missing.");
        }

        var name = Line(op.DisplayName, PartnershipRules.DisplayNameMax, "displayName");
        var side = SideFor(op.Role, op.Side);
        var existing = cohort.People.Find(p => p.UserId == op.UserId);
        if (existing is null && cohort.People.Count >= CohortLimits.PeopleMax)
        {
            throw Limit($"Et forløb kan højst have {CohortLimits.PeopleMax} deltagere.", $"A cohort has at most {CohortLimits.PeopleMax} people.");
        }

        var person = new CohortMember(op.UserId, name, op.Role, side, op.PartnershipId,
            op.PartnershipName is null ? null : Line(op.PartnershipName, PartnershipRules.NameMax, "partnershipName"),
            existing?.EnrolledAt ?? now);
        if (existing is not null)
        {
            EnsureAModerator(cohort.People.Replace(existing, person));
            return Reconciled(cohort with { People = cohort.People.Replace(existing, person) });
        }

        return cohort with { People = cohort.People.Add(person) };
    }

    private static Cohort SetRole(Cohort cohort, SetRole op)
    {
        var existing = cohort.People.Find(p => p.UserId == op.UserId)
            ?? throw NotFound("Personen er ikke med i forløbet.", "The person is not in the cohort.");
        var person = existing with { Role = op.Role, Side = SideFor(op.Role, op.Side ?? existing.Side) };
        var people = cohort.People.Replace(existing, person);
        EnsureAModerator(people);
        return Reconciled(cohort with { People = people });
    }

    private static Side? SideFor(CohortRole role, Side? side)
    {
        PartnershipRules.Defined(role, "role");
        if (side is { } s)
        {
            PartnershipRules.Defined(s, "side");
        }

        if (role == CohortRole.Participant && side is null)
        {
            throw Invalid("side", "En deltager skal have en side: kommune, frivillig organisation eller frivilligcenter.",
                "A participant needs a side: municipality, voluntary organisation or volunteer centre.");
        }

        return side;
    }

    private static Cohort RemovePerson(Cohort cohort, string userId)
    {
        if (!cohort.People.Exists(p => p.UserId == userId))
        {
            throw NotFound("Personen er ikke med i forløbet.", "The person is not in the cohort.");
        }

        var people = cohort.People.RemoveAll(p => p.UserId == userId);
        EnsureAModerator(people);
        return WithoutPerson(cohort, userId);
    }

    /// <summary>The person leaves, with their team places and marks; not refused, so a deleted account always goes
    /// (a cohort whose last moderator is deleted keeps going without one, like a partnership).</summary>
    private static Cohort WithoutPerson(Cohort cohort, string userId) => cohort with
    {
        People = cohort.People.RemoveAll(p => p.UserId == userId),
        Teams = [.. cohort.Teams.Select(t => t with { MemberIds = t.MemberIds.Remove(userId) })],
        Attendance = cohort.Attendance.RemoveAll(a => a.UserId == userId),
    };

    /// <summary>Someone who stops being a participant leaves their team and their marks: teams and attendance are
    /// for participants only.</summary>
    private static Cohort Reconciled(Cohort cohort)
    {
        var participants = cohort.People.Where(p => p.Role == CohortRole.Participant).Select(p => p.UserId).ToHashSet();
        return cohort with
        {
            Teams = [.. cohort.Teams.Select(t => t with { MemberIds = [.. t.MemberIds.Where(participants.Contains)] })],
            Attendance = cohort.Attendance.RemoveAll(a => !participants.Contains(a.UserId)),
        };
    }

    private static void EnsureAModerator(ImmutableList<CohortMember> people)
    {
        if (!people.Exists(p => p.Role == CohortRole.Moderator))
        {
            throw Invalid("role", "Der skal være mindst én leder af forløbet.", "There must be at least one moderator.");
        }
    }

    private static Cohort Mark(Cohort cohort, Actor actor, MarkAttendance op, DateTimeOffset now)
    {
        PartnershipRules.Defined(op.Status, "status");
        var (session, _) = Participation(cohort, op.SessionId, op.UserId);
        var note = Line(op.Note, CohortLimits.NoteMax, "note", allowEmpty: true);
        var mark = new AttendanceMark(session.Id, op.UserId, op.Status, note, actor.UserId, now);
        var index = cohort.Attendance.FindIndex(a => a.SessionId == op.SessionId && a.UserId == op.UserId);
        return cohort with { Attendance = index >= 0 ? cohort.Attendance.SetItem(index, mark) : cohort.Attendance.Add(mark) };
    }

    private static Cohort CheckedIn(Cohort cohort, CheckIn op, DateTimeOffset now)
    {
        var (session, _) = Participation(cohort, op.SessionId, op.UserId);
        if (cohort.Attendance.Exists(a => a.SessionId == op.SessionId && a.UserId == op.UserId))
        {
            return cohort;
        }

        return cohort with { Attendance = cohort.Attendance.Add(new AttendanceMark(session.Id, op.UserId, op.Status, "", op.UserId, now)) };
    }

    private static ImmutableList<CohortAssignment> AssignmentsOf(Cohort cohort) => cohort.Assignments ?? [];

    private static CohortAssignment Assignment(Cohort cohort, string id, string? moduleId, string title, string instructions, DateOnly? dueOn,
        string volunteerTasks, string staffTasks, ImmutableList<AssignmentCard> cards)
    {
        Id(id, "assignmentId");
        if (moduleId is not null)
        {
            ModuleIndex(cohort, moduleId);
        }

        return new CohortAssignment(id, moduleId, Line(title, CohortLimits.AssignmentTitleMax, "title"),
            FreeText(instructions, CohortLimits.InstructionsMax, "instructions"), dueOn,
            FreeText(volunteerTasks, CohortLimits.TasksMax, "volunteerTasks"), FreeText(staffTasks, CohortLimits.TasksMax, "staffTasks"), cards);
    }

    private static Cohort AddAssignment(Cohort cohort, AddAssignment op)
    {
        var assignments = AssignmentsOf(cohort);
        Id(op.AssignmentId, "assignmentId");
        if (assignments.Count >= CohortLimits.AssignmentsMax)
        {
            throw Limit($"Højst {CohortLimits.AssignmentsMax} opgaver.", $"At most {CohortLimits.AssignmentsMax} assignments.");
        }

        if (assignments.Exists(a => a.Id == op.AssignmentId))
        {
            throw new HubRefusedException(ErrorCodes.Conflict, "Opgaven findes allerede. / The assignment already exists.", "assignmentId");
        }

        var assignment = Assignment(cohort, op.AssignmentId, op.ModuleId, op.Title, op.Instructions, op.DueOn, op.VolunteerTasks, op.StaffTasks, []);
        return cohort with { Assignments = assignments.Add(assignment) };
    }

    private static Cohort UpdateAssignment(Cohort cohort, UpdateAssignment op)
    {
        var assignments = AssignmentsOf(cohort);
        var index = AssignmentIndex(assignments, op.AssignmentId);
        var assignment = Assignment(cohort, op.AssignmentId, op.ModuleId, op.Title, op.Instructions, op.DueOn, op.VolunteerTasks, op.StaffTasks,
            assignments[index].Cards);
        return cohort with { Assignments = assignments.SetItem(index, assignment) };
    }

    private static Cohort RemoveAssignment(Cohort cohort, string assignmentId)
    {
        var assignments = AssignmentsOf(cohort);
        var index = AssignmentIndex(assignments, assignmentId);
        if (!assignments[index].Cards.IsEmpty)
        {
            throw new HubRefusedException(ErrorCodes.Conflict,
                "Opgaven er givet til holdene og bliver stående. / The assignment was given to the teams and stays.", "assignmentId");
        }

        return cohort with { Assignments = assignments.RemoveAt(index) };
    }

    private static Cohort PlaceCard(Cohort cohort, PlaceAssignmentCard op, DateTimeOffset now)
    {
        var assignments = AssignmentsOf(cohort);
        var index = AssignmentIndex(assignments, op.AssignmentId);
        var assignment = assignments[index];
        if (assignment.Cards.Exists(c => c.TeamId == op.TeamId))
        {
            return cohort;
        }

        var card = new AssignmentCard(op.TeamId, op.BoardId, op.CardId, AssignmentStatus.NotStarted, op.ColumnTitle, now);
        return cohort with { Assignments = assignments.SetItem(index, assignment with { Cards = assignment.Cards.Add(card) }) };
    }

    private static Cohort SetStatus(Cohort cohort, SetAssignmentStatus op, DateTimeOffset now)
    {
        var assignments = AssignmentsOf(cohort);
        var index = AssignmentIndex(assignments, op.AssignmentId);
        var assignment = assignments[index];
        var cardIndex = assignment.Cards.FindIndex(c => c.TeamId == op.TeamId);
        if (cardIndex < 0)
        {
            throw NotFound("Holdet har intet kort for opgaven.", "The team has no card for the assignment.");
        }

        var card = assignment.Cards[cardIndex] with { Status = op.Status, ColumnTitle = op.ColumnTitle, ChangedAt = now };
        return cohort with { Assignments = assignments.SetItem(index, assignment with { Cards = assignment.Cards.SetItem(cardIndex, card) }) };
    }

    private static int AssignmentIndex(ImmutableList<CohortAssignment> assignments, string assignmentId)
    {
        var index = assignments.FindIndex(a => a.Id == assignmentId);
        return index >= 0 ? index : throw NotFound("Opgaven findes ikke.", "The assignment does not exist.");
    }

    private static Cohort ClearMark(Cohort cohort, ClearAttendance op)
    {
        var index = cohort.Attendance.FindIndex(a => a.SessionId == op.SessionId && a.UserId == op.UserId);
        return index >= 0
            ? cohort with { Attendance = cohort.Attendance.RemoveAt(index) }
            : throw NotFound("Der er ingen markering.", "There is no mark.");
    }

    private static (CohortSession Session, CohortMember Person) Participation(Cohort cohort, string sessionId, string userId)
    {
        var session = cohort.Sessions[SessionIndex(cohort, sessionId)];
        var person = cohort.People.Find(p => p.UserId == userId && p.Role == CohortRole.Participant)
            ?? throw NotFound("Personen er ikke deltager i forløbet.", "The person is not a participant.");
        if (CohortRules.WasBeforeEnrolment(session, person))
        {
            throw new HubRefusedException(ErrorCodes.Conflict,
                "Personen var ikke tilmeldt, da mødegangen blev holdt. / The person was not enrolled when the session took place.", "sessionId");
        }

        return (session, person);
    }

    private static Cohort SetTeams(Cohort cohort, SetTeams op)
    {
        if (op.Teams.IsDefault)
        {
            throw Invalid("teams", "Holdene mangler.", "The teams are missing.");
        }

        if (op.Teams.Length > CohortLimits.TeamsMax)
        {
            throw Limit($"Højst {CohortLimits.TeamsMax} hold.", $"At most {CohortLimits.TeamsMax} teams.");
        }

        var participants = cohort.People.Where(p => p.Role == CohortRole.Participant).Select(p => p.UserId).ToHashSet();
        var placed = new HashSet<string>();
        var ids = new HashSet<string>();
        var teams = ImmutableList.CreateBuilder<CohortTeam>();
        foreach (var team in op.Teams)
        {
            if (team is null || team.MemberIds is null)
            {
                throw Invalid("teams", "Et hold mangler.", "A team is missing.");
            }

            Id(team.Id, "teamId");
            if (!ids.Add(team.Id))
            {
                throw new HubRefusedException(ErrorCodes.Conflict, "To hold har samme id. / Two teams have the same id.", "teamId");
            }

            foreach (var member in team.MemberIds)
            {
                if (member is null || !participants.Contains(member))
                {
                    throw Invalid("memberIds", "Kun forløbets deltagere kan være på et hold.", "Only the cohort's participants can be in a team.");
                }

                if (!placed.Add(member))
                {
                    throw Invalid("memberIds", "En deltager kan kun være på ét hold.", "A participant can be in one team only.");
                }
            }

            teams.Add(new CohortTeam(team.Id, Line(team.Name, CohortLimits.TeamNameMax, "name"), team.MemberIds));
        }

        return cohort with { Teams = teams.ToImmutable() };
    }

    private static Cohort MoveToTeam(Cohort cohort, MoveToTeam op)
    {
        if (!cohort.People.Exists(p => p.UserId == op.UserId && p.Role == CohortRole.Participant))
        {
            throw NotFound("Personen er ikke deltager i forløbet.", "The person is not a participant.");
        }

        var target = op.TeamId is null ? -1 : TeamIndex(cohort, op.TeamId);
        var teams = cohort.Teams.Select((t, i) => i == target
            ? t with { MemberIds = t.MemberIds.Contains(op.UserId) ? t.MemberIds : t.MemberIds.Add(op.UserId) }
            : t with { MemberIds = t.MemberIds.Remove(op.UserId) });
        return cohort with { Teams = [.. teams] };
    }

    private static Cohort RenameTeam(Cohort cohort, RenameTeam op)
    {
        var index = TeamIndex(cohort, op.TeamId);
        return cohort with { Teams = cohort.Teams.SetItem(index, cohort.Teams[index] with { Name = Line(op.Name, CohortLimits.TeamNameMax, "name") }) };
    }

    private static int ModuleIndex(Cohort cohort, string moduleId)
    {
        var index = cohort.Modules.FindIndex(m => m.Id == moduleId);
        return index >= 0 ? index : throw NotFound("Modulet findes ikke.", "The module does not exist.");
    }

    private static int SessionIndex(Cohort cohort, string sessionId)
    {
        var index = cohort.Sessions.FindIndex(s => s.Id == sessionId);
        return index >= 0 ? index : throw NotFound("Mødegangen findes ikke.", "The session does not exist.");
    }

    private static int TeamIndex(Cohort cohort, string teamId)
    {
        var index = cohort.Teams.FindIndex(t => t.Id == teamId);
        return index >= 0 ? index : throw NotFound("Holdet findes ikke.", "The team does not exist.");
    }

    private static void Id(string? id, string field) => FieldRules.Id(id, field, CohortLimits.IdMax);
}
