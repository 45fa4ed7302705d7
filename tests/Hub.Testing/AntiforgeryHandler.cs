using System.Net.Http.Json;
using System.Text.Json;
using Hub.Web.Security;

namespace Hub.Testing;

/// <summary>Fetches an antiforgery token before each request that changes something and sends it in the
/// X-CSRF-TOKEN header, as the browser client does (the token belongs to the signed-in person, so it is fetched
/// afresh each time).</summary>
public sealed class AntiforgeryHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Method != HttpMethod.Get && request.Method != HttpMethod.Head)
        {
            using var tokenRequest = new HttpRequestMessage(HttpMethod.Get, new Uri(request.RequestUri!, "/api/antiforgery"));
            using var response = await base.SendAsync(tokenRequest, cancellationToken);
            response.EnsureSuccessStatusCode();
            var token = (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("token").GetString();
            request.Headers.Remove(Antiforgery.HeaderName);
            request.Headers.Add(Antiforgery.HeaderName, token);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
