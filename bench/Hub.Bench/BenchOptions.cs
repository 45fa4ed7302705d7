using System.Globalization;
using Hub.Bench.Scenarios;
using Hub.Bench.Targets;

namespace Hub.Bench;

/// <summary>What to run, from the command line (<c>--help</c> lists it).</summary>
public sealed record BenchOptions
{
    public const string Usage = """
        Hub.Bench — load clients against Hub and against a bare SignalR relay, alternating, on loopback.

          dotnet run -c Release --project bench/Hub.Bench -- all
          dotnet run -c Release --project bench/Hub.Bench -- workshop typing --modes cluster --duration 10

        scenarios: all | workshop | municipality | typing | coldstart | connections | session | smoke
                   (default and "all": workshop municipality typing coldstart; connections and session by name)
        --modes embedded,cluster    which Hub modes to start (default: both)
        --target-url URL            run against a Hub already running there instead (its Hub:Limits must be raised)
        --warmup SECONDS            sending before the measurement starts (default 5)
        --duration SECONDS          measured steady state per run (default 20)
        --rounds N                  relay and Hub alternate N times per scenario; medians reported (default 1)
        --coldstart-boards N        stored boards activated in the cold-start scenario (default 1000)
        --connections N             connections in the connections scenario, 20 a board, 1 % sending (default 10000)
        --participants N            participants in the session scenario (default 1000)
        --vote-seconds SECONDS      the session scenario's participants all answer within this time (default 10)
        --web-nodes N               web node processes in cluster mode (default 1; the session scenario spreads over them)
        --protocol json|msgpack     the hub protocol of every bench connection, relay and Hub alike (default json)
        --web-gc SETTING            the web processes' GC: default | workstation | server | conserve (docs/decisions/026)
        --out FILE                  the JSON result (default bench/results/bench-<time>.json)
        --in-process                run Hub (embedded) and the relay inside this process (no server CPU/RSS figures)
        --admin-ops on|off          Orleans' dashboard and /metrics mapped (on, as shipped) or absent (default on)
        """;

    public IReadOnlyList<string> Scenarios { get; init; } = [.. Scenario.Steady.Select(s => s.Name), Scenario.ColdStart];

    public IReadOnlyList<string> Modes { get; init; } = ["embedded", "cluster"];

    public Uri? TargetUrl { get; init; }

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);

    public int ColdStartBoards { get; init; } = 1000;

    public int Connections { get; init; } = 10_000;

    public int Participants { get; init; } = 1_000;

    public TimeSpan VoteWithin { get; init; } = TimeSpan.FromSeconds(10);

    public int WebNodes { get; init; } = 1;

    public string WebGc { get; init; } = "default";

    public string Protocol { get; init; } = "json";

    /// <summary>The board scenarios chosen, with the sizes given on the command line.</summary>
    public IReadOnlyList<Scenario> Steady =>
        [.. Scenarios.Select(name => name == "connections" ? Scenario.ManyConnections(Connections) : Scenario.Find(name)).OfType<Scenario>()];

    /// <summary>How many times each scenario runs against the relay and then Hub: on a shared 2-core machine one
    /// pair is noisy (the relay's p99 alone varied 8–94 ms between runs), so the summary gives medians.</summary>
    public int Rounds { get; init; } = 1;

    public string? Output { get; init; }

    public bool InProcess { get; init; }

    public string Arguments { get; init; } = "";

    /// <summary>Whether the Hubs started run Orleans' dashboard and the metrics (docs/decisions/017).</summary>
    public bool AdminOperations { get; init; } = true;

    public static BenchOptions Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new BenchOptions { Arguments = string.Join(' ', args) };
        var scenarios = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            double Seconds() => double.Parse(Value(), CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--modes":
                    options = options with { Modes = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) };
                    break;
                case "--target-url":
                    options = options with { TargetUrl = new Uri(Value()), Modes = ["url"] };
                    break;
                case "--warmup":
                    options = options with { Warmup = TimeSpan.FromSeconds(Seconds()) };
                    break;
                case "--duration":
                    options = options with { Duration = TimeSpan.FromSeconds(Seconds()) };
                    break;
                case "--coldstart-boards":
                    options = options with { ColdStartBoards = int.Parse(Value(), CultureInfo.InvariantCulture) };
                    break;
                case "--connections":
                    options = options with { Connections = int.Parse(Value(), CultureInfo.InvariantCulture) is var c and >= 20 and <= 50_000 ? c : throw new ArgumentException("--connections is 20 to 50000.") };
                    break;
                case "--participants":
                    options = options with { Participants = int.Parse(Value(), CultureInfo.InvariantCulture) is var p and >= 1 and <= 20_000 ? p : throw new ArgumentException("--participants is 1 to 20000.") };
                    break;
                case "--vote-seconds":
                    options = options with { VoteWithin = TimeSpan.FromSeconds(Seconds()) };
                    break;
                case "--web-nodes":
                    options = options with { WebNodes = int.Parse(Value(), CultureInfo.InvariantCulture) is var w and >= 1 and <= 4 ? w : throw new ArgumentException("--web-nodes is 1 to 4.") };
                    break;
                case "--protocol":
                    options = options with { Protocol = Value() is "json" or "msgpack" ? args[i] : throw new ArgumentException("--protocol is json or msgpack.") };
                    break;
                case "--web-gc":
                    options = options with { WebGc = Value() is var gc && HubTarget.WebGcSettings.Contains(gc) ? gc : throw new ArgumentException($"--web-gc is one of {string.Join(", ", HubTarget.WebGcSettings)}.") };
                    break;
                case "--rounds":
                    options = options with { Rounds = int.Parse(Value(), CultureInfo.InvariantCulture) is var n and >= 1 and <= 20 ? n : throw new ArgumentException("--rounds is 1 to 20.") };
                    break;
                case "--out":
                    options = options with { Output = Value() };
                    break;
                case "--admin-ops":
                    options = options with
                    {
                        AdminOperations = Value() switch { "on" => true, "off" => false, _ => throw new ArgumentException("--admin-ops is on or off.") },
                    };
                    break;
                case "--in-process":
                    options = options with { InProcess = true, Modes = ["embedded"] };
                    break;
                case "all":
                    scenarios.AddRange([.. Scenario.Steady.Select(s => s.Name), Scenario.ColdStart]);
                    break;
                case var name when Scenario.Find(name) is not null || name == Scenario.ColdStart || name == Scenario.Session:
                    scenarios.Add(name.ToLowerInvariant());
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'.");
            }
        }

        foreach (var mode in options.Modes)
        {
            if (mode is not ("embedded" or "cluster" or "url"))
            {
                throw new ArgumentException($"Unknown mode '{mode}': embedded or cluster.");
            }
        }

        return scenarios.Count > 0 ? options with { Scenarios = [.. scenarios.Distinct()] } : options;
    }
}
