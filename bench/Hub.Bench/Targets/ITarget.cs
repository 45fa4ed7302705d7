using System.Net;
using Hub.Bench.Scenarios;

namespace Hub.Bench.Targets;

/// <summary>A server process whose CPU time and peak memory the bench reports (with its children: PostgreSQL).</summary>
public sealed record ServerProcess(string Name, int Pid, bool WithDescendants = false);

/// <summary>A signed-in person: their cookies (shared by all their connections) and an HTTP client.</summary>
public sealed record Account(string Email, string UserId, string DisplayName, CookieContainer Cookies, HttpClient Http);

/// <summary>One virtual user's place: a board, their seat on it (which names their card), and who they are.</summary>
public sealed record SeatPlan(Guid BoardId, int Seat, Account? Account);

/// <summary>Where a live session connection goes: a web node, and the browser's cookies there (none for the relay).</summary>
public sealed record SessionSeat(Uri Address, CookieContainer? Cookies);

/// <summary>A live session made for the session scenario: its poll (the current step; <see cref="Options"/> choices),
/// the moderator's connection and the participants' (each joined by the session's code, for Hub).</summary>
public sealed record SessionPlan(Guid SessionId, string PollId, int Options, SessionSeat Moderator, IReadOnlyList<SessionSeat> Participants);

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

    /// <summary>The live session hub (Hub's, or the relay's session hub).</summary>
    string SessionHubPath { get; }

    /// <summary>Makes a live session with one poll open, a moderator and <paramref name="participants"/> participants,
    /// spread over the web nodes in turn.</summary>
    Task<SessionPlan> PrepareSessionAsync(int participants, Action<string> log);
}
