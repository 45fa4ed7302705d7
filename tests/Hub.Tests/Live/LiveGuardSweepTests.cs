using System.Net;
using System.Net.Http.Json;
using Hub.Contracts.Sessions;
using Hub.Tests.Boards;
using Hub.Tests.Infrastructure;
using Hub.Web.Live;
using Hub.Web.Sessions;
using Hub.Web.Setup;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Tests.Live;

/// <summary>
/// The sweep that ends live connections of people signed out elsewhere (every 3 s, SessionSweeper) must leave a live
/// session's participants alone: they have no account, so no session stamp, and the session grain checks their
/// cookie's identity on every call. Found by the bench's session scenario, where every participant's connection was
/// closed by the server within seconds of opening.
/// </summary>
public sealed class LiveGuardSweepTests(EmbeddedNode fixture) : IClassFixture<EmbeddedNode>
{
    [Fact]
    public async Task EndStaleSessions_ParticipantWithoutAccount_StaysConnected()
    {
        var mona = await fixture.Node.SignUpAsync("Mona Moderator");
        var partnership = await mona.CreatePartnershipAsync("Sweepsamarbejde");
        var created = await mona.Http.PostAsJsonAsync("/api/sessions", new SessionDetails("Workshop", new SessionOwner(partnership.Id, null, null), false), Json.Options);
        created.EnsureSuccessStatusCode();
        var session = (await created.Content.ReadFromJsonAsync<StaffView>(Json.Options))!.Session;
        var cookies = new CookieContainer();
        var joined = await fixture.Node.Client(cookies).PostAsJsonAsync("/api/sessions/join", new JoinSessionRequest(session.Code, "Gæst", null), Json.Options);
        joined.EnsureSuccessStatusCode();
        await using var participant = new HubConnectionBuilder().WithUrl(new Uri(fixture.Node.Address, SessionHub.Path), o => o.Cookies = cookies)
            .AddJsonProtocol(o => WebSetup.ConfigureJson(o.PayloadSerializerOptions)).Build();
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        participant.Closed += ex =>
        {
            closed.TrySetResult(ex);
            return Task.CompletedTask;
        };
        await participant.StartAsync();
        await participant.InvokeAsync<SessionOpened>(nameof(SessionHub.Open), session.Id, SessionAudience.Participant);

        await fixture.Node.Services.GetRequiredService<LiveGuard>().EndStaleSessionsAsync();
        var opened = await participant.InvokeAsync<SessionOpened>(nameof(SessionHub.Open), session.Id, SessionAudience.Participant);

        Assert.Equal(SessionRole.Participant, opened.Role);
        Assert.False(closed.Task.IsCompleted, "the participant's connection was closed by the sweep");
        Assert.Equal(HubConnectionState.Connected, participant.State);
    }
}
