using System.Net;
using System.Net.Http.Json;
using Hub.Contracts.Accounts;
using Hub.Contracts.Boards;
using Hub.Contracts.Live;
using Hub.Contracts.Partnerships;
using Hub.Tests.Infrastructure;
using Hub.Web.Accounts;
using Hub.Web.Partnerships;
using Hub.Web.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Tests.Security;

/// <summary>A node with one platform admin address, mailing to the test process's SMTP server.</summary>
public sealed class AdminNode : IAsyncLifetime
{
    public const string AdminEmail = "second-admin@example.org";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"hub-mail-{Guid.NewGuid():N}");

    public WebNode Node { get; private set; } = null!;

    public string DatabasePath => Path.Combine(_directory, "hub.db");

    public async Task InitializeAsync() => Node = await WebNode.StartEmbeddedAsync(DatabasePath, $"--Hub:Admins:0={AdminEmail}");

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}

/// <summary>
/// An address carries rights (Hub:Admins, invitations sent to it) only once its owner has followed a link mailed to
/// it; passwords are reset and changed; admin rights follow the configuration of the moment. The mails travel over a
/// real SMTP conversation to the test process's server, and the tests follow their links.
/// </summary>
public sealed class EmailOwnershipTests(AdminNode fixture) : IClassFixture<AdminNode>
{
    private const string Password = "a long enough password";

