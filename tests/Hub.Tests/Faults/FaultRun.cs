using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Hub.Contracts.Agreements;
using Hub.Contracts.Boards;
using Hub.Contracts.Partnerships;
using Hub.Tests.Infrastructure;
using Hub.Web.Accounts;
using Hub.Web.Partnerships;
using Hub.Web.Live;

namespace Hub.Tests.Faults;

/// <summary>
/// One fault scenario's people and load, all through the proxy: a coordinator's partnership, four clients on
/// its board and four on its agreement (each with a cookie jar of its own, half of them sent to each web node
/// by Caddy's sticky cookie), and a probe that reads the partnership over HTTP four times a second.
/// </summary>
public sealed class FaultRun : IAsyncDisposable
{
    private const string Password = HubApi.Password;
    private const int BoardClients = 4;
    private const int AgreementClients = 4;
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    private readonly FaultCluster _cluster;
    private readonly StatusLog _statuses = new();
    private readonly List<BoardLoadClient> _boards = [];
    private readonly List<AgreementLoadClient> _agreements = [];
    private readonly List<int> _nodes = [];
    private readonly List<HttpClient> _http = [];
    private string _email = "";

    private FaultRun(FaultCluster cluster) => _cluster = cluster;

    public Guid PartnershipId { get; private set; }

    public Guid BoardId { get; private set; }

    private IEnumerable<ILoad> Clients => _boards.Select(b => (ILoad)new Load<BoardOp, Hub.Contracts.Boards.BoardSnapshot>(b))
        .Concat(_agreements.Select(a => (ILoad)new Load<AgreementOp, AgreementSnapshot>(a)));

    /// <summary>How many clients Caddy sends to web node <paramref name="index"/>.</summary>
    public int ClientsOn(int index) => _nodes.Count(n => n == index);

    public static async Task<FaultRun> StartAsync(FaultCluster cluster)
    {
        var run = new FaultRun(cluster);
        for (var node = 0; node < 2; node++)
        {
            await run.WaitUntilProxyRoutesToAsync(node);
        }

        var coordinator = run.Http(null);
        run._email = $"{Guid.NewGuid():N}@example.org";
        (await PostAsync(coordinator, "api/account/register", new RegisterRequest(run._email, "Koordinator", Password))).Dispose();
        // The account is made, and signed in, by the link mailed to the address (the web nodes send to the test's SMTP server).
        var token = await (await TestMailServer.SharedAsync()).TakeLinkAsync(run._email, "/verify/");
        (await PostAsync(coordinator, "api/account/verify", new VerifyRequest(token))).Dispose();
        using var created = await PostAsync(coordinator, "api/partnerships", new CreatePartnershipRequest(HubApi.Details("Fejltest"), Side.Municipality));
        var partnership = (await created.Content.ReadFromJsonAsync<PartnershipSnapshot>(Json.Options))!;
        run.PartnershipId = partnership.Id;
        run.BoardId = partnership.Boards[0].BoardId;

        for (var i = 0; i < BoardClients + AgreementClients; i++)
        {
            var cookies = new CookieContainer();
            cookies.Add(cluster.Proxy.Address, new Cookie("hub_node", CaddyProxy.CookieFor(cluster.Upstreams[i % 2])));
            var http = run.Http(cookies);
            (await PostAsync(http, "api/account/sign-in", new SignInRequest(run._email, Password))).Dispose();
            if (i < BoardClients)
            {
                var connection = await BoardLoadClient.ConnectAsync(cluster.Proxy.Address, BoardHub.Path, cookies, run._statuses);
                run._boards.Add(new BoardLoadClient(connection, run.BoardId, $"b{i}"));
                await run._boards[^1].JoinAsync();
            }
            else
            {
                var connection = await AgreementLoadClient.ConnectAsync(cluster.Proxy.Address, AgreementHub.Path, cookies, run._statuses);
                run._agreements.Add(new AgreementLoadClient(connection, run.PartnershipId, $"a{i}", i % 2 == 0 ? AgreementSection.Purpose : AgreementSection.TargetGroup));
                await run._agreements[^1].JoinAsync();
            }

            var node = cookies.GetCookies(cluster.Proxy.Address)["hub_node"]?.Value;
            run._nodes.Add(cluster.Upstreams.Select(CaddyProxy.CookieFor).ToList().IndexOf(node ?? ""));
        }

        return run;
    }

