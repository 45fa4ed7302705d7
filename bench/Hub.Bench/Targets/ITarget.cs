using System.Net;
using Hub.Bench.Scenarios;

namespace Hub.Bench.Targets;

/// <summary>A server process whose CPU time and peak memory the bench reports (with its children: PostgreSQL).</summary>
public sealed record ServerProcess(string Name, int Pid, bool WithDescendants = false);

/// <summary>A signed-in person: their cookies (shared by all their connections) and an HTTP client.</summary>
public sealed record Account(string Email, string UserId, string DisplayName, CookieContainer Cookies, HttpClient Http);

/// <summary>One virtual user's place: a board, their seat on it (which names their card), and who they are.</summary>
public sealed record SeatPlan(Guid BoardId, int Seat, Account? Account);

/// <summary>What the bench runs a scenario against: Hub (a mode) or the bare relay.</summary>
public interface ITarget : IAsyncDisposable
{
    /// <summary>relay, embedded, cluster or url.</summary>
    string Name { get; }

    bool IsRelay { get; }

    Uri Address { get; }

    string HubPath { get; }

    /// <summary>The server processes to read CPU and memory from; empty when the server runs in the bench's process.</summary>
    IReadOnlyList<ServerProcess> Processes { get; }

    /// <summary>Makes the boards and people of a scenario: who sits on which board.</summary>
    Task<IReadOnlyList<SeatPlan>> PrepareAsync(Scenario scenario, Action<string> log);
}
