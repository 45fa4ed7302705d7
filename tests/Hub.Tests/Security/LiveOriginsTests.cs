using System.Net;
using System.Net.WebSockets;
using Hub.Web.Live;

namespace Hub.Tests.Security;

/// <summary>
/// The live hubs answer Hub's own pages (and configured origins), not a page of another origin that the browser
/// sends the person's cookie from, such as another port of the same host.
/// </summary>
public sealed class LiveOriginsTests(PlatformNode fixture) : IClassFixture<PlatformNode>
{
    [Theory]
    [InlineData("http://127.0.0.1:1", HttpStatusCode.Forbidden)]
    [InlineData("http://localhost", HttpStatusCode.Forbidden)]
    [InlineData("https://evil.example", HttpStatusCode.Forbidden)]
    [InlineData("null", HttpStatusCode.Forbidden)]
    [InlineData("own", HttpStatusCode.OK)]
    [InlineData(PlatformNode.AllowedOrigin, HttpStatusCode.OK)]
    [InlineData("HTTPS://HUB.EXAMPLE.DK:443", HttpStatusCode.OK)]
    [InlineData(null, HttpStatusCode.OK)]
    public async Task Negotiate_WithTheSessionCookie_IsAnsweredOnlyForHubsOwnOrigins(string? origin, HttpStatusCode expected)
    {
        var anna = await fixture.Node.SignUpAsync("Anna");
        foreach (var path in new[] { BoardHub.Path, AgreementHub.Path })
        {
            using var negotiate = new HttpRequestMessage(HttpMethod.Post, $"{path}/negotiate?negotiateVersion=1");
            if (origin is not null)
            {
                negotiate.Headers.Add("Origin", origin == "own" ? Own : origin);
            }

            Assert.Equal(expected, (await anna.Http.SendAsync(negotiate)).StatusCode);
        }
    }

    [Fact]
    public async Task WebSocket_FromAnotherPortOfTheSameHost_IsRefused_AndFromHubItself_Opens()
    {
        var anna = await fixture.Node.SignUpAsync("Anna");
        var target = new UriBuilder(fixture.Node.Address) { Scheme = "ws", Path = BoardHub.Path }.Uri;

        using var forged = Socket(anna, $"http://127.0.0.1:{fixture.Node.Address.Port + 1}");
        var refused = await Assert.ThrowsAsync<WebSocketException>(() => forged.ConnectAsync(target, CancellationToken.None));
        using var own = Socket(anna, Own);
        await own.ConnectAsync(target, CancellationToken.None);

        Assert.Contains("403", refused.Message, StringComparison.Ordinal);
        Assert.Equal(WebSocketState.Open, own.State);
        await own.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
    }

    private string Own => fixture.Node.Address.GetLeftPart(UriPartial.Authority);

    private static ClientWebSocket Socket(Infrastructure.UserSession person, string origin)
    {
        var socket = new ClientWebSocket();
        socket.Options.Cookies = person.Cookies;
        socket.Options.SetRequestHeader("Origin", origin);
        return socket;
    }
}
