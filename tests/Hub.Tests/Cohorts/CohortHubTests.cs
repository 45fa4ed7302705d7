using System.Collections.Immutable;
using System.Net;
using System.Net.Http.Json;
using Hub.Contracts.Cohorts;
using Hub.Contracts.Live;
using Hub.Contracts.Partnerships;
using Hub.Tests.Boards;
using Hub.Tests.Infrastructure;
using Hub.Web.Cohorts;
using Hub.Web.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Hub.Tests.Cohorts;

/// <summary>Cohorts through a real web node (Kestrel, SignalR, JSON) on an embedded silo with SQLite.</summary>
public sealed class CohortHubTests(EmbeddedNode fixture) : IClassFixture<EmbeddedNode>
{
    private readonly Dictionary<Guid, UserSession> _moderators = [];

    [Fact]
    public async Task Submit_ModeratorAddsASession_AParticipantsOpenConnectionReceivesIt()
    {
        var (mona, cohort) = await NewCohortAsync();
        var karl = await JoinAsync(cohort, CohortRole.Participant, Side.Municipality);
        await using var monaHub = await mona.ConnectAsync(CohortHub.Path);
        await using var karlHub = await karl.ConnectAsync(CohortHub.Path);
        var pushes = Pushes(karlHub);
        await monaHub.InvokeAsync<SyncResult<CohortOp, CohortSnapshot>>(nameof(CohortHub.Join), cohort.Id, 0L);
        var joined = await karlHub.InvokeAsync<SyncResult<CohortOp, CohortSnapshot>>(nameof(CohortHub.Join), cohort.Id, 0L);
        var startsAt = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(10).AddHours(9), TimeSpan.Zero);
        var session = new AddSession("s1", null, startsAt, startsAt.AddHours(3), "Frivilligcentret", false);

        var result = await monaHub.InvokeAsync<SubmitResult>(nameof(CohortHub.Submit), cohort.Id, new OpId("mona-tab", 1), (CohortOp)session);

