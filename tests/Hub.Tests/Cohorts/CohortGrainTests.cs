using System.Diagnostics;
using Hub.Contracts.Audit;
using Hub.Contracts.Boards;
using Hub.Contracts.Cohorts;
using Hub.Contracts.Common;
using Hub.Contracts.Live;
using Hub.Contracts.Partnerships;
using Hub.Grains.Cohorts;
using Hub.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Hub.Tests.Cohorts;

/// <summary>
/// The cohort grain on Orleans' test cluster with real storage, once on SQLite and once on PostgreSQL: every
/// operation, who may do what, enrolment by link and from a partnership, attendance and "ikke tilmeldt", teams,
/// the audit trail, and that it all comes back from storage.
/// </summary>
public abstract class CohortGrainTests<TCluster>(TCluster cluster, ITestOutputHelper output) : IClassFixture<TCluster> where TCluster : GrainCluster
{
    /// <summary>Well after any test runs' enrolment, so every participant is enrolled for the sessions on it.</summary>
    private static readonly DateTimeOffset Monday = new(DateTime.UtcNow.Date.AddDays(30).AddHours(9), TimeSpan.Zero);
    private readonly Actor _mona = NewActor("Mona Moderator");
    private readonly Actor _karl = NewActor("Karl fra kommunen");
    private readonly Actor _frida = NewActor("Frida frivillig");
    private readonly Actor _olga = NewActor("Olga observatør");
    private readonly Actor _stranger = NewActor("Fremmed");
    private long _number;

    private IGrainFactory Grains => cluster.Grains;

    [Fact]
    public async Task Create_AnyPerson_BecomesTheFirstModeratorAndSeesItAmongTheirCohorts()
    {
        var id = Guid.NewGuid();

        var created = await Grains.GetGrain<ICohortGrain>(id).Create(_mona, new CohortDetails("Fælles forløb 2026", "Frivilligcenter Testrup", new DateOnly(2026, 3, 1), new DateOnly(2026, 6, 30)));

        var person = Assert.Single(created.Cohort.People);
        Assert.Equal((_mona.UserId, CohortRole.Moderator), (person.UserId, person.Role));
        Assert.Equal(("Fælles forløb 2026", "Frivilligcenter Testrup"), (created.Cohort.Name, created.Cohort.Provider));
        var mine = await Grains.GetGrain<IPersonCohortsGrain>(_mona.UserId).List(_mona);
        Assert.Contains(mine, c => c.Id == id && c.Role == CohortRole.Moderator);
        var audit = await Grains.GetGrain<IAuditGrain>(AuditKeys.Cohort(id, DateTimeOffset.UtcNow)).Read();
        Assert.Contains(audit, e => e.Action == AuditActions.CohortCreated && e.ActorId == _mona.UserId);
    }

    [Fact]
    public async Task Create_Twice_IsRefusedAsConflict()
    {
        var cohort = await NewCohort();

        var refused = await Assert.ThrowsAsync<HubRefusedException>(() => cohort.Create(_karl, new CohortDetails("Igen", "", null, null)));

        Assert.Equal(ErrorCodes.Conflict, refused.Code);
    }

    [Fact]
    public async Task Submit_EveryOpType_ChangesTheCohortAsSpecified()
    {
        var cohort = await CohortWithParticipants();

        await Applied(cohort, _mona, new SetCohortDetails("Sammen om frivillighed", "Professionshøjskolen", new DateOnly(2026, 3, 1), null));
        await Applied(cohort, _mona, new AddModule("m1", "Hinandens virkelighed", "Vi ved, hvordan kommunen og foreningen arbejder.", null));
        await Applied(cohort, _mona, new AddModule("m2", "Samarbejde i praksis", "", 0));
        await Applied(cohort, _mona, new UpdateModule("m2", "Prøv det af", "Vi planlægger en aktivitet sammen."));
        await Applied(cohort, _mona, new MoveModule("m2", 5));
        await Applied(cohort, _mona, new AddModule("m3", "Ekstra", "", null));
        await Applied(cohort, _mona, new RemoveModule("m3"));
        await Applied(cohort, _mona, new AddSession("s2", "m2", Monday.AddDays(14), Monday.AddDays(14).AddHours(3), "", true));
        await Applied(cohort, _mona, new AddSession("s1", "m1", Monday, Monday.AddHours(3), "Frivilligcentret, lokale 2", false));
        await Applied(cohort, _mona, new AddSession("s3", null, Monday.AddDays(30), Monday.AddDays(30).AddHours(2), "Rådhuset", false));
        await Applied(cohort, _mona, new UpdateSession("s3", "m2", Monday.AddDays(28), Monday.AddDays(28).AddHours(2), "Rådhuset, mødelokale 1", false));
        await Applied(cohort, _mona, new RemoveSession("s3"));
        await Applied(cohort, _mona, new MarkAttendance("s1", _karl.UserId, AttendanceStatus.Late, "Kom 10 minutter for sent"));
        await Applied(cohort, _mona, new MarkAttendance("s1", _frida.UserId, AttendanceStatus.Excused, ""));
        await Applied(cohort, _mona, new MarkAttendance("s1", _frida.UserId, AttendanceStatus.Present, ""));
        await Applied(cohort, _mona, new MarkAttendance("s2", _karl.UserId, AttendanceStatus.Absent, ""));
        await Applied(cohort, _mona, new ClearAttendance("s2", _karl.UserId));
        await Applied(cohort, _mona, new SetTeams([new CohortTeam("t1", "Hold 1", [_karl.UserId]), new CohortTeam("t2", "Hold 2", [])]));
        await Applied(cohort, _mona, new MoveToTeam(_frida.UserId, "t1"));
        await Applied(cohort, _mona, new MoveToTeam(_karl.UserId, "t2"));
        await Applied(cohort, _mona, new RenameTeam("t2", "Holdet ved havnen"));
        await Applied(cohort, _mona, new SetRole(_olga.UserId, CohortRole.Moderator, null));

        var snapshot = await cohort.GetSnapshot(_olga);
        var c = snapshot.Cohort;
        Assert.Equal(("Sammen om frivillighed", "Professionshøjskolen", (DateOnly?)null), (c.Name, c.Provider, c.EndsOn));
        Assert.Equal(["m1", "m2"], c.Modules.Select(m => m.Id));
        Assert.Equal(("Prøv det af", "Vi planlægger en aktivitet sammen."), (c.Modules[1].Title, c.Modules[1].LearningGoals));
        Assert.Equal(["s1", "s2"], c.Sessions.Select(s => s.Id));
        Assert.True(c.Sessions[1].Online);
        Assert.Equal(SessionStanding.Late, CohortRules.StandingOf(c, "s1", _karl.UserId));
        Assert.Equal(SessionStanding.Present, CohortRules.StandingOf(c, "s1", _frida.UserId));
        Assert.Equal(SessionStanding.Unmarked, CohortRules.StandingOf(c, "s2", _karl.UserId));
        Assert.Equal("Kom 10 minutter for sent", (await cohort.GetAttendanceNotes(_mona)).Single(n => n.UserId == _karl.UserId).Note);
        Assert.Equal([[_frida.UserId], [_karl.UserId]], c.Teams.Select(t => t.MemberIds.ToArray()));
        Assert.Equal("Holdet ved havnen", c.Teams[1].Name);
        Assert.Equal(CohortRole.Moderator, CohortReducer.RoleOf(c, _olga.UserId));
    }

