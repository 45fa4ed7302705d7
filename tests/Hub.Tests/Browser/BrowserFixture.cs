using System.Text.Json;
using Hub.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Hub.Tests.Browser;

/// <summary>
/// One headless Chromium (Debian's, at /usr/bin/chromium) and one embedded web node for every browser test:
/// starting them costs seconds, and each test makes its own people, partnership and board.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The password every test person signs up with.</summary>
    public const string Password = "a long enough password";

    /// <summary>The node's one platform admin (Hub:Admins), for the admin console's test.</summary>
    public const string AdminEmail = "admin@browser.test";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"hub-browser-{Guid.NewGuid():N}");
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public WebNode Node { get; private set; } = null!;

    public string NewDatabasePath() => Path.Combine(_directory, $"{Guid.NewGuid():N}.db");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        Node = await WebNode.StartEmbeddedAsync(NewDatabasePath(), $"--Hub:Admins:0={AdminEmail}");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Without the background-networking flags Chromium keeps calling home, which this machine refuses.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (Node is not null)
        {
            await Node.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing connection: the temp folder is cleaned by the OS.
        }
    }

    private readonly SemaphoreSlim _adminSignUp = new(1, 1);
    private bool _adminExists;

    /// <summary>The node's one platform admin, signed in in a browser of their own: signed up by the first test that
    /// asks, signed in with the password by the others (the address can have one account only).</summary>
    public async Task<Person> AdminAsync()
    {
        await _adminSignUp.WaitAsync();
        try
        {
            if (!_adminExists)
            {
                var person = await SignUpAsync("Ada Administrator", email: AdminEmail);
                _adminExists = true;
                return person;
            }
        }
        finally
        {
            _adminSignUp.Release();
        }

        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Node.Address.ToString().TrimEnd('/'),
            Locale = "da-DK",
            TimezoneId = "Europe/Copenhagen",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var signedIn = await context.PostWithTokenAsync("/api/account/sign-in", new APIRequestContextOptions
        {
            DataObject = new { email = AdminEmail, password = Password },
        });
        Assert.True(signedIn.Ok, $"sign in: {signedIn.Status} {await signedIn.TextAsync()}");
        var me = (await signedIn.JsonAsync())!.Value;
        return new Person(context, await context.NewPageAsync(), AdminEmail, me.GetProperty("displayName").GetString()!, me.GetProperty("userId").GetString()!, Node.Mail);
    }

    /// <summary>A person in their own browser context (own cookies), signed up through the API and the link mailed to
    /// them, on a blank page of the app.</summary>
    public async Task<Person> SignUpAsync(string displayName, Uri? address = null, ViewportSize? viewport = null, string? email = null)
    {
        var baseUrl = (address ?? Node.Address).ToString().TrimEnd('/');
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            Locale = "da-DK",
            TimezoneId = "Europe/Copenhagen",
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 900 },
        });
        email ??= $"{Guid.NewGuid():N}@example.org";
        var response = await context.PostWithTokenAsync("/api/account/register", new APIRequestContextOptions
        {
            DataObject = new { email, displayName, password = Password },
        });
        Assert.True(response.Status == 202, $"register: {response.Status} {await response.TextAsync()}");
        var token = await Node.Mail.TakeLinkAsync(email, "/verify/");
        var verified = await context.PostWithTokenAsync("/api/account/verify", new APIRequestContextOptions { DataObject = new { token } });
        Assert.True(verified.Ok, $"verify: {verified.Status} {await verified.TextAsync()}");
        var me = (await verified.JsonAsync())!.Value.GetProperty("account");
        var page = await context.NewPageAsync();
        return new Person(context, page, email, displayName, me.GetProperty("userId").GetString()!, Node.Mail);
    }
}

/// <summary>Requests that change something carry the antiforgery token, as the browser client sends it.</summary>
public static class AntiforgeryRequests
{
    public static async Task<IAPIResponse> PostWithTokenAsync(this IBrowserContext context, string url, APIRequestContextOptions options)
    {
        var token = await context.APIRequest.GetAsync("/api/antiforgery");
        var value = (await token.JsonAsync())!.Value.GetProperty("token").GetString()!;
        options.Headers = new Dictionary<string, string>(options.Headers ?? new Dictionary<string, string>())
        {
            [Hub.Web.Security.Antiforgery.HeaderName] = value,
        };
        return await context.APIRequest.PostAsync(url, options);
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}

/// <summary>A signed-in person with their own browser context and page.</summary>
public sealed record Person(IBrowserContext Context, IPage Page, string Email, string DisplayName, string UserId, Hub.Testing.TestMailServer Mail)
    : IAsyncDisposable
{
    /// <summary>Creates a partnership (with its first board) with this person as coordinator on the municipality's side.</summary>
    public async Task<(string PartnershipId, string BoardId)> CreatePartnershipAsync(string name)
    {
        var response = await Context.PostWithTokenAsync("/api/partnerships", new APIRequestContextOptions
        {
            DataObject = new { details = new { name, municipality = "Testrup Kommune" }, creatorSide = "municipality" },
        });
        Assert.True(response.Ok, $"create partnership: {response.Status} {await response.TextAsync()}");
        var json = (await response.JsonAsync())!.Value;
        return (json.GetProperty("id").GetString()!, json.GetProperty("boards")[0].GetProperty("boardId").GetString()!);
    }

    /// <summary>Adds another person by e-mail (as a member from the voluntary side, by default): the invitation is
    /// mailed to them and they accept it.</summary>
    public async Task AddMemberAsync(string partnershipId, Person other, string side = "voluntaryOrganisation", string role = "member")
    {
        var response = await Context.PostWithTokenAsync($"/api/partnerships/{partnershipId}/members", new APIRequestContextOptions
        {
            DataObject = new { email = other.Email, side, role },
        });
        Assert.True(response.Status == 202, $"add member: {response.Status} {await response.TextAsync()}");
        var secret = await Mail.TakeLinkAsync(other.Email, "/invite/");
        var accepted = await other.Context.PostWithTokenAsync($"/api/invites/{secret}/accept", new APIRequestContextOptions { DataObject = new { } });
        Assert.True(accepted.Ok, $"accept: {accepted.Status} {await accepted.TextAsync()}");
    }

    /// <summary>The members of a partnership with this display name, as this person reads them.</summary>
    public async Task<JsonElement[]> GetMembersNamedAsync(string partnershipId, string displayName)
    {
        var response = await Context.APIRequest.GetAsync($"/api/partnerships/{partnershipId}");
        Assert.True(response.Ok, $"get partnership: {response.Status}");
        return [.. (await response.JsonAsync())!.Value.GetProperty("members").EnumerateArray()
            .Where(m => m.GetProperty("displayName").GetString() == displayName)];
    }

    public async Task<JsonElement> GetBoardAsync(string boardId)
    {
        var response = await Context.APIRequest.GetAsync($"/api/boards/{boardId}");
        Assert.True(response.Ok, $"get board: {response.Status}");
        return (await response.JsonAsync())!.Value;
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
