using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Hub.Tests.Infrastructure;
using Hub.Web.Accounts;

namespace Hub.Tests.Security;

/// <summary>
/// A node behind a proxy (forwarded headers on) that trusts only 127.0.0.2: requests from 127.0.0.1 come from an
/// untrusted peer. Sign-in allows 3 attempts per address a minute.
/// </summary>
public sealed class ProxiedNode : IAsyncLifetime
{
    public static readonly IPAddress Proxy = IPAddress.Parse("127.0.0.2");

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"hub-proxied-{Guid.NewGuid():N}");

    public WebNode Node { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Node = await WebNode.StartEmbeddedAsync(Path.Combine(_directory, "hub.db"),
            "--FORWARDEDHEADERS_ENABLED=true", $"--Hub:ForwardedHeaders:KnownProxies:0={Proxy}", "--Hub:Limits:SignInPerMinute=3");

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}

public sealed class TrustedProxiesTests(ProxiedNode fixture) : IClassFixture<ProxiedNode>
{
    [Fact]
    public async Task SignIn_SpoofedForwardedForFromAnUntrustedPeer_IsLimitedByThePeersAddress()
    {
        var statuses = await SignInsAsync(Client(from: IPAddress.Loopback), i => $"198.51.100.{i}");

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses.Take(3));
    }

    [Fact]
    public async Task SignIn_ForwardedForFromTheTrustedProxy_IsLimitedByTheClientsAddress()
    {
        var proxy = Client(from: ProxiedNode.Proxy);

        var distinct = await SignInsAsync(proxy, i => $"203.0.113.{i}");
        var same = await SignInsAsync(proxy, _ => "203.0.113.200");

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, distinct);
        Assert.Equal(HttpStatusCode.TooManyRequests, same[^1]);
    }

    /// <summary>Four sign-in attempts, each saying it is forwarded for the given client.</summary>
    private static async Task<List<HttpStatusCode>> SignInsAsync(HttpClient http, Func<int, string> forwardedFor)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= 4; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/account/sign-in")
            {
                Content = JsonContent.Create(new SignInRequest($"nobody{i}@example.org", "whatever password")),
            };
            request.Headers.Add("X-Forwarded-For", forwardedFor(i));
            statuses.Add((await http.SendAsync(request)).StatusCode);
        }

        return statuses;
    }

    /// <summary>A client whose connections come from <paramref name="from"/> (any 127.x address is this machine).</summary>
    private HttpClient Client(IPAddress from)
    {
        var handler = new SocketsHttpHandler
        {
            CookieContainer = new CookieContainer(),
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(from, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(new AntiforgeryHandler(handler)) { BaseAddress = fixture.Node.Address };
    }
}
