using System.Collections.Immutable;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hub.Contracts.Agreements;
using Hub.Contracts.Boards;
using Hub.Contracts.Cohorts;
using Hub.Contracts.Live;
using Hub.Contracts.Partnerships;
using Hub.Contracts.Sessions;
using Hub.Tests.Boards;
using Hub.Tests.Infrastructure;
using Hub.Web.Live;
using Hub.Web.Sessions;
using Hub.Web.Setup;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Tests.Live;

/// <summary>
/// Every live hub speaks MessagePack beside JSON, with the same values: the same call answered over both protocols
/// gives the same contract (enums, dates, dictionaries, nulls, operations' types compared through Hub's JSON shape),
/// and pushes cross between a JSON and a MessagePack connection on one document.
/// </summary>
public sealed class MessagePackHubTests(EmbeddedNode fixture) : IClassFixture<EmbeddedNode>
{
    [Fact]
    public async Task BoardHub_JsonAndMessagePack_SameSnapshotAndPushesCrossBetweenThem()
    {
        var anna = await fixture.Node.SignUpAsync("Anna");
        var bo = await fixture.Node.SignUpAsync("Bo");
        var boardId = (await BoardTestKit.PartnershipWithAsync(anna, bo)).Boards[0].BoardId;
        await using var json = await BoardClient.OpenAsync(anna, boardId);
        await using var packed = await ConnectAsync(bo, BoardHub.Path);
        var committed = new TaskCompletionSource<ImmutableArray<Committed<BoardOp>>>(TaskCreationOptions.RunContinuationsAsynchronously);
        packed.On<Guid, ImmutableArray<Committed<BoardOp>>>(nameof(IBoardClient.Committed), (_, ops) => committed.TrySetResult(ops));
        await json.SubmitAsync(new AddCard("walk", "planned", "Gåtur", null));

        var joinedJson = await json.Connection.InvokeAsync<SyncResult<BoardOp, BoardSnapshot>>(nameof(BoardHub.Join), boardId, 0L);
        var joinedPacked = await packed.InvokeAsync<SyncResult<BoardOp, BoardSnapshot>>(nameof(BoardHub.Join), boardId, 0L);
        var sent = await packed.InvokeAsync<SubmitResult>(nameof(BoardHub.Submit), boardId, new OpId("packed", 1),
            new SetCardText("walk", CardTextField.Title, "Gåtur i parken"));
        await json.WaitUntilAsync(c => c.Seq >= sent.Seq && c.Board!.Cards["walk"].Title == "Gåtur i parken");
        var fromJson = await json.SubmitAsync(new MoveCard("walk", "doing", 0));
        var pushed = await committed.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(Shape(joinedJson.Snapshot), Shape(joinedPacked.Snapshot));
        Assert.NotNull(sent.Seq);
        Assert.Contains(pushed, p => p.Seq == sent.Seq || p.Seq == fromJson.Seq);
        Assert.All(pushed, p => Assert.NotEqual(default, p.At));
    }

    [Fact]
    public async Task SessionHub_JsonAndMessagePack_SameViewsAndAnAnswerCounts()
    {
        var mona = await fixture.Node.SignUpAsync("Mona");
        var partnership = await mona.CreatePartnershipAsync("Pakkesamarbejde");
        var created = await mona.Http.PostAsJsonAsync("/api/sessions", new SessionDetails("Workshop", new SessionOwner(partnership.Id, null, null), false), Json.Options);
        created.EnsureSuccessStatusCode();
        var session = (await created.Content.ReadFromJsonAsync<StaffView>(Json.Options))!.Session;
        await using var staffJson = await mona.ConnectAsync(SessionHub.Path);
        await using var staffPacked = await ConnectAsync(mona, SessionHub.Path);
        var tallies = new TaskCompletionSource<StaffView>(TaskCreationOptions.RunContinuationsAsynchronously);
        staffPacked.On<Guid, StaffView>(nameof(ISessionClient.Staff), (_, view) =>
        {
            if (view.Tallies.Any(t => t.PollId == "v" && t.Answers == 1))
            {
                tallies.TrySetResult(view);
            }
        });
        await staffJson.InvokeAsync<SessionOpened>(nameof(SessionHub.Open), session.Id, SessionAudience.Staff);
        await staffPacked.InvokeAsync<SessionOpened>(nameof(SessionHub.Open), session.Id, SessionAudience.Staff);
        var number = 0L;
        foreach (SessionOp op in (SessionOp[])[
            new AddPoll("v", PollKind.Single, "Hvem?", ["A", "B"], 1, [], 0, 0, "", "", false, false, null),
            new AddStep("s1", "Valg", StepKind.Poll, 5, "", "", "v", null),
            new GoToStep(0)])
        {
            Assert.NotNull((await staffPacked.InvokeAsync<SubmitResult>(nameof(SessionHub.Submit), session.Id, new OpId("mod", ++number), op)).Seq);
        }

        var cookies = new CookieContainer();
        (await fixture.Node.Client(cookies).PostAsJsonAsync("/api/sessions/join", new JoinSessionRequest(session.Code, "Gæst", null), Json.Options)).EnsureSuccessStatusCode();
        await using var participant = await ConnectAsync(cookies, SessionHub.Path);
        var opened = await participant.InvokeAsync<SessionOpened>(nameof(SessionHub.Open), session.Id, SessionAudience.Participant);
        var answered = await participant.InvokeAsync<SubmitResult>(nameof(SessionHub.Submit), session.Id, new OpId("tab", 1),
            (SessionOp)new SubmitAnswer("v", "a1", [1], [], [], null));
        var view = await tallies.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var asJson = await staffJson.InvokeAsync<SessionOpened>(nameof(SessionHub.Open), session.Id, SessionAudience.Staff);
        var asPacked = await staffPacked.InvokeAsync<SessionOpened>(nameof(SessionHub.Open), session.Id, SessionAudience.Staff);

        Assert.Equal((SessionRole.Participant, "Gæst"), (opened.Role, opened.DisplayName));
        Assert.Null(opened.Staff);
        Assert.NotNull(answered.Seq);
        Assert.Equal(new[] { 0, 1 }, view.Tallies.Single(t => t.PollId == "v").Options.ToArray());
        // Each view is stamped with the server's time as it leaves (the clients' clock reference), so the two opens differ there.
        Assert.Equal(WithoutServerTime(Shape(asJson)), WithoutServerTime(Shape(asPacked)));
        Assert.NotEqual(default, asPacked.Room.ServerNow);
        Assert.Equal(session.CreatedAt, asPacked.Staff!.Session.CreatedAt);
    }