    /// <summary>
    /// Runs the load, breaks something, waits until every client has edited again, stops the load, and checks
    /// what the clients and a fresh join hold. Returns the times measured.
    /// </summary>
    public async Task<FaultResult> UnderLoadAsync(Func<FaultRun, Task> fault)
    {
        using var stop = new CancellationTokenSource();
        var load = Clients.Select(c => c.RunAsync(stop.Token)).ToList();
        var probe = ProbeAsync(stop.Token);
        await Eventually.UntilAsync("every client's first edits are acknowledged", Settle,
            () => Task.FromResult(Clients.All(c => c.Acknowledged.Count() >= 3)));

        var faultStart = DateTime.UtcNow;
        await fault(this);
        var faultEnd = DateTime.UtcNow;
        string? notRecovered = null;
        try
        {
            await Eventually.UntilAsync("every client edits again after the fault", Settle,
                () => Task.FromResult(Clients.All(c => c.Acknowledged.Count(a => a.FirstSent >= faultEnd) >= 3)));
        }
        catch (TimeoutException ex)
        {
            notRecovered = ex.Message;
        }

        await stop.CancelAsync();
        await Task.WhenAll(load).WaitAsync(Settle);
        var probes = await probe;

        var result = new FaultResult(faultStart, faultEnd, [.. Clients.Select(c => c.Stall(faultStart))], notRecovered, probes,
            [.. _statuses.ServerErrors.Select(e => $"{e.Request} {(int)e.Status}")], Clients.Sum(c => c.Reconnections),
            Clients.SelectMany(c => c.RetryCounts).GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.Sum(r => r.Value)), [.. _nodes]);
        Assert.True(notRecovered is null, $"{notRecovered}\n{result.Report("")}");
        await AssertConsistentAsync();
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in Clients)
        {
            await client.DisposeAsync();
        }

        foreach (var http in _http)
        {
            http.Dispose();
        }
    }

    /// <summary>Every acknowledged operation is there (or replaced by a later acknowledged one), nothing twice, no
    /// refusal, and every client's replica equals what a fresh join gets.</summary>
    private async Task AssertConsistentAsync()
    {
        Assert.All(Clients, c => Assert.Empty(c.Refusals));
        var cookies = new CookieContainer();
        var http = Http(cookies);
        (await PostAsync(http, "api/account/sign-in", new SignInRequest(_email, Password))).Dispose();
        await using var freshBoard = new BoardLoadClient(await BoardLoadClient.ConnectAsync(_cluster.Proxy.Address, BoardHub.Path, cookies, _statuses), BoardId, "fresh");
        await using var freshAgreement = new AgreementLoadClient(
            await AgreementLoadClient.ConnectAsync(_cluster.Proxy.Address, AgreementHub.Path, cookies, _statuses), PartnershipId, "fresh", AgreementSection.Purpose);
        await freshBoard.JoinAsync();
        await freshAgreement.JoinAsync();

        var board = freshBoard.Board!;
        foreach (var client in _boards)
        {
            await client.CatchUpAsync(freshBoard.Seq, TimeSpan.FromSeconds(20));
            Assert.Equal(freshBoard.Describe(), client.Describe());
            foreach (var card in client.Acknowledged.GroupBy(a => a.Op switch { AddCard add => add.CardId, SetCardText set => set.CardId, _ => "" }))
            {
                var last = card.MaxBy(a => a.Seq)!.Op;
                var title = last switch { AddCard add => add.Title, SetCardText set => set.Value, _ => "" };
                Assert.True(board.Cards.TryGetValue(card.Key, out var found), $"acknowledged card {card.Key} is missing");
                Assert.Equal(title, found.Title);
            }
        }

        var sections = freshAgreement.Sections;
        foreach (var client in _agreements)
        {
            await client.CatchUpAsync(freshAgreement.Seq, TimeSpan.FromSeconds(20));
            Assert.Equal(AgreementLoadClient.Describe(sections), AgreementLoadClient.Describe(client.Sections));
            foreach (var acknowledged in client.Acknowledged)
            {
                var marker = AgreementLoadClient.Marker(client.Tag, acknowledged.Id.Number);
                var text = sections[client.Section];
                var first = text.IndexOf(marker, StringComparison.Ordinal);
                Assert.True(first >= 0 && text.IndexOf(marker, first + 1, StringComparison.Ordinal) < 0, $"acknowledged {marker} is not in the text exactly once");
            }
        }
    }

    /// <summary>Reads the partnership four times a second until stopped; returns how many reads got which answer.</summary>
    private async Task<Dictionary<string, int>> ProbeAsync(CancellationToken stop)
    {
        var cookies = new CookieContainer();
        var http = Http(cookies);
        http.Timeout = TimeSpan.FromSeconds(15);
        var counts = new Dictionary<string, int>();
        await Eventually.SucceedsAsync("the probe signs in", Settle, async () =>
            (await http.PostAsJsonAsync("api/account/sign-in", new SignInRequest(_email, Password), Json.Options)).EnsureSuccessStatusCode());
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        while (!stop.IsCancellationRequested)
        {
            string answer;
            try
            {
                using var response = await http.GetAsync($"api/partnerships/{PartnershipId}", CancellationToken.None);
                answer = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                answer = ex.GetType().Name;
            }

            counts[answer] = counts.GetValueOrDefault(answer) + 1;
            try
            {
                await timer.WaitForNextTickAsync(stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return counts;
    }

    /// <summary>Whether Caddy sends a browser whose cookie names this web node there (it keeps the cookie) rather
    /// than to the other one (a new cookie): after a node restarts, its health check must pass first.</summary>
    private async Task WaitUntilProxyRoutesToAsync(int node)
    {
        var wanted = CaddyProxy.CookieFor(_cluster.Upstreams[node]);
        await Eventually.UntilAsync($"the proxy sends clients to web {node + 1}", Settle, async () =>
        {
            var cookies = new CookieContainer();
            cookies.Add(_cluster.Proxy.Address, new Cookie("hub_node", wanted));
            using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = _cluster.Proxy.Address, Timeout = TimeSpan.FromSeconds(5) };
            try
            {
                using var response = await http.GetAsync("health/ready");
                return response.IsSuccessStatusCode && cookies.GetCookies(_cluster.Proxy.Address)["hub_node"]?.Value == wanted;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        });
    }

    /// <summary>A request sent again while the cluster answers 503 (as a browser does after a restart), for the
    /// set-up steps between scenarios; any other failure fails the test.</summary>
    private static async Task<HttpResponseMessage> PostAsync<T>(HttpClient http, string path, T body) =>
        await Eventually.SucceedsAsync($"POST {path}", Settle, async () =>
        {
            var response = await http.PostAsJsonAsync(path, body, Json.Options);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                response.Dispose();
                throw new HttpRequestException($"{path}: 503");
            }

            return response.EnsureSuccessStatusCode();
        });

    private HttpClient Http(CookieContainer? cookies)
    {
        cookies ??= new CookieContainer();
        var http = new HttpClient(new Hub.Testing.AntiforgeryHandler(_statuses.Recording(new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true })))
        {
            BaseAddress = _cluster.Proxy.Address,
            Timeout = TimeSpan.FromSeconds(30),
        };
        _http.Add(http);
        return http;
    }

    /// <summary>What the run needs of a load client, whatever its document kind.</summary>
    private interface ILoad : IAsyncDisposable
    {
        IEnumerable<(DateTime FirstSent, DateTime Answered)> Acknowledged { get; }

        IEnumerable<string> Refusals { get; }

        IEnumerable<KeyValuePair<string, int>> RetryCounts { get; }

        int Reconnections { get; }

        Task RunAsync(CancellationToken stop);

        /// <summary>The longest this client went without an acknowledgement from <paramref name="since"/> on.</summary>
        TimeSpan Stall(DateTime since);
    }

    private sealed class Load<TOp, TSnapshot>(LoadClient<TOp, TSnapshot> client) : ILoad
        where TOp : class
        where TSnapshot : class
    {
        public IEnumerable<(DateTime FirstSent, DateTime Answered)> Acknowledged => client.Acknowledged.Select(a => (a.FirstSent, a.Answered));

        public IEnumerable<string> Refusals => client.Refusals;

        public IEnumerable<KeyValuePair<string, int>> RetryCounts => client.Retries;

        public int Reconnections => client.Reconnections;

        public Task RunAsync(CancellationToken stop) => client.RunAsync(stop);

        public TimeSpan Stall(DateTime since)
        {
            var answers = client.Acknowledged.Select(a => a.Answered).Where(t => t >= since).Order().Prepend(since).ToList();
            return answers.Zip(answers.Skip(1), (a, b) => b - a).DefaultIfEmpty(TimeSpan.Zero).Max();
        }

        public ValueTask DisposeAsync() => client.DisposeAsync();
    }
}

