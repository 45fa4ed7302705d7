using System.Net;
using System.Net.Http.Json;
using Hub.Contracts.Partnerships;
using Hub.Web.Accounts;
using Hub.Web.Partnerships;
using Hub.Web.Setup;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Tests.Infrastructure;

/// <summary>
/// A real Hub web node in this process: the same HubWebApp that Program.cs runs, on real Kestrel, on a free
/// loopback port. Configuration comes as command-line arguments, exactly as an operator would give them.
/// </summary>
public sealed class WebNode : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebNode(WebApplication app, Uri address, TestMailServer mail)
    {
        _app = app;
        Address = address;
        Mail = mail;
    }

    public Uri Address { get; }

    /// <summary>The SMTP server this node sends its mails to (shared by every node in the test process).</summary>
    public TestMailServer Mail { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>The node's own Orleans connection (co-hosted silo or client), to check what the grains hold.</summary>
    public IGrainFactory Grains() => _app.Services.GetRequiredService<IGrainFactory>();

    /// <summary>An embedded node: co-hosted silo, SQLite file at <paramref name="databasePath"/>.</summary>
    public static Task<WebNode> StartEmbeddedAsync(string databasePath, params string[] args) =>
        StartEmbeddedAsync(databasePath, _ => { }, args);

    /// <summary>An embedded node with endpoints of the test's own added (<paramref name="configure"/>), such as
    /// one that fails, to see what the pipeline makes of it.</summary>
    public static Task<WebNode> StartEmbeddedAsync(string databasePath, Action<WebApplication> configure, params string[] args) =>
        StartAsync(configure, [
            "--Hub:Mode=Embedded",
            $"--Hub:Embedded:DatabasePath={databasePath}",
            $"--Hub:Silo:Port={FreePort.Next()}",
            $"--Hub:Silo:GatewayPort={FreePort.Next()}",
            .. args]);

    /// <summary>An embedded node with services of the test's own registered after Hub's (<paramref name="services"/>),
    /// such as a hub protocol that counts what it writes.</summary>
    public static Task<WebNode> StartEmbeddedWithServicesAsync(string databasePath, Action<IServiceCollection> services, params string[] args) =>
        StartAsync(_ => { }, [
            "--Hub:Mode=Embedded",
            $"--Hub:Embedded:DatabasePath={databasePath}",
            $"--Hub:Silo:Port={FreePort.Next()}",
            $"--Hub:Silo:GatewayPort={FreePort.Next()}",
            .. args], services);

    /// <summary>A cluster node: an Orleans client that finds silos through PostgreSQL.</summary>
    public static Task<WebNode> StartClusterAsync(string connectionString, string clusterId) =>
        StartAsync("--Hub:Mode=Cluster", $"--ConnectionStrings:Hub={connectionString}", $"--Hub:ClusterId={clusterId}", TestKeyRingSecret.Argument);

    /// <summary>Tests sign many people up from one address in a minute and send operations as fast as the
    /// machine allows, far beyond what a person does; the limits themselves are tested on nodes started with
    /// the defaults (see the security tests).</summary>
    public static Task<WebNode> StartAsync(params string[] args) => StartAsync(_ => { }, args);

    private static async Task<WebNode> StartAsync(Action<WebApplication> configure, string[] args, Action<IServiceCollection>? services = null)
    {
        var mail = await TestMailServer.SharedAsync();
        var app = HubWebApp.Build([
            "--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", .. mail.Arguments,
            "--Hub:Limits:SignInPerMinute=100000", "--Hub:Limits:ApiPerSecond=100000", "--Hub:Limits:ApiBurst=100000",
            "--Hub:Limits:LivePerSecondPerConnection=100000", "--Hub:Limits:LiveBurstPerConnection=100000",
            "--Hub:Limits:LivePerSecondPerUser=100000", "--Hub:Limits:LiveBurstPerUser=100000", .. args], services);
        configure(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new WebNode(app, new Uri(address), mail);
    }

    /// <summary>An HTTP client as a browser with this cookie jar: it sends the antiforgery token on every
    /// request that changes something, as the browser client does.</summary>
    public HttpClient Client(CookieContainer cookies) =>
        new(new AntiforgeryHandler(new HttpClientHandler { CookieContainer = cookies })) { BaseAddress = Address };

    /// <summary>Registers a new account as a person does — the form, then the link in the mail — and returns a
    /// client signed in with it (cookies kept).</summary>
    public async Task<UserSession> SignUpAsync(string displayName, string? email = null)
    {
        var cookies = new CookieContainer();
        var http = Client(cookies);
        email ??= $"{Guid.NewGuid():N}@example.org";
        var response = await http.PostAsJsonAsync("/api/account/register", new RegisterRequest(email, displayName, "a long enough password"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var verified = await VerifyAsync(http, email);
        return new UserSession(this, http, cookies, verified.Account, email);
    }

    /// <summary>Follows the verification link mailed to <paramref name="email"/> with <paramref name="http"/>.</summary>
    public async Task<Verified> VerifyAsync(HttpClient http, string email)
    {
        var token = await Mail.TakeLinkAsync(email, "/verify/");
        var response = await http.PostAsJsonAsync("/api/account/verify", new VerifyRequest(token), Json.Options);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Verified>(Json.Options))!;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A signed-in person: an HTTP client with their cookie, and a way to open hub connections as them.</summary>
public sealed record UserSession(WebNode Node, HttpClient Http, CookieContainer Cookies, Me Me, string Email)
{
    /// <summary>The same person on another web node (the cookie works on every node of a cluster).</summary>
    public UserSession On(WebNode node) => this with { Node = node, Http = node.Client(Cookies) };

    /// <summary>Adds <paramref name="person"/> by e-mail as a person does: the invitation mailed to them, accepted by them.</summary>
    public async Task<PartnershipSnapshot> AddMemberAsync(Guid partnershipId, UserSession person, MemberRole role = MemberRole.Member,
        Side side = Side.VoluntaryOrganisation)
    {
        var invited = await Http.PostAsJsonAsync($"/api/partnerships/{partnershipId}/members", new AddMemberRequest(person.Email, side, role), Json.Options);
        Assert.Equal(HttpStatusCode.Accepted, invited.StatusCode);
        var secret = await Node.Mail.TakeLinkAsync(person.Email, "/invite/");
        var accepted = await person.Http.PostAsJsonAsync($"/api/invites/{secret}/accept", new AcceptInviteRequest(null, null, null), Json.Options);
        accepted.EnsureSuccessStatusCode();
        return (await accepted.Content.ReadFromJsonAsync<PartnershipSnapshot>(Json.Options))!;
    }

    public async Task<PartnershipSnapshot> CreatePartnershipAsync(string name, Side side = Side.Municipality)
    {
        var details = new PartnershipDetails { Name = name, Municipality = "Testrup Kommune" };
        var response = await Http.PostAsJsonAsync("/api/partnerships", new CreatePartnershipRequest(details, side), Json.Options);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<PartnershipSnapshot>(Json.Options))!;
    }

    /// <summary>A hub connection as this person, directly or through <paramref name="via"/> (a relay), that
    /// reconnects by itself quickly, as the browser client does.</summary>
    public async Task<HubConnection> ConnectAsync(string path, Uri? via = null)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(via ?? Node.Address, path), o => o.Cookies = Cookies)
            .AddJsonProtocol(o => WebSetup.ConfigureJson(o.PayloadSerializerOptions))
            .WithStatefulReconnect()
            .WithAutomaticReconnect(new QuickRetry())
            .Build();
        connection.ServerTimeout = TimeSpan.FromSeconds(30);
        await connection.StartAsync();
        return connection;
    }
}

/// <summary>Retries every 200 ms, forever: tests wait on the outcome with their own timeouts.</summary>
internal sealed class QuickRetry : IRetryPolicy
{
    public TimeSpan? NextRetryDelay(RetryContext retryContext) => TimeSpan.FromMilliseconds(200);
}

public static class Json
{
    public static System.Text.Json.JsonSerializerOptions Options { get; } = Create();

    private static System.Text.Json.JsonSerializerOptions Create()
    {
        var options = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web);
        WebSetup.ConfigureJson(options);
        return options;
    }
}
