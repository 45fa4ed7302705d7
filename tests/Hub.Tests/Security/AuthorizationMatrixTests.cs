using System.Net;
using System.Net.Http.Json;
using Hub.Contracts.Agreements;
using Hub.Contracts.Boards;
using Hub.Contracts.Cohorts;
using Hub.Contracts.Evaluations;
using Hub.Contracts.Live;
using Hub.Contracts.Partnerships;
using Hub.Contracts.Sessions;
using Hub.Tests.Infrastructure;
using Hub.Web.Accounts;
using Hub.Web.Admin;
using Hub.Web.Cohorts;
using Hub.Web.Partnerships;
using Hub.Web.Live;
using Hub.Web.Sessions;
using Hub.Web.Setup;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Tests.Security;

/// <summary>One partnership with a person in every role, and people outside it, on one embedded node.</summary>
public sealed class MatrixFixture : IAsyncLifetime
{
    public const string AdminEmail = "admin@example.org";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"hub-matrix-{Guid.NewGuid():N}");

    public WebNode Node { get; private set; } = null!;

    public Dictionary<string, UserSession> People { get; } = [];

    public PartnershipSnapshot Partnership { get; private set; } = null!;

    public Guid BoardId => Partnership.Boards[0].BoardId;

    /// <summary>A cohort the coordinator moderates, with the member as a participant and the observer as its observer.</summary>
    public CohortSnapshot Cohort { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Node = await WebNode.StartEmbeddedAsync(Path.Combine(_directory, "hub.db"), $"--Hub:Admins:0={AdminEmail}");
        var coordinator = People["coordinator"] = await Node.SignUpAsync("Koordinator");
        People["member"] = await Node.SignUpAsync("Medlem");
        People["observer"] = await Node.SignUpAsync("Observatør");
        People["non-member"] = await Node.SignUpAsync("Udenforstående");
        People["admin"] = await Node.SignUpAsync("Administrator", AdminEmail);
        Partnership = await coordinator.CreatePartnershipAsync("Matrixsamarbejde");
        await AddAsync(People["member"], MemberRole.Member);
        await AddAsync(People["observer"], MemberRole.Observer);
        await AgreeOnVersionOneAsync(coordinator);
        Cohort = await NewCohortAsync(coordinator);
        await JoinCohortAsync(People["member"], Cohort.Cohort.Id, new CohortInviteRequest(CohortRole.Participant, Side.VoluntaryOrganisation, 1, 7));
        await JoinCohortAsync(People["observer"], Cohort.Cohort.Id, new CohortInviteRequest(CohortRole.Observer, null, 1, 7));
        LiveSession = await NewSessionAsync(coordinator, Partnership.Id);
        await ReflectionCohortAsync(coordinator);
    }

    /// <summary>A cohort of its own for reflections (the coordinator moderates, the member is a participant in a team
    /// with one session, the observer observes), so the shared cohort's teams stay as they are.</summary>
    public Guid ReflectionCohortId { get; private set; }

    /// <summary>The member's team's shared reflection in <see cref="ReflectionCohortId"/>.</summary>
    public Guid TeamReflectionId { get; private set; }

    private async Task ReflectionCohortAsync(UserSession moderator)
    {
        var cohort = (await NewCohortAsync(moderator)).Cohort.Id;
        await JoinCohortAsync(People["member"], cohort, new CohortInviteRequest(CohortRole.Participant, Side.VoluntaryOrganisation, 1, 7));
        await JoinCohortAsync(People["observer"], cohort, new CohortInviteRequest(CohortRole.Observer, null, 1, 7));
        await using var connection = await moderator.ConnectAsync(CohortHub.Path);
        await connection.InvokeAsync<SyncResult<CohortOp, CohortSnapshot>>(nameof(CohortHub.Join), cohort, 0L);
        var at = DateTimeOffset.UtcNow.AddDays(7);
        foreach (var op in new CohortOp[] { new AddSession("s1", null, at, at.AddHours(2), "Lokale", false), new SetTeams([new CohortTeam("t1", "Hold 1", [People["member"].Me.UserId])]) })
        {
            var done = await connection.InvokeAsync<SubmitResult>(nameof(CohortHub.Submit), cohort, new OpId($"r{Guid.NewGuid():N}", 1), op);
            Assert.True(done.Seq is not null, $"{op} refused: {done.ErrorCode} {done.Error}");
        }

        ReflectionCohortId = cohort;
        var view = await People["member"].Http.GetFromJsonAsync<ReflectionsView>($"/api/cohorts/{cohort}/reflections", Json.Options);
        TeamReflectionId = view!.TeamReflectionId!.Value;
    }

    /// <summary>A live session of the partnership that the coordinator runs (nobody else is in it).</summary>
    public StaffView LiveSession { get; private set; } = null!;

    public static async Task<StaffView> NewSessionAsync(UserSession moderator, Guid partnershipId)
    {
        var response = await moderator.Http.PostAsJsonAsync("/api/sessions", new SessionDetails("Matrixmøde", new SessionOwner(partnershipId, null, null), false), Json.Options);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<StaffView>(Json.Options))!;
    }

    public static async Task<CohortSnapshot> NewCohortAsync(UserSession moderator)
    {
        var response = await moderator.Http.PostAsJsonAsync("/api/cohorts", new CohortDetails("Matrixforløb", "Frivilligcenter Testrup", null, null), Json.Options);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CohortSnapshot>(Json.Options))!;
    }

    public async Task<CohortInviteLink> NewCohortInviteAsync(Guid cohortId, CohortInviteRequest request)
    {
        var response = await People["coordinator"].Http.PostAsJsonAsync($"/api/cohorts/{cohortId}/invites", request, Json.Options);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CohortInviteLink>(Json.Options))!;
    }

    private async Task JoinCohortAsync(UserSession person, Guid cohortId, CohortInviteRequest request)
    {
        var link = await NewCohortInviteAsync(cohortId, request);
        var response = await person.Http.PostAsync($"/api/cohort-invites/{link.Path["/cohort-invite/".Length..]}/accept", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>A coordinator from each side approves a short draft, so version 1 exists to be read.</summary>
    private async Task AgreeOnVersionOneAsync(UserSession municipalityCoordinator)
    {
        var voluntaryCoordinator = await Node.SignUpAsync("Frivillig koordinator");
        await municipalityCoordinator.AddMemberAsync(Partnership.Id, voluntaryCoordinator, MemberRole.Coordinator);
        await using (var writer = await municipalityCoordinator.ConnectAsync(AgreementHub.Path))
        {
            var opened = await writer.InvokeAsync<SyncResult<AgreementOp, AgreementSnapshot>>(nameof(AgreementHub.Join), Partnership.Id, 0L);
            var written = await writer.InvokeAsync<SubmitResult>(nameof(AgreementHub.Submit), Partnership.Id, new OpId($"w{Guid.NewGuid():N}", 1),
                (AgreementOp)new EditSection(AgreementSection.Purpose, opened.Seq, new Hub.Contracts.Text.TextOp([Hub.Contracts.Text.TextComponent.InsertOf("Vi mødes hver tirsdag.")])));
            Assert.True(written.Seq is not null, $"writing refused: {written.ErrorCode} {written.Error}");
        }

        foreach (var (person, party) in new[] { (municipalityCoordinator, Hub.Tests.Agreements.AgreementTestKit.Municipality), (voluntaryCoordinator, Hub.Tests.Agreements.AgreementTestKit.Voluntary) })
        {
            await using var connection = await person.ConnectAsync(AgreementHub.Path);
            var joined = await connection.InvokeAsync<SyncResult<AgreementOp, AgreementSnapshot>>(nameof(AgreementHub.Join), Partnership.Id, 0L);
            var approved = await connection.InvokeAsync<SubmitResult>(nameof(AgreementHub.Submit), Partnership.Id,
                new OpId($"a{Guid.NewGuid():N}", 1), (AgreementOp)new Approve(party, joined.Seq));
            Assert.True(approved.Seq is not null, $"{party} approval refused: {approved.ErrorCode} {approved.Error}");
        }
    }

    public async Task<UserSession> AddAsync(UserSession person, MemberRole role)
    {
        await People["coordinator"].AddMemberAsync(Partnership.Id, person, role);
        return person;
    }

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}

/// <summary>
/// Every HTTP endpoint and every hub method, as each kind of person: anonymous, outside the partnership,
/// observer, member, coordinator and platform admin — each with the expected answer asserted. The grains
/// check again behind the web node (the board and partnership grain tests show the grains' own refusals).
/// </summary>
public sealed class AuthorizationMatrixTests(MatrixFixture fixture) : IClassFixture<MatrixFixture>
{
    public static readonly string[] Roles = ["anonymous", "non-member", "observer", "member", "coordinator", "admin"];

    /// <summary>Expected HTTP status per role, in the order of <see cref="Roles"/>.</summary>
    private static readonly Dictionary<string, (int[] Expected, Func<MatrixFixture, string, Task<HttpResponseMessage>> Call)> Http = new()
    {
        ["GET /api/account/me"] = ([401, 200, 200, 200, 200, 200], (f, r) => Client(f, r).GetAsync("/api/account/me")),
        ["GET /api/account/data"] = ([401, 200, 200, 200, 200, 200], (f, r) => Client(f, r).GetAsync("/api/account/data")),
        // A wrong current password, so no one's password or sessions change here (EmailOwnershipTests changes one).
        ["POST /api/account/password"] = ([401, 403, 403, 403, 403, 403], (f, r) => Client(f, r).PostAsJsonAsync("/api/account/password",
            new ChangePasswordRequest("not the password", "a new long passphrase"), Json.Options)),
        ["GET /api/partnerships"] = ([401, 200, 200, 200, 200, 200], (f, r) => Client(f, r).GetAsync("/api/partnerships")),
        ["POST /api/partnerships"] = ([401, 201, 201, 201, 201, 201], (f, r) => Client(f, r).PostAsJsonAsync("/api/partnerships",
            new CreatePartnershipRequest(new PartnershipDetails { Name = "Nyt", Municipality = "Testrup" }, Side.Municipality), Json.Options)),
        ["GET /api/partnerships/{id}"] = ([401, 404, 200, 200, 200, 200], (f, r) => Client(f, r).GetAsync($"/api/partnerships/{f.Partnership.Id}")),
        ["PUT /api/partnerships/{id}"] = ([401, 404, 403, 403, 200, 403], (f, r) => Client(f, r).PutAsJsonAsync($"/api/partnerships/{f.Partnership.Id}",
            new UpdatePartnershipRequest(f.Partnership.Details with { Purpose = $"Formål {r}" }, null), Json.Options)),
        // Adding by e-mail invites (202): the person joins when they accept (EmailOwnershipTests).
        ["POST /api/partnerships/{id}/members"] = ([401, 404, 403, 403, 202, 403], async (f, r) =>
        {
            var newcomer = await f.Node.SignUpAsync("Ny");
            return await Client(f, r).PostAsJsonAsync($"/api/partnerships/{f.Partnership.Id}/members",
                new AddMemberRequest(newcomer.Email, Side.Municipality, MemberRole.Member), Json.Options);
        }),
        ["PUT /api/partnerships/{id}/members/{userId}"] = ([401, 404, 403, 403, 200, 403], async (f, r) =>
        {
            var target = await f.AddAsync(await f.Node.SignUpAsync("Rolle"), MemberRole.Member);
            return await Client(f, r).PutAsJsonAsync($"/api/partnerships/{f.Partnership.Id}/members/{target.Me.UserId}",
                new ChangeMemberRequest(Side.VolunteerCentre, MemberRole.Observer), Json.Options);
        }),
        ["DELETE /api/partnerships/{id}/members/{userId}"] = ([401, 404, 403, 403, 200, 403], async (f, r) =>
        {
            var target = await f.AddAsync(await f.Node.SignUpAsync("Går"), MemberRole.Member);
            return await Client(f, r).DeleteAsync($"/api/partnerships/{f.Partnership.Id}/members/{target.Me.UserId}");
        }),
        ["POST /api/partnerships/{id}/boards"] = ([401, 404, 403, 201, 201, 403], (f, r) =>
            Client(f, r).PostAsJsonAsync($"/api/partnerships/{f.Partnership.Id}/boards", new AddBoardRequest($"Tavle {r}"), Json.Options)),
        ["GET /api/boards/{id}"] = ([401, 404, 200, 200, 200, 200], (f, r) => Client(f, r).GetAsync($"/api/boards/{f.BoardId}")),
        ["GET /api/boards/{id}/history"] = ([401, 404, 200, 200, 200, 200], (f, r) => Client(f, r).GetAsync($"/api/boards/{f.BoardId}/history")),
        ["GET /api/boards/{id}/export.csv"] = ([401, 404, 200, 200, 200, 200], (f, r) => Client(f, r).GetAsync($"/api/boards/{f.BoardId}/export.csv")),
        ["GET /api/partnerships/{id}/card-search"] = ([401, 404, 200, 200, 200, 200], (f, r) =>
            Client(f, r).GetAsync($"/api/partnerships/{f.Partnership.Id}/card-search?q=kort")),
        ["POST /api/partnerships/{id}/invites"] = ([401, 404, 403, 403, 201, 403], (f, r) => Client(f, r).PostAsJsonAsync(
            $"/api/partnerships/{f.Partnership.Id}/invites", new InviteRequest(Side.VoluntaryOrganisation, MemberRole.Member, 1, 7), Json.Options)),
        ["GET /api/partnerships/{id}/invites"] = ([401, 404, 403, 403, 200, 403], (f, r) => Client(f, r).GetAsync($"/api/partnerships/{f.Partnership.Id}/invites")),
        ["DELETE /api/partnerships/{id}/invites/{inviteId}"] = ([401, 404, 403, 403, 200, 403], async (f, r) =>
        {
            var invite = await NewInvite(f);
            return await Client(f, r).DeleteAsync($"/api/partnerships/{f.Partnership.Id}/invites/{invite.Invite.Id}");
        }),
        ["GET /api/invites/{secret}"] = ([200, 200, 200, 200, 200, 200], async (f, r) => await Client(f, r).GetAsync($"/api/invites/{Secret(await NewInvite(f))}")),
        // "Til mig" is each person's own; the unsubscribe link works signed out, and a token that is no one's is not found.
        ["GET /api/me/waiting"] = ([401, 200, 200, 200, 200, 200], (f, r) => Client(f, r).GetAsync("/api/me/waiting")),
        ["GET /api/me/digest"] = ([401, 200, 200, 200, 200, 200], (f, r) => Client(f, r).GetAsync("/api/me/digest")),
        ["PUT /api/me/digest"] = ([401, 200, 200, 200, 200, 200], (f, r) => Client(f, r).PutAsJsonAsync("/api/me/digest", new Hub.Web.ForMe.DigestRequest(false), Json.Options)),
        ["POST /api/digest/unsubscribe"] = ([404, 404, 404, 404, 404, 404], (f, r) => Client(f, r).PostAsJsonAsync("/api/digest/unsubscribe",
            new Hub.Web.ForMe.UnsubscribeRequest($"nobody-{r}.secret"), Json.Options)),
        // Cohort evaluation (cohorteval): moderators set it up, participants answer, moderators and observers (and
        // platform admins) read aggregates.
        ["GET /api/cohorts/{id}/evaluation/setup"] = ([401, 404, 403, 403, 200, 403], (f, r) => Client(f, r).GetAsync($"{Evaluation(f)}/setup")),
        ["PUT /api/cohorts/{id}/evaluation/items"] = ([401, 404, 403, 403, 200, 403], (f, r) => Client(f, r).PutAsJsonAsync($"{Evaluation(f)}/items",
            new ChooseItemsRequest([.. ItemBank.Items.Select(i => i.Id)]), Json.Options)),
        ["POST /api/cohorts/{id}/evaluation/items"] = ([401, 404, 403, 403, 200, 403], (f, r) => Client(f, r).PostAsJsonAsync($"{Evaluation(f)}/items",
            new EvaluationItemDraft($"Eget {r}", "", "Jeg ved noget om kommunen.", "", "Jeg ved noget om foreningen.", ""), Json.Options)),
        ["PUT /api/cohorts/{id}/evaluation/settings"] = ([401, 404, 403, 403, 200, 403], (f, r) => Client(f, r).PutAsJsonAsync($"{Evaluation(f)}/settings",
            new EvaluationSettings(5, 90), Json.Options)),
        ["POST /api/cohorts/{id}/evaluation/timepoints/{timepoint}/open"] = ([401, 404, 403, 403, 200, 403], (f, r) =>
            Client(f, r).PostAsync($"{Evaluation(f)}/timepoints/T0/open", null)),
        ["POST /api/cohorts/{id}/evaluation/timepoints/{timepoint}/close"] = ([401, 404, 403, 403, 200, 403], (f, r) =>
            Client(f, r).PostAsync($"{Evaluation(f)}/timepoints/T2/close", null)),
        ["GET /api/cohorts/{id}/evaluation/questionnaire"] = ([401, 404, 403, 200, 403, 403], (f, r) => Client(f, r).GetAsync($"{Evaluation(f)}/questionnaire")),
        ["POST /api/cohorts/{id}/evaluation/answers"] = ([401, 404, 403, 200, 403, 403], async (f, r) =>
        {
            (await f.People["coordinator"].Http.PostAsync($"{Evaluation(f)}/timepoints/T0/open", null)).EnsureSuccessStatusCode();
            return await Client(f, r).PostAsJsonAsync($"{Evaluation(f)}/answers",
                new AnswerRequest(EvaluationTimepoint.T0, [new ItemAnswer("contact", 3, null)]), Json.Options);
        }),
        // The fixture's cohort has no session that has begun: the participant passes the checks and is told so.
        ["POST /api/cohorts/{id}/evaluation/reactions"] = ([401, 404, 403, 404, 403, 403], (f, r) => Client(f, r).PostAsJsonAsync($"{Evaluation(f)}/reactions",
            new SessionReaction("s1", 4, 4), Json.Options)),
        ["GET /api/cohorts/{id}/evaluation/results"] = ([401, 404, 200, 403, 200, 200], (f, r) => Client(f, r).GetAsync($"{Evaluation(f)}/results")),
        ["GET /api/cohorts/{id}/evaluation/results.csv"] = ([401, 404, 200, 403, 200, 200], (f, r) => Client(f, r).GetAsync($"{Evaluation(f)}/results.csv")),
        ["GET /api/partnerships/{id}/audit"] = ([401, 404, 403, 403, 200, 200], (f, r) => Client(f, r).GetAsync($"/api/partnerships/{f.Partnership.Id}/audit")),
        ["GET /api/admin/audit"] = ([401, 403, 403, 403, 403, 200], (f, r) => Client(f, r).GetAsync("/api/admin/audit")),
        ["GET /api/admin/partnerships"] = ([401, 403, 403, 403, 403, 200], (f, r) => Client(f, r).GetAsync("/api/admin/partnerships")),
        ["GET /api/cohorts"] = ([401, 200, 200, 200, 200, 200], (f, r) => Client(f, r).GetAsync("/api/cohorts")),
        ["POST /api/cohorts"] = ([401, 201, 201, 201, 201, 201], (f, r) => Client(f, r).PostAsJsonAsync("/api/cohorts",
            new CohortDetails($"Forløb {r}", "", null, null), Json.Options)),
        ["GET /api/cohorts/{id}"] = ([401, 404, 200, 200, 200, 200], (f, r) => Client(f, r).GetAsync($"/api/cohorts/{f.Cohort.Cohort.Id}")),
        // The moderator adds a member of a partnership they are in (here the member, already a participant: adding again
        // keeps them as they are, and adds no members to the partnership, whose audit log AdminLook reads); anyone else is
        // refused before the partnership is asked.
        ["POST /api/cohorts/{id}/people"] = ([401, 404, 403, 403, 200, 403], (f, r) =>
            Client(f, r).PostAsJsonAsync($"/api/cohorts/{f.Cohort.Cohort.Id}/people",
                new AddCohortPersonRequest(f.Partnership.Id, f.People["member"].Me.UserId, CohortRole.Participant), Json.Options)),
        ["POST /api/cohorts/{id}/invites"] = ([401, 404, 403, 403, 201, 403], (f, r) => Client(f, r).PostAsJsonAsync(
            $"/api/cohorts/{f.Cohort.Cohort.Id}/invites", new CohortInviteRequest(CohortRole.Participant, Side.Municipality, 1, 7), Json.Options)),
        ["GET /api/cohorts/{id}/invites"] = ([401, 404, 403, 403, 200, 403], (f, r) => Client(f, r).GetAsync($"/api/cohorts/{f.Cohort.Cohort.Id}/invites")),
        ["DELETE /api/cohorts/{id}/invites/{inviteId}"] = ([401, 404, 403, 403, 200, 403], async (f, r) =>
        {
            var link = await f.NewCohortInviteAsync(f.Cohort.Cohort.Id, new CohortInviteRequest(CohortRole.Observer, null, 1, 7));
            return await Client(f, r).DeleteAsync($"/api/cohorts/{f.Cohort.Cohort.Id}/invites/{link.Invite.Id}");
        }),
        ["GET /api/cohorts/{id}/audit"] = ([401, 404, 403, 403, 200, 200], (f, r) => Client(f, r).GetAsync($"/api/cohorts/{f.Cohort.Cohort.Id}/audit")),
        ["GET /api/cohort-invites/{secret}"] = ([200, 200, 200, 200, 200, 200], async (f, r) =>
        {
            var link = await f.NewCohortInviteAsync(f.Cohort.Cohort.Id, new CohortInviteRequest(CohortRole.Observer, null, 1, 7));
            return await Client(f, r).GetAsync($"/api/cohort-invites/{link.Path["/cohort-invite/".Length..]}");
        }),
        // A cohort of its own for each call: accepting joins, and the shared cohort's people must stay as they are.
        ["POST /api/cohort-invites/{secret}/accept"] = ([401, 200, 200, 200, 200, 200], async (f, r) =>
        {
            var cohort = await MatrixFixture.NewCohortAsync(f.People["coordinator"]);
            var link = await f.NewCohortInviteAsync(cohort.Cohort.Id, new CohortInviteRequest(CohortRole.Participant, Side.VolunteerCentre, 1, 7));
            return await Client(f, r).PostAsync($"/api/cohort-invites/{link.Path["/cohort-invite/".Length..]}/accept", null);
        }),
        // Reflections (decision 023): participants write and read what each entry's visibility allows; moderators read
        // and set the prompts; observers and admins read none; outsiders learn nothing. Only the author removes an entry.
        ["GET /api/cohorts/{id}/reflections"] = ([401, 404, 403, 200, 200, 403], (f, r) => Client(f, r).GetAsync(Reflections(f))),
        ["PUT /api/cohorts/{id}/reflections"] = ([401, 404, 403, 200, 403, 403], (f, r) => Client(f, r).PutAsJsonAsync(Reflections(f),
            Reflection($"r{Guid.NewGuid():N}"), Json.Options)),
        ["DELETE /api/cohorts/{id}/reflections/{reflectionId}"] = ([401, 404, 404, 204, 404, 404], async (f, r) =>
        {
            var id = $"r{Guid.NewGuid():N}";
            (await f.People["member"].Http.PutAsJsonAsync(Reflections(f), Reflection(id), Json.Options)).EnsureSuccessStatusCode();
            return await Client(f, r).DeleteAsync($"{Reflections(f)}/{id}");
        }),
        ["PUT /api/cohorts/{id}/reflections/prompts"] = ([401, 404, 403, 403, 200, 403], (f, r) => Client(f, r).PutAsJsonAsync($"{Reflections(f)}/prompts",
            new ReflectionPromptsRequest([.. ReflectionLimits.DefaultPrompts]), Json.Options)),
        // A partnership's barrier note: its members (and admins, audited) read it, its coordinators set it.
        ["GET /api/partnerships/{id}/barriers"] = ([401, 404, 200, 200, 200, 200], (f, r) => Client(f, r).GetAsync($"/api/partnerships/{f.Partnership.Id}/barriers")),
        ["PUT /api/partnerships/{id}/barriers"] = ([401, 404, 403, 403, 200, 403], (f, r) => Client(f, r).PutAsJsonAsync($"/api/partnerships/{f.Partnership.Id}/barriers",
            new PartnershipBarriersRequest([global::Hub.Contracts.Barriers.BarrierTag.Time]), Json.Options)),
        ["GET /api/admin/barriers"] = ([401, 403, 403, 403, 403, 200], (f, r) => Client(f, r).GetAsync("/api/admin/barriers")),
        ["GET /health/ready"] = ([200, 200, 200, 200, 200, 200], (f, r) => Client(f, r).GetAsync("/health/ready")),
        ["GET /api/account/providers"] = ([200, 200, 200, 200, 200, 200], (f, r) => Client(f, r).GetAsync("/api/account/providers")),
        // No identity provider is configured on this node (OidcSignInTests runs the flow against a real one).
        ["GET /api/account/oidc"] = ([404, 404, 404, 404, 404, 404], (f, r) => Client(f, r).GetAsync("/api/account/oidc")),
        // The grain inspector (decision 016): platform admins only, refused before any grain is asked.
        ["GET /api/admin/inspect/{scope}/{id}"] = ([401, 403, 403, 403, 403, 200], (f, r) =>
            Client(f, r).GetAsync($"/api/admin/inspect/partnerships/{f.Partnership.Id}")),
        ["GET /api/admin/inspect/{scope}/{id}/{kind}/{docId}"] = ([401, 403, 403, 403, 403, 200], (f, r) =>
            Client(f, r).GetAsync($"/api/admin/inspect/cohorts/{f.Cohort.Cohort.Id}/cohort/{f.Cohort.Cohort.Id}")),
        ["POST /api/admin/inspect/{scope}/{id}/reveal"] = ([401, 403, 403, 403, 403, 200], (f, r) =>
            Client(f, r).PostAsJsonAsync($"/api/admin/inspect/partnerships/{f.Partnership.Id}/reveal", new RevealRequest("Matrixtest af adgang"), Json.Options)),
        // The partnership has a coordinator, so the admin is told so (409); InspectorGrainTests appoints one where there is none.
        ["POST /api/admin/inspect/{scope}/{id}/coordinator"] = ([401, 403, 403, 403, 403, 409], (f, r) =>
            Client(f, r).PostAsJsonAsync($"/api/admin/inspect/partnerships/{f.Partnership.Id}/coordinator", new AppointCoordinatorRequest("P-00000000"), Json.Options)),
        // A board of its own, active since it was just made, so stopping it disturbs no other row.
        ["POST /api/admin/inspect/{scope}/{id}/{kind}/{docId}/deactivate"] = ([401, 403, 403, 403, 403, 204], async (f, r) =>
        {
            var board = r == "admin" ? await NewBoardAsync(f) : f.BoardId;
            return await Client(f, r).PostAsync($"/api/admin/inspect/partnerships/{f.Partnership.Id}/board/{board}/deactivate", null);
        }),
        // The member's live connection on a board of its own, as the admin's inspection shows it.
        ["POST /api/admin/inspect/{scope}/{id}/{kind}/{docId}/disconnect"] = ([401, 403, 403, 403, 403, 204], async (f, r) =>
        {
            if (r != "admin")
            {
                return await Client(f, r).PostAsJsonAsync($"/api/admin/inspect/partnerships/{f.Partnership.Id}/board/{f.BoardId}/disconnect",
                    new DisconnectRequest("some-connection"), Json.Options);
            }

            var board = await NewBoardAsync(f);
            await using var member = await f.People["member"].ConnectAsync(BoardHub.Path);
            await member.InvokeAsync<SyncResult<BoardOp, BoardSnapshot>>(nameof(BoardHub.Join), board, 0L);
            var path = $"/api/admin/inspect/partnerships/{f.Partnership.Id}/board/{board}";
            var inspected = await f.People["admin"].Http.GetFromJsonAsync<Hub.Contracts.Admin.DocumentInspection>(path, Json.Options);
            return await Client(f, r).PostAsJsonAsync($"{path}/disconnect", new DisconnectRequest(inspected!.Clients[0].ConnectionId), Json.Options);
        }),
        ["POST /api/admin/inspect/{scope}/{id}/{kind}/{docId}/export"] = ([401, 403, 403, 403, 403, 200], (f, r) =>
            Client(f, r).PostAsJsonAsync($"/api/admin/inspect/partnerships/{f.Partnership.Id}/board/{f.BoardId}/export", new ExportRequest(null), Json.Options)),
        // Restores are off unless an operator switches them on (Hub:Admin:AllowRestore), as on this node: even an admin is
        // refused. InspectorEndpointsTests restores on a node where they are on.
        ["POST /api/admin/inspect/{scope}/{id}/{kind}/{docId}/restore/preview"] = ([401, 403, 403, 403, 403, 403], (f, r) =>
            Client(f, r).PostAsJsonAsync($"/api/admin/inspect/partnerships/{f.Partnership.Id}/board/{f.BoardId}/restore/preview",
                new RestorePreviewRequest("{}"), Json.Options)),
        ["POST /api/admin/inspect/{scope}/{id}/{kind}/{docId}/restore"] = ([401, 403, 403, 403, 403, 403], (f, r) =>
            Client(f, r).PostAsJsonAsync($"/api/admin/inspect/partnerships/{f.Partnership.Id}/board/{f.BoardId}/restore",
                new RestoreRequest("{}", 1, "Matrixtest af adgang"), Json.Options)),
        // adminops (issue 15): the cluster, Orleans' dashboard (its whole route group; its grain-state reader refused even
        // to an admin) and the metrics, all behind the admin policy (no metrics port is configured on this node).
        ["GET /api/admin/cluster"] = ([401, 403, 403, 403, 403, 200], (f, r) => Client(f, r).GetAsync("/api/admin/cluster")),
        ["GET /admin/orleans/index.html"] = ([401, 403, 403, 403, 403, 200], (f, r) => Client(f, r).GetAsync("/admin/orleans/index.html")),
        ["GET /admin/orleans/ClusterStats"] = ([401, 403, 403, 403, 403, 200], (f, r) => Client(f, r).GetAsync("/admin/orleans/ClusterStats")),
        ["GET /admin/orleans/GrainState"] = ([401, 403, 403, 403, 403, 404], (f, r) => Client(f, r).GetAsync(
            $"/admin/orleans/GrainState?grainId={f.BoardId}&grainType=Hub.Grains.Boards.BoardGrain")),
        ["GET /metrics"] = ([401, 403, 403, 403, 403, 200], (f, r) => Client(f, r).GetAsync("/metrics")),
        // Live sessions: members (not observers) of the partnership start them; only the session's moderators manage them.
        ["POST /api/sessions"] = ([401, 404, 403, 201, 201, 404], (f, r) => Client(f, r).PostAsJsonAsync("/api/sessions",
            new SessionDetails($"Møde {r}", new SessionOwner(f.Partnership.Id, null, null), false), Json.Options)),
        ["GET /api/sessions"] = ([401, 404, 200, 200, 200, 404], (f, r) => Client(f, r).GetAsync($"/api/sessions?partnershipId={f.Partnership.Id}")),
        ["GET /api/sessions/{id}"] = ([401, 404, 404, 404, 200, 404], (f, r) => Client(f, r).GetAsync($"/api/sessions/{f.LiveSession.Session.Id}")),
        // The summary, a poll's CSV and the co-facilitator candidates: the session's moderators (here its owner) only.
        ["GET /api/sessions/{id}/report"] = ([401, 404, 404, 404, 200, 404], (f, r) => Client(f, r).GetAsync($"/api/sessions/{f.LiveSession.Session.Id}/report")),
        ["GET /api/sessions/{id}/candidates"] = ([401, 404, 404, 404, 200, 404], (f, r) => Client(f, r).GetAsync($"/api/sessions/{f.LiveSession.Session.Id}/candidates")),
        ["GET /api/sessions/{id}/polls/{pollId}/export.csv"] = ([401, 404, 404, 404, 200, 404], async (f, r) =>
        {
            var session = await MatrixFixture.NewSessionAsync(f.People["coordinator"], f.Partnership.Id);
            var added = await f.Node.Grains().GetGrain<ISessionGrain>(session.Session.Id).Submit(new Hub.Contracts.Common.Actor(f.People["coordinator"].Me.UserId, "Koordinator"),
                new OpId("matrix", 1), new AddPoll("p", PollKind.Single, "Hvem?", ["A", "B"], 1, [], 0, 0, "", "", false, false, null));
            Assert.NotNull(added.Seq);
            return await Client(f, r).GetAsync($"/api/sessions/{session.Session.Id}/polls/p/export.csv");
        }),
        ["GET /api/sessions/{id}/qr"] = ([401, 404, 404, 404, 200, 404], (f, r) => Client(f, r).GetAsync($"/api/sessions/{f.LiveSession.Session.Id}/qr")),
        ["POST /api/sessions/{id}/code"] = ([401, 404, 404, 404, 200, 404], (f, r) => Client(f, r).PostAsync($"/api/sessions/{f.LiveSession.Session.Id}/code", null)),
        ["POST /api/sessions/{id}/close"] = ([401, 404, 404, 404, 200, 404], async (f, r) =>
        {
            var session = await MatrixFixture.NewSessionAsync(f.People["coordinator"], f.Partnership.Id);
            return await Client(f, r).PostAsync($"/api/sessions/{session.Session.Id}/close", null);
        }),
        // Results to a board: the session's moderators only (the board then checks they may write on it); an empty
        // pick is refused after that check, so the coordinator's 400 says they passed it.
        ["POST /api/sessions/{id}/to-board"] = ([401, 404, 404, 404, 400, 404], (f, r) => Client(f, r).PostAsJsonAsync(
            $"/api/sessions/{f.LiveSession.Session.Id}/to-board", new ResultsToBoard(f.BoardId, null, []), Json.Options)),
        // The code is the way in, for anyone, with or without an account (a fresh session: joining makes a participant).
        ["POST /api/sessions/join"] = ([200, 200, 200, 200, 200, 200], async (f, r) =>
        {
            var session = await MatrixFixture.NewSessionAsync(f.People["coordinator"], f.Partnership.Id);
            return await Client(f, r).PostAsJsonAsync("/api/sessions/join", new JoinSessionRequest(session.Session.Code.ToLowerInvariant(), "Gæst", null), Json.Options);
        }),
    };

    private static string Reflections(MatrixFixture f) => $"/api/cohorts/{f.ReflectionCohortId}/reflections";

    private static ReflectionDraft Reflection(string id) => new(id, ReflectionSubject.Session, "s1", ReflectionVisibility.Private, ["Godt", "", ""], []);

    private static string Evaluation(MatrixFixture f) => $"/api/cohorts/{f.Cohort.Cohort.Id}/evaluation";

    public static TheoryData<string, string> HttpCases() => Cases(Http.Keys);

    [Theory]
    [MemberData(nameof(HttpCases))]
    public async Task HttpEndpoint_AsEachRole_AnswersAsExpected(string endpoint, string role)
    {
        var (expected, call) = Http[endpoint];

        using var response = await call(fixture, role);

        Assert.True((int)response.StatusCode == expected[Array.IndexOf(Roles, role)],
            $"{endpoint} as {role}: expected {expected[Array.IndexOf(Roles, role)]}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Hub methods, per hub: "ok" (works), or the refusal code the person gets.</summary>
    private static readonly Dictionary<string, (string Path, string[] Expected, Func<HubConnection, MatrixFixture, Task<string>> Call)> Hub = new()
    {
        ["board." + nameof(BoardHub.Join)] = (BoardHub.Path, ["", "not_found", "ok", "ok", "ok", "ok"], async (c, f) =>
            Outcome(await c.InvokeAsync<SyncResult<BoardOp, BoardSnapshot>>(nameof(BoardHub.Join), f.BoardId, 0L))),
        ["board." + nameof(BoardHub.Sync)] = (BoardHub.Path, ["", "not_found", "ok", "ok", "ok", "ok"], async (c, f) =>
            Outcome(await c.InvokeAsync<SyncResult<BoardOp, BoardSnapshot>>(nameof(BoardHub.Sync), f.BoardId, 0L))),
        ["board." + nameof(BoardHub.Submit)] = (BoardHub.Path, ["", "not_found", "forbidden", "ok", "ok", "forbidden"], async (c, f) =>
            Outcome(await c.InvokeAsync<SubmitResult>(nameof(BoardHub.Submit), f.BoardId, new OpId($"m{Guid.NewGuid():N}", 1),
                (BoardOp)new AddCard($"c{Guid.NewGuid():N}", "ideas", "Kort", null)))),
        // Editing is only heard from a connection that joined (which outsiders cannot); for them it is a no-op.
        ["board." + nameof(BoardHub.Editing)] = (BoardHub.Path, ["", "ok", "ok", "ok", "ok", "ok"], async (c, f) =>
            Done(await Invoked(c.InvokeAsync(nameof(BoardHub.Editing), f.BoardId, "card")))),
        ["board." + nameof(BoardHub.Leave)] = (BoardHub.Path, ["", "ok", "ok", "ok", "ok", "ok"], async (c, f) =>
            Done(await Invoked(c.InvokeAsync(nameof(BoardHub.Leave), f.BoardId)))),
        ["agreement." + nameof(AgreementHub.Join)] = (AgreementHub.Path, ["", "not_found", "ok", "ok", "ok", "ok"], async (c, f) =>
            Outcome(await c.InvokeAsync<SyncResult<AgreementOp, AgreementSnapshot>>(nameof(AgreementHub.Join), f.Partnership.Id, 0L))),
        ["agreement." + nameof(AgreementHub.Sync)] = (AgreementHub.Path, ["", "not_found", "ok", "ok", "ok", "ok"], async (c, f) =>
            Outcome(await c.InvokeAsync<SyncResult<AgreementOp, AgreementSnapshot>>(nameof(AgreementHub.Sync), f.Partnership.Id, 0L))),
        ["agreement." + nameof(AgreementHub.Submit)] = (AgreementHub.Path, ["", "not_found", "forbidden", "ok", "ok", "forbidden"], async (c, f) =>
            Outcome(await c.InvokeAsync<SubmitResult>(nameof(AgreementHub.Submit), f.Partnership.Id, new OpId($"m{Guid.NewGuid():N}", 1),
                (AgreementOp)new SetRecordCheck(RecordCheck.Required)))),
        ["agreement." + nameof(AgreementHub.Editing)] = (AgreementHub.Path, ["", "ok", "ok", "ok", "ok", "ok"], async (c, f) =>
            Done(await Invoked(c.InvokeAsync(nameof(AgreementHub.Editing), f.Partnership.Id, "purpose")))),
        ["agreement." + nameof(AgreementHub.Leave)] = (AgreementHub.Path, ["", "ok", "ok", "ok", "ok", "ok"], async (c, f) =>
            Done(await Invoked(c.InvokeAsync(nameof(AgreementHub.Leave), f.Partnership.Id)))),
        ["agreement." + nameof(AgreementHub.Version)] = (AgreementHub.Path, ["", "not_found", "ok", "ok", "ok", "ok"], async (c, f) =>
            (await c.InvokeAsync<AgreementVersion>(nameof(AgreementHub.Version), f.Partnership.Id, 1)).Number == 1 ? "ok" : "?"),
        ["cohort." + nameof(CohortHub.Join)] = (CohortHub.Path, ["", "not_found", "ok", "ok", "ok", "ok"], async (c, f) =>
            Outcome(await c.InvokeAsync<SyncResult<CohortOp, CohortSnapshot>>(nameof(CohortHub.Join), f.Cohort.Cohort.Id, 0L))),
        ["cohort." + nameof(CohortHub.Sync)] = (CohortHub.Path, ["", "not_found", "ok", "ok", "ok", "ok"], async (c, f) =>
            Outcome(await c.InvokeAsync<SyncResult<CohortOp, CohortSnapshot>>(nameof(CohortHub.Sync), f.Cohort.Cohort.Id, 0L))),
        // Observer and participant read the cohort; only its moderators change it.
        ["cohort." + nameof(CohortHub.Submit)] = (CohortHub.Path, ["", "not_found", "forbidden", "forbidden", "ok", "forbidden"], async (c, f) =>
            Outcome(await c.InvokeAsync<SubmitResult>(nameof(CohortHub.Submit), f.Cohort.Cohort.Id, new OpId($"m{Guid.NewGuid():N}", 1),
                (CohortOp)new AddModule($"m{Guid.NewGuid():N}", "Modul", "", null)))),
        ["cohort." + nameof(CohortHub.Editing)] = (CohortHub.Path, ["", "ok", "ok", "ok", "ok", "ok"], async (c, f) =>
            Done(await Invoked(c.InvokeAsync(nameof(CohortHub.Editing), f.Cohort.Cohort.Id, "module")))),
        ["cohort." + nameof(CohortHub.Leave)] = (CohortHub.Path, ["", "ok", "ok", "ok", "ok", "ok"], async (c, f) =>
            Done(await Invoked(c.InvokeAsync(nameof(CohortHub.Leave), f.Cohort.Cohort.Id)))),
        ["cohort." + nameof(CohortHub.ProposeTeams)] = (CohortHub.Path, ["", "not_found", "forbidden", "forbidden", "ok", "forbidden"], async (c, f) =>
            (await c.InvokeAsync<TeamProposal>(nameof(CohortHub.ProposeTeams), f.Cohort.Cohort.Id, 2, 1)).TeamSize == 2 ? "ok" : "?"),
        // cohortwork: assignments, attendance notes, check-in. The moderator writes a fresh assignment / session first
        // (refused for everyone else), so "ok" is the real path, not a missing id.
        ["cohort." + nameof(CohortHub.GiveAssignment)] = (CohortHub.Path, ["", "not_found", "forbidden", "forbidden", "ok", "forbidden"], async (c, f) =>
        {
            var id = $"a{Guid.NewGuid():N}";
            await c.InvokeAsync<SubmitResult>(nameof(CohortHub.Submit), f.Cohort.Cohort.Id, new OpId($"m{Guid.NewGuid():N}", 1),
                (CohortOp)new AddAssignment(id, null, "Opgave", "", null, "", ""));
            return (await c.InvokeAsync<AssignmentGiven>(nameof(CohortHub.GiveAssignment), f.Cohort.Cohort.Id, id)).AssignmentId == id ? "ok" : "?";
        }),
        // Moderators read every note, a participant the notes about themself; observers and admins none.
        ["cohort." + nameof(CohortHub.AttendanceNotes)] = (CohortHub.Path, ["", "not_found", "forbidden", "ok", "ok", "forbidden"], async (c, f) =>
            Done(await Invoked(c.InvokeAsync<System.Collections.Immutable.ImmutableArray<AttendanceNote>>(nameof(CohortHub.AttendanceNotes), f.Cohort.Cohort.Id)))),
        ["cohort." + nameof(CohortHub.CheckInCode)] = (CohortHub.Path, ["", "not_found", "forbidden", "forbidden", "ok", "forbidden"], async (c, f) =>
        {
            var id = $"s{Guid.NewGuid():N}";
            var at = DateTimeOffset.UtcNow.AddDays(7);
            await c.InvokeAsync<SubmitResult>(nameof(CohortHub.Submit), f.Cohort.Cohort.Id, new OpId($"m{Guid.NewGuid():N}", 1),
                (CohortOp)new AddSession(id, null, at, at.AddHours(2), "Lokale", false));
            return (await c.InvokeAsync<CheckInCode>(nameof(CohortHub.CheckInCode), f.Cohort.Cohort.Id, id)).Code.Length == 6 ? "ok" : "?";
        }),
        // A code that matches no session open now: the participant reaches the check, everyone else is refused before it.
        ["cohort." + nameof(CohortHub.CheckIn)] = (CohortHub.Path, ["", "not_found", "forbidden", "validation", "forbidden", "forbidden"], async (c, f) =>
            (await c.InvokeAsync<AttendanceMark>(nameof(CohortHub.CheckIn), f.Cohort.Cohort.Id, "ZZZZZZ")) is not null ? "ok" : "?"),
        ["cohort." + nameof(CohortHub.SetMyPartnership)] = (CohortHub.Path, ["", "not_found", "forbidden", "ok", "forbidden", "forbidden"], async (c, f) =>
            (await c.InvokeAsync<CohortSnapshot>(nameof(CohortHub.SetMyPartnership), f.Cohort.Cohort.Id, (Guid?)null)) is not null ? "ok" : "?"),
        // A team's shared reflection: the team's participants write, the cohort's moderators read, nobody else gets in
        // (observers and admins included), so no other connection ever joins its group.
        ["teamReflection." + nameof(TeamReflectionHub.Join)] = (TeamReflectionHub.Path, ["", "not_found", "not_found", "ok", "ok", "not_found"], async (c, f) =>
            Outcome(await c.InvokeAsync<SyncResult<TeamReflectionOp, TeamReflectionSnapshot>>(nameof(TeamReflectionHub.Join), f.TeamReflectionId, 0L))),
        ["teamReflection." + nameof(TeamReflectionHub.Sync)] = (TeamReflectionHub.Path, ["", "not_found", "not_found", "ok", "ok", "not_found"], async (c, f) =>
            Outcome(await c.InvokeAsync<SyncResult<TeamReflectionOp, TeamReflectionSnapshot>>(nameof(TeamReflectionHub.Sync), f.TeamReflectionId, 0L))),
        ["teamReflection." + nameof(TeamReflectionHub.Submit)] = (TeamReflectionHub.Path, ["", "not_found", "not_found", "ok", "forbidden", "not_found"], async (c, f) =>
        {
            var at = await c.InvokeAsync<SyncResult<TeamReflectionOp, TeamReflectionSnapshot>>(nameof(TeamReflectionHub.Sync), f.TeamReflectionId, 0L);
            return Outcome(await c.InvokeAsync<SubmitResult>(nameof(TeamReflectionHub.Submit), f.TeamReflectionId, new OpId($"m{Guid.NewGuid():N}", 1),
                (TeamReflectionOp)new EditTeamReflection(at.Seq, new global::Hub.Contracts.Text.TextOp([global::Hub.Contracts.Text.TextComponent.InsertOf("x")]))));
        }),
        ["teamReflection." + nameof(TeamReflectionHub.Editing)] = (TeamReflectionHub.Path, ["", "ok", "ok", "ok", "ok", "ok"], async (c, f) =>
            Done(await Invoked(c.InvokeAsync(nameof(TeamReflectionHub.Editing), f.TeamReflectionId, "text")))),
        ["teamReflection." + nameof(TeamReflectionHub.Leave)] = (TeamReflectionHub.Path, ["", "ok", "ok", "ok", "ok", "ok"], async (c, f) =>
            Done(await Invoked(c.InvokeAsync(nameof(TeamReflectionHub.Leave), f.TeamReflectionId)))),
        // Partnership area: watching a partnership is reading it; outsiders learn nothing (decision 020).
        ["partnership." + nameof(PartnershipHub.Watch)] = (PartnershipHub.Path, ["", "not_found", "ok", "ok", "ok", "ok"], async (c, f) =>
            (await c.InvokeAsync<PartnershipSnapshot>(nameof(PartnershipHub.Watch), f.Partnership.Id)).Id == f.Partnership.Id ? "ok" : "?"),
        ["partnership." + nameof(PartnershipHub.Unwatch)] = (PartnershipHub.Path, ["", "ok", "ok", "ok", "ok", "ok"], async (c, f) =>
            Done(await Invoked(c.InvokeAsync(nameof(PartnershipHub.Unwatch), f.Partnership.Id)))),
        // The session hub takes connections without an account (participants by cookie), and refuses whoever is not
        // in the session on every call; here only the coordinator is.
        ["session." + nameof(SessionHub.Open)] = (SessionHub.Path, ["not_found", "not_found", "not_found", "not_found", "ok", "not_found"], async (c, f) =>
            (await c.InvokeAsync<SessionOpened>(nameof(SessionHub.Open), f.LiveSession.Session.Id, SessionAudience.Staff)).Staff is not null ? "ok" : "?"),
        ["session." + nameof(SessionHub.Submit)] = (SessionHub.Path, ["not_found", "not_found", "not_found", "not_found", "ok", "not_found"], async (c, f) =>
            Outcome(await c.InvokeAsync<SubmitResult>(nameof(SessionHub.Submit), f.LiveSession.Session.Id, new OpId($"m{Guid.NewGuid():N}", 1),
                (SessionOp)new BringEveryone()))),
        ["session." + nameof(SessionHub.Leave)] = (SessionHub.Path, ["ok", "ok", "ok", "ok", "ok", "ok"], async (c, f) =>
            Done(await Invoked(c.InvokeAsync(nameof(SessionHub.Leave), f.LiveSession.Session.Id)))),
    };

    public static TheoryData<string, string> HubCases() => Cases(Hub.Keys);

    [Theory]
    [MemberData(nameof(HubCases))]
    public async Task HubMethod_AsEachRole_AnswersAsExpected(string method, string role)
    {
        var (path, expected, call) = Hub[method];
        if (role == "anonymous" && path == SessionHub.Path)
        {
            await using var participant = new HubConnectionBuilder().WithUrl(new Uri(fixture.Node.Address, path))
                .AddJsonProtocol(o => WebSetup.ConfigureJson(o.PayloadSerializerOptions)).Build();
            await participant.StartAsync();
            Assert.Equal(expected[0], await OutcomeOf(() => call(participant, fixture)));
            return;
        }

        if (role == "anonymous")
        {
            // Nobody gets a hub connection without signing in: the negotiation itself is refused.
            var anonymous = new HubConnectionBuilder().WithUrl(new Uri(fixture.Node.Address, path)).Build();
            var refused = await Assert.ThrowsAsync<HttpRequestException>(() => anonymous.StartAsync());
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            return;
        }

        await using var connection = await fixture.People[role].ConnectAsync(path);
        var outcome = await OutcomeOf(() => call(connection, fixture));

        Assert.Equal(expected[Array.IndexOf(Roles, role)], outcome);
    }

    private static async Task<string> OutcomeOf(Func<Task<string>> call)
    {
        try
        {
            return await call();
        }
        catch (HubException ex)
        {
            // The client reports "… HubException: code: message"; the code is what the person's client acts on.
            return System.Text.RegularExpressions.Regex.Match(ex.Message, "HubException: ([a-z_]+):").Groups[1].Value;
        }
    }

    [Fact]
    public async Task AdminLook_AtABoard_IsInThePartnershipsAuditLog()
    {
        await using var connection = await fixture.People["admin"].ConnectAsync(BoardHub.Path);

        await connection.InvokeAsync<SyncResult<BoardOp, BoardSnapshot>>(nameof(BoardHub.Join), fixture.BoardId, 0L);

        // Every page: the other rows (the inspector's among them) write entries of their own to this month's log.
        var entries = new List<global::Hub.Contracts.Audit.AuditEntry>();
        for (int? page = 0; page is { } p;)
        {
            var read = await fixture.People["coordinator"].Http.GetFromJsonAsync<global::Hub.Contracts.Audit.AuditPage>(
                $"/api/partnerships/{fixture.Partnership.Id}/audit?page={p}", Json.Options);
            entries.AddRange(read!.Entries);
            page = read.Next;
        }

        Assert.Contains(entries, e => e.Action == global::Hub.Contracts.Audit.AuditActions.AdminViewed && e.Target == $"board:{fixture.BoardId}"
            && e.ActorId == fixture.People["admin"].Me.UserId);
    }

    [Fact]
    public async Task AdminLook_AtACohort_IsInTheCohortsAuditLog()
    {
        await using var connection = await fixture.People["admin"].ConnectAsync(CohortHub.Path);

        await connection.InvokeAsync<SyncResult<CohortOp, CohortSnapshot>>(nameof(CohortHub.Join), fixture.Cohort.Cohort.Id, 0L);

        var audit = await fixture.People["coordinator"].Http.GetFromJsonAsync<global::Hub.Contracts.Audit.AuditPage>(
            $"/api/cohorts/{fixture.Cohort.Cohort.Id}/audit", Json.Options);
        Assert.Contains(audit!.Entries, e => e.Action == global::Hub.Contracts.Audit.AuditActions.AdminViewed
            && e.Target == $"cohort:{fixture.Cohort.Cohort.Id}" && e.ActorId == fixture.People["admin"].Me.UserId);
    }

    [Fact]
    public async Task OrleansDashboard_OpenedByAnAdmin_IsInTheGlobalAuditTrailWithItsOwnCsp()
    {
        var admin = fixture.People["admin"];

        var page = await admin.Http.GetAsync("/admin/orleans/index.html");
        var app = await admin.Http.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(global::Hub.Web.Admin.AdminOperations.DashboardContentSecurityPolicy, page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal(global::Hub.Web.Security.SecurityHeaders.ContentSecurityPolicy, app.Headers.GetValues("Content-Security-Policy").Single());
        var day = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var audit = await admin.Http.GetFromJsonAsync<global::Hub.Contracts.Audit.AuditPage>($"/api/admin/audit?day={day}", Json.Options);
        Assert.Contains(audit!.Entries, e => e.Action == global::Hub.Contracts.Audit.AuditActions.OrleansDashboardOpened && e.ActorId == admin.Me.UserId);
    }

    [Fact]
    public async Task Metrics_AsAnAdmin_CarryHubsOperationsPerDocumentKind()
    {
        var metrics = await fixture.People["admin"].Http.GetStringAsync("/metrics");

        // The fixture agreed on the agreement's first version: operations of kind "agreement" were committed.
        Assert.Contains("hub_live_operations_total{", metrics, StringComparison.Ordinal);
        Assert.Contains("kind=\"agreement\"", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public void Matrix_CoversEveryHttpEndpointAndHubMethod()
    {
        var hubMethods = new[] { ("board", typeof(BoardHub)), ("agreement", typeof(AgreementHub)), ("cohort", typeof(CohortHub)), ("teamReflection", typeof(TeamReflectionHub)), ("partnership", typeof(PartnershipHub)), ("session", typeof(SessionHub)) }.SelectMany(h => h.Item2.GetMethods()
            .Where(m => m.IsPublic && !m.IsStatic && m.DeclaringType!.Assembly == typeof(BoardHub).Assembly && !m.IsSpecialName
                && m.Name is not "OnDisconnectedAsync" and not "OnConnectedAsync" and not "Dispose")
            .Select(m => $"{h.Item1}.{m.Name}"));
        Assert.Equal(hubMethods.Order(), Hub.Keys.Order());
        var endpoints = fixture.Node.Services.GetServices<Microsoft.AspNetCore.Routing.EndpointDataSource>()
            .SelectMany(s => s.Endpoints).OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(m => $"{m} {Normalise(e.RoutePattern.RawText!)}"))
            .ToHashSet();
        var covered = Http.Keys.Select(Normalise).ToHashSet();
        // Covered elsewhere, with the sign-in flow, limits and deletion they belong to (AccountSecurityTests), and the
        // links mailed to an address (EmailOwnershipTests): open to anyone, they act only with the link's secret.
        string[] elsewhere = ["POST /api/account/register", "POST /api/account/sign-in", "POST /api/account/sign-out",
            "POST /api/account/delete", "POST /api/invites/{}/accept", "GET /api/antiforgery", "POST /api/account/verify",
            "POST /api/account/forgot-password", "POST /api/account/reset-password"];
        Assert.Empty(endpoints.Except(covered).Except(elsewhere.Select(Normalise)));
    }

    private static TheoryData<string, string> Cases(IEnumerable<string> subjects)
    {
        var data = new TheoryData<string, string>();
        foreach (var subject in subjects)
        {
            foreach (var role in Roles)
            {
                data.Add(subject, role);
            }
        }

        return data;
    }

    private static HttpClient Client(MatrixFixture fixture, string role) =>
        role == "anonymous" ? fixture.Node.Client(new CookieContainer()) : fixture.People[role].Http;

    private static async Task<InviteLink> NewInvite(MatrixFixture fixture)
    {
        var response = await fixture.People["coordinator"].Http.PostAsJsonAsync($"/api/partnerships/{fixture.Partnership.Id}/invites",
            new InviteRequest(Side.VoluntaryOrganisation, MemberRole.Member, 5, 7), Json.Options);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<InviteLink>(Json.Options))!;
    }

    /// <summary>A board of the matrix partnership made by its coordinator for one call.</summary>
    private static async Task<Guid> NewBoardAsync(MatrixFixture fixture)
    {
        var response = await fixture.People["coordinator"].Http.PostAsJsonAsync($"/api/partnerships/{fixture.Partnership.Id}/boards",
            new AddBoardRequest($"Inspektion {Guid.NewGuid():N}"[..20]), Json.Options);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<BoardRef>(Json.Options))!.BoardId;
    }

    private static string Secret(InviteLink link) => link.Path["/invite/".Length..];

    private static string Outcome<TOp, TSnapshot>(SyncResult<TOp, TSnapshot> result) where TSnapshot : class =>
        result.Snapshot is not null || result.Seq >= 0 ? "ok" : "?";

    private static string Outcome(SubmitResult result) => result.Seq is not null ? "ok" : result.ErrorCode!;

    private static async Task<bool> Invoked(Task call)
    {
        await call;
        return true;
    }

    private static string Done(bool invoked) => invoked ? "ok" : "?";

    /// <summary>Route parameters as {}: "/api/partnerships/{id:guid}" and "/api/partnerships/{id}" are one endpoint.</summary>
    private static string Normalise(string route) =>
        System.Text.RegularExpressions.Regex.Replace(route.TrimEnd('/'), "{[^}]*}", "{}");
}
