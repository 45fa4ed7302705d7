using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hub.Contracts.Live;
using Hub.Contracts.Sessions;
using Hub.Tests.Infrastructure;
using Hub.Web.Live;
using Hub.Web.Sessions;
using Microsoft.AspNetCore.SignalR.Client;

namespace Hub.Tests.Sessions;

/// <summary>
/// Live results without flooding (issue 13 item 6): however fast votes arrive, each connection receives at most four
/// result updates a second, and the moderator and the projector see the final tally within a second of the last vote.
/// </summary>
public sealed partial class SessionHubTests
{
    private const int Voters = 8;
    private const int ChangesEach = 30;

    [Fact]
    public async Task Views_UnderAVoteBurst_AtMostFourPerSecondPerConnectionAndTheFinalTallyWithinASecond()
    {
        var (mona, session) = await NewSessionAsync();
        var moderator = await Timed(await mona.ConnectAsync(SessionHub.Path), "Staff");
        var projector = await Timed(await mona.ConnectAsync(SessionHub.Path), "Room");
        await moderator.Connection.InvokeAsync<SessionOpened>(nameof(SessionHub.Open), session.Id, SessionAudience.Staff);
        await projector.Connection.InvokeAsync<SessionOpened>(nameof(SessionHub.Open), session.Id, SessionAudience.Projector);
        await StaffOp(moderator.Connection, session.Id, new AddPoll("v", PollKind.Single, "Hvad vælger du?", ["A", "B", "C", "D"], 1, [], 0, 0, "", "", true, false, true));
        await StaffOp(moderator.Connection, session.Id, new AddStep("s1", "Valg", StepKind.Poll, 5, "", "", "v", null));
        await StaffOp(moderator.Connection, session.Id, new GoToStep(0));
        var voters = new List<TimedConnection>();
        for (var i = 0; i < Voters; i++)
        {
            var cookies = new CookieContainer();
            (await fixture.Node.Client(cookies).PostAsJsonAsync("/api/sessions/join", new JoinSessionRequest(session.Code, $"Vælger {i}", null), Json.Options)).EnsureSuccessStatusCode();
            var voter = await Timed(await Connect(cookies), "Room");
            await voter.Connection.InvokeAsync<SessionOpened>(nameof(SessionHub.Open), session.Id, SessionAudience.Participant);
            voters.Add(voter);
        }

        // Every voter changes their answer as fast as acknowledgements come back, among B–D; the last change of
        // each is A, so the final tally is one no earlier moment had.
        var finalTally = $"\"options\":[{Voters},0,0,0]";
        var moderatorFinal = moderator.WhenReceived(finalTally);
        var projectorFinal = projector.WhenReceived(finalTally);
        await Task.WhenAll(voters.Select((voter, i) => Task.Run(async () =>
        {
            for (var change = 0; change < ChangesEach; change++)
            {
                var choice = change == ChangesEach - 1 ? 0 : 1 + ((i + change) % 3);
                var vote = new SubmitAnswer("v", $"v{i}-{change}", [choice], [], [], null);
                var result = await voter.Connection.InvokeAsync<SubmitResult>(nameof(SessionHub.Submit), session.Id, new OpId($"voter{i}", change + 1), (SessionOp)vote);
                Assert.True(result.Seq is not null, $"{result.ErrorCode} {result.Error}");
            }
        })));
        var lastVote = Stopwatch.GetTimestamp();

        var moderatorLag = Stopwatch.GetElapsedTime(lastVote, await moderatorFinal.WaitAsync(TimeSpan.FromSeconds(10)));
        var projectorLag = Stopwatch.GetElapsedTime(lastVote, await projectorFinal.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(moderatorLag < TimeSpan.FromSeconds(1), $"the moderator saw the final tally {moderatorLag.TotalMilliseconds:0} ms after the last vote");
        Assert.True(projectorLag < TimeSpan.FromSeconds(1), $"the projector saw the final tally {projectorLag.TotalMilliseconds:0} ms after the last vote");
        // Every participant connection got the final tally too (the projector's group is theirs).
        foreach (var voter in voters)
        {
            await voter.WhenReceived(finalTally).WaitAsync(TimeSpan.FromSeconds(10));
        }

        var votes = Voters * ChangesEach;
        foreach (var connection in voters.Append(projector).Append(moderator))
        {
            var times = connection.Times();
            // Without coalescing each of the 240 votes would be a push to every connection.
            Assert.True(times.Count < votes / 4, $"{times.Count} pushes for {votes} votes");
            // Pushes leave at least 250 ms apart; receipt times carry some scheduling jitter, so a window of 900 ms
            // (not 1 s) must never hold a fifth push.
            for (var i = 4; i < times.Count; i++)
            {
                Assert.True(times[i] - times[i - 4] >= TimeSpan.FromMilliseconds(900),
                    $"five pushes within {(times[i] - times[i - 4]).TotalMilliseconds:0} ms: {string.Join(", ", times.Select(t => t.TotalMilliseconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture)))}");
            }
        }

        foreach (var connection in voters.Append(projector).Append(moderator))
        {
            await connection.Connection.DisposeAsync();
        }
    }

    private async Task StaffOp(HubConnection moderator, Guid sessionId, SessionOp op)
    {
        var result = await moderator.InvokeAsync<SubmitResult>(nameof(SessionHub.Submit), sessionId, new OpId("mod", Interlocked.Increment(ref _number)), op);
        Assert.True(result.Seq is not null, $"{op}: {result.ErrorCode} {result.Error}");
    }

    /// <summary>Records when each view of <paramref name="kind"/> arrives, on one clock shared with the test.</summary>
    private static Task<TimedConnection> Timed(HubConnection connection, string kind)
    {
        var timed = new TimedConnection(connection);
        connection.On(kind, [typeof(JsonElement), typeof(JsonElement)], args =>
        {
            timed.Add(((JsonElement)args[1]!).GetRawText());
            return Task.CompletedTask;
        });
        return Task.FromResult(timed);
    }

    private sealed class TimedConnection(HubConnection connection)
    {
        private static readonly long Origin = Stopwatch.GetTimestamp();
        private readonly ConcurrentQueue<(long At, string Json)> _received = new();
        private readonly List<(string Needle, TaskCompletionSource<long> Seen)> _waiting = [];

        public HubConnection Connection { get; } = connection;

        public void Add(string json)
        {
            var at = Stopwatch.GetTimestamp();
            _received.Enqueue((at, json));
            lock (_waiting)
            {
                foreach (var (needle, seen) in _waiting.Where(w => json.Contains(w.Needle, StringComparison.Ordinal)))
                {
                    seen.TrySetResult(at);
                }
            }
        }

        /// <summary>When (a <see cref="Stopwatch"/> timestamp) the first view holding <paramref name="needle"/> came.</summary>
        public Task<long> WhenReceived(string needle)
        {
            var seen = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_waiting)
            {
                _waiting.Add((needle, seen));
                if (_received.FirstOrDefault(r => r.Json.Contains(needle, StringComparison.Ordinal)) is { Json: not null } already)
                {
                    seen.TrySetResult(already.At);
                }
            }

            return seen.Task;
        }

        public List<TimeSpan> Times() => [.. _received.Select(r => Stopwatch.GetElapsedTime(Origin, r.At))];
    }
}
