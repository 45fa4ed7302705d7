using System.Globalization;
using System.Net;
using System.Text.Json;
using Hub.Bench.Load;
using Hub.Bench.Scenarios;
using Hub.Contracts.Partnerships;
using Hub.Contracts.Sessions;
using Hub.Web.Sessions;
using Microsoft.AspNetCore.SignalR.Client;
using Hub.Web.Accounts;
using Hub.Web.Partnerships;
using Hub.Web.Live;
using Hub.Web.Setup;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Hub.Bench.Targets;

/// <summary>
/// Hub as the bench runs it: embedded mode (one web process co-hosting a silo, SQLite) or cluster mode (its own
/// PostgreSQL with fsync on, one silo process and one web node process — the real binaries), or a running Hub
/// at a URL, or — for the smoke test — embedded inside the bench's own process. People sign up once and are
/// reused: a scenario's boards get members from a pool of accounts, several connections per account.
/// </summary>
public sealed class HubTarget : ITarget
{
    /// <summary>The limits are for people (docs/performance.md): a load test sends far more from one address and
    /// one account than a person does, so the bench raises them on the Hub it starts.</summary>
    public static readonly IReadOnlyDictionary<string, string> RaisedLimits = new Dictionary<string, string>
    {
        ["Hub__Limits__SignInPerMinute"] = "1000000",
        ["Hub__Limits__ApiPerSecond"] = "1000000",
        ["Hub__Limits__ApiBurst"] = "1000000",
        ["Hub__Limits__LivePerSecondPerConnection"] = "1000000",
        ["Hub__Limits__LiveBurstPerConnection"] = "1000000",
        ["Hub__Limits__LivePerSecondPerUser"] = "1000000",
        ["Hub__Limits__LiveBurstPerUser"] = "1000000",
        ["Hub__Limits__SessionJoinPerMinute"] = "1000000",
        ["Hub__Limits__SessionJoinBurst"] = "1000000",
        ["Logging__LogLevel__Default"] = "Warning",
    };

    /// <summary>What every Hub the bench starts gets: the raised limits, and mail to the bench's own SMTP server, where
    /// it reads the verification links of the accounts it makes.</summary>
    private static Dictionary<string, string> StartedEnvironment() =>
        new(RaisedLimits.Concat(TestMailServer.Shared.Environment).Concat(AdminOperationsEnvironment(AdminOperations)));

    /// <summary>
    /// Whether the Hubs the bench starts run Orleans' dashboard and the metrics (mapped, never viewed or scraped): on,
    /// as Hub ships, or off (<c>--admin-ops off</c>), to measure what they cost (issue 15: at most 5 %).
    /// </summary>
    public static bool AdminOperations { get; set; } = true;

    /// <summary>
    /// The garbage collector the web processes run with (<c>--web-gc</c>; docs/decisions/026-web-node-gc.md): "default"
    /// (what Hub.Web.csproj sets: Server GC with DATAS), "workstation", "server" (Server GC without DATAS: a heap per
    /// core, from the start) or "conserve" (the default and GCConserveMemory 5). Environment variables, which since
    /// .NET 9 take precedence over the runtimeconfig.json the build wrote.
    /// </summary>
    public static string WebGc { get; set; } = "default";

    public static IReadOnlyList<string> WebGcSettings { get; } = ["default", "workstation", "server", "conserve"];

    private static Dictionary<string, string> WebGcEnvironment() => WebGc switch
    {
        "workstation" => new() { ["DOTNET_gcServer"] = "0" },
        "server" => new() { ["DOTNET_gcServer"] = "1", ["DOTNET_GCDynamicAdaptationMode"] = "0" },
        "conserve" => new() { ["DOTNET_GCConserveMemory"] = "5" },
        _ => [],
    };

    private static Dictionary<string, string> AdminOperationsEnvironment(bool on) => new()
    {
        ["Hub__Admin__OrleansDashboard"] = on ? "true" : "false",
        ["Hub__Metrics__Enabled"] = on ? "true" : "false",
    };

    private const string Password = "bench-password-long-enough";

    private static readonly JsonSerializerOptions Json = CreateJson();

    private readonly List<Account> _accounts = [];
    private readonly Func<Task>? _restart;
    private readonly Func<ValueTask> _dispose;
    private readonly Func<IReadOnlyList<ServerProcess>> _processes;
    private int _partnerships;

