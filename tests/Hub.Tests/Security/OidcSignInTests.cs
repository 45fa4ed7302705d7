using System.Net;
using System.Net.Http.Json;
using Hub.Tests.Infrastructure;
using Hub.Web.Accounts;

namespace Hub.Tests.Security;

/// <summary>Hub and a real OpenID Connect provider (OpenIddict), both on loopback.</summary>
public sealed class OidcFixture : IAsyncLifetime
{
    public const string AdminEmail = "it@kommune.dk";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"hub-oidc-{Guid.NewGuid():N}");
    private readonly int _hubPort = FreePort.Next();

    public OidcProvider Provider { get; private set; } = null!;

    public WebNode Node { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // The provider must know Hub's redirect address before Hub starts, so Hub's port is chosen first.
        Provider = await OidcProvider.StartAsync(() => new Uri($"http://127.0.0.1:{_hubPort}/"));
        Node = await WebNode.StartEmbeddedAsync(Path.Combine(_directory, "hub.db"),
            [$"--urls=http://127.0.0.1:{_hubPort}", $"--Hub:Admins:0={AdminEmail}", .. Provider.HubArguments()]);
    }

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        await Provider.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}

public sealed class OidcSignInTests(OidcFixture fixture) : IClassFixture<OidcFixture>
{
    [Fact]
    public async Task SignIn_ThroughTheProvider_GivesAHubSessionWithTheProvidersName()
    {
        fixture.Provider.NextPerson = ("staff-42", "Sagsbehandler Sofie", "sofie@kommune.dk");
        var browser = Browser();

        var providers = await browser.GetFromJsonAsync<SignInProvider[]>("/api/account/providers", Json.Options);
        var landed = await browser.GetAsync($"{providers!.Single().Path}?returnUrl=/partnerships");
        var me = await browser.GetFromJsonAsync<Me>("/api/account/me", Json.Options);

        Assert.Equal("Testkommunens login", providers!.Single().DisplayName);
        Assert.Equal("/partnerships", landed.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(("Sagsbehandler Sofie", "sofie@kommune.dk", false), (me!.DisplayName, me.Email, me.IsAdmin));
    }

    [Fact]
    public async Task SignIn_TwiceAsTheSamePerson_IsTheSameHubPerson_AndAdminsAreRecognised()
    {
        fixture.Provider.NextPerson = ("admin-7", "IT-afdelingen", OidcFixture.AdminEmail);
        var first = Browser();
        var second = Browser();

        await first.GetAsync("/api/account/oidc");
        await second.GetAsync("/api/account/oidc");
        var one = await first.GetFromJsonAsync<Me>("/api/account/me", Json.Options);
        var two = await second.GetFromJsonAsync<Me>("/api/account/me", Json.Options);

        Assert.Equal(one!.UserId, two!.UserId);
        Assert.True(one.IsAdmin);
    }

    [Fact]
    public async Task SignIn_ReturnUrlElsewhere_StaysInHub()
    {
        fixture.Provider.NextPerson = ("staff-9", "Medarbejder Mads", "mads@kommune.dk");

        var landed = await Browser().GetAsync("/api/account/oidc?returnUrl=//evil.example/steal");

        Assert.Equal(fixture.Node.Address.Authority, landed.RequestMessage!.RequestUri!.Authority);
        Assert.Equal("/", landed.RequestMessage.RequestUri.AbsolutePath);
    }

    [Theory]
    [InlineData("/%09/evil.example/steal")]
    [InlineData("/%0D%0A/evil.example/steal")]
    [InlineData("/%5Cevil.example/steal")]
    public async Task SignIn_ReturnUrlThatABrowserReadsAsAnotherHost_GoesToHubsStartPage(string returnUrl)
    {
        fixture.Provider.NextPerson = ("staff-10", "Medarbejder Mia", "mia@kommune.dk");

        var landed = await Browser().GetAsync($"/api/account/oidc?returnUrl={returnUrl}");

        Assert.Equal(fixture.Node.Address.Authority, landed.RequestMessage!.RequestUri!.Authority);
        Assert.Equal("/", landed.RequestMessage.RequestUri.AbsolutePath);
    }

    /// <summary>A browser: cookies, following redirects between Hub and the provider.</summary>
    private HttpClient Browser() =>
        new(new AntiforgeryHandler(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true }))
        {
            BaseAddress = fixture.Node.Address,
        };
}