    [Theory]
    [MemberData(nameof(RefusedOpNames))]
    public async Task Submit_InvalidOp_IsRefusedWithItsCodeAndChangesNothing(string name)
    {
        var (who, op, code) = RefusedOps[name];
        var cohort = await CohortWithParticipants();
        await Applied(cohort, _mona, new AddModule("m1", "Modul", "", null));
        await Applied(cohort, _mona, new AddSession("s1", "m1", Monday, Monday.AddHours(2), "Lokale 1", false));
        await Applied(cohort, _mona, new SetTeams([new CohortTeam("t1", "Hold 1", [_karl.UserId])]));
        await Applied(cohort, _mona, new AddAssignment("a1", "m1", "Planlæg en aktivitet", "", null, "", ""));
        var before = await cohort.GetSnapshot(_mona);
        var actor = who switch { "mona" => _mona, "karl" => _karl, "olga" => _olga, _ => _stranger };

        var result = await cohort.Submit(actor, NextId(), op(this));

        Assert.Null(result.Seq);
        Assert.Equal(code, result.ErrorCode);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
        var after = await cohort.GetSnapshot(_mona);
        Assert.Equal(before.Seq, after.Seq);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(before.Cohort), System.Text.Json.JsonSerializer.Serialize(after.Cohort));
    }

    /// <summary>Named cases, so a test's name says what it refuses.</summary>
    private static readonly Dictionary<string, (string Who, Func<CohortGrainTests<TCluster>, CohortOp> Op, string Code)> RefusedOps = new()
    {
        ["a participant adding a module"] = ("karl", _ => new AddModule("m2", "Mit modul", "", null), ErrorCodes.Forbidden),
        ["an observer renaming the cohort"] = ("olga", _ => new SetCohortDetails("Nyt navn", "", null, null), ErrorCodes.Forbidden),
        ["an outsider adding a module"] = ("stranger", _ => new AddModule("m2", "Udefra", "", null), ErrorCodes.NotFound),
        ["a client enrolling someone"] = ("mona", t => new EnrolPerson(t._stranger.UserId, "Fremmed", CohortRole.Participant, Side.Municipality, null, null), ErrorCodes.Forbidden),
        ["a client forgetting someone"] = ("mona", t => new ForgetCohortPerson(t._karl.UserId), ErrorCodes.Forbidden),
        ["blank cohort name"] = ("mona", _ => new SetCohortDetails("  ", "", null, null), ErrorCodes.Validation),
        ["period ending before it starts"] = ("mona", _ => new SetCohortDetails("Navn", "", new DateOnly(2026, 5, 1), new DateOnly(2026, 4, 1)), ErrorCodes.Validation),
        ["module id already taken"] = ("mona", _ => new AddModule("m1", "Igen", "", null), ErrorCodes.Conflict),
        ["module id with forbidden characters"] = ("mona", _ => new AddModule("bad id!", "Modul", "", null), ErrorCodes.Validation),
        ["module title over the limit"] = ("mona", _ => new AddModule("m2", new string('a', CohortLimits.ModuleTitleMax + 1), "", null), ErrorCodes.Limit),
        ["removing a module a session covers"] = ("mona", _ => new RemoveModule("m1"), ErrorCodes.Conflict),
        ["session ending before it starts"] = ("mona", _ => new AddSession("s2", null, Monday, Monday.AddHours(-1), "Lokale", false), ErrorCodes.Validation),
        ["session in a place without a place"] = ("mona", _ => new AddSession("s2", null, Monday, Monday.AddHours(1), " ", false), ErrorCodes.Validation),
        ["session for a module that does not exist"] = ("mona", _ => new AddSession("s2", "nope", Monday, Monday.AddHours(1), "Lokale", false), ErrorCodes.NotFound),
        ["marking someone who is not a participant"] = ("mona", t => new MarkAttendance("s1", t._olga.UserId, AttendanceStatus.Present, ""), ErrorCodes.NotFound),
        ["marking an unknown status"] = ("mona", t => new MarkAttendance("s1", t._karl.UserId, (AttendanceStatus)9, ""), ErrorCodes.Validation),
        ["marking at a session that does not exist"] = ("mona", t => new MarkAttendance("nope", t._karl.UserId, AttendanceStatus.Present, ""), ErrorCodes.NotFound),
        ["a note with a line break"] = ("mona", t => new MarkAttendance("s1", t._karl.UserId, AttendanceStatus.Late, "a\nb"), ErrorCodes.Validation),
        ["a team with someone who is not a participant"] = ("mona", t => new SetTeams([new CohortTeam("t1", "Hold", [t._olga.UserId])]), ErrorCodes.Validation),
        ["one participant in two teams"] = ("mona", t => new SetTeams([new CohortTeam("t1", "A", [t._karl.UserId]), new CohortTeam("t2", "B", [t._karl.UserId])]), ErrorCodes.Validation),
        ["two teams with one id"] = ("mona", _ => new SetTeams([new CohortTeam("t1", "A", []), new CohortTeam("t1", "B", [])]), ErrorCodes.Conflict),
        ["moving into a team that does not exist"] = ("mona", t => new MoveToTeam(t._karl.UserId, "nope"), ErrorCodes.NotFound),
        ["a participant without a side"] = ("mona", t => new SetRole(t._olga.UserId, CohortRole.Participant, null), ErrorCodes.Validation),
        ["the last moderator stepping down"] = ("mona", t => new SetRole(t._mona.UserId, CohortRole.Observer, null), ErrorCodes.Validation),
        ["the last moderator leaving"] = ("mona", t => new RemovePerson(t._mona.UserId), ErrorCodes.Validation),
        ["a participant removing someone else"] = ("karl", t => new RemovePerson(t._frida.UserId), ErrorCodes.Forbidden),
        ["a participant writing an assignment"] = ("karl", _ => new AddAssignment("a2", null, "Opgave", "", null, "", ""), ErrorCodes.Forbidden),
        ["an assignment for a module that does not exist"] = ("mona", _ => new AddAssignment("a2", "nope", "Opgave", "", null, "", ""), ErrorCodes.NotFound),
        ["an assignment without a title"] = ("mona", _ => new AddAssignment("a2", null, " ", "", null, "", ""), ErrorCodes.Validation),
        ["an assignment id already taken"] = ("mona", _ => new AddAssignment("a1", null, "Igen", "", null, "", ""), ErrorCodes.Conflict),
        ["a client placing an assignment card"] = ("mona", _ => new PlaceAssignmentCard("a1", "t1", Guid.NewGuid(), "c1", "Idéer"), ErrorCodes.Forbidden),
        ["a client setting an assignment's status"] = ("mona", _ => new SetAssignmentStatus("a1", "t1", AssignmentStatus.Done, "Afsluttet"), ErrorCodes.Forbidden),
        ["a client checking someone in"] = ("karl", t => new CheckIn("s1", t._karl.UserId, AttendanceStatus.Present), ErrorCodes.Forbidden),
    };

    public static TheoryData<string> RefusedOpNames() => [.. RefusedOps.Keys];

    [Fact]
    public async Task MarkAttendance_SessionThatEndedBeforeEnrolment_IsNotEnrolledNotAbsentAndCannotBeMarked()
    {
        var cohort = await CohortWithParticipants();
        var past = DateTimeOffset.UtcNow.AddDays(-14);
        await Applied(cohort, _mona, new AddSession("s1", null, past, past.AddHours(2), "Lokale 1", false));
        await Applied(cohort, _mona, new AddSession("s2", null, past.AddDays(7), past.AddDays(7).AddHours(2), "Lokale 1", false));
        var now = DateTimeOffset.UtcNow;
        await Applied(cohort, _mona, new AddSession("s3", null, now.AddMinutes(-30), now.AddHours(2), "Lokale 1", false));
        var late = NewActor("Lise kom senere");
        await Enrol(cohort, late, CohortRole.Participant, Side.VolunteerCentre);

        var refused = await cohort.Submit(_mona, NextId(), new MarkAttendance("s1", late.UserId, AttendanceStatus.Absent, ""));
        await Applied(cohort, _mona, new MarkAttendance("s3", late.UserId, AttendanceStatus.Present, ""));

        Assert.Equal(ErrorCodes.Conflict, refused.ErrorCode);
        var c = (await cohort.GetSnapshot(_mona)).Cohort;
        Assert.Equal(SessionStanding.NotEnrolled, CohortRules.StandingOf(c, "s1", late.UserId));
        Assert.Equal(SessionStanding.NotEnrolled, CohortRules.StandingOf(c, "s2", late.UserId));
        Assert.Equal(SessionStanding.Present, CohortRules.StandingOf(c, "s3", late.UserId));
        // Karl enrolled before the sessions were planned, but after the first two were over: the rule is about time.
        Assert.Equal(SessionStanding.NotEnrolled, CohortRules.StandingOf(c, "s1", _karl.UserId));
        Assert.Equal(SessionStanding.Unmarked, CohortRules.StandingOf(c, "s3", _karl.UserId));
    }

    [Fact]
    public async Task MarkAttendance_ByAModerator_IsInTheCohortsAuditLogWithTheModerator()
    {
        var cohort = await CohortWithParticipants();
        await Applied(cohort, _mona, new AddSession("s1", null, Monday, Monday.AddHours(2), "Lokale 1", false));

        await Applied(cohort, _mona, new MarkAttendance("s1", _karl.UserId, AttendanceStatus.Absent, "Meldte ikke afbud"));
        await Applied(cohort, _mona, new ClearAttendance("s1", _karl.UserId));

        var audit = await Grains.GetGrain<IAuditGrain>(AuditKeys.Cohort(cohort.GetPrimaryKey(), DateTimeOffset.UtcNow)).Read();
        Assert.Contains(audit, e => e.Action == AuditActions.AttendanceMarked && e.ActorId == _mona.UserId
            && e.Target == $"attendance:s1:{_karl.UserId}" && e.Detail == nameof(AttendanceStatus.Absent));
        Assert.Contains(audit, e => e.Action == AuditActions.AttendanceCleared && e.ActorId == _mona.UserId);
    }

    [Fact]
    public async Task AddFromPartnership_MemberOfAPartnershipTheModeratorIsIn_IsEnrolledWithTheirSideAndPartnership()
    {
        var cohort = await NewCohort();
        var partnership = await NewPartnership(_mona, (_karl, Side.Municipality), (_frida, Side.VoluntaryOrganisation));

        await cohort.AddFromPartnership(_mona, partnership.Id, _frida.UserId, CohortRole.Participant);

        var frida = (await cohort.GetSnapshot(_mona)).Cohort.People.Single(p => p.UserId == _frida.UserId);
        Assert.Equal((CohortRole.Participant, Side.VoluntaryOrganisation, partnership.Id, partnership.Details.Name),
            (frida.Role, frida.Side, frida.PartnershipId, frida.PartnershipName));
        Assert.Contains(await Grains.GetGrain<IPersonCohortsGrain>(_frida.UserId).List(_frida), c => c.Id == cohort.GetPrimaryKey());
        var audit = await Grains.GetGrain<IAuditGrain>(AuditKeys.Cohort(cohort.GetPrimaryKey(), DateTimeOffset.UtcNow)).Read();
        Assert.Contains(audit, e => e.Action == AuditActions.MemberAdded && e.ActorId == _mona.UserId && e.Target == $"user:{_frida.UserId}");
    }

    [Fact]
    public async Task AddFromPartnership_PersonNotInThePartnership_IsRefusedAndNobodyIsAdded()
    {
        var cohort = await NewCohort();
        var partnership = await NewPartnership(_mona, (_karl, Side.Municipality));

        var refused = await Assert.ThrowsAsync<HubRefusedException>(() => cohort.AddFromPartnership(_mona, partnership.Id, _stranger.UserId, CohortRole.Participant));

        Assert.Equal(ErrorCodes.NotFound, refused.Code);
        Assert.Single((await cohort.GetSnapshot(_mona)).Cohort.People);
    }

    [Fact]
    public async Task AddFromPartnership_ModeratorOutsideThePartnership_IsRefusedAsNotFound()
    {
        var cohort = await NewCohort();
        var partnership = await NewPartnership(_karl, (_frida, Side.VoluntaryOrganisation));

        var refused = await Assert.ThrowsAsync<HubRefusedException>(() => cohort.AddFromPartnership(_mona, partnership.Id, _frida.UserId, CohortRole.Participant));

        Assert.Equal(ErrorCodes.NotFound, refused.Code);
        Assert.Single((await cohort.GetSnapshot(_mona)).Cohort.People);
    }

    [Fact]
    public async Task AddFromPartnership_ByAParticipant_IsRefusedAsForbidden()
    {
        var cohort = await CohortWithParticipants();
        var partnership = await NewPartnership(_karl, (_stranger, Side.VoluntaryOrganisation));

        var refused = await Assert.ThrowsAsync<HubRefusedException>(() => cohort.AddFromPartnership(_karl, partnership.Id, _stranger.UserId, CohortRole.Participant));

        Assert.Equal(ErrorCodes.Forbidden, refused.Code);
    }

    [Fact]
    public async Task AcceptInvite_ValidLink_EnrolsWithTheInvitationsRoleAndSideAndCountsOneUse()
    {
        var cohort = await NewCohort();
        var created = await cohort.CreateInvite(_mona, new CohortInviteRequest(CohortRole.Participant, Side.VoluntaryOrganisation, 5, 7));
        var link = Grains.GetGrain<ICohortInviteGrain>(IInviteGrain.Key(created.Secret));

        var preview = await link.Preview();
        var joined = await link.Accept(_frida);
        var again = await link.Accept(_frida);

        Assert.Equal((cohort.GetPrimaryKey(), CohortRole.Participant, Side.VoluntaryOrganisation), (preview.CohortId, preview.Role, preview.Side));
        Assert.Equal((cohort.GetPrimaryKey(), CohortRole.Participant), (joined.Id, joined.Role));
        Assert.Equal(joined, again);
        var frida = (await cohort.GetSnapshot(_frida)).Cohort.People.Single(p => p.UserId == _frida.UserId);
        Assert.Equal((CohortRole.Participant, Side.VoluntaryOrganisation, (Guid?)null), (frida.Role, frida.Side, frida.PartnershipId));
        Assert.Equal(1, Assert.Single(await cohort.ListInvites(_mona)).Uses);
    }

    [Fact]
    public async Task AcceptInvite_UsedUpOrRevoked_IsRefusedAsNotFound()
    {
        var cohort = await NewCohort();
        var once = await cohort.CreateInvite(_mona, new CohortInviteRequest(CohortRole.Observer, null, 1, 7));
        var revoked = await cohort.CreateInvite(_mona, new CohortInviteRequest(CohortRole.Observer, null, 5, 7));
        await Grains.GetGrain<ICohortInviteGrain>(IInviteGrain.Key(once.Secret)).Accept(_olga);
        await cohort.RevokeInvite(_mona, revoked.Invite.Id);

        var usedUp = await Assert.ThrowsAsync<HubRefusedException>(() => Grains.GetGrain<ICohortInviteGrain>(IInviteGrain.Key(once.Secret)).Accept(_karl));
        var gone = await Assert.ThrowsAsync<HubRefusedException>(() => Grains.GetGrain<ICohortInviteGrain>(IInviteGrain.Key(revoked.Secret)).Accept(_karl));
        var unknown = await Assert.ThrowsAsync<HubRefusedException>(() => Grains.GetGrain<ICohortInviteGrain>("no-such-link").Preview());

        Assert.All(new[] { usedUp, gone, unknown }, r => Assert.Equal(ErrorCodes.NotFound, r.Code));
        Assert.DoesNotContain((await cohort.GetSnapshot(_mona)).Cohort.People, p => p.UserId == _karl.UserId);
    }

    [Fact]
    public async Task CreateInvite_ForParticipantsWithoutASide_IsRefused()
    {
        var cohort = await NewCohort();

        var refused = await Assert.ThrowsAsync<HubRefusedException>(() => cohort.CreateInvite(_mona, new CohortInviteRequest(CohortRole.Participant, null, 5, 7)));

        Assert.Equal(ErrorCodes.Validation, refused.Code);
        Assert.Empty(await cohort.ListInvites(_mona));
    }

    [Fact]
    public async Task PlatformAdmin_ReadsButCannotWrite_AndTheLookIsAudited()
    {
        var cohort = await NewCohort();
        var admin = new Actor($"admin-{Guid.NewGuid():N}", "Administrator", IsPlatformAdmin: true);

        var snapshot = await cohort.GetSnapshot(admin);
        var write = await cohort.Submit(admin, NextId(), new AddModule("m1", "Admin", "", null));
        var invite = await Assert.ThrowsAsync<HubRefusedException>(() => cohort.CreateInvite(admin, new CohortInviteRequest(CohortRole.Observer, null, 1, 1)));

        Assert.Equal(cohort.GetPrimaryKey(), snapshot.Cohort.Id);
        Assert.Equal(ErrorCodes.Forbidden, write.ErrorCode);
        Assert.Equal(ErrorCodes.Forbidden, invite.Code);
        var audit = await Grains.GetGrain<IAuditGrain>(AuditKeys.Cohort(cohort.GetPrimaryKey(), DateTimeOffset.UtcNow)).Read();
        Assert.Contains(audit, e => e.Action == AuditActions.AdminViewed && e.ActorId == admin.UserId);
    }

    [Fact]
    public async Task GetSnapshot_Outsider_IsRefusedAsNotFound()
    {
        var cohort = await NewCohort();

        var refused = await Assert.ThrowsAsync<HubRefusedException>(() => cohort.GetSnapshot(_stranger));
        var joining = await Assert.ThrowsAsync<HubRefusedException>(() => cohort.Join(_stranger, "conn-1", 0));

        Assert.Equal(ErrorCodes.NotFound, refused.Code);
        Assert.Equal(ErrorCodes.NotFound, joining.Code);
    }

    [Fact]
    public async Task RemovePerson_TakesThemOutOfTeamsAttendanceAndTheirListAndAudits()
    {
        var cohort = await CohortWithParticipants();
        await Applied(cohort, _mona, new AddSession("s1", null, Monday, Monday.AddHours(2), "Lokale 1", false));
        await Applied(cohort, _mona, new MarkAttendance("s1", _karl.UserId, AttendanceStatus.Present, ""));
        await Applied(cohort, _mona, new SetTeams([new CohortTeam("t1", "Hold 1", [_karl.UserId, _frida.UserId])]));

        await Applied(cohort, _mona, new RemovePerson(_karl.UserId));
        await Applied(cohort, _frida, new RemovePerson(_frida.UserId));

        var c = (await cohort.GetSnapshot(_mona)).Cohort;
        Assert.DoesNotContain(c.People, p => p.UserId == _karl.UserId || p.UserId == _frida.UserId);
        Assert.Empty(c.Teams[0].MemberIds);
        Assert.Empty(c.Attendance);
        Assert.Empty(await Grains.GetGrain<IPersonCohortsGrain>(_karl.UserId).List(_karl));
        Assert.Equal(ErrorCodes.NotFound, (await Assert.ThrowsAsync<HubRefusedException>(() => cohort.GetSnapshot(_karl))).Code);
        var audit = await Grains.GetGrain<IAuditGrain>(AuditKeys.Cohort(cohort.GetPrimaryKey(), DateTimeOffset.UtcNow)).Read();
        Assert.Contains(audit, e => e.Action == AuditActions.MemberRemoved && e.ActorId == _mona.UserId && e.Target == $"user:{_karl.UserId}");
    }

    [Fact]
    public async Task ForgetMe_DeletedAccount_LeavesEveryCohortTheyWereIn()
    {
        var first = await CohortWithParticipants();
        var second = await CohortWithParticipants();
        await Applied(first, _mona, new AddSession("s1", null, Monday, Monday.AddHours(2), "Lokale 1", false));
        await Applied(first, _mona, new MarkAttendance("s1", _karl.UserId, AttendanceStatus.Present, ""));

        await Grains.GetGrain<IPersonCohortsGrain>(_karl.UserId).ForgetMe(_karl);

        foreach (var cohort in new[] { first, second })
        {
            var c = (await cohort.GetSnapshot(_mona)).Cohort;
            Assert.DoesNotContain(c.People, p => p.UserId == _karl.UserId);
            Assert.DoesNotContain(c.Attendance, a => a.UserId == _karl.UserId);
        }

        Assert.Empty(await Grains.GetGrain<IPersonCohortsGrain>(_karl.UserId).List(_karl));
    }

    [Fact]
    public async Task List_SomeoneElsesCohorts_IsRefused()
    {
        var refused = await Assert.ThrowsAsync<HubRefusedException>(() => Grains.GetGrain<IPersonCohortsGrain>(_karl.UserId).List(_frida));

        Assert.Equal(ErrorCodes.Forbidden, refused.Code);
    }

    [Fact]
    public async Task ProposeTeams_ThenSetTeams_StoresMixedTeamsInTheCohort()
    {
        var cohort = await CohortWithParticipants();
        await Enrol(cohort, NewActor("Kirsten"), CohortRole.Participant, Side.Municipality);
        await Enrol(cohort, NewActor("Viggo"), CohortRole.Participant, Side.VolunteerCentre);

        var proposal = await cohort.ProposeTeams(_mona, 2, seed: 42);
        await Applied(cohort, _mona, new SetTeams([.. proposal.Teams.Select(t => t.Team)]));

        Assert.Equal(Describe(proposal), Describe(await cohort.ProposeTeams(_mona, 2, seed: 42)));
        Assert.All(proposal.Teams, t => Assert.True(t.Mixed));
        var c = (await cohort.GetSnapshot(_karl)).Cohort;
        Assert.Equal(2, c.Teams.Count);
        Assert.Equal(c.People.Where(p => p.Role == CohortRole.Participant).Select(p => p.UserId).Order(), c.Teams.SelectMany(t => t.MemberIds).Order());
        Assert.Equal(ErrorCodes.Forbidden, (await Assert.ThrowsAsync<HubRefusedException>(() => cohort.ProposeTeams(_karl, 2, 1))).Code);
    }

    [Fact]
    public async Task Submit_AfterClusterRestart_EverythingAndTheRetryMarkComeBackFromStorage()
    {
        var cohort = await CohortWithParticipants();
        var id = NextId();
        var first = await cohort.Submit(_mona, id, new AddModule("m1", "Modul", "Mål", null));
        var invite = await cohort.CreateInvite(_mona, new CohortInviteRequest(CohortRole.Observer, null, 3, 7));

        await cluster.RestartAsync();
        cohort = Grains.GetGrain<ICohortGrain>(cohort.GetPrimaryKey());
        var again = await cohort.Submit(_mona, id, new AddModule("m1", "Modul", "Mål", null));

        Assert.True(again.Duplicate);
        Assert.Equal(first.Seq, again.Seq);
        var c = (await cohort.GetSnapshot(_mona)).Cohort;
        Assert.Single(c.Modules);
        Assert.Equal(4, c.People.Count);
        Assert.Contains(await cohort.ListInvites(_mona), i => i.Id == invite.Invite.Id);
        Assert.Equal(CohortRole.Observer, (await Grains.GetGrain<ICohortInviteGrain>(IInviteGrain.Key(invite.Secret)).Preview()).Role);
    }

    [Fact]
    public async Task GiveAssignment_TeamsFromTwoPartnerships_OneLinkedCardPerTeamBoardAndARetryAddsNone()
    {
        var (cohort, boards) = await CohortWithTwoPartnershipTeams();
        await Applied(cohort, _mona, new AddModule("m1", "Hinandens virkelighed", "", null));
        await Applied(cohort, _mona, new AddAssignment("a1", "m1", "Planlæg en fælles aktivitet", "Brug tavlen.", new DateOnly(2027, 1, 15),
            "Frivillige finder deltagere", "Medarbejdere finder et lokale"));

        var given = await cohort.GiveAssignment(_mona, "a1");
        var again = await cohort.GiveAssignment(_mona, "a1");

        Assert.All(given.Teams, t => Assert.Null(t.Reason));
        Assert.Equal(given.Teams.Select(t => (t.TeamId, t.BoardId, t.CardId)), again.Teams.Select(t => (t.TeamId, t.BoardId, t.CardId)));
        foreach (var (teamId, boardId) in boards)
        {
            var board = (await Grains.GetGrain<IBoardGrain>(boardId).GetSnapshot(_mona)).Board;
            var card = Assert.Single(board.Cards.Values, c => c.Cohort is not null);
            Assert.Equal((cohort.GetPrimaryKey(), "a1", teamId), (card.Cohort!.CohortId, card.Cohort.AssignmentId, card.Cohort.TeamId));
            Assert.Equal(("Planlæg en fælles aktivitet", "Brug tavlen.", "Frivillige finder deltagere", "Medarbejdere finder et lokale"),
                (card.Title, card.Description, card.VolunteerTasks, card.StaffTasks));
            Assert.Equal(["Hinandens virkelighed"], card.Labels);
            Assert.Contains(card.Id, board.Columns[0].CardIds);
        }

        var assignment = Assert.Single((await cohort.GetSnapshot(_karl)).Cohort.Assignments);
        Assert.Equal(boards.Select(b => (b.TeamId, b.BoardId, AssignmentStatus.NotStarted)).Order(),
            assignment.Cards.Select(c => (c.TeamId, c.BoardId, c.Status)).Order());
        var audit = await Grains.GetGrain<IAuditGrain>(AuditKeys.Cohort(cohort.GetPrimaryKey(), DateTimeOffset.UtcNow)).Read();
        Assert.Contains(audit, e => e.Action == AuditActions.AssignmentGiven && e.ActorId == _mona.UserId && e.Target == "assignment:a1");
    }

    [Fact]
    public async Task GiveAssignment_ByAParticipantOrForAnUnknownAssignment_IsRefusedAndPlacesNothing()
    {
        var (cohort, boards) = await CohortWithTwoPartnershipTeams();
        await Applied(cohort, _mona, new AddAssignment("a1", null, "Opgave", "", null, "", ""));

        var participant = await Assert.ThrowsAsync<HubRefusedException>(() => cohort.GiveAssignment(_karl, "a1"));
        var unknown = await Assert.ThrowsAsync<HubRefusedException>(() => cohort.GiveAssignment(_mona, "nope"));

        Assert.Equal((ErrorCodes.Forbidden, ErrorCodes.NotFound), (participant.Code, unknown.Code));
        foreach (var (_, boardId) in boards)
        {
            Assert.DoesNotContain((await Grains.GetGrain<IBoardGrain>(boardId).GetSnapshot(_mona)).Board.Cards.Values, c => c.Cohort is not null);
        }
    }

    [Fact]
    public async Task AssignmentMatrix_ParticipantsMoveAndArchiveTheCard_FollowsTheBoardAndTheRecordStays()
    {
        var (cohort, boards) = await CohortWithTwoPartnershipTeams();
        await Applied(cohort, _mona, new AddAssignment("a1", null, "Opgave", "", null, "", ""));
        var given = await cohort.GiveAssignment(_mona, "a1");
        var mine = given.Teams.Single(t => t.TeamId == "t1");
        var board = Grains.GetGrain<IBoardGrain>(mine.BoardId!.Value);

        async Task<(AssignmentStatus, string)> Status() =>
            (await cohort.GetSnapshot(_mona)).Cohort.Assignments.Single().Cards.Single(c => c.TeamId == "t1") is var c ? (c.Status, c.ColumnTitle) : default;

        await BoardApplied(board, _karl, new MoveCard(mine.CardId!, "doing", 0));
        var inProgress = await Status();
        await BoardApplied(board, _frida, new MoveCard(mine.CardId!, "done", 0));
        var done = await Status();
        await BoardApplied(board, _frida, new ArchiveCard(mine.CardId!));
        var removed = await Status();
        await BoardApplied(board, _frida, new RestoreCard(mine.CardId!));
        var restored = await Status();

        Assert.Equal((AssignmentStatus.InProgress, "I gang"), inProgress);
        Assert.Equal((AssignmentStatus.Done, "Afsluttet"), done);
        Assert.Equal(AssignmentStatus.CardRemoved, removed.Item1);
        Assert.Equal(AssignmentStatus.Done, restored.Item1);
        var other = (await cohort.GetSnapshot(_mona)).Cohort.Assignments.Single().Cards.Single(c => c.TeamId == "t2");
        Assert.Equal(AssignmentStatus.NotStarted, other.Status);
        Assert.Equal(ErrorCodes.Conflict, (await cohort.Submit(_mona, NextId(), new RemoveAssignment("a1"))).ErrorCode);
    }

    [Fact]
    public async Task AssignmentCardChanged_FromABoardTheCohortDidNotPlaceOn_IsIgnored()
    {
        var (cohort, _) = await CohortWithTwoPartnershipTeams();
        await Applied(cohort, _mona, new AddAssignment("a1", null, "Opgave", "", null, "", ""));
        var given = await cohort.GiveAssignment(_mona, "a1");
        var before = await cohort.GetSnapshot(_mona);

        await Grains.GetGrain<ICohortTrustedGrain>(cohort.GetPrimaryKey()).AssignmentCardChanged(Guid.NewGuid(), given.Teams[0].CardId!, AssignmentStatus.Done, "x");

        Assert.Equal(before.Seq, (await cohort.GetSnapshot(_mona)).Seq);
    }

    [Fact]
    public async Task GiveAssignment_TeamWithoutAPartnership_GetsNoCardAndSaysWhy()
    {
        var cohort = await CohortWithParticipants();
        await Applied(cohort, _mona, new SetTeams([new CohortTeam("t1", "Hold 1", [_karl.UserId, _frida.UserId])]));
        await Applied(cohort, _mona, new AddAssignment("a1", null, "Opgave", "", null, "", ""));

        var given = await cohort.GiveAssignment(_mona, "a1");

        var team = Assert.Single(given.Teams);
        Assert.Null(team.CardId);
        Assert.False(string.IsNullOrWhiteSpace(team.Reason));
        Assert.Empty((await cohort.GetSnapshot(_mona)).Cohort.Assignments.Single().Cards);
    }

    [Fact]
    public async Task SetMyPartnership_OneThePersonIsIn_IsRecordedAndOneTheyAreNotInIsRefused()
    {
        var cohort = await CohortWithParticipants();
        var theirs = await NewPartnership(_karl);
        var someoneElses = await NewPartnership(_stranger);

        await cohort.SetMyPartnership(_karl, theirs.Id);
        var refused = await Assert.ThrowsAsync<HubRefusedException>(() => cohort.SetMyPartnership(_frida, someoneElses.Id));
        var observer = await Assert.ThrowsAsync<HubRefusedException>(() => cohort.SetMyPartnership(_olga, null));

        var people = (await cohort.GetSnapshot(_mona)).Cohort.People;
        Assert.Equal(theirs.Id, people.Single(p => p.UserId == _karl.UserId).PartnershipId);
        Assert.Null(people.Single(p => p.UserId == _frida.UserId).PartnershipId);
        Assert.Equal((ErrorCodes.NotFound, ErrorCodes.Forbidden), (refused.Code, observer.Code));
    }

    [Fact]
    public async Task AttendanceNotes_ForModeratorsAndThePersonThemself_NeitherInTheSnapshotNorInThePushedOperation()
    {
        var cohort = await CohortWithParticipants();
        await Applied(cohort, _mona, new AddSession("s1", null, Monday, Monday.AddHours(2), "Lokale 1", false));
        var from = (await cohort.GetSnapshot(_mona)).Seq;

        await Applied(cohort, _mona, new MarkAttendance("s1", _karl.UserId, AttendanceStatus.Excused, "Syg barn"));

        Assert.All((await cohort.GetSnapshot(_karl)).Cohort.Attendance, a => Assert.Equal("", a.Note));
        Assert.All((await cohort.GetSnapshot(_mona)).Cohort.Attendance, a => Assert.Equal("", a.Note));
        var pushed = Assert.IsType<MarkAttendance>(Assert.Single((await cohort.Sync(_frida, from)).Ops).Op);
        Assert.Equal(("", AttendanceStatus.Excused), (pushed.Note, pushed.Status));
        Assert.Equal("Syg barn", Assert.Single(await cohort.GetAttendanceNotes(_mona)).Note);
        Assert.Equal("Syg barn", Assert.Single(await cohort.GetAttendanceNotes(_karl)).Note);
        Assert.Empty(await cohort.GetAttendanceNotes(_frida));
        Assert.Equal(ErrorCodes.Forbidden, (await Assert.ThrowsAsync<HubRefusedException>(() => cohort.GetAttendanceNotes(_olga))).Code);
    }

    [Fact]
    public async Task CheckInWithCode_InTheSessionsWindow_MarksPresentOrLateAndAudits()
    {
        var cohort = await CohortWithParticipants();
        var now = DateTimeOffset.UtcNow;
        await Applied(cohort, _mona, new AddSession("s1", null, now.AddMinutes(-5), now.AddHours(2), "Lokale 1", false));
        await Applied(cohort, _mona, new AddSession("s2", null, Monday, Monday.AddHours(2), "Lokale 2", false));
        var code = await cohort.GetCheckInCode(_mona, "s1");
        var later = await cohort.GetCheckInCode(_mona, "s2");

        var mark = await cohort.CheckInWithCode(_karl, $" {code.Code.ToLowerInvariant()[..3]} {code.Code[3..]} ");
        var again = await cohort.CheckInWithCode(_karl, code.Code);
        var notYet = await Assert.ThrowsAsync<HubRefusedException>(() => cohort.CheckInWithCode(_frida, later.Code));

        Assert.Equal(6, code.Code.Length);
        Assert.NotEqual(code.Code, later.Code);
        Assert.Equal(("s1", AttendanceStatus.Present, _karl.UserId), (mark.SessionId, mark.Status, mark.MarkedBy));
        Assert.Equal(mark.MarkedAt, again.MarkedAt);
        Assert.Equal(ErrorCodes.Validation, notYet.Code);
        var c = (await cohort.GetSnapshot(_mona)).Cohort;
        Assert.Equal(SessionStanding.Present, CohortRules.StandingOf(c, "s1", _karl.UserId));
        Assert.Equal(SessionStanding.Unmarked, CohortRules.StandingOf(c, "s1", _frida.UserId));
        var audit = await Grains.GetGrain<IAuditGrain>(AuditKeys.Cohort(cohort.GetPrimaryKey(), DateTimeOffset.UtcNow)).Read();
        Assert.Contains(audit, e => e.Action == AuditActions.AttendanceCheckedIn && e.ActorId == _karl.UserId && e.Target == $"attendance:s1:{_karl.UserId}");
    }

    [Fact]
    public async Task CheckInWithCode_LateOrAfterAModeratorsMark_IsLateOrKeepsTheMark()
    {
        var cohort = await CohortWithParticipants();
        var now = DateTimeOffset.UtcNow;
        await Applied(cohort, _mona, new AddSession("s1", null, now.AddMinutes(-40), now.AddHours(1), "Lokale 1", false));
        await Applied(cohort, _mona, new MarkAttendance("s1", _frida.UserId, AttendanceStatus.Excused, ""));
        var code = (await cohort.GetCheckInCode(_mona, "s1")).Code;

        var karl = await cohort.CheckInWithCode(_karl, code);
        var frida = await cohort.CheckInWithCode(_frida, code);

        Assert.Equal(AttendanceStatus.Late, karl.Status);
        Assert.Equal((AttendanceStatus.Excused, _mona.UserId), (frida.Status, frida.MarkedBy));
    }

    [Fact]
    public async Task CheckInWithCode_WrongCodeNonParticipantOrModeratorAsking_IsRefused()
    {
        var cohort = await CohortWithParticipants();
        var now = DateTimeOffset.UtcNow;
        await Applied(cohort, _mona, new AddSession("s1", null, now.AddMinutes(-5), now.AddHours(2), "Lokale 1", false));
        var code = (await cohort.GetCheckInCode(_mona, "s1")).Code;
        var before = await cohort.GetSnapshot(_mona);

        var wrong = await Assert.ThrowsAsync<HubRefusedException>(() => cohort.CheckInWithCode(_karl, "AAAAAA" == code ? "BBBBBB" : "AAAAAA"));
        var observer = await Assert.ThrowsAsync<HubRefusedException>(() => cohort.CheckInWithCode(_olga, code));
        var outsider = await Assert.ThrowsAsync<HubRefusedException>(() => cohort.CheckInWithCode(_stranger, code));
        var participantAsking = await Assert.ThrowsAsync<HubRefusedException>(() => cohort.GetCheckInCode(_karl, "s1"));

        Assert.Equal((ErrorCodes.Validation, ErrorCodes.Forbidden, ErrorCodes.NotFound, ErrorCodes.Forbidden),
            (wrong.Code, observer.Code, outsider.Code, participantAsking.Code));
        Assert.Equal(before.Seq, (await cohort.GetSnapshot(_mona)).Seq);
    }

    [Fact]
    public async Task CheckInWithCode_ManyWrongCodes_IsRateLimited()
    {
        var cohort = await CohortWithParticipants();
        var now = DateTimeOffset.UtcNow;
        await Applied(cohort, _mona, new AddSession("s1", null, now.AddMinutes(-5), now.AddHours(2), "Lokale 1", false));
        var code = (await cohort.GetCheckInCode(_mona, "s1")).Code;
        var wrong = code == "AAAAAA" ? "BBBBBB" : "AAAAAA";
        for (var i = 0; i < 10; i++)
        {
            await Assert.ThrowsAsync<HubRefusedException>(() => cohort.CheckInWithCode(_karl, wrong));
        }

        var limited = await Assert.ThrowsAsync<HubRefusedException>(() => cohort.CheckInWithCode(_karl, code));

        Assert.Equal(ErrorCodes.RateLimited, limited.Code);
    }

    /// <summary>
    /// Measures "Giv opgaven" until the card is durable on every team board (GiveAssignment returns only then), over
    /// rounds of a fresh assignment to four teams on four partnerships' boards. The numbers go to the test output.
    /// </summary>
    [Fact]
    public async Task GiveAssignment_FourTeamsOverTwentyRounds_PlacesEveryCardAndReportsTheTime()
    {
        var cohort = await NewCohort();
        var teams = new List<CohortTeam>();
        var boards = new List<Guid>();
        for (var i = 1; i <= 4; i++)
        {
            var staff = NewActor($"Medarbejder {i}");
            var volunteer = NewActor($"Frivillig {i}");
            var partnership = await NewPartnership(_mona, (staff, Side.Municipality), (volunteer, Side.VoluntaryOrganisation));
            await cohort.AddFromPartnership(_mona, partnership.Id, staff.UserId, CohortRole.Participant);
            await cohort.AddFromPartnership(_mona, partnership.Id, volunteer.UserId, CohortRole.Participant);
            teams.Add(new CohortTeam($"t{i}", $"Hold {i}", [staff.UserId, volunteer.UserId]));
            boards.Add(partnership.Boards[0].BoardId);
        }

        await Applied(cohort, _mona, new SetTeams([.. teams]));
        var times = new List<double>();
        for (var round = 0; round < 20; round++)
        {
            await Applied(cohort, _mona, new AddAssignment($"a{round}", null, $"Opgave {round}", "", null, "", ""));
            var watch = Stopwatch.StartNew();
            var given = await cohort.GiveAssignment(_mona, $"a{round}");
            times.Add(watch.Elapsed.TotalMilliseconds);
            Assert.Equal(4, given.Teams.Count(t => t.CardId is not null));
        }

        foreach (var boardId in boards)
        {
            Assert.Equal(20, (await Grains.GetGrain<IBoardGrain>(boardId).GetSnapshot(_mona)).Board.Cards.Values.Count(c => c.Cohort is not null));
        }

        times.Sort();
        output.WriteLine($"{typeof(TCluster).Name}: Giv opgaven to 4 team boards, 20 rounds: p50 {times[9]:F1} ms, p99 {times[^1]:F1} ms (max of 20), min {times[0]:F1} ms");
    }

    /// <summary>Two teams, each a staff member and a volunteer from one partnership Mona coordinates; their boards by team.</summary>
    private async Task<(ICohortGrain Cohort, List<(string TeamId, Guid BoardId)> Boards)> CohortWithTwoPartnershipTeams()
    {
        var cohort = await NewCohort();
        var first = await NewPartnership(_mona, (_karl, Side.Municipality), (_frida, Side.VoluntaryOrganisation));
        var kim = NewActor("Kim fra kommunen");
        var vera = NewActor("Vera frivillig");
        var second = await NewPartnership(_mona, (kim, Side.Municipality), (vera, Side.VolunteerCentre));
        foreach (var (partnership, person) in new[] { (first, _karl), (first, _frida), (second, kim), (second, vera) })
        {
            await cohort.AddFromPartnership(_mona, partnership.Id, person.UserId, CohortRole.Participant);
        }

        await Applied(cohort, _mona, new SetTeams([new CohortTeam("t1", "Hold 1", [_karl.UserId, _frida.UserId]), new CohortTeam("t2", "Hold 2", [kim.UserId, vera.UserId])]));
        return (cohort, [("t1", first.Boards[0].BoardId), ("t2", second.Boards[0].BoardId)]);
    }

    private async Task BoardApplied(IBoardGrain board, Actor actor, BoardOp op)
    {
        var result = await board.Submit(actor, NextId(), op);
        Assert.True(result.Seq is not null, $"{op} was refused: {result.ErrorCode} {result.Error}");
    }

    private async Task<ICohortGrain> NewCohort()
    {
        var cohort = Grains.GetGrain<ICohortGrain>(Guid.NewGuid());
        await cohort.Create(_mona, new CohortDetails("Fælles forløb", "Frivilligcenter Testrup", null, null));
        return cohort;
    }

    /// <summary>Mona moderates; Karl (municipality) and Frida (voluntary organisation) take part; Olga observes.</summary>
    private async Task<ICohortGrain> CohortWithParticipants()
    {
        var cohort = await NewCohort();
        await Enrol(cohort, _karl, CohortRole.Participant, Side.Municipality);
        await Enrol(cohort, _frida, CohortRole.Participant, Side.VoluntaryOrganisation);
        await Enrol(cohort, _olga, CohortRole.Observer, null);
        return cohort;
    }

    private async Task Enrol(ICohortGrain cohort, Actor person, CohortRole role, Side? side)
    {
        var invite = await cohort.CreateInvite(_mona, new CohortInviteRequest(role, side, 1, 1));
        await Grains.GetGrain<ICohortInviteGrain>(IInviteGrain.Key(invite.Secret)).Accept(person);
    }

    private async Task<PartnershipSnapshot> NewPartnership(Actor coordinator, params (Actor Person, Side Side)[] members)
    {
        var partnership = Grains.GetGrain<IPartnershipGrain>(Guid.NewGuid());
        var created = await partnership.Create(coordinator, new PartnershipDetails { Name = "Samarbejde om ensomhed", Municipality = "Testrup" }, Side.Municipality);
        foreach (var (person, side) in members)
        {
            created = await partnership.PutMember(coordinator, person.UserId, person.DisplayName, side, MemberRole.Member);
        }

        return created;
    }

    private async Task Applied(ICohortGrain cohort, Actor actor, CohortOp op)
    {
        var result = await cohort.Submit(actor, NextId(), op);
        Assert.True(result.Seq is not null, $"{op} was refused: {result.ErrorCode} {result.Error}");
    }

    private static string Describe(TeamProposal proposal) =>
        string.Join(" | ", proposal.Teams.Select(t => $"{t.Team.Id}:{string.Join(",", t.Team.MemberIds)}:{t.Mixed}"));

    private OpId NextId() => new("test-client", Interlocked.Increment(ref _number));

    private static Actor NewActor(string name) => new($"u{Guid.NewGuid():N}", name);
}

[Trait("Tier", "Fast")]
public sealed class CohortGrainOnSqliteTests(SqliteGrainCluster cluster, ITestOutputHelper output) : CohortGrainTests<SqliteGrainCluster>(cluster, output);

public sealed class CohortGrainOnPostgresTests(PostgresGrainCluster cluster, ITestOutputHelper output) : CohortGrainTests<PostgresGrainCluster>(cluster, output);
