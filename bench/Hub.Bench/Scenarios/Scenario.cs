namespace Hub.Bench.Scenarios;

/// <summary>What the virtual users send: the board mix (set a field, move a card, type in a description), or
/// typing only.</summary>
public enum OpMix
{
    Board,
    Typing,
}

/// <summary>
/// One load scenario: <see cref="Boards"/> boards with <see cref="UsersPerBoard"/> people each, every person
/// sending <see cref="OpsPerSecondPerUser"/> operations a second, one at a time as the browser client does.
/// </summary>
public sealed record Scenario(string Name, int Boards, int UsersPerBoard, double OpsPerSecondPerUser, OpMix Mix, string Description)
{
    /// <summary>A moderator's workshop: one board, fifty people, everyone editing.</summary>
    public static Scenario Workshop { get; } = new("workshop", 1, 50, 2, OpMix.Board, "1 board x 50 users x 2 ops/s");

    /// <summary>A municipality's day: many partnerships' boards open at once, each with a few people.</summary>
    public static Scenario Municipality { get; } = new("municipality", 200, 10, 0.2, OpMix.Board, "200 boards x 10 users x 0.2 ops/s (2,000 connections)");

    /// <summary>Everyone on one board typing into card descriptions at once.</summary>
    public static Scenario Typing { get; } = new("typing", 1, 20, 10, OpMix.Typing, "1 board x 20 users x 10 ops/s, description typing");

    /// <summary>The test command's smoke run: small, and about whether the tool still works, not speed.</summary>
    public static Scenario Smoke { get; } = new("smoke", 1, 5, 2, OpMix.Board, "1 board x 5 users x 2 ops/s");

    public const string ColdStart = "coldstart";

    public static IReadOnlyList<Scenario> Steady { get; } = [Workshop, Municipality, Typing];

    public static Scenario? Find(string name) =>
        Steady.Append(Smoke).FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    public int Connections => Boards * UsersPerBoard;

    public double OfferedOpsPerSecond => Connections * OpsPerSecondPerUser;
}
