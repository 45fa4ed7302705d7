using System.Diagnostics;
using System.Text.Json;
using Hub.Bench.Hosting;
using Hub.Bench.Reporting;
using Hub.Bench.Scenarios;
using Hub.Bench.Targets;
using Microsoft.AspNetCore.SignalR.Client;

namespace Hub.Bench.Load;

/// <summary>
/// Cold start: store many boards (each with a few cards and a description, so there is a real state to read),
/// restart Hub, then open each board once, one after the other, and time each first Join — which has to
/// activate the board from storage (and its partnership, for the members, once per partnership). A few other
/// boards are joined first, so the timings are of activation, not of a fresh process's JIT.
/// </summary>
public static class ColdStart
{
    public static async Task<ColdStartResult> RunAsync(HubTarget hub, int boards, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentNullException.ThrowIfNull(log);
        log($"{Scenario.ColdStart} / {hub.Name}: store {boards} boards, restart, first join of each (load average {LoadRun.LoadAverage()})");
        var (warm, measured) = await hub.PrepareColdStartAsync(boards, log);
        var filling = Stopwatch.StartNew();
        await FillAsync(hub, measured);
        log($"  filled {measured.Count} boards with cards and descriptions ({filling.Elapsed.TotalSeconds:0.0} s)");

        var restarting = Stopwatch.StartNew();
        if (hub.CanRestart)
        {
            await hub.RestartAsync();
            log($"  restarted ({restarting.Elapsed.TotalSeconds:0.0} s)");
        }

        var loadAverage = LoadRun.LoadAverage();
        await hub.TouchAccountsAsync();
        var connections = new Dictionary<Account, HubConnection>();
        try
        {
            foreach (var account in measured.Select(m => m.Account).Concat(warm.Select(w => w.Account)).Distinct())
            {
                var connection = Seat.Connect(hub, account);
                await connection.StartAsync();
                connections[account] = connection;
            }

            var errors = new List<string>();
            foreach (var (board, account) in warm)
            {
                await JoinAsync(connections[account], board, errors);
            }

            var times = new List<long>(measured.Count);
            foreach (var (board, account) in measured.OrderBy(m => m.Board))
            {
                if (await JoinAsync(connections[account], board, errors) is { } ticks)
                {
                    times.Add(ticks);
                }
            }

            var result = new ColdStartResult(hub.Name, measured.Count, hub.CanRestart, Math.Round(restarting.Elapsed.TotalSeconds, 1), LatencySummary.Of(times),
                errors.Count, [.. errors.Take(5)], [.. hub.Processes.Select(p => new ServerFigures(p.Name, null, null,
                    p.WithDescendants ? null : ProcessStats.PeakRssMiB(p.Pid)))], loadAverage);
            log($"  {Summary.Line(result)}");
            return result;
        }
        finally
        {
            foreach (var connection in connections.Values)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>The same first joins against the relay (a group to join, nothing to load): the floor.</summary>
    public static async Task<ColdStartResult> RunAsync(RelayTarget relay, int boards, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(relay);
        ArgumentNullException.ThrowIfNull(log);
        var loadAverage = LoadRun.LoadAverage();
        await using var connection = Seat.Connect(relay, null);
        await connection.StartAsync();
        var errors = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            await JoinAsync(connection, Guid.NewGuid(), errors);
        }

        var times = new List<long>(boards);
        for (var i = 0; i < boards; i++)
        {
            if (await JoinAsync(connection, Guid.NewGuid(), errors) is { } ticks)
            {
                times.Add(ticks);
            }
        }

        var result = new ColdStartResult(relay.Name, boards, false, 0, LatencySummary.Of(times), errors.Count, [.. errors.Take(5)], [], loadAverage);
        log($"{Scenario.ColdStart} / relay: {Summary.Line(result)}");
        return result;
    }

    private static async Task<long?> JoinAsync(HubConnection connection, Guid board, List<string> errors)
    {
        try
        {
            var started = Stopwatch.GetTimestamp();
            await connection.InvokeAsync<JsonElement>("Join", board, 0L);
            var ticks = Stopwatch.GetTimestamp() - started;
            await connection.InvokeAsync("Leave", board);
            return ticks;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            errors.Add($"{board}: {ex.GetType().Name}: {ex.Message}");
            return null;
        }
    }

    /// <summary>Three cards on every board, one of them with a description typed in, through the hub as people do.</summary>
    private static async Task FillAsync(HubTarget hub, IReadOnlyList<(Guid Board, Account Account)> boards)
    {
        var connections = new Dictionary<Account, HubConnection>();
        try
        {
            foreach (var account in boards.Select(b => b.Account).Distinct())
            {
                var connection = Seat.Connect(hub, account);
                await connection.StartAsync();
                connections[account] = connection;
            }

            var clientId = $"fill{Guid.NewGuid():N}"[..20];
            long number = 0;
            await Parallel.ForEachAsync(boards, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (b, _) =>
            {
                var connection = connections[b.Account];
                var joined = await connection.InvokeAsync<JsonElement>("Join", b.Board, 0L);
                long seq = joined.GetProperty("seq").GetInt64();
                for (var card = 0; card < 3; card++)
                {
                    var result = await connection.InvokeAsync<WireSubmitResult>("Submit", b.Board, new WireOpId(clientId, Interlocked.Increment(ref number)),
                        OpGenerator.AddCard($"card-{card}", $"Aktivitet {card + 1}: fællesspisning i medborgerhuset"));
                    seq = result.Seq ?? throw new InvalidOperationException($"addCard refused: {result.ErrorCode}: {result.Error}");
                }

                var description = new { type = "editCardDescription", cardId = "card-0", @base = seq, op = new object[] { "Vi mødes hver torsdag kl. 17. Frivillige laver maden, personalet inviterer borgerne og tager imod." } };
                var edited = await connection.InvokeAsync<WireSubmitResult>("Submit", b.Board, new WireOpId(clientId, Interlocked.Increment(ref number)), description);
                if (edited.Seq is null)
                {
                    throw new InvalidOperationException($"description refused: {edited.ErrorCode}: {edited.Error}");
                }

                await connection.InvokeAsync("Leave", b.Board);
            });
        }
        finally
        {
            foreach (var connection in connections.Values)
            {
                await connection.DisposeAsync();
            }
        }
    }
}
