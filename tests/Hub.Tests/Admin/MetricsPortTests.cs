using System.Net;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Admin;

/// <summary>
/// With Hub:Metrics:Port set, a web node's metrics answer on that port (for a Prometheus on the internal network) and
/// nowhere else: on the public port the path is not found, rather than answered by the app's page.
/// </summary>
public sealed class MetricsPortTests
{
    [Fact]
    public async Task Metrics_WithAPortOfTheirOwn_AnswerThereAndAreNotFoundOnThePublicPort()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"hub-metrics-{Guid.NewGuid():N}");
        var (publicPort, metricsPort) = (FreePort.Next(), FreePort.Next());
        await using var node = await WebNode.StartEmbeddedAsync(Path.Combine(directory, "hub.db"),
            $"--urls=http://127.0.0.1:{publicPort};http://127.0.0.1:{metricsPort}", $"--Hub:Metrics:Port={metricsPort}");
        using var http = new HttpClient();

        using var scraped = await http.GetAsync($"http://127.0.0.1:{metricsPort}/metrics");
        using var onPublic = await http.GetAsync($"http://127.0.0.1:{publicPort}/metrics");
        using var appOnPublic = await http.GetAsync($"http://127.0.0.1:{publicPort}/");

        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        // Prometheus' text format (a fresh node may have no figure yet), not the app's HTML page.
        Assert.Contains(scraped.Content.Headers.ContentType?.MediaType, new[] { "text/plain", "application/openmetrics-text" });
        Assert.Equal(HttpStatusCode.NotFound, onPublic.StatusCode);
        Assert.Equal(HttpStatusCode.OK, appOnPublic.StatusCode);
    }
}