    private HubTarget(string name, Uri address, Func<IReadOnlyList<ServerProcess>> processes, Func<Task>? restart, Func<ValueTask> dispose)
    {
        Name = name;
        Address = address;
        _processes = processes;
        _restart = restart;
        _dispose = dispose;
    }

    public string Name { get; }

    public bool IsRelay => false;

    public Uri Address { get; }

    public string HubPath => BoardHub.Path;

    public IReadOnlyList<ServerProcess> Processes => _processes();

    /// <summary>Every web node's address (cluster mode may run several); the first is <see cref="Address"/>.</summary>
    public IReadOnlyList<Uri> WebAddresses
    {
        get => _webAddresses ?? [Address];
        init => _webAddresses = value;
    }

    private readonly IReadOnlyList<Uri>? _webAddresses;

    public string SessionHubPath => SessionHub.Path;

    public bool CanRestart => _restart is not null;

    /// <summary>How many accounts scenarios share (at least one per person on the biggest board).</summary>
    public int AccountPool { get; init; } = 50;

    /// <summary>Embedded mode as its own process: Hub.Web.dll with a SQLite file in a temporary folder.</summary>
    public static async Task<HubTarget> StartEmbeddedAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"hub-bench-embedded-{Guid.NewGuid():N}");
        var environment = new Dictionary<string, string>(StartedEnvironment().Concat(WebGcEnvironment()))
        {
            ["Hub__Mode"] = "Embedded",
            ["Hub__Embedded__DatabasePath"] = Path.Combine(directory, "hub.db"),
            ["Hub__Silo__Port"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Hub__Silo__GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Hub__Silo__AdvertisedAddress"] = "127.0.0.1",
        };
        var port = FreePort.Next();
        var web = ProcessNode.StartWeb("hub web (embedded)", environment, port);
        await web.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
        return new HubTarget("embedded", web.Address!, () => [new ServerProcess("web+silo", web.Pid)],
            restart: async () =>
            {
                await web.StopAsync(TimeSpan.FromSeconds(60));
                await web.DisposeAsync();
                web = ProcessNode.StartWeb("hub web (embedded)", environment, port);
                await web.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
            },
            dispose: async () =>
            {
                await web.DisposeAsync();
                TryDelete(directory);
            });
    }

    /// <summary>Cluster mode: a fresh PostgreSQL (fsync on), one silo process, and <paramref name="webNodes"/> web node
    /// processes (the board scenarios use the first; the session scenario spreads its participants over all).</summary>
    public static async Task<HubTarget> StartClusterAsync(int webNodes = 1)
    {
        var postgres = await PostgresServer.StartAsync(durable: true);
        var connectionString = await postgres.CreateDatabaseAsync("hub");
        var common = new Dictionary<string, string>(StartedEnvironment())
        {
            ["Hub__Mode"] = "Cluster",
            ["ConnectionStrings__Hub"] = connectionString,
            [TestKeyRingSecret.Variable] = TestKeyRingSecret.Value,
        };
        var siloEnvironment = new Dictionary<string, string>(common)
        {
            ["Hub__Silo__Port"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Hub__Silo__GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Hub__Silo__AdvertisedAddress"] = "127.0.0.1",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        };
        // The web processes alone get the GC setting under test (--web-gc); the silo keeps its own.
        var webEnvironment = new Dictionary<string, string>(common.Concat(WebGcEnvironment()));
        var ports = Enumerable.Range(0, Math.Max(1, webNodes)).Select(_ => FreePort.Next()).ToArray();

        async Task<(ProcessNode Silo, ProcessNode[] Webs)> StartAsync()
        {
            var silo = ProcessNode.StartSilo("hub silo", siloEnvironment);
            await silo.WaitForOutputAsync("Application started", TimeSpan.FromSeconds(120));
            var webs = ports.Select((port, i) => ProcessNode.StartWeb(i == 0 ? "hub web (cluster)" : $"hub web {i + 1} (cluster)", webEnvironment, port)).ToArray();
            foreach (var web in webs)
            {
                await web.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
            }

            return (silo, webs);
        }

        var (silo, webs) = await StartAsync();
        return new HubTarget("cluster", webs[0].Address!,
            () => [new ServerProcess("silo", silo.Pid), .. webs.Select((w, i) => new ServerProcess(i == 0 ? "web" : $"web {i + 1}", w.Pid)),
                new ServerProcess("postgres", postgres.Pid, WithDescendants: true)],
            restart: async () =>
            {
                foreach (var web in webs)
                {
                    await web.StopAsync(TimeSpan.FromSeconds(60));
                }

                await silo.StopAsync(TimeSpan.FromSeconds(60));
                foreach (var web in webs)
                {
                    await web.DisposeAsync();
                }

                await silo.DisposeAsync();
                (silo, webs) = await StartAsync();
            },
            dispose: async () =>
            {
                foreach (var web in webs)
                {
                    await web.DisposeAsync();
                }

                await silo.DisposeAsync();
                await postgres.DisposeAsync();
            })
        {
            WebAddresses = [.. webs.Select(w => w.Address!)],
        };
    }

    /// <summary>Embedded mode inside this process (the smoke test): no separate CPU or memory figures.</summary>
    public static async Task<HubTarget> StartInProcessAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"hub-bench-inproc-{Guid.NewGuid():N}");
        var app = HubWebApp.Build([
            "--urls=http://127.0.0.1:0", "--Hub:Mode=Embedded",
            $"--Hub:Embedded:DatabasePath={Path.Combine(directory, "hub.db")}",
            $"--Hub:Silo:Port={FreePort.Next()}", $"--Hub:Silo:GatewayPort={FreePort.Next()}",
            .. StartedEnvironment().Select(l => $"--{l.Key.Replace("__", ":", StringComparison.Ordinal)}={l.Value}")]);
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        // Few accounts: signing up hashes each password on purpose slowly, and the smoke runs are small.
        return new HubTarget("embedded (in-process)", address, () => [], restart: null, dispose: async () =>
        {
            await app.StopAsync();
            await app.DisposeAsync();
            TryDelete(directory);
        })
        {
            AccountPool = 10,
        };
    }

    /// <summary>A Hub someone else runs (its limits must be raised there: see docs/performance.md).</summary>
    public static HubTarget AtUrl(Uri address) => new("url", address, () => [], restart: null, dispose: () => ValueTask.CompletedTask);

    public async Task<IReadOnlyList<SeatPlan>> PrepareAsync(Scenario scenario, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(log);
        var people = scenario.PeoplePerBoard ?? scenario.UsersPerBoard;
        var perBoard = scenario.UsersPerBoard;
        await EnsureAccountsAsync(Math.Max(AccountPool, people), log);
        var seats = new SeatPlan[scenario.Connections];
        await Parallel.ForEachAsync(Enumerable.Range(0, scenario.Boards), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (board, _) =>
        {
            var members = Enumerable.Range(0, people).Select(j => _accounts[((board * people) + j) % _accounts.Count]).ToArray();
            var boardId = await CreatePartnershipAsync(members[0], $"{scenario.Name} {board + 1}", members[1..]);
            for (var j = 0; j < perBoard; j++)
            {
                // More connections than people: the same people in several tabs.
                seats[(board * perBoard) + j] = new SeatPlan(boardId, j, members[j % people]);
            }
        });
        return seats;
    }

    /// <summary>
    /// The boards of the cold-start scenario: <paramref name="boards"/> boards over partnerships of twenty boards
    /// each (the most a partnership may have), coordinated by a few accounts; and a partnership more whose boards
    /// warm the restarted process up (JIT, connections) before the measured first joins.
    /// </summary>
    public async Task<(IReadOnlyList<(Guid Board, Account Account)> Warm, IReadOnlyList<(Guid Board, Account Account)> Measured)> PrepareColdStartAsync(int boards, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(log);
        await EnsureAccountsAsync(Math.Max(AccountPool, 10), log);
        var perPartnership = PartnershipGrainLimits.BoardsMax;
        var partnerships = ((boards + perPartnership - 1) / perPartnership) + 1;
        var made = new List<(Guid, Account)>[partnerships];
        await Parallel.ForEachAsync(Enumerable.Range(0, partnerships), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (p, _) =>
        {
            var coordinator = _accounts[p % 10];
            var first = await CreatePartnershipAsync(coordinator, $"coldstart {p + 1}", []);
            var list = new List<(Guid, Account)> { (first, coordinator) };
            var partnershipId = _lastPartnership[first];
            for (var b = 1; b < perPartnership; b++)
            {
                using var response = await coordinator.Http.PostAsJsonAsync($"/api/partnerships/{partnershipId}/boards", new AddBoardRequest($"Tavle {b + 1}"), Json);
                var board = await ReadAsync<Contracts.Partnerships.BoardRef>(response);
                list.Add((board.BoardId, coordinator));
            }

            made[p] = list;
        });
        log($"  made {partnerships} partnerships with {partnerships * perPartnership} boards");
        return (made[^1], [.. made[..^1].SelectMany(l => l).Take(boards)]);
    }

    /// <summary>
    /// A session owned by a partnership of the first account, with one single-choice poll of four options on its only
    /// step (current, results shown to the room); the moderator is that account. Each participant joins by the code as
    /// a guest on their web node (in turn over <see cref="WebAddresses"/>), with a browser of their own: the cookie
    /// the join gives is who they are on that session.
    /// </summary>
    public async Task<SessionPlan> PrepareSessionAsync(int participants, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(log);
        await EnsureAccountsAsync(1, log);
        var moderator = _accounts[0];
        var boardId = await CreatePartnershipAsync(moderator, "session", []);
        var details = new SessionDetails("Bench-møde", new SessionOwner(_lastPartnership[boardId], null, null), false);
        using var created = await moderator.Http.PostAsJsonAsync("/api/sessions", details, Json);
        var session = (await ReadAsync<StaffView>(created)).Session;

        const string PollId = "bench";
        await using (var staff = await OpenStaffAsync(session.Id, moderator))
        {
            foreach (SessionOp op in (SessionOp[])[
                new AddPoll(PollId, PollKind.Single, "Hvad vælger du?", ["A", "B", "C", "D"], 1, [], 0, 0, "", "", Anonymous: true, HoldForApproval: false, ResultsShown: true),
                new AddStep("vote", "Afstemning", StepKind.Poll, 5, "", "", PollId, null),
                new GoToStep(0)])
            {
                var result = await staff.InvokeAsync<WireSubmitResult>("Submit", session.Id, new WireOpId("bench-moderator", ++_moderatorOps),
                    JsonSerializer.SerializeToElement(op, Json));
                if (result.Seq is null)
                {
                    throw new InvalidOperationException($"Setting up the session was refused: {result.ErrorCode}: {result.Error}");
                }
            }
        }

        var started = DateTime.UtcNow;
        var seats = new SessionSeat[participants];
        await Parallel.ForEachAsync(Enumerable.Range(0, participants), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var address = WebAddresses[i % WebAddresses.Count];
            var cookies = new CookieContainer();
            using var http = new HttpClient(new AntiforgeryHandler(new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true }))
            {
                BaseAddress = address,
                Timeout = TimeSpan.FromSeconds(60),
            };
            using var joined = await http.PostAsJsonAsync("/api/sessions/join",
                new JoinSessionRequest(session.Code, $"Deltager {(i + 1).ToString(CultureInfo.InvariantCulture)}", null), Json);
            await ReadAsync<SessionEntry>(joined);
            seats[i] = new SessionSeat(address, cookies);
        });
        log($"  session {session.Code}: {participants} participants joined by code over {WebAddresses.Count} web node(s) ({(DateTime.UtcNow - started).TotalSeconds:0.0} s)");
        return new SessionPlan(session.Id, PollId, 4, new SessionSeat(Address, moderator.Cookies), seats);
    }

    private long _moderatorOps;

    private async Task<HubConnection> OpenStaffAsync(Guid sessionId, Account moderator)
    {
        var connection = Seat.Connect(Address, SessionHub.Path, moderator.Cookies);
        await connection.StartAsync();
        await connection.InvokeAsync<JsonElement>("Open", sessionId, "staff");
        return connection;
    }

    public async Task RestartAsync()
    {
        if (_restart is null)
        {
            throw new InvalidOperationException($"The bench did not start the Hub at {Address}, so it cannot restart it.");
        }

        await _restart();
    }

    /// <summary>After a restart: every account's session is checked once (account and session grains), so that the
    /// measured joins activate boards, not people.</summary>
    public async Task TouchAccountsAsync()
    {
        foreach (var account in _accounts)
        {
            using var response = await account.Http.GetAsync("/api/account/me");
            response.EnsureSuccessStatusCode();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var account in _accounts)
        {
            account.Http.Dispose();
        }

        await _dispose();
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, Guid> _lastPartnership = new();

    private async Task<Guid> CreatePartnershipAsync(Account coordinator, string name, Account[] members)
    {
        var number = Interlocked.Increment(ref _partnerships);
        var details = new PartnershipDetails
        {
            Name = $"Bench {number.ToString(CultureInfo.InvariantCulture)}: {name}",
            Municipality = "Benchby Kommune",
            Area = PartnershipArea.VulnerableAdults,
            Status = PartnershipStatus.Active,
        };
        using var created = await coordinator.Http.PostAsJsonAsync("/api/partnerships", new CreatePartnershipRequest(details, Side.Municipality), Json);
        var partnership = await ReadAsync<PartnershipSnapshot>(created);
        // One link for all of them (adding by e-mail would mail each one an invitation of their own).
        var joining = members.Where(m => m.UserId != coordinator.UserId).DistinctBy(m => m.UserId).ToArray();
        if (joining.Length > 0)
        {
            using var invited = await coordinator.Http.PostAsJsonAsync($"/api/partnerships/{partnership.Id}/invites",
                new InviteRequest(Side.VoluntaryOrganisation, MemberRole.Member, joining.Length, 1), Json);
            var secret = (await ReadAsync<InviteLink>(invited)).Path["/invite/".Length..];
            foreach (var member in joining)
            {
                using var accepted = await member.Http.PostAsJsonAsync($"/api/invites/{secret}/accept", new AcceptInviteRequest(null, null, null), Json);
                await ReadAsync<PartnershipSnapshot>(accepted);
            }
        }

        var boardId = partnership.Boards[0].BoardId;
        _lastPartnership[boardId] = partnership.Id;
        return boardId;
    }

    /// <summary>Registers bench-NNNN@bench.example and follows the link mailed to the bench's SMTP server (or signs in,
    /// when the Hub has the account from an earlier run: then the mail says so). A Hub at a URL must send its mail to
    /// this SMTP server for new accounts. Registration hashes the password on purpose slowly (PBKDF2), so there are
    /// few accounts, made four at a time.</summary>
    private async Task EnsureAccountsAsync(int count, Action<string> log)
    {
        if (_accounts.Count >= count)
        {
            return;
        }

        var started = DateTime.UtcNow;
        var made = new Account[count - _accounts.Count];
        var offset = _accounts.Count;
        await Parallel.ForEachAsync(Enumerable.Range(0, made.Length), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            var n = offset + i;
            var cookies = new CookieContainer();
            var http = new HttpClient(new AntiforgeryHandler(new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true }))
            {
                BaseAddress = Address,
                Timeout = TimeSpan.FromSeconds(60),
            };
            var email = $"bench-{n.ToString("D4", CultureInfo.InvariantCulture)}@bench.example";
            var name = $"Bench Person {(n + 1).ToString(CultureInfo.InvariantCulture)}";
            using var registered = await http.PostAsJsonAsync("/api/account/register", new RegisterRequest(email, name, Password), Json);
            await ReadAsync<MailSent>(registered);
            var mail = await TestMailServer.Shared.TakeAsync(email, timeout: TimeSpan.FromSeconds(60));
            Me me;
            if ((mail.TextBody ?? "").Contains("/verify/", StringComparison.Ordinal))
            {
                using var verified = await http.PostAsJsonAsync("/api/account/verify", new VerifyRequest(TestMailServer.LinkSecret(mail, "/verify/")), Json);
                me = (await ReadAsync<Verified>(verified)).Account;
            }
            else
            {
                using var signedIn = await http.PostAsJsonAsync("/api/account/sign-in", new SignInRequest(email, Password), Json);
                me = await ReadAsync<Me>(signedIn);
            }

            made[i] = new Account(email, me.UserId, me.DisplayName, cookies, http);
        });
        _accounts.AddRange(made);
        log($"  {made.Length} accounts signed in ({(DateTime.UtcNow - started).TotalSeconds:0.0} s)");
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {body}");
        }

        return JsonSerializer.Deserialize<T>(body, Json) ?? throw new InvalidOperationException($"Empty body: {body}");
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        WebSetup.ConfigureJson(options);
        return options;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file still held open by an exiting process: the temporary folder is cleaned by the OS later.
        }
    }
}

/// <summary>The partnership's limit on boards (PartnershipGrain.BoardsMax, not a contract constant).</summary>
internal static class PartnershipGrainLimits
{
    public const int BoardsMax = Hub.Grains.Partnerships.PartnershipGrain.BoardsMax;
}