    [Fact]
    public async Task PartnershipAgreementAndCohortHubs_JsonAndMessagePack_SameAnswers()
    {
        var anna = await fixture.Node.SignUpAsync("Anna");
        var partnership = await anna.CreatePartnershipAsync("Pakkepartnerskab");
        await using var json = await anna.ConnectAsync(PartnershipHub.Path);
        await using var packed = await ConnectAsync(anna, PartnershipHub.Path);
        await using var agreementJson = await anna.ConnectAsync(AgreementHub.Path);
        await using var agreementPacked = await ConnectAsync(anna, AgreementHub.Path);
        await using var cohortJson = await anna.ConnectAsync(CohortHub.Path);
        await using var cohortPacked = await ConnectAsync(anna, CohortHub.Path);

        var watchedJson = await json.InvokeAsync<PartnershipSnapshot>(nameof(PartnershipHub.Watch), partnership.Id);
        var watchedPacked = await packed.InvokeAsync<PartnershipSnapshot>(nameof(PartnershipHub.Watch), partnership.Id);
        var agreedJson = await agreementJson.InvokeAsync<SyncResult<AgreementOp, AgreementSnapshot>>(nameof(AgreementHub.Join), partnership.Id, 0L);
        var agreedPacked = await agreementPacked.InvokeAsync<SyncResult<AgreementOp, AgreementSnapshot>>(nameof(AgreementHub.Join), partnership.Id, 0L);
        var cohortId = Guid.NewGuid();
        var refusedJson = await Assert.ThrowsAsync<HubException>(() => cohortJson.InvokeAsync<SyncResult<CohortOp, CohortSnapshot>>(nameof(CohortHub.Join), cohortId, 0L));
        var refusedPacked = await Assert.ThrowsAsync<HubException>(() => cohortPacked.InvokeAsync<SyncResult<CohortOp, CohortSnapshot>>(nameof(CohortHub.Join), cohortId, 0L));

        Assert.Equal(Shape(watchedJson), Shape(watchedPacked));
        // The same agreement; presence differs only by the second connection, which is on it by then.
        Assert.Equal(Shape(agreedJson.Snapshot), Shape(agreedPacked.Snapshot));
        Assert.NotNull(agreedPacked.Snapshot);
        Assert.Equal(agreedJson.Presence.Length + 1, agreedPacked.Presence.Length);
        Assert.Equal(refusedJson.Message, refusedPacked.Message);
    }

    /// <summary>A value as Hub's JSON shape, to compare what arrived over the two protocols.</summary>
    private static string Shape<T>(T value) => JsonSerializer.Serialize(value, Json.Options);

    private static string WithoutServerTime(string shape) =>
        System.Text.RegularExpressions.Regex.Replace(shape, "\"serverNow\":\"[^\"]*\"", "\"serverNow\":\"…\"");

    private static Task<HubConnection> ConnectAsync(UserSession user, string path) => ConnectAsync(user.Cookies, path, user.Node.Address);

    private Task<HubConnection> ConnectAsync(CookieContainer cookies, string path) => ConnectAsync(cookies, path, fixture.Node.Address);

    private static async Task<HubConnection> ConnectAsync(CookieContainer cookies, string path, Uri address)
    {
        var json = new JsonHubProtocolOptions();
        WebSetup.ConfigureJson(json.PayloadSerializerOptions);
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(address, path), o => o.Cookies = cookies)
            .AddMessagePackProtocol(o => o.SerializerOptions = JsonShapedResolver.Options(json.PayloadSerializerOptions))
            .Build();
        await connection.StartAsync();
        return connection;
    }
}
