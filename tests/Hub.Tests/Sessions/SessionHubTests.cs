using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hub.Contracts.Live;
using Hub.Contracts.Sessions;
using Hub.Tests.Boards;
using Hub.Tests.Infrastructure;
using Hub.Web.Live;
using Hub.Web.Sessions;
using Hub.Web.Setup;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Tests.Sessions;

/// <summary>
/// Live sessions through a real web node (Kestrel, SignalR, cookies, JSON) on an embedded silo with SQLite: what
/// each kind of connection receives, the participant cookie's reach, and a reload keeping identity and answer.
/// </summary>
public sealed partial class SessionHubTests(EmbeddedNode fixture) : IClassFixture<EmbeddedNode>
{
    private long _number;

    [Fact]
    public async Task Views_ToEachKindOfConnection_HiddenResultsHeldAnswersAndNamesReachOnlyTheModerators()
    {
        var (mona, session) = await NewSessionAsync();
        await using var moderator = await Listening(await mona.ConnectAsync(SessionHub.Path));
        await using var projector = await Listening(await mona.ConnectAsync(SessionHub.Path));
        await moderator.Connection.InvokeAsync<SessionOpened>(nameof(SessionHub.Open), session.Id, SessionAudience.Staff);
        await projector.Connection.InvokeAsync<SessionOpened>(nameof(SessionHub.Open), session.Id, SessionAudience.Projector);
        await Staff(moderator, session.Id, new AddPoll("t", PollKind.OpenText, "Hvad tager du med?", [], 0, [], 0, 0, "", "", false, true, true));
        await Staff(moderator, session.Id, new AddPoll("v", PollKind.Single, "Hvem?", ["A", "B"], 1, [], 0, 0, "", "", false, false, false));
        await Staff(moderator, session.Id, new AddStep("s1", "Tekst", StepKind.Poll, 5, "", "Moderatorens egen note", "t", null));
        await Staff(moderator, session.Id, new AddStep("s2", "Valg", StepKind.Poll, 5, "", "", "v", null));
        await Staff(moderator, session.Id, new GoToStep(0));
        var (anna, annaId) = await JoinAsync(session.Code, "Anna Andersen");
        var (bo, boId) = await JoinAsync(session.Code, "Bo Bertelsen");
        await using (anna)
        await using (bo)
        {
            await anna.Connection.InvokeAsync<SessionOpened>(nameof(SessionHub.Open), session.Id, SessionAudience.Participant);
            await bo.Connection.InvokeAsync<SessionOpened>(nameof(SessionHub.Open), session.Id, SessionAudience.Participant);

            await Answer(anna, session.Id, new SubmitAnswer("t", "a1", [], [], [], "Hemmelig tanke om kommunen"));
            await Staff(moderator, session.Id, new GoToStep(1));
            await Answer(anna, session.Id, new SubmitAnswer("v", "a2", [1], [], [], null));
            await Answer(bo, session.Id, new SubmitAnswer("v", "b2", [0], [], [], null));

            await Eventually.UntilAsync("the moderators' view has both votes", TimeSpan.FromSeconds(5), () =>
                Task.FromResult(moderator.Received.Any(m => m.Kind == "Staff" && m.Json.Contains("\"options\":[1,1]", StringComparison.Ordinal))));
            await Eventually.UntilAsync("the room's view is on the second step", TimeSpan.FromSeconds(5), () =>
                Task.FromResult(projector.Received.Any(m => m.Kind == "Room" && m.Json.Contains("\"stepIndex\":1", StringComparison.Ordinal))));
            var moderators = string.Join("\n", moderator.Received.Select(m => m.Json));
            Assert.Contains("Hemmelig tanke om kommunen", moderators);
            Assert.Contains("Anna Andersen", moderators);
            Assert.Contains("Moderatorens egen note", moderators);
            foreach (var room in new[] { projector, anna, bo })
            {
                Assert.All(room.Received, m => Assert.Equal("Room", m.Kind));
                var all = string.Join("\n", room.Received.Select(m => m.Json));
                Assert.DoesNotContain("Hemmelig tanke om kommunen", all);
                Assert.DoesNotContain("Anna Andersen", all);
                Assert.DoesNotContain("Bo Bertelsen", all);
                Assert.DoesNotContain(annaId, all);
                Assert.DoesNotContain(boId, all);
                Assert.DoesNotContain("Moderatorens egen note", all);
                // The vote poll's results are hidden: the room gets no tally of it.
                Assert.DoesNotContain("\"options\":[1,1]", all);
            }
        }
    }

