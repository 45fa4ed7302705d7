using System.Reflection;
using Hub.Bench.Relay;
using Hub.Bench.Scenarios;

namespace Hub.Bench.Targets;

/// <summary>The bare SignalR relay (<see cref="RelayHub"/>): a child process, or inside the bench (smoke test).</summary>
public sealed class RelayTarget : ITarget
{
    private readonly ProcessNode? _process;
    private readonly WebApplication? _app;

    private RelayTarget(Uri address, ProcessNode? process, WebApplication? app)
    {
        Address = address;
        _process = process;
        _app = app;
    }

    public string Name => "relay";

    public bool IsRelay => true;

    public Uri Address { get; }

    public string HubPath => RelayHub.Path;

    public IReadOnlyList<ServerProcess> Processes => _process is null ? [] : [new ServerProcess("relay", _process.Pid)];

    public static async Task<RelayTarget> StartProcessAsync()
    {
        // This program again, as the relay server (Hub.Bench relay).
        var process = ProcessNode.StartAssembly("relay", Assembly.GetEntryAssembly()!.Location, ["relay"]);
        await process.WaitUntilReadyAsync(TimeSpan.FromSeconds(60), "health");
        return new RelayTarget(process.Address!, process, null);
    }

    public static async Task<RelayTarget> StartInProcessAsync()
    {
        var (app, address) = await RelayServer.StartInProcessAsync();
        return new RelayTarget(address, null, app);
    }

    /// <summary>No accounts, no boards to make: a group per board, the same seats.</summary>
    public Task<IReadOnlyList<SeatPlan>> PrepareAsync(Scenario scenario, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var boards = Enumerable.Range(0, scenario.Boards).Select(_ => Guid.NewGuid()).ToArray();
        IReadOnlyList<SeatPlan> seats = [.. boards.SelectMany(b => Enumerable.Range(0, scenario.UsersPerBoard).Select(j => new SeatPlan(b, j, null)))];
        return Task.FromResult(seats);
    }

    public string SessionHubPath => RelaySessionHub.Path;

    /// <summary>No accounts and no session to make: a group per session, the same connections.</summary>
    public Task<SessionPlan> PrepareSessionAsync(int participants, Action<string> log)
    {
        var seat = new SessionSeat(Address, null);
        return Task.FromResult(new SessionPlan(Guid.NewGuid(), "bench", 4, seat, [.. Enumerable.Repeat(seat, participants)]));
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
