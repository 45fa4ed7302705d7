namespace Hub.Bench.Scenarios;

/// <summary>What the virtual users send: the board mix (set a field, move a card, type in a description), or
/// typing only.</summary>
public enum OpMix
{
    Board,
    Typing,
}

/// <summary>
/// One load scenario: <see cref="Boards"/> boards with <see cref="UsersPerBoard"/> connections each, every person
/// sending <see cref="OpsPerSecondPerUser"/> operations a second, one at a time as the browser client does — or
/// only every <see cref="ActiveEvery"/>th connection sending, the others open and receiving, as browsers left open.
/// </summary>
public sealed record Scenario(string Name, int Boards, int UsersPerBoard, double OpsPerSecondPerUser, OpMix Mix, string Description)
{
    /// <summary>1: every connection sends; 100: one in a hundred does (seats 0, 100, 200, ... in board order).</summary>
    public int ActiveEvery { get; init; } = 1;

    /// <summary>How many different people hold a board's connections (null: one each). Fewer people with several tabs
    /// each make a big scenario's boards quicker to prepare (every member accepts an invitation).</summary>
    public int? PeoplePerBoard { get; init; }

    /// <summary>A moderator's workshop: one board, fifty people, everyone editing.</summary>
    public static Scenario Workshop { get; } = new("workshop", 1, 50, 2, OpMix.Board, "1 board x 50 users x 2 ops/s");

    /// <summary>A municipality's day: many partnerships' boards open at once, each with a few people.</summary>
    public static Scenario Municipality { get; } = new("municipality", 200, 10, 0.2, OpMix.Board, "200 boards x 10 users x 0.2 ops/s (2,000 connections)");

    /// <summary>Everyone on one board typing into card descriptions at once.</summary>
    public static Scenario Typing { get; } = new("typing", 1, 20, 10, OpMix.Typing, "1 board x 20 users x 10 ops/s, description typing");

    /// <summary>The test command's smoke run: small, and about whether the tool still works, not speed.</summary>
    public static Scenario Smoke { get; } = new("smoke", 1, 5, 2, OpMix.Board, "1 board x 5 users x 2 ops/s");

    /// <summary>Many open browsers on one web node (issue 17): 10,000 connections, 500 boards of 20, one connection in a
    /// hundred editing at 1 operation a second; what it costs per connection, and how the active ones fare.</summary>
    public static Scenario Connections10K { get; } = ManyConnections(10_000);

    public const string ColdStart = "coldstart";

    /// <summary>The live session scenario (<see cref="Load.SessionRun"/>): its own shape, not boards.</summary>
    public const string Session = "session";

    public static IReadOnlyList<Scenario> Steady { get; } = [Workshop, Municipality, Typing];

    public static Scenario? Find(string name) =>
        Steady.Append(Smoke).Append(Connections10K).FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The connections scenario with <paramref name="connections"/> connections (a multiple of 20; at least
    /// one board), 20 to a board held by 5 people, 1 % of them sending.</summary>
    public static Scenario ManyConnections(int connections)
    {
        var boards = Math.Max(1, connections / 20);
        return new Scenario("connections", boards, 20, 1, OpMix.Board,
            $"{boards} boards x 20 connections ({boards * 20}), 1 % sending 1 op/s, 5 people per board")
        {
            ActiveEvery = 100,
            PeoplePerBoard = 5,
        };
    }

    public int Connections => Boards * UsersPerBoard;

    /// <summary>The connections that send: seat numbers (in board order) divisible by <see cref="ActiveEvery"/>.</summary>
    public int ActiveConnections => (Connections + ActiveEvery - 1) / ActiveEvery;

    public bool IsActive(int seat) => seat % ActiveEvery == 0;

    public double OfferedOpsPerSecond => ActiveConnections * OpsPerSecondPerUser;
}
