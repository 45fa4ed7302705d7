using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;

namespace Hub.Bench.Relay;

/// <summary>
/// The floor for the live session scenario: SignalR alone, with the same fan-out as Hub's session hub. Connections
/// open a session as staff or as the room; each answer is counted and acknowledged, and the tally goes to the staff
/// group and the room group at most every <see cref="PushEvery"/> (as the session grain coalesces its views). No
/// Orleans, no storage, no rules, no identities.
/// </summary>
public sealed class RelaySessionHub(RelaySessions sessions) : Microsoft.AspNetCore.SignalR.Hub
{
    public const string Path = "/hubs/relay-session";

    public static readonly TimeSpan PushEvery = TimeSpan.FromMilliseconds(250);

    public async Task<object> Open(Guid sessionId, string audience)
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, audience == "staff" ? RelaySessions.StaffGroup(sessionId) : RelaySessions.RoomGroup(sessionId));
        return new { role = audience == "staff" ? "owner" : "participant" };
    }

    public RelaySubmitResult Submit(Guid sessionId, JsonElement id, JsonElement op) => sessions.Answer(Clients, sessionId, op);
}

/// <summary>Each session's tally, and its coalesced pushes.</summary>
public sealed class RelaySessions
{
    private readonly ConcurrentDictionary<Guid, Tally> _sessions = new();

    public static string StaffGroup(Guid sessionId) => $"session:{sessionId:N}:staff";

    public static string RoomGroup(Guid sessionId) => $"session:{sessionId:N}:room";

    public RelaySubmitResult Answer(IHubCallerClients clients, Guid sessionId, JsonElement op)
    {
        var tally = _sessions.GetOrAdd(sessionId, _ => new Tally());
        var choice = op.TryGetProperty("choices", out var choices) && choices.GetArrayLength() > 0 ? choices[0].GetInt32() : 0;
        long seq;
        lock (tally)
        {
            seq = ++tally.Seq;
            tally.Options[Math.Clamp(choice, 0, tally.Options.Length - 1)]++;
            tally.Answers++;
            if (!tally.Scheduled)
            {
                tally.Scheduled = true;
                var since = tally.LastPush == 0 ? RelaySessionHub.PushEvery : Stopwatch.GetElapsedTime(tally.LastPush);
                _ = PushLaterAsync(clients.Group(StaffGroup(sessionId)), clients.Group(RoomGroup(sessionId)), sessionId, tally,
                    since >= RelaySessionHub.PushEvery ? TimeSpan.Zero : RelaySessionHub.PushEvery - since);
            }
        }

        return new RelaySubmitResult(seq, false, null, null);
    }

    private static async Task PushLaterAsync(IClientProxy staff, IClientProxy room, Guid sessionId, Tally tally, TimeSpan wait)
    {
        // Never inside the caller's lock: the send starts after it.
        await (wait > TimeSpan.Zero ? Task.Delay(wait) : Task.Run(() => { }));

        object view;
        lock (tally)
        {
            tally.Scheduled = false;
            tally.LastPush = Stopwatch.GetTimestamp();
            // The shape the bench reads from Hub's views: tallies in the staff view, the poll's tally in the room's.
            var poll = new { pollId = "bench", answers = tally.Answers, options = tally.Options.ToArray(), scale = Array.Empty<object>(), ranked = Array.Empty<object>() };
            view = new { seq = tally.Seq, tallies = new[] { poll }, poll = new { open = true, tally = poll } };
        }

        await Task.WhenAll(staff.SendAsync("Staff", sessionId, view), room.SendAsync("Room", sessionId, view));
    }

    private sealed class Tally
    {
        public readonly int[] Options = new int[4];
        public long Seq;
        public int Answers;
        public bool Scheduled;
        public long LastPush;
    }
}