    [Fact]
    public async Task Questions_PendingOrHidden_ReachNoParticipantOrProjectorAndVotersAndAuthorsNever()
    {
        var (mona, session) = await NewSessionAsync();
        await using var moderator = await Listening(await mona.ConnectAsync(SessionHub.Path));
        await using var projector = await Listening(await mona.ConnectAsync(SessionHub.Path));
        await moderator.Connection.InvokeAsync<SessionOpened>(nameof(SessionHub.Open), session.Id, SessionAudience.Staff);
        await projector.Connection.InvokeAsync<SessionOpened>(nameof(SessionHub.Open), session.Id, SessionAudience.Projector);
        await Staff(moderator, session.Id, new SetQa(QaSettings.Default with { Moderated = true }));
        var (anna, annaId) = await JoinAsync(session.Code, "Anna Andersen");
        var (bo, boId) = await JoinAsync(session.Code, "Bo Bertelsen");
        await using (anna)
        await using (bo)
        {
            await anna.Connection.InvokeAsync<SessionOpened>(nameof(SessionHub.Open), session.Id, SessionAudience.Participant);
            await bo.Connection.InvokeAsync<SessionOpened>(nameof(SessionHub.Open), session.Id, SessionAudience.Participant);

            await Answer(anna, session.Id, new SubmitQuestion("q1", "Ventende spørgsmål om budgettet", true));
            await Answer(bo, session.Id, new SubmitQuestion("q2", "Skjult spørgsmål om lederen", false));
            await Answer(bo, session.Id, new SubmitQuestion("q3", "Offentligt spørgsmål om nøglen", true));
            await Staff(moderator, session.Id, new ModerateQuestion("q2", QuestionState.Hidden));
            await Staff(moderator, session.Id, new ModerateQuestion("q3", QuestionState.Published));
            await Answer(anna, session.Id, new UpvoteQuestion("q3", true));
            await Answer(bo, session.Id, new RaiseHand("hand-bo"));

            await Eventually.UntilAsync("the room sees the published question with its vote", TimeSpan.FromSeconds(5), () =>
                Task.FromResult(projector.Received.Any(m => m.Json.Contains("\"votes\":1", StringComparison.Ordinal) && m.Json.Contains("hand-bo", StringComparison.Ordinal))));
            await Eventually.UntilAsync("the moderators see every question", TimeSpan.FromSeconds(5), () =>
                Task.FromResult(moderator.Received.Any(m => m.Json.Contains("Skjult spørgsmål om lederen", StringComparison.Ordinal) && m.Json.Contains("\"votes\":1", StringComparison.Ordinal))));
            var moderators = string.Join("\n", moderator.Received.Select(m => m.Json));
            Assert.Contains("Ventende spørgsmål om budgettet", moderators);
            Assert.Contains("Bo Bertelsen", moderators);
            foreach (var room in new[] { projector, anna, bo })
            {
                Assert.All(room.Received, m => Assert.Equal("Room", m.Kind));
                var all = string.Join("\n", room.Received.Select(m => m.Json));
                Assert.Contains("Offentligt spørgsmål om nøglen", all);
                Assert.DoesNotContain("Ventende spørgsmål om budgettet", all);
                Assert.DoesNotContain("Skjult spørgsmål om lederen", all);
                Assert.DoesNotContain(annaId, all);
                Assert.DoesNotContain(boId, all);
                Assert.DoesNotContain("Bertelsen", all);
            }
        }
    }

