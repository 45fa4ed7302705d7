using System.Collections.Immutable;
using System.Net;
using System.Net.Http.Json;
using Hub.Contracts.Agreements;
using Hub.Contracts.Audit;
using Hub.Contracts.Boards;
using Hub.Contracts.Live;
using Hub.Contracts.Partnerships;
using Hub.Contracts.Text;
using Hub.Tests.Boards;
using Hub.Tests.Infrastructure;
using Hub.Web.Accounts;
using Hub.Web.Partnerships;
using Hub.Web.Live;
using Microsoft.AspNetCore.SignalR.Client;

namespace Hub.Tests.Security;

/// <summary>Sign-in, sessions, invitations, membership changes and personal data, end to end on one node.</summary>
public sealed class AccountSecurityTests(EmbeddedNode fixture) : IClassFixture<EmbeddedNode>
{
    private const string Password = "a long enough password";

    [Fact]
    public async Task SignIn_FiveWrongPasswordsFromOneAddress_MakeThatAddressWaitButNotTheOwner()
    {
        var anna = await fixture.Node.SignUpAsync("Anna");
        var stranger = From("127.0.0.2");
        var unknown = $"{Guid.NewGuid():N}@example.org";

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.PostAsJsonAsync("/api/account/sign-in", new SignInRequest(anna.Email, "not the password"))).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.PostAsJsonAsync("/api/account/sign-in", new SignInRequest(unknown, "not the password"))).StatusCode);
        }

        var strangerAgain = await stranger.PostAsJsonAsync("/api/account/sign-in", new SignInRequest(anna.Email, Password));
        var unknownAgain = await stranger.PostAsJsonAsync("/api/account/sign-in", new SignInRequest(unknown, Password));
        var owner = await From("127.0.0.1").PostAsJsonAsync("/api/account/sign-in", new SignInRequest(anna.Email, Password));

        // The stranger's address waits, for a known and an unknown address alike; Anna, elsewhere, signs in.
        Assert.Equal((HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests), (strangerAgain.StatusCode, unknownAgain.StatusCode));
        Assert.Contains("sign_in_throttled", await strangerAgain.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.InRange(int.Parse(strangerAgain.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
        var audit = await fixture.Node.Grains().GetGrain<IAuditGrain>(AuditKeys.Global(DateTimeOffset.UtcNow)).Read();
        Assert.Contains(audit, e => e.Action == AuditActions.LockedOut && e.Target == $"user:{anna.Me.UserId}");
    }

    [Fact]
    public async Task SignIn_Failed_KeepsNothingTypedInTheAudit()
    {
        var typed = $"typo-{Guid.NewGuid():N}@Example.org";

        var response = await fixture.Node.Client(new CookieContainer()).PostAsJsonAsync("/api/account/sign-in", new SignInRequest(typed, "whatever password"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var audit = await fixture.Node.Grains().GetGrain<IAuditGrain>(AuditKeys.Global(DateTimeOffset.UtcNow)).Read();
        Assert.Contains(audit, e => e.Action == AuditActions.SignInFailed && e.Target == "user:none");
        Assert.DoesNotContain(audit, e => (e.Target + e.Detail).Contains(typed.ToLowerInvariant()[5..20], StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task SignIn_UnknownAddress_TakesAsLongAsAWrongPasswordForAKnownOne()
    {
        var known = new[] { await fixture.Node.SignUpAsync("Anna"), await fixture.Node.SignUpAsync("Bo") };
        var http = fixture.Node.Client(new CookieContainer());
        await http.PostAsJsonAsync("/api/account/sign-in", new SignInRequest("warm-up@example.org", "whatever password"));
        var knownTimes = new List<double>();
        var unknownTimes = new List<double>();

        // Four rounds: each known account stays under the five misses that would make this address wait.
        for (var round = 0; round < 4; round++)
        {
            foreach (var person in known)
            {
                knownTimes.Add(await TimeAsync(http, person.Email));
                unknownTimes.Add(await TimeAsync(http, $"{Guid.NewGuid():N}@example.org"));
            }
        }

        var ratio = Median(unknownTimes) / Median(knownTimes);
        Assert.True(ratio is > 0.5 and < 2, $"unknown {Median(unknownTimes):0} ms, known {Median(knownTimes):0} ms");
    }

    [Theory]
    [InlineData("1234567890")]
    [InlineData("Password123!")]
    [InlineData("qwertyuiop")]
    [InlineData("Sommer2025")]
    [InlineData("aaaaaaaaaaaa")]
    public async Task Register_CommonOrTrivialPassword_IsRefusedAsWeak(string password)
    {
        var response = await fixture.Node.Client(new CookieContainer()).PostAsJsonAsync("/api/account/register",
            new RegisterRequest($"{Guid.NewGuid():N}@example.org", "Svag", password));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"weak_password\"", body, StringComparison.Ordinal);
        Assert.Contains("for let at gætte", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_ManyAttemptsFromOneAddress_AreThrottled()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"hub-throttle-{Guid.NewGuid():N}");
        await using var node = await WebNode.StartEmbeddedAsync(Path.Combine(directory, "hub.db"), "--Hub:Limits:SignInPerMinute=10");
        var http = node.Client(new CookieContainer());
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 12; i++)
        {
            statuses.Add((await http.PostAsJsonAsync("/api/account/sign-in", new SignInRequest($"x{i}@example.org", "whatever password"))).StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 10), statuses.Take(10));
        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses.Skip(10));
    }

    [Fact]
    public async Task SignOut_EndsEverySessionAndLiveConnectionOfThePerson()
    {
        var anna = await fixture.Node.SignUpAsync("Anna");
        var boardId = (await anna.CreatePartnershipAsync("Samarbejde")).Boards[0].BoardId;
        var otherTab = new CookieContainer();
        otherTab.Add(anna.Cookies.GetAllCookies());
        var otherSession = anna with { Cookies = otherTab, Http = fixture.Node.Client(otherTab) };
        await using var live = await BoardClient.OpenAsync(otherSession, boardId);
        var closed = new TaskCompletionSource();
        live.Connection.Reconnecting += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        live.Connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };

        (await anna.Http.PostAsync("/api/account/sign-out", null)).EnsureSuccessStatusCode();

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.Unauthorized, (await otherSession.Http.GetAsync("/api/account/me")).StatusCode);
    }

    [Fact]
    public async Task Post_WithoutAnAntiforgeryToken_IsRefusedAndChangesNothing()
    {
        var anna = await fixture.Node.SignUpAsync("Anna");
        var bare = new HttpClient(new HttpClientHandler { CookieContainer = anna.Cookies }) { BaseAddress = fixture.Node.Address };

        var response = await bare.PostAsJsonAsync("/api/partnerships",
            new CreatePartnershipRequest(new PartnershipDetails { Name = "Uden token", Municipality = "X" }, Side.Municipality), Json.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("antiforgery", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await anna.Http.GetFromJsonAsync<PartnershipSummary[]>("/api/partnerships", Json.Options) ?? []);
    }

    [Fact]
    public async Task Responses_CarryTheSecurityHeaders()
    {
        var response = await new HttpClient { BaseAddress = fixture.Node.Address }.GetAsync("/");

        Assert.Equal("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
            "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task RemoveMember_TheirLiveConnectionLosesTheBoardWithinSeconds()
    {
        var anna = await fixture.Node.SignUpAsync("Anna");
        var bo = await fixture.Node.SignUpAsync("Bo");
        var partnership = await BoardTestKit.PartnershipWithAsync(anna, bo);
        var boardId = partnership.Boards[0].BoardId;
        await using var annaBoard = await BoardClient.OpenAsync(anna, boardId);
        await using var boConnection = await bo.ConnectAsync(BoardHub.Path);
        var revoked = new TaskCompletionSource();
        var afterRevocation = 0;
        boConnection.On<Guid>(nameof(IBoardClient.Revoked), _ => revoked.TrySetResult());
        boConnection.On<Guid, ImmutableArray<Hub.Contracts.Live.Committed<BoardOp>>>(nameof(IBoardClient.Committed), (_, ops) =>
        {
            if (revoked.Task.IsCompleted)
            {
                Interlocked.Add(ref afterRevocation, ops.Length);
            }
        });
        await boConnection.InvokeAsync<Hub.Contracts.Live.SyncResult<BoardOp, BoardSnapshot>>(nameof(BoardHub.Join), boardId, 0L);

        (await anna.Http.DeleteAsync($"/api/partnerships/{partnership.Id}/members/{bo.Me.UserId}")).EnsureSuccessStatusCode();

        await revoked.Task.WaitAsync(TimeSpan.FromSeconds(15));
        var added = await annaBoard.SubmitAsync(new AddCard("after", "ideas", "Efter", null));
        await annaBoard.WaitUntilAsync(c => c.Seq >= added.Seq);
        var refused = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() =>
            boConnection.InvokeAsync<Hub.Contracts.Live.SyncResult<BoardOp, BoardSnapshot>>(nameof(BoardHub.Sync), boardId, 0L));
        Assert.Contains("not_found", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, afterRevocation);
    }

    [Fact]
    public async Task Invite_SingleUse_JoinsOnePersonThenIsUsedUp()
    {
        var anna = await fixture.Node.SignUpAsync("Anna");
        var partnership = await anna.CreatePartnershipAsync("Med invitation");
        var created = await (await anna.Http.PostAsJsonAsync($"/api/partnerships/{partnership.Id}/invites",
            new InviteRequest(Side.VoluntaryOrganisation, MemberRole.Member, 1, 14), Json.Options)).Content.ReadFromJsonAsync<InviteLink>(Json.Options);
        var secret = created!.Path["/invite/".Length..];
        var visitor = fixture.Node.Client(new CookieContainer());

        var frida = $"{Guid.NewGuid():N}@example.org";

        var preview = await visitor.GetFromJsonAsync<InvitePreview>($"/api/invites/{secret}", Json.Options);
        var asked = await visitor.PostAsJsonAsync($"/api/invites/{secret}/accept", new AcceptInviteRequest(frida, "Frivillig Frida", Password), Json.Options);
        var joined = await fixture.Node.VerifyAsync(visitor, frida);
        var second = await fixture.Node.Client(new CookieContainer()).PostAsJsonAsync($"/api/invites/{secret}/accept",
            new AcceptInviteRequest($"{Guid.NewGuid():N}@example.org", "Nummer to", Password), Json.Options);

        Assert.Equal(("Med invitation", Side.VoluntaryOrganisation, MemberRole.Member), (preview!.PartnershipName, preview.Side, preview.Role));
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        Assert.Equal(partnership.Id, joined.PartnershipId);
        var members = (await anna.Http.GetFromJsonAsync<PartnershipSnapshot>($"/api/partnerships/{partnership.Id}", Json.Options))!.Members;
        Assert.Contains(members, m => m.DisplayName == "Frivillig Frida" && m.Side == Side.VoluntaryOrganisation && m.Role == MemberRole.Member);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/api/invites/{secret}")).StatusCode);
        var audit = await anna.Http.GetFromJsonAsync<AuditPage>($"/api/partnerships/{partnership.Id}/audit", Json.Options);
        Assert.Equal([AuditActions.InviteCreated, AuditActions.InviteAccepted], audit!.Entries.Select(e => e.Action));
    }

    [Fact]
    public async Task Invite_Revoked_CannotBeUsed()
    {
        var anna = await fixture.Node.SignUpAsync("Anna");
        var partnership = await anna.CreatePartnershipAsync("Tilbagekaldt");
        var created = await (await anna.Http.PostAsJsonAsync($"/api/partnerships/{partnership.Id}/invites",
            new InviteRequest(Side.VolunteerCentre, MemberRole.Observer, 10, 7), Json.Options)).Content.ReadFromJsonAsync<InviteLink>(Json.Options);

        (await anna.Http.DeleteAsync($"/api/partnerships/{partnership.Id}/invites/{created!.Invite.Id}")).EnsureSuccessStatusCode();

        var attempt = await fixture.Node.Client(new CookieContainer()).PostAsJsonAsync($"/api/invites/{created.Path["/invite/".Length..]}/accept",
            new AcceptInviteRequest($"{Guid.NewGuid():N}@example.org", "For sent", Password), Json.Options);
        Assert.Equal(HttpStatusCode.NotFound, attempt.StatusCode);
        var after = await anna.Http.GetFromJsonAsync<PartnershipSnapshot>($"/api/partnerships/{partnership.Id}", Json.Options);
        Assert.Single(after!.Members);
    }

    [Fact]
    public async Task DeleteAccount_RemovesThePersonAndShowsThemAsAFormerParticipant()
    {
        var anna = await fixture.Node.SignUpAsync("Anna");
        var bo = await fixture.Node.SignUpAsync("Bo Bosen");
        var partnership = await BoardTestKit.PartnershipWithAsync(anna, bo);
        var boardId = partnership.Boards[0].BoardId;
        await using var annaBoard = await BoardClient.OpenAsync(anna, boardId);
        await using (var boBoard = await BoardClient.OpenAsync(bo, boardId))
        {
            await boBoard.SubmitAsync(new AddCard("walk", "ideas", "Gåtur", null));
            await boBoard.SubmitAsync(new AddComment("walk", "c1", "Jeg tager kaffe med"));
            await boBoard.SubmitAsync(new SetCardOwners("walk", [bo.Me.UserId, anna.Me.UserId]));
        }

        var export = await bo.Http.GetFromJsonAsync<PersonalDataExport>("/api/account/data", Json.Options);
        var wrongPassword = await bo.Http.PostAsJsonAsync("/api/account/delete", new DeleteAccountRequest("not my password"), Json.Options);
        var deleted = await bo.Http.PostAsJsonAsync("/api/account/delete", new DeleteAccountRequest(Password), Json.Options);

        Assert.Equal("Jeg tager kaffe med", Assert.Single(export!.Comments).Text);
        Assert.Equal("walk", Assert.Single(export.CardsCreated).CardId);
        Assert.Equal(HttpStatusCode.Forbidden, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await annaBoard.WaitUntilAsync(c => c.Board!.Cards["walk"].Comments.Single().AuthorName == "Tidligere deltager");
        var card = annaBoard.Board!.Cards["walk"];
        Assert.DoesNotContain(bo.Me.UserId, card.OwnerIds);
        Assert.NotEqual(bo.Me.UserId, card.CreatedBy);
        var members = (await anna.Http.GetFromJsonAsync<PartnershipSnapshot>($"/api/partnerships/{partnership.Id}", Json.Options))!.Members;
        Assert.DoesNotContain(members, m => m.UserId == bo.Me.UserId);
        var signIn = await fixture.Node.Client(new CookieContainer()).PostAsJsonAsync("/api/account/sign-in", new SignInRequest(bo.Email, Password));
        Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bo.Http.GetAsync("/api/account/me")).StatusCode);
    }

    [Fact]
    public async Task DeleteAccount_ApprovalsOfTheAgreementShowAFormerParticipant()
    {
        var anna = await fixture.Node.SignUpAsync("Anna");
        var bo = await fixture.Node.SignUpAsync("Bo Bosen");
        var partnership = await anna.CreatePartnershipAsync("Aftale");
        await anna.AddMemberAsync(partnership.Id, bo, MemberRole.Coordinator);
        await using (var connection = await bo.ConnectAsync(AgreementHub.Path))
        {
            var joined = await connection.InvokeAsync<SyncResult<AgreementOp, AgreementSnapshot>>(nameof(AgreementHub.Join), partnership.Id, 0L);
            var written = await connection.InvokeAsync<SubmitResult>(nameof(AgreementHub.Submit), partnership.Id, new OpId("bo-tab", 1),
                (AgreementOp)new EditSection(AgreementSection.Purpose, joined.Seq, new TextOp([TextComponent.InsertOf("Vi går ture sammen.")])));
            var approved = await connection.InvokeAsync<SubmitResult>(nameof(AgreementHub.Submit), partnership.Id, new OpId("bo-tab", 2),
                (AgreementOp)new Approve(Hub.Tests.Agreements.AgreementTestKit.Voluntary, written.Seq!.Value));
            Assert.NotNull(approved.Seq);
        }

        var export = await bo.Http.GetFromJsonAsync<PersonalDataExport>("/api/account/data", Json.Options);
        (await bo.Http.PostAsJsonAsync("/api/account/delete", new DeleteAccountRequest(Password), Json.Options)).EnsureSuccessStatusCode();

        Assert.Equal(AgreementParty.Voluntary, Assert.Single(export!.AgreementApprovals).Party);
        var agreement = (await fixture.Node.Grains().GetGrain<IAgreementGrain>(partnership.Id)
            .GetSnapshot(new Hub.Contracts.Common.Actor(anna.Me.UserId, "Anna"))).Agreement;
        var approval = Assert.Single(agreement.Approvals);
        Assert.Equal(("former-participant", "Tidligere deltager"), (approval.UserId, approval.DisplayName));
    }

    /// <summary>A client whose connections come from <paramref name="localAddress"/> (any 127.x address is this
    /// machine): another address, as far as the node can tell.</summary>
    private HttpClient From(string localAddress)
    {
        var handler = new SocketsHttpHandler
        {
            CookieContainer = new CookieContainer(),
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            },
        };
        return new HttpClient(new Hub.Testing.AntiforgeryHandler(handler)) { BaseAddress = fixture.Node.Address };
    }

    private static async Task<double> TimeAsync(HttpClient http, string email)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var response = await http.PostAsJsonAsync("/api/account/sign-in", new SignInRequest(email, "not the password"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        return clock.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
