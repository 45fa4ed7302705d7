using System.Text.Json;

namespace Hub.Bench.Targets;

/// <summary>Fetches an antiforgery token before each request that changes something and sends it in the
/// X-CSRF-TOKEN header, as the browser client does.</summary>
public sealed class AntiforgeryHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method != HttpMethod.Get && request.Method != HttpMethod.Head)
        {
            using var tokenRequest = new HttpRequestMessage(HttpMethod.Get, new Uri(request.RequestUri!, "/api/antiforgery"));
            using var response = await base.SendAsync(tokenRequest, cancellationToken);
            response.EnsureSuccessStatusCode();
            var token = (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("token").GetString();
            request.Headers.Remove(Web.Security.Antiforgery.HeaderName);
            request.Headers.Add(Web.Security.Antiforgery.HeaderName, token);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