/// <summary>What one fault scenario measured.</summary>
public sealed record FaultResult(
    DateTime FaultStart,
    DateTime FaultEnd,
    IReadOnlyList<TimeSpan> Stalls,
    string? NotRecovered,
    IReadOnlyDictionary<string, int> Probes,
    IReadOnlyList<string> ServerErrors,
    int Reconnections,
    IReadOnlyDictionary<string, int> Retries,
    IReadOnlyList<int> Nodes)
{
    public TimeSpan LongestStall => Stalls.DefaultIfEmpty(TimeSpan.Zero).Max();

    public void AssertRecoveredWithin(TimeSpan bound, string what)
    {
        Assert.True(LongestStall <= bound, $"after {what}, a connection could not edit for {LongestStall.TotalSeconds:0.0} s (bound {bound.TotalSeconds:0} s)\n{Report(what)}");
        Assert.DoesNotContain(ServerErrors, e => e.EndsWith(" 500", StringComparison.Ordinal));
        Assert.False(Probes.ContainsKey("500"), Report(what));
    }

    public string Report(string scenario)
    {
        var text = new StringBuilder();
        var stalls = string.Join(", ", Stalls.Select(s => s.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)));
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{scenario}: fault took {(FaultEnd - FaultStart).TotalSeconds:0.0} s; longest time without an acknowledged edit per client (s): {stalls}; longest {LongestStall.TotalSeconds:0.0} s");
        text.AppendLine(CultureInfo.InvariantCulture, $"  clients per web node (-1: unknown): {string.Join(", ", Nodes)}; reconnections: {Reconnections}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  HTTP probe answers: {string.Join(", ", Probes.OrderBy(p => p.Key).Select(p => $"{p.Key}×{p.Value}"))}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  5xx seen by clients: {(ServerErrors.Count == 0 ? "none" : string.Join(", ", ServerErrors.GroupBy(e => e).Select(g => $"{g.Key}×{g.Count()}")))}");
        text.Append(CultureInfo.InvariantCulture, $"  sends repeated, by reason: {string.Join(", ", Retries.OrderBy(r => r.Key).Select(r => $"{r.Key}×{r.Value}"))}");
        return text.ToString();
    }
}