    [Fact]
    public async Task Register_AdminAddress_GivesNoAccountAndNoRightUntilTheMailedLinkIsFollowed()
    {
        var squatter = fixture.Node.Client(new CookieContainer());

        // Case and spaces are normalised, so this is the admin's address; whoever types it gets nothing yet.
        var registered = await squatter.PostAsJsonAsync("/api/account/register",
            new RegisterRequest($" {AdminNode.AdminEmail.ToUpperInvariant()} ", "Ikke admin", Password), Json.Options);
        var signIn = await squatter.PostAsJsonAsync("/api/account/sign-in", new SignInRequest(AdminNode.AdminEmail, Password), Json.Options);

        Assert.Equal(HttpStatusCode.Accepted, registered.StatusCode);
        Assert.Equal(AdminNode.AdminEmail, (await registered.Content.ReadFromJsonAsync<MailSent>(Json.Options))!.Email);
        Assert.Equal(HttpStatusCode.Unauthorized, (await squatter.GetAsync("/api/account/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await squatter.GetAsync("/api/admin/partnerships")).StatusCode);
        Assert.Null(await fixture.Node.Grains().GetGrain<IAccountGrain>(AdminNode.AdminEmail).Find());

        // The owner of the mailbox follows the link: now the account exists, and it is an admin.
        var owner = fixture.Node.Client(new CookieContainer());
        var verified = await fixture.Node.VerifyAsync(owner, AdminNode.AdminEmail);
        Assert.True(verified.Account.IsAdmin);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/api/admin/partnerships")).StatusCode);
    }

    [Fact]
    public async Task Register_KnownAddress_AnswersTheSameAndMailsTheOwnerInstead()
    {
        var anna = await fixture.Node.SignUpAsync("Anna");
        var stranger = fixture.Node.Client(new CookieContainer());

        var again = await stranger.PostAsJsonAsync("/api/account/register", new RegisterRequest(anna.Email, "Falsk Anna", "another long password"), Json.Options);
        var fresh = await stranger.PostAsJsonAsync("/api/account/register",
            new RegisterRequest($"{Guid.NewGuid():N}@example.org", "Ny", "another long password"), Json.Options);

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (again.StatusCode, fresh.StatusCode));
        Assert.Equal(Shape(await fresh.Content.ReadAsStringAsync()), Shape(await again.Content.ReadAsStringAsync()));
        var mail = await fixture.Node.Mail.TakeAsync(anna.Email);
        Assert.Contains("/reset/", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("/verify/", mail.TextBody, StringComparison.Ordinal);
        // Anna's account is untouched: her password still works, the stranger's does not.
        Assert.Equal(HttpStatusCode.OK, (await fixture.Node.Client(new CookieContainer())
            .PostAsJsonAsync("/api/account/sign-in", new SignInRequest(anna.Email, Password), Json.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Node.Client(new CookieContainer())
            .PostAsJsonAsync("/api/account/sign-in", new SignInRequest(anna.Email, "another long password"), Json.Options)).StatusCode);
    }

    [Fact]
    public async Task Verify_TheSameLinkTwice_IsRefusedTheSecondTimeAndTheLinkIsStoredOnlyHashed()
    {
        var email = $"{Guid.NewGuid():N}@example.org";
        var http = fixture.Node.Client(new CookieContainer());
        (await http.PostAsJsonAsync("/api/account/register", new RegisterRequest(email, "Bo", Password), Json.Options)).EnsureSuccessStatusCode();
        var token = await fixture.Node.Mail.TakeLinkAsync(email, "/verify/");

        var stored = string.Concat(new[] { "", "-wal" }.Select(s => fixture.DatabasePath + s).Where(File.Exists)
            .Select(f => System.Text.Encoding.Latin1.GetString(ReadShared(f))));
        var first = await http.PostAsJsonAsync("/api/account/verify", new VerifyRequest(token), Json.Options);
        var second = await fixture.Node.Client(new CookieContainer()).PostAsJsonAsync("/api/account/verify", new VerifyRequest(token), Json.Options);

        Assert.DoesNotContain(token, stored, StringComparison.Ordinal);
        Assert.Contains(IEmailTokenGrain.Key(token), stored, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Contains("not_found", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResetPassword_ByTheMailedLink_SetsTheNewPasswordOnceAndEndsOtherSessions()
    {
        var anna = await fixture.Node.SignUpAsync("Anna");
        var visitor = fixture.Node.Client(new CookieContainer());

        var asked = await visitor.PostAsJsonAsync("/api/account/forgot-password", new ForgotPasswordRequest(anna.Email), Json.Options);
        var token = await fixture.Node.Mail.TakeLinkAsync(anna.Email, "/reset/");
        var weak = await visitor.PostAsJsonAsync("/api/account/reset-password", new ResetPasswordRequest(token, "1234567890"), Json.Options);
        var reset = await visitor.PostAsJsonAsync("/api/account/reset-password", new ResetPasswordRequest(token, "a brand new passphrase"), Json.Options);
        var reused = await visitor.PostAsJsonAsync("/api/account/reset-password", new ResetPasswordRequest(token, "yet another passphrase"), Json.Options);

        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Contains("weak_password", await weak.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, reused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anna.Http.GetAsync("/api/account/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/api/account/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Node.Client(new CookieContainer())
            .PostAsJsonAsync("/api/account/sign-in", new SignInRequest(anna.Email, Password), Json.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Node.Client(new CookieContainer())
            .PostAsJsonAsync("/api/account/sign-in", new SignInRequest(anna.Email, "a brand new passphrase"), Json.Options)).StatusCode);
    }

    [Fact]
    public async Task ForgotPassword_UnknownAddress_AnswersExactlyAsForAKnownOne()
    {
        var anna = await fixture.Node.SignUpAsync("Anna");
        var visitor = fixture.Node.Client(new CookieContainer());

        var known = await visitor.PostAsJsonAsync("/api/account/forgot-password", new ForgotPasswordRequest(anna.Email), Json.Options);
        var unknown = await visitor.PostAsJsonAsync("/api/account/forgot-password", new ForgotPasswordRequest($"{Guid.NewGuid():N}@example.org"), Json.Options);

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (known.StatusCode, unknown.StatusCode));
        Assert.Equal(Shape(await known.Content.ReadAsStringAsync()), Shape(await unknown.Content.ReadAsStringAsync()));
        await fixture.Node.Mail.TakeLinkAsync(anna.Email, "/reset/");
    }

    [Fact]
    public async Task ChangePassword_WithTheCurrentPassword_ChangesItEndsOtherSessionsAndTellsTheOwner()
    {
        var anna = await fixture.Node.SignUpAsync("Anna");
        var otherDevice = fixture.Node.Client(new CookieContainer());
        await otherDevice.PostAsJsonAsync("/api/account/sign-in", new SignInRequest(anna.Email, Password), Json.Options);

        var wrong = await anna.Http.PostAsJsonAsync("/api/account/password", new ChangePasswordRequest("not my password", "a fresh passphrase here"), Json.Options);
        var weak = await anna.Http.PostAsJsonAsync("/api/account/password", new ChangePasswordRequest(Password, "qwertyuiop"), Json.Options);
        var changed = await anna.Http.PostAsJsonAsync("/api/account/password", new ChangePasswordRequest(Password, "a fresh passphrase here"), Json.Options);

        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anna.Http.GetAsync("/api/account/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await otherDevice.GetAsync("/api/account/me")).StatusCode);
        Assert.Contains("/forgot", (await fixture.Node.Mail.TakeAsync(anna.Email)).TextBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Node.Client(new CookieContainer())
            .PostAsJsonAsync("/api/account/sign-in", new SignInRequest(anna.Email, "a fresh passphrase here"), Json.Options)).StatusCode);
    }

    [Fact]
    public async Task AdminRight_AddressRemovedFromTheConfiguration_EndsForTheOpenSessionAndLiveConnection()
    {
        // A node of its own: this test changes the configuration.
        var directory = Path.Combine(Path.GetTempPath(), $"hub-admins-{Guid.NewGuid():N}");
        await using var node = await WebNode.StartEmbeddedAsync(Path.Combine(directory, "hub.db"), "--Hub:Admins:0=boss@example.org");
        var anna = await node.SignUpAsync("Anna");
        var boardId = (await anna.CreatePartnershipAsync("Privat")).Boards[0].BoardId;
        var boss = await node.SignUpAsync("Chefen", "boss@example.org");
        await using var live = await boss.ConnectAsync(BoardHub.Path);
        Assert.True(boss.Me.IsAdmin);
        Assert.Equal(HttpStatusCode.OK, (await boss.Http.GetAsync("/api/admin/partnerships")).StatusCode);
        await live.InvokeAsync<SyncResult<BoardOp, BoardSnapshot>>(nameof(BoardHub.Sync), boardId, 0L);

        node.Services.GetRequiredService<IConfiguration>()["Hub:Admins:0"] = "someone-else@example.org";

        await Eventually.UntilAsync("the admin right to end", TimeSpan.FromSeconds(10), async () =>
            (await boss.Http.GetAsync("/api/admin/partnerships")).StatusCode == HttpStatusCode.Forbidden);
        Assert.False((await boss.Http.GetFromJsonAsync<Me>("/api/account/me", Json.Options))!.IsAdmin);
        var refused = await Assert.ThrowsAsync<HubException>(() =>
            live.InvokeAsync<SyncResult<BoardOp, BoardSnapshot>>(nameof(BoardHub.Sync), boardId, 0L));
        Assert.Contains("not_found", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddMember_ByEmail_SendsAnInvitationThatAnswersAlikeForEveryAddressAndAddsNoOneWithoutConsent()
    {
        var anna = await fixture.Node.SignUpAsync("Anna");
        var bo = await fixture.Node.SignUpAsync("Bo Bosen");
        var partnership = await anna.CreatePartnershipAsync("Samarbejde");

        var known = await anna.Http.PostAsJsonAsync($"/api/partnerships/{partnership.Id}/members",
            new AddMemberRequest(bo.Email, Side.VoluntaryOrganisation, MemberRole.Member), Json.Options);
        var unknown = await anna.Http.PostAsJsonAsync($"/api/partnerships/{partnership.Id}/members",
            new AddMemberRequest($"{Guid.NewGuid():N}@example.org", Side.VoluntaryOrganisation, MemberRole.Member), Json.Options);
        var knownBody = await known.Content.ReadAsStringAsync();

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (known.StatusCode, unknown.StatusCode));
        Assert.Equal(Shape(knownBody), Shape(await unknown.Content.ReadAsStringAsync()));
        Assert.DoesNotContain(bo.Me.UserId, knownBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Bo Bosen", knownBody, StringComparison.Ordinal);
        Assert.Single((await anna.Http.GetFromJsonAsync<PartnershipSnapshot>($"/api/partnerships/{partnership.Id}", Json.Options))!.Members);

        var secret = await fixture.Node.Mail.TakeLinkAsync(bo.Email, "/invite/");
        var accepted = await bo.Http.PostAsJsonAsync($"/api/invites/{secret}/accept", new AcceptInviteRequest(null, null, null), Json.Options);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Contains((await accepted.Content.ReadFromJsonAsync<PartnershipSnapshot>(Json.Options))!.Members,
            m => m.UserId == bo.Me.UserId && m.Side == Side.VoluntaryOrganisation && m.Role == MemberRole.Member);
    }

    [Fact]
    public async Task AddMember_InvitationSentToAnAddress_IsRefusedToAnyOtherAccount()
    {
        var anna = await fixture.Node.SignUpAsync("Anna");
        var bo = await fixture.Node.SignUpAsync("Bo");
        var eve = await fixture.Node.SignUpAsync("Eve");
        var partnership = await anna.CreatePartnershipAsync("Kun til Bo");
        (await anna.Http.PostAsJsonAsync($"/api/partnerships/{partnership.Id}/members",
            new AddMemberRequest(bo.Email, Side.VoluntaryOrganisation, MemberRole.Coordinator), Json.Options)).EnsureSuccessStatusCode();
        var secret = await fixture.Node.Mail.TakeLinkAsync(bo.Email, "/invite/");

        var byEve = await eve.Http.PostAsJsonAsync($"/api/invites/{secret}/accept", new AcceptInviteRequest(null, null, null), Json.Options);

        Assert.Equal(HttpStatusCode.Forbidden, byEve.StatusCode);
        Assert.Single((await anna.Http.GetFromJsonAsync<PartnershipSnapshot>($"/api/partnerships/{partnership.Id}", Json.Options))!.Members);
        Assert.Equal(HttpStatusCode.OK, (await bo.Http.PostAsJsonAsync($"/api/invites/{secret}/accept", new AcceptInviteRequest(null, null, null), Json.Options)).StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task AddMember_BlankEmail_IsAValidationRefusal(string? email)
    {
        var anna = await fixture.Node.SignUpAsync("Anna");
        var partnership = await anna.CreatePartnershipAsync("Tom adresse");

        var response = await anna.Http.PostAsJsonAsync($"/api/partnerships/{partnership.Id}/members",
            new { email, side = "municipality", role = "member" }, Json.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"validation\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InviteAccept_NewPerson_JoinsOnlyThroughTheMailedLinkAndAKnownAddressAnswersTheSame()
    {
        var anna = await fixture.Node.SignUpAsync("Anna");
        var known = await fixture.Node.SignUpAsync("Kendt");
        var partnership = await anna.CreatePartnershipAsync("Åben invitation");
        var link = await (await anna.Http.PostAsJsonAsync($"/api/partnerships/{partnership.Id}/invites",
            new InviteRequest(Side.VolunteerCentre, MemberRole.Member, 5, 7), Json.Options)).Content.ReadFromJsonAsync<InviteLink>(Json.Options);
        var secret = link!.Path["/invite/".Length..];
        var newcomer = fixture.Node.Client(new CookieContainer());
        var email = $"{Guid.NewGuid():N}@example.org";

        var asKnown = await fixture.Node.Client(new CookieContainer()).PostAsJsonAsync($"/api/invites/{secret}/accept",
            new AcceptInviteRequest(known.Email, "Falsk", "some long passphrase"), Json.Options);
        var asNew = await newcomer.PostAsJsonAsync($"/api/invites/{secret}/accept", new AcceptInviteRequest(email, "Ny Frivillig", Password), Json.Options);

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (asKnown.StatusCode, asNew.StatusCode));
        Assert.Equal(Shape(await asNew.Content.ReadAsStringAsync()), Shape(await asKnown.Content.ReadAsStringAsync()));
        Assert.Contains($"/invite/{secret}", (await fixture.Node.Mail.TakeAsync(known.Email)).TextBody, StringComparison.Ordinal);
        Assert.Single((await anna.Http.GetFromJsonAsync<PartnershipSnapshot>($"/api/partnerships/{partnership.Id}", Json.Options))!.Members);

        var verified = await fixture.Node.VerifyAsync(newcomer, email);

        Assert.Equal(partnership.Id, verified.PartnershipId);
        Assert.Contains((await anna.Http.GetFromJsonAsync<PartnershipSnapshot>($"/api/partnerships/{partnership.Id}", Json.Options))!.Members,
            m => m.UserId == verified.Account.UserId && m.Side == Side.VolunteerCentre);
    }

    /// <summary>A JSON body with every value blanked: two answers of one shape look alike to whoever sent them.</summary>
    private static string Shape(string json) =>
        System.Text.RegularExpressions.Regex.Replace(json, "\"[^\"]*\"(?=\\s*[,}\\]])|-?\\d+(\\.\\d+)?|true|false|null", "_");

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
