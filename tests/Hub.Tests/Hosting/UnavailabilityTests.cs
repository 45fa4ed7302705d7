using System.Net;
using System.Text.Json;
using Hub.Contracts.Boards;
using Hub.Tests.Boards;
using Hub.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;

namespace Hub.Tests.Hosting;

/// <summary>
/// A web node whose cluster is gone (its only silo stopped) answers "not now" in a way a client can act on:
/// HTTP 503 with Retry-After and code <c>unavailable</c>, hub calls refused with <c>unavailable</c>, and never
/// a 500 or "an unexpected error".
/// </summary>
public sealed class UnavailabilityTests
{
    [Fact]
    public async Task Requests_TheClusterIsGone_Answer503UnavailableAndHubCallsAreRefusedAsUnavailable()
    {
        var connectionString = await (await PostgresServer.Shared).CreateDatabaseAsync("unavailable");
        var clusterId = $"c{Guid.NewGuid():N}";
        using var silo = await SiloNode.StartAsync(connectionString, clusterId);
        await using var web = await WebNode.StartClusterAsync(connectionString, clusterId);
        var anna = await web.SignUpAsync("Anna");
        var partnership = await anna.CreatePartnershipAsync("Samarbejde");
        await using var board = await BoardClient.OpenAsync(anna, partnership.Boards[0].BoardId);

        await silo.StopAsync();

        using var read = await anna.Http.GetAsync($"/api/partnerships/{partnership.Id}");
        var submit = await Assert.ThrowsAsync<HubException>(() => board.SubmitAsync(new AddCard("walk", "planned", "Gåtur", null)));
        // As SignalR's client negotiates: no antiforgery token (fetching one would itself answer 503).
        using var signalR = new HttpClient(new HttpClientHandler { CookieContainer = anna.Cookies }) { BaseAddress = web.Address };
        using var negotiate = await signalR.PostAsync($"{Hub.Web.Live.BoardHub.Path}/negotiate?negotiateVersion=1", null);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, read.StatusCode);
        Assert.True(read.Headers.RetryAfter?.Delta > TimeSpan.Zero, "503 without Retry-After");
        using var problem = JsonDocument.Parse(await read.Content.ReadAsStringAsync());
        Assert.Equal("unavailable", problem.RootElement.GetProperty("code").GetString());
        Assert.Contains("HubException: unavailable: ", submit.Message, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.InternalServerError, negotiate.StatusCode);
    }
}
