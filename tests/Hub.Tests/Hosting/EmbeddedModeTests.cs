using System.Net;
using System.Net.Http.Json;
using Hub.Contracts.Partnerships;
using Hub.Tests.Infrastructure;
using Hub.Web.Accounts;

namespace Hub.Tests.Hosting;

/// <summary>
/// <c>dotnet Hub.Web.dll</c> in embedded mode, as a real process: it starts on an empty data directory, keeps
/// what was created over HTTP across a restart, stops cleanly on SIGTERM, and refuses bad configuration with
/// one line.
/// </summary>
public sealed class EmbeddedModeTests(EmbeddedProcess node) : IClassFixture<EmbeddedProcess>
{
    [Fact]
    public async Task HealthEndpoints_StartedOnEmptyDataDirectory_Answer200AndTheDatabaseExists()
    {
        using var http = node.Web.CreateClient();

        using var ready = await http.GetAsync("health/ready");
        using var live = await http.GetAsync("health/live");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.True(File.Exists(node.DatabasePath), $"{node.DatabasePath} was not created.");
    }

    [Fact]
    public async Task Partnership_CreatedOverHttp_SurvivesAGracefulRestart()
    {
        Me me;
        PartnershipSnapshot created;
        using (var browser = node.Web.CreateClient())
        {
            me = await browser.RegisterAsync("Mette");
            created = await browser.CreatePartnershipAsync(HubApi.Details("Fællesspisning i Vollsmose"));
        }

        var exitCode = await node.RestartAsync();

        Assert.Equal(0, exitCode);
        using var afterRestart = node.Web.CreateClient();
        await afterRestart.SignInAsync(me.Email);
        var read = await afterRestart.GetPartnershipAsync(created.Id);
        Assert.Equal((created.Id, created.Version, "Fællesspisning i Vollsmose"), (read.Id, read.Version, read.Details.Name));
        Assert.Equal(me.UserId, Assert.Single(read.Members).UserId);
        Assert.Contains(await afterRestart.GetMyPartnershipsAsync(), p => p.Id == created.Id);
    }

    [Theory]
    [InlineData("Hub__Mode", "Nonsense", "Hub:Mode='Nonsense'")]
    [InlineData("Hub__Mode", "Cluster", "ConnectionStrings:Hub")]
    [InlineData("Hub__Silo__Port", "70000", "Hub:Silo:Port=70000")]
    [InlineData("Hub__Mail__Security", "Nonsense", "Hub:Mail:Security='Nonsense'")]
    public async Task Start_InvalidConfiguration_ExitsNonZeroWithOneClearLine(string variable, string value, string named)
    {
        var environment = EmbeddedProcess.Environment(Path.Combine(Path.GetTempPath(), $"hub-never-{Guid.NewGuid():N}", "hub.db"));
        environment[variable] = value;
        await using var web = ProcessNode.StartWeb("misconfigured web", environment);

        var exitCode = await web.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        var line = Assert.Single(web.ErrorLines);
        Assert.StartsWith("hub: ", line, StringComparison.Ordinal);
        Assert.Contains(named, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mail_WithoutAnSmtpServer_IsWrittenAsFilesBesideTheDatabaseAndTheLogSaysWhere()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"hub-pickup-{Guid.NewGuid():N}");
        var environment = EmbeddedProcess.Environment(Path.Combine(directory, "hub.db"));
        foreach (var key in environment.Keys.Where(k => k.StartsWith("Hub__Mail__", StringComparison.Ordinal)).ToList())
        {
            environment.Remove(key);
        }

        var folder = Path.Combine(directory, "mail");
        try
        {
            await using var web = ProcessNode.StartWeb("web without smtp", environment);
            await web.WaitUntilReadyAsync();
            await web.WaitForOutputAsync($"mails are written as .eml files to {folder}");
            using var http = web.CreateClient();
            var email = $"{Guid.NewGuid():N}@example.dk";

            (await http.PostAsJsonAsync("api/account/register", new RegisterRequest(email, "Mette", HubApi.Password), HubApi.Json)).EnsureSuccessStatusCode();

            var file = await Eventually.SucceedsAsync("the mail file", TimeSpan.FromSeconds(20), () => Task.FromResult(Directory.GetFiles(folder, "*.eml").Single()));
            var mail = await MimeKit.MimeMessage.LoadAsync(file);
            Assert.Equal(email, mail.To.Mailboxes.Single().Address);
            Assert.All(await File.ReadAllBytesAsync(file), b => Assert.True(b < 0x80, "the mail file holds an 8-bit byte in a 7-bit message"));
            Assert.Contains("Tak fordi du vil være med", mail.TextBody, StringComparison.Ordinal);
            using var verified = await http.PostAsJsonAsync("api/account/verify", new VerifyRequest(TestMailServer.LinkSecret(mail, "/verify/")), HubApi.Json);
            Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
