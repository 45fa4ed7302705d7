using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Hub.Bench.Hosting;
using Hub.Bench.Reporting;
using Hub.Bench.Targets;
using Microsoft.AspNetCore.SignalR.Client;

namespace Hub.Bench.Load;

/// <summary>
/// The live session scenario (issue 13): a moderator and <c>participants</c> participants on one session, everyone
/// answering one poll once, at a random moment within <c>voteSeconds</c>. It reports how many answers were
/// acknowledged and the tally the moderator finally sees (exact: one per participant), the acknowledgement's latency,
/// the time from the last answer sent to the moderator's view showing them all, how many result pushes each
/// participant's connection received a second while answers came in (Hub coalesces them to at most four), and the
/// server processes' CPU and peak RSS. Against the relay the same connections do the same, through its session hub.
/// </summary>
public static class SessionRun
{
    private static readonly TimeSpan TallyTimeout = TimeSpan.FromSeconds(30);

    public static async Task<SessionRunResult> RunAsync(ITarget target, int participants, TimeSpan voteWithin, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(log);
        var loadAverage = LoadRun.LoadAverage();
        log($"session / {target.Name}: {participants} participants answering one poll within {voteWithin.TotalSeconds:0} s (load average {loadAverage})");
        SocketLimits.Check(participants + 1, serverInProcess: target.Processes.Count == 0);
        var plan = await target.PrepareSessionAsync(participants, log);
        foreach (var process in target.Processes.Where(p => !p.WithDescendants))
        {
            ProcessStats.ResetPeak(process.Pid);
        }

        var errors = new ConcurrentQueue<string>();
        var moderator = new Watcher(Seat.Connect(plan.Moderator.Address, target.SessionHubPath, plan.Moderator.Cookies), plan.PollId, errors.Enqueue);
        var room = plan.Participants.Select(p => new Watcher(Seat.Connect(p.Address, target.SessionHubPath, p.Cookies), plan.PollId, errors.Enqueue)).ToList();
        try
        {
            await moderator.OpenAsync(plan.SessionId, "staff");
            var connecting = Stopwatch.StartNew();
            await Parallel.ForEachAsync(room, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (w, _) => await w.OpenAsync(plan.SessionId, "participant"));
            log($"  {room.Count} participants connected ({connecting.Elapsed.TotalSeconds:0.0} s); answering");

            var cpuBefore = target.Processes.Select(Cpu).ToArray();
            var start = Stopwatch.GetTimestamp();
            var acks = new long[room.Count];
            var sentAt = new long[room.Count];
            var refusals = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
            var random = new Random(17);
            var delays = room.Select(_ => TimeSpan.FromTicks((long)(random.NextDouble() * voteWithin.Ticks))).ToArray();
            await Task.WhenAll(room.Select(async (watcher, i) =>
            {
                await Task.Delay(delays[i]);
                var op = JsonSerializer.SerializeToElement(new
                {
                    type = "submitAnswer",
                    pollId = plan.PollId,
                    answerId = $"a{i.ToString(CultureInfo.InvariantCulture)}",
                    choices = new[] { i % plan.Options },
                    scale = Array.Empty<int?>(),
                    words = Array.Empty<string>(),
                    text = (string?)null,
                });
                sentAt[i] = Stopwatch.GetTimestamp();
                try
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                    var result = await watcher.Connection.InvokeAsync<WireSubmitResult>("Submit", plan.SessionId,
                        new WireOpId($"p{i.ToString(CultureInfo.InvariantCulture)}", 1), op, timeout.Token);
                    if (result.Seq is not null && result.ErrorCode is null)
                    {
                        acks[i] = Stopwatch.GetTimestamp() - sentAt[i];
                    }
                    else
                    {
                        refusals.AddOrUpdate(result.ErrorCode ?? "duplicate", 1, (_, n) => n + 1);
                    }
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    errors.Enqueue($"{ex.GetType().Name}: {ex.Message}");
                }
            }));

            var acked = acks.Count(a => a > 0);
            var lastSent = sentAt.Max();
            var waiting = Stopwatch.StartNew();
            while (moderator.Answers < acked && waiting.Elapsed < TallyTimeout)
            {
                await Task.Delay(10);
            }

            var tallyAt = moderator.Answers >= acked ? moderator.AnswersAt : Stopwatch.GetTimestamp();
            var cpuAfter = target.Processes.Select(Cpu).ToArray();
            var seconds = Stopwatch.GetElapsedTime(start, tallyAt).TotalSeconds;
            var pushes = room.Select(w => w.PushesBetween(start, tallyAt) / Math.Max(seconds, 0.001)).ToArray();
            var servers = target.Processes.Select((p, i) =>
            {
                var cpu = cpuAfter[i] - cpuBefore[i];
                return new ServerFigures(p.Name, cpu is null ? null : Math.Round(cpu.Value, 2), cpu is null ? null : Math.Round(cpu.Value / seconds, 2),
                    p.WithDescendants ? null : ProcessStats.PeakRssMiB(p.Pid) is { } rss ? Math.Round(rss, 1) : null);
            }).ToArray();
            var result = new SessionRunResult(target.Name, target is HubTarget hub ? hub.WebAddresses.Count : 1, room.Count, acked,
                new SortedDictionary<string, int>(refusals, StringComparer.Ordinal), errors.Count,
                moderator.Answers, moderator.OptionsSum, moderator.Answers == room.Count && moderator.OptionsSum == room.Count,
                LatencySummary.Of(acks.Where(a => a > 0)), Math.Round(Stopwatch.GetElapsedTime(lastSent, tallyAt).TotalMilliseconds, 1),
                Math.Round(pushes.Average(), 2), Math.Round(pushes.Max(), 2), Math.Round(seconds, 2), servers, loadAverage,
                [.. errors.Take(5)]);
            log($"  {Summary.Line(result)}");
            return result;
        }
        finally
        {
            await moderator.DisposeAsync();
            await Parallel.ForEachAsync(room, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (w, _) => await w.DisposeAsync());
        }
    }

    private static double? Cpu(ServerProcess process)
    {
        var pids = process.WithDescendants ? ProcessStats.WithDescendants(process.Pid) : [process.Pid];
        var total = 0.0;
        foreach (var pid in pids)
        {
            if (ProcessStats.CpuSeconds(pid) is { } seconds)
            {
                total += seconds;
            }
            else if (pid == process.Pid)
            {
                return null;
            }
        }

        return total;
    }

    /// <summary>One connection on the session: it counts the room's pushes, and reads the poll's tally from the
    /// moderators' view (Hub's StaffView, or the relay's of the same shape).</summary>
    private sealed class Watcher : IAsyncDisposable
    {
        private readonly string _pollId;
        private readonly ConcurrentQueue<long> _pushes = new();

        public Watcher(HubConnection connection, string pollId, Action<string> error)
        {
            Connection = connection;
            _pollId = pollId;
            connection.ServerTimeout = TimeSpan.FromSeconds(60);
            connection.On<Guid, JsonElement>("Room", (_, _) => _pushes.Enqueue(Stopwatch.GetTimestamp()));
            connection.On<Guid, JsonElement>("Staff", (_, view) => OnStaff(view));
            connection.On<Guid, JsonElement>("Presence", (_, _) => { });
            connection.On<Guid>("Revoked", _ => error("revoked"));
            connection.Closed += ex =>
            {
                error($"closed: {ex?.Message}");
                return Task.CompletedTask;
            };
        }

        public HubConnection Connection { get; }

        public int Answers { get; private set; }

        public int OptionsSum { get; private set; }

        /// <summary>When <see cref="Answers"/> last grew.</summary>
        public long AnswersAt { get; private set; }

        public async Task OpenAsync(Guid sessionId, string audience)
        {
            await Connection.StartAsync();
            await Connection.InvokeAsync<JsonElement>("Open", sessionId, audience);
        }

        public int PushesBetween(long from, long to) => _pushes.Count(t => t >= from && t <= to);

        public async ValueTask DisposeAsync() => await Connection.DisposeAsync();

        private void OnStaff(JsonElement view)
        {
            var at = Stopwatch.GetTimestamp();
            if (!view.TryGetProperty("tallies", out var tallies))
            {
                return;
            }

            foreach (var tally in tallies.EnumerateArray())
            {
                if (tally.GetProperty("pollId").GetString() == _pollId)
                {
                    var answers = tally.GetProperty("answers").GetInt32();
                    var options = tally.GetProperty("options").EnumerateArray().Sum(o => o.GetInt32());
                    if (answers > Answers)
                    {
                        (Answers, OptionsSum, AnswersAt) = (answers, options, at);
                    }
                }
            }
        }
    }
}