        Assert.Equal(joined.Seq + 1, result.Seq);
        var pushed = await pushes.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal((result.Seq!.Value, (CohortOp)session), (pushed.Seq, pushed.Op));
        Assert.Contains(joined.Snapshot!.Cohort.People, p => p.UserId == karl.Me.UserId && p.Side == Side.Municipality);
    }

    [Fact]
    public async Task AcceptInvite_WhileTheModeratorIsOnTheCohort_TheEnrolmentArrivesLiveAsHubsOwnOperation()
    {
        var (mona, cohort) = await NewCohortAsync();
        await using var monaHub = await mona.ConnectAsync(CohortHub.Path);
        var pushes = Pushes(monaHub);
        await monaHub.InvokeAsync<SyncResult<CohortOp, CohortSnapshot>>(nameof(CohortHub.Join), cohort.Id, 0L);

        var frida = await JoinAsync(cohort, CohortRole.Participant, Side.VoluntaryOrganisation);

        var pushed = await pushes.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        var enrolled = Assert.IsType<EnrolPerson>(pushed.Op);
        Assert.Equal((frida.Me.UserId, CohortRole.Participant, (Side?)Side.VoluntaryOrganisation), (enrolled.UserId, enrolled.Role, enrolled.Side));
        Assert.Equal("system", pushed.ActorId);
        var mine = await frida.Http.GetFromJsonAsync<CohortSummary[]>("/api/cohorts", Json.Options);
        Assert.Contains(mine!, c => c.Id == cohort.Id && c.Role == CohortRole.Participant);
    }

    [Fact]
    public async Task Submit_EnrolmentSentByAClient_IsRefusedAndNobodyJoins()
    {
        var (mona, cohort) = await NewCohortAsync();
        await using var monaHub = await mona.ConnectAsync(CohortHub.Path);

        var result = await monaHub.InvokeAsync<SubmitResult>(nameof(CohortHub.Submit), cohort.Id, new OpId("mona-tab", 1),
            (CohortOp)new EnrolPerson("someone-else", "Ukendt", CohortRole.Moderator, null, null, null));

        Assert.Equal("forbidden", result.ErrorCode);
        var snapshot = await mona.Http.GetFromJsonAsync<CohortSnapshot>($"/api/cohorts/{cohort.Id}", Json.Options);
        Assert.Single(snapshot!.Cohort.People);
    }

    [Fact]
    public async Task RemovePerson_ParticipantOnTheCohort_TheirConnectionIsRevoked()
    {
        var (mona, cohort) = await NewCohortAsync();
        var karl = await JoinAsync(cohort, CohortRole.Participant, Side.Municipality);
        await using var monaHub = await mona.ConnectAsync(CohortHub.Path);
        await using var karlHub = await karl.ConnectAsync(CohortHub.Path);
        var revoked = new TaskCompletionSource<Guid>(TaskCreationOptions.RunContinuationsAsynchronously);
        karlHub.On<Guid>(nameof(ICohortClient.Revoked), id => revoked.TrySetResult(id));
        await karlHub.InvokeAsync<SyncResult<CohortOp, CohortSnapshot>>(nameof(CohortHub.Join), cohort.Id, 0L);

        var result = await monaHub.InvokeAsync<SubmitResult>(nameof(CohortHub.Submit), cohort.Id, new OpId("mona-tab", 1),
            (CohortOp)new RemovePerson(karl.Me.UserId));

        Assert.NotNull(result.Seq);
        Assert.Equal(cohort.Id, await revoked.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        var refused = await Assert.ThrowsAsync<HubException>(() => karlHub.InvokeAsync<SyncResult<CohortOp, CohortSnapshot>>(nameof(CohortHub.Sync), cohort.Id, 0L));
        Assert.Contains("not_found", refused.Message);
    }

    [Fact]
    public async Task ProposeTeams_ThenSetTeams_EveryTeamMixedAndStored()
    {
        var (mona, cohort) = await NewCohortAsync();
        foreach (var side in new[] { Side.Municipality, Side.Municipality, Side.VoluntaryOrganisation, Side.VolunteerCentre })
        {
            await JoinAsync(cohort, CohortRole.Participant, side);
        }

        await using var monaHub = await mona.ConnectAsync(CohortHub.Path);
        var proposal = await monaHub.InvokeAsync<TeamProposal>(nameof(CohortHub.ProposeTeams), cohort.Id, 2, 7);
        var result = await monaHub.InvokeAsync<SubmitResult>(nameof(CohortHub.Submit), cohort.Id, new OpId("mona-tab", 1),
            (CohortOp)new SetTeams([.. proposal.Teams.Select(t => t.Team)]));

        Assert.NotNull(result.Seq);
        Assert.Equal(2, proposal.Teams.Length);
        Assert.All(proposal.Teams, t => Assert.True(t.Mixed));
        var snapshot = await mona.Http.GetFromJsonAsync<CohortSnapshot>($"/api/cohorts/{cohort.Id}", Json.Options);
        Assert.Equal(4, snapshot!.Cohort.Teams.Sum(t => t.MemberIds.Count));
    }

    [Fact]
    public async Task CreateCohort_InvalidDetails_IsRefusedWithItsCode()
    {
        var mona = await fixture.Node.SignUpAsync("Mona");

        var response = await mona.Http.PostAsJsonAsync("/api/cohorts", new CohortDetails(" ", "", null, null), Json.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("validation", await response.Content.ReadAsStringAsync());
        Assert.Empty((await mona.Http.GetFromJsonAsync<CohortSummary[]>("/api/cohorts", Json.Options))!);
    }

    [Fact]
    public async Task AccountData_ThenDeletion_TheCohortIsExportedAndThenForgetsThePerson()
    {
        var (mona, cohort) = await NewCohortAsync();
        var karl = await JoinAsync(cohort, CohortRole.Participant, Side.Municipality);
        await using var monaHub = await mona.ConnectAsync(CohortHub.Path);
        var startsAt = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(10).AddHours(9), TimeSpan.Zero);
        CohortOp[] ops =
        [
            new AddSession("s1", null, startsAt, startsAt.AddHours(3), "Frivilligcentret", false),
            new MarkAttendance("s1", karl.Me.UserId, AttendanceStatus.Excused, "Meldte afbud i god tid"),
            new SetTeams([new CohortTeam("t1", "Hold Nord", [karl.Me.UserId])]),
        ];
        foreach (var (op, number) in ops.Select((op, i) => (op, i + 1L)))
        {
            Assert.NotNull((await monaHub.InvokeAsync<SubmitResult>(nameof(CohortHub.Submit), cohort.Id, new OpId("mona-tab", number), op)).Seq);
        }

        var export = await karl.Http.GetFromJsonAsync<Hub.Web.Accounts.PersonalDataExport>("/api/account/data", Json.Options);
        var deleted = await karl.Http.PostAsJsonAsync("/api/account/delete", new Hub.Web.Accounts.DeleteAccountRequest("a long enough password"), Json.Options);

        var part = Assert.Single(export!.Cohorts);
        Assert.Equal((cohort.Id, CohortRole.Participant, "Hold Nord"), (part.Cohort.Id, part.Enrolment.Role, part.Team));
        Assert.Equal("Meldte afbud i god tid", Assert.Single(part.Attendance).Note);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var after = (await mona.Http.GetFromJsonAsync<CohortSnapshot>($"/api/cohorts/{cohort.Id}", Json.Options))!.Cohort;
        Assert.DoesNotContain(after.People, p => p.UserId == karl.Me.UserId);
        Assert.Empty(after.Attendance);
        Assert.Empty(after.Teams[0].MemberIds);
    }

    private async Task<(UserSession Moderator, Cohort Cohort)> NewCohortAsync()
    {
        var mona = await fixture.Node.SignUpAsync("Mona");
        var response = await mona.Http.PostAsJsonAsync("/api/cohorts", new CohortDetails("Fælles forløb", "Frivilligcenter Testrup", null, null), Json.Options);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<CohortSnapshot>(Json.Options))!;
        _moderators[created.Cohort.Id] = mona;
        return (mona, created.Cohort);
    }

    private async Task<UserSession> JoinAsync(Cohort cohort, CohortRole role, Side? side)
    {
        var person = await fixture.Node.SignUpAsync($"Deltager {side}");
        var created = await _moderators[cohort.Id].Http.PostAsJsonAsync($"/api/cohorts/{cohort.Id}/invites", new CohortInviteRequest(role, side, 1, 7), Json.Options);
        var link = (await created.Content.ReadFromJsonAsync<CohortInviteLink>(Json.Options))!;
        var accepted = await person.Http.PostAsync($"/api/cohort-invites/{link.Path["/cohort-invite/".Length..]}/accept", null);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        return person;
    }

    private static System.Threading.Channels.Channel<Committed<CohortOp>> Pushes(HubConnection connection)
    {
        var channel = System.Threading.Channels.Channel.CreateUnbounded<Committed<CohortOp>>();
        connection.On<Guid, ImmutableArray<Committed<CohortOp>>>(nameof(ICohortClient.Committed), (_, ops) =>
        {
            foreach (var op in ops)
            {
                channel.Writer.TryWrite(op);
            }
        });
        return channel;
    }
}