    [Fact]
    public async Task ParticipantCookie_ReachesItsOwnSessionAndNothingElse()
    {
        var (mona, session) = await NewSessionAsync();
        var (_, other) = await NewSessionAsync();
        var cookies = new CookieContainer();
        var http = fixture.Node.Client(cookies);
        var joined = await http.PostAsJsonAsync("/api/sessions/join", new JoinSessionRequest(session.Code.ToLowerInvariant(), "Gæst", null), Json.Options);
        joined.EnsureSuccessStatusCode();
        await using var connection = await Connect(cookies);

        var own = await connection.InvokeAsync<SessionOpened>(nameof(SessionHub.Open), session.Id, SessionAudience.Participant);
        var otherSession = await Refusal(() => connection.InvokeAsync<SessionOpened>(nameof(SessionHub.Open), other.Id, SessionAudience.Participant));
        var asStaff = await Refusal(() => connection.InvokeAsync<SessionOpened>(nameof(SessionHub.Open), session.Id, SessionAudience.Staff));
        var staffOp = await connection.InvokeAsync<SubmitResult>(nameof(SessionHub.Submit), session.Id, new OpId("tab", 1), (SessionOp)new SetPhase(SessionPhase.Pause));
        var api = await http.GetAsync($"/api/sessions/{session.Id}");
        var partnerships = await http.GetAsync("/api/partnerships");
        var board = new HubConnectionBuilder().WithUrl(new Uri(fixture.Node.Address, BoardHub.Path), o => o.Cookies = cookies).Build();
        var boardRefused = await Assert.ThrowsAsync<HttpRequestException>(() => board.StartAsync());

        Assert.Equal(SessionRole.Participant, own.Role);
        Assert.Equal("Gæst", own.DisplayName);
        Assert.Equal("not_found", otherSession);
        Assert.Equal("forbidden", asStaff);
        Assert.Equal("forbidden", staffOp.ErrorCode);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, partnerships.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, boardRefused.StatusCode);
        // A forged cookie is no identity at all.
        var forged = new CookieContainer();
        forged.Add(fixture.Node.Address, new Cookie(SessionParticipants.CookieName(session.Id), "not-a-protected-value"));
        await using var forgedConnection = await Connect(forged);
        Assert.Equal("not_found", await Refusal(() => forgedConnection.InvokeAsync<SessionOpened>(nameof(SessionHub.Open), session.Id, SessionAudience.Participant)));
        _ = mona;
    }

    [Fact]
    public async Task Join_AgainWithTheSameCookie_KeepsTheIdentityAndTheAnswer()
    {
        var (mona, session) = await NewSessionAsync();
        await using var moderator = await Listening(await mona.ConnectAsync(SessionHub.Path));
        await moderator.Connection.InvokeAsync<SessionOpened>(nameof(SessionHub.Open), session.Id, SessionAudience.Staff);
        await Staff(moderator, session.Id, new AddPoll("v", PollKind.Single, "Hvem?", ["A", "B"], 1, [], 0, 0, "", "", true, false, null));
        await Staff(moderator, session.Id, new AddStep("s1", "Valg", StepKind.Poll, 5, "", "", "v", null));
        await Staff(moderator, session.Id, new GoToStep(0));
        var cookies = new CookieContainer();
        var http = fixture.Node.Client(cookies);
        var first = await (await http.PostAsJsonAsync("/api/sessions/join", new JoinSessionRequest(session.Code, "Karin", null), Json.Options)).Content.ReadFromJsonAsync<SessionEntry>(Json.Options);
        await using (var tab = await Connect(cookies))
        {
            await tab.InvokeAsync<SessionOpened>(nameof(SessionHub.Open), session.Id, SessionAudience.Participant);
            await tab.InvokeAsync<SubmitResult>(nameof(SessionHub.Submit), session.Id, new OpId("tab1", 1), (SessionOp)new SubmitAnswer("v", "k1", [1], [], [], null));
        }

        var again = await (await http.PostAsJsonAsync("/api/sessions/join", new JoinSessionRequest(session.Code, "", null), Json.Options)).Content.ReadFromJsonAsync<SessionEntry>(Json.Options);
        await using var reloaded = await Connect(cookies);
        var opened = await reloaded.InvokeAsync<SessionOpened>(nameof(SessionHub.Open), session.Id, SessionAudience.Participant);

        Assert.Equal(first!.ParticipantId, again!.ParticipantId);
        Assert.Equal((first.ParticipantId, "Karin"), (opened.ParticipantId, opened.DisplayName));
        Assert.Equal(("k1", 1), (Assert.Single(opened.Mine).AnswerId, opened.Mine[0].Choices.Single()));
    }

    private async Task<(UserSession Moderator, Session Session)> NewSessionAsync()
    {
        var mona = await fixture.Node.SignUpAsync("Mona Moderator");
        var partnership = await mona.CreatePartnershipAsync("Sessionsamarbejde");
        var response = await mona.Http.PostAsJsonAsync("/api/sessions", new SessionDetails("Workshop", new SessionOwner(partnership.Id, null, null), false), Json.Options);
        response.EnsureSuccessStatusCode();
        return (mona, (await response.Content.ReadFromJsonAsync<StaffView>(Json.Options))!.Session);
    }

    private async Task<(Listener Listener, string ParticipantId)> JoinAsync(string code, string name)
    {
        var cookies = new CookieContainer();
        var joined = await fixture.Node.Client(cookies).PostAsJsonAsync("/api/sessions/join", new JoinSessionRequest(code, name, null), Json.Options);
        joined.EnsureSuccessStatusCode();
        var entry = await joined.Content.ReadFromJsonAsync<SessionEntry>(Json.Options);
        return (await Listening(await Connect(cookies)), entry!.ParticipantId);
    }

    private async Task<HubConnection> Connect(CookieContainer cookies)
    {
        var connection = new HubConnectionBuilder().WithUrl(new Uri(fixture.Node.Address, SessionHub.Path), o => o.Cookies = cookies)
            .AddJsonProtocol(o => WebSetup.ConfigureJson(o.PayloadSerializerOptions)).Build();
        await connection.StartAsync();
        return connection;
    }

    /// <summary>Records every message the server sends the connection, raw, whatever its kind.</summary>
    private static Task<Listener> Listening(HubConnection connection)
    {
        var listener = new Listener(connection);
        foreach (var kind in new[] { "Staff", "Room", "Committed", "Presence", "Revoked" })
        {
            connection.On(kind, [typeof(JsonElement), typeof(JsonElement)], args =>
            {
                listener.Received.Enqueue(new Message(kind, ((JsonElement)args[1]!).GetRawText()));
                return Task.CompletedTask;
            });
        }

        return Task.FromResult(listener);
    }

    private async Task Staff(Listener moderator, Guid sessionId, SessionOp op)
    {
        var result = await moderator.Connection.InvokeAsync<SubmitResult>(nameof(SessionHub.Submit), sessionId, new OpId("mod", Interlocked.Increment(ref _number)), op);
        Assert.True(result.Seq is not null, $"{op}: {result.ErrorCode} {result.Error}");
    }

    private async Task Answer(Listener participant, Guid sessionId, SessionOp op)
    {
        var result = await participant.Connection.InvokeAsync<SubmitResult>(nameof(SessionHub.Submit), sessionId, new OpId("tab", Interlocked.Increment(ref _number)), op);
        Assert.True(result.Seq is not null, $"{op}: {result.ErrorCode} {result.Error}");
    }

    private static async Task<string> Refusal(Func<Task> call)
    {
        var ex = await Assert.ThrowsAsync<HubException>(call);
        return System.Text.RegularExpressions.Regex.Match(ex.Message, "HubException: ([a-z_]+):").Groups[1].Value;
    }

    private sealed record Message(string Kind, string Json);

    private sealed class Listener(HubConnection connection) : IAsyncDisposable
    {
        public HubConnection Connection { get; } = connection;

        public ConcurrentQueue<Message> Received { get; } = new();

        public ValueTask DisposeAsync() => Connection.DisposeAsync();
    }
}
