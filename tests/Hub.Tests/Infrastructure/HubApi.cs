using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hub.Contracts.Partnerships;
using Hub.Web.Accounts;
using Hub.Web.Partnerships;
using Hub.Web.Setup;

namespace Hub.Tests.Infrastructure;

/// <summary>Hub's JSON endpoints as a browser calls them, for tests against a running web process.</summary>
public static class HubApi
{
    public const string Password = "en-lang-nok-adgangskode";

    /// <summary>The web node's own JSON shape: camelCase, enums as camelCase strings.</summary>
    public static readonly JsonSerializerOptions Json = CreateJson();

    /// <summary>Registers a new person (a fresh e-mail address), follows the link mailed to them (the process sends to
    /// the test process's SMTP server) and keeps the sign-in cookie in the client.</summary>
    public static async Task<Me> RegisterAsync(this HttpClient http, string displayName, string? email = null)
    {
        email ??= $"{Guid.NewGuid():N}@example.dk";
        using var response = await http.PostAsJsonAsync("api/account/register", new RegisterRequest(email, displayName, Password), Json);
        await ReadAsync<MailSent>(response, HttpStatusCode.Accepted);
        var token = await (await TestMailServer.SharedAsync()).TakeLinkAsync(email, "/verify/");
        using var verified = await http.PostAsJsonAsync("api/account/verify", new VerifyRequest(token), Json);
        return (await ReadAsync<Verified>(verified, HttpStatusCode.OK)).Account;
    }

    public static async Task<Me> SignInAsync(this HttpClient http, string email)
    {
        using var response = await http.PostAsJsonAsync("api/account/sign-in", new SignInRequest(email, Password), Json);
        return await ReadAsync<Me>(response, HttpStatusCode.OK);
    }

    public static async Task<PartnershipSnapshot> CreatePartnershipAsync(this HttpClient http, PartnershipDetails details)
    {
        using var response = await http.PostAsJsonAsync("api/partnerships", new CreatePartnershipRequest(details, Side.Municipality), Json);
        var created = await ReadAsync<PartnershipSnapshot>(response, HttpStatusCode.Created);
        Assert.Equal($"/api/partnerships/{created.Id}", response.Headers.Location?.OriginalString);
        return created;
    }

    public static async Task<PartnershipSnapshot> GetPartnershipAsync(this HttpClient http, Guid id)
    {
        using var response = await http.GetAsync($"api/partnerships/{id}");
        return await ReadAsync<PartnershipSnapshot>(response, HttpStatusCode.OK);
    }

    public static async Task<PartnershipSummary[]> GetMyPartnershipsAsync(this HttpClient http)
    {
        using var response = await http.GetAsync("api/partnerships");
        return await ReadAsync<PartnershipSummary[]>(response, HttpStatusCode.OK);
    }

    public static PartnershipDetails Details(string name) => new()
    {
        Name = name,
        Municipality = "Odense Kommune",
        Area = PartnershipArea.VulnerableAdults,
        Parties = [new Party("Socialafdelingen", Side.Municipality), new Party("Kirkens Korshær", Side.VoluntaryOrganisation)],
        Purpose = "Et varmt måltid og et fællesskab",
        StartsOn = new DateOnly(2026, 3, 1),
        Status = PartnershipStatus.Active,
    };

    /// <summary>The body as <typeparamref name="T"/> when the status is the expected one; otherwise fails
    /// with the status and the body, which says what went wrong.</summary>
    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected)
        {
            throw new HttpRequestException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, expected {(int)expected}: {body}",
                null, response.StatusCode);
        }

        return JsonSerializer.Deserialize<T>(body, Json) ?? throw new InvalidOperationException($"Empty body: {body}");
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        WebSetup.ConfigureJson(options);
        return options;
    }
}
