using System.Net;
using System.Text;
using Hub.Web.Security;

namespace Hub.Tests.Security;

/// <summary>Every response carries the security headers, also the ones for requests that failed.</summary>
public sealed class SecurityHeadersTests(PlatformNode fixture) : IClassFixture<PlatformNode>
{
    [Fact]
    public async Task Response_ForAPageAndForAnUnknownPath_CarriesTheHeaders()
    {
        var http = fixture.Node.Client(new CookieContainer());

        AssertHeaders(await http.GetAsync("/health/live"), HttpStatusCode.OK);
        AssertHeaders(await http.GetAsync("/api/no-such-thing"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Response_ForARefusedRequest_CarriesTheHeaders()
    {
        var anna = await fixture.Node.SignUpAsync("Anna");

        // Refused in a handler (not_found) and while reading the body (validation): both by the exception handler.
        AssertHeaders(await anna.Http.GetAsync($"/api/partnerships/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        AssertHeaders(await anna.Http.PostAsync("/api/partnerships", new StringContent("{ not json", Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest);
        AssertHeaders(await anna.Http.GetAsync("/api/admin/audit?page=-1"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Response_ForAFailure_CarriesTheHeaders()
    {
        var http = fixture.Node.Client(new CookieContainer());

        var failed = await http.GetAsync(PlatformNode.FailingPath);

        AssertHeaders(failed, HttpStatusCode.InternalServerError);
        Assert.DoesNotContain("a bug", await failed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static void AssertHeaders(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, Single(response, "Content-Security-Policy"));
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Single(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Single(response, "Referrer-Policy"));
        Assert.Equal("same-origin", Single(response, "Cross-Origin-Opener-Policy"));
    }

    private static string Single(HttpResponseMessage response, string name)
    {
        var values = response.Headers.TryGetValues(name, out var found) ? found.ToList() : [];
        Assert.True(values.Count == 1, $"{(int)response.StatusCode} {response.RequestMessage?.RequestUri} has {values.Count} {name} headers");
        return values[0];
    }
}
