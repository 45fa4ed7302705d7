using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hub.Contracts.Partnerships;
using Hub.Runtime.Storage;
using Hub.Tests.Infrastructure;
using Hub.Web.Partnerships;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hub.Tests.Hosting;

/// <summary>
/// Cluster mode as real processes on PostgreSQL: two silos and a web node serve the partnership endpoints,
/// a partnership outlives the silo that held it being killed, and a process that cannot start says why in
/// one line.
/// </summary>
public sealed class ClusterModeTests(ProcessCluster cluster) : IClassFixture<ProcessCluster>
{
    [Fact]
    public async Task HealthEndpoints_TwoSilosAndAWebNode_Answer200()
    {
        using var http = cluster.Web.CreateClient();

        using var ready = await http.GetAsync("health/ready");
        using var live = await http.GetAsync("health/live");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task PartnershipEndpoints_SignedInCoordinator_CreateReadUpdateAndList()
    {
        using var browser = cluster.Web.CreateClient();
        await browser.RegisterAsync("Mette");

        var created = await browser.CreatePartnershipAsync(HubApi.Details("Bisidderordning"));
        var read = await browser.GetPartnershipAsync(created.Id);
        using var update = await browser.PutAsJsonAsync($"api/partnerships/{created.Id}",
            new UpdatePartnershipRequest(read.Details with { Purpose = "Bisiddere til møder med kommunen" }, read.Version), HubApi.Json);
        var updated = await HubApi.ReadAsync<PartnershipSnapshot>(update, HttpStatusCode.OK);
        using var stale = await browser.PutAsJsonAsync($"api/partnerships/{created.Id}",
            new UpdatePartnershipRequest(read.Details with { Purpose = "Forældet" }, read.Version), HubApi.Json);
        var mine = await browser.GetMyPartnershipsAsync();

        Assert.Equal((created.Id, created.Version), (read.Id, read.Version));
        Assert.Equal((read.Version + 1, "Bisiddere til møder med kommunen"), (updated.Version, updated.Details.Purpose));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("conflict", await CodeAsync(stale));
        var summary = Assert.Single(mine);
        Assert.Equal((created.Id, "Bisidderordning", MemberRole.Coordinator), (summary.Id, summary.Name, summary.Role));
    }

    [Fact]
    public async Task PartnershipEndpoints_InvalidOrUnauthorised_AreRefusedWithTheRightStatus()
    {
        using var owner = cluster.Web.CreateClient();
        using var outsider = cluster.Web.CreateClient();
        using var anonymous = cluster.Web.CreateClient();
        await owner.RegisterAsync("Ejer");
        await outsider.RegisterAsync("Udenforstående");
        var created = await owner.CreatePartnershipAsync(HubApi.Details("Værested"));

        using var invalid = await owner.PostAsJsonAsync("api/partnerships",
            new CreatePartnershipRequest(HubApi.Details(""), Side.Municipality), HubApi.Json);
        using var notMember = await outsider.GetAsync($"api/partnerships/{created.Id}");
        using var notSignedIn = await anonymous.GetAsync("api/partnerships");

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(("validation", "name"), (await CodeAsync(invalid), await FieldAsync(invalid)));
        Assert.Equal(HttpStatusCode.NotFound, notMember.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, notSignedIn.StatusCode);
    }

    [Fact]
    public async Task AdminOperations_InClusterMode_AnswerOnlyTheAdminAndShowTheSilos()
    {
        using var admin = cluster.Web.CreateClient();
        using var member = cluster.Web.CreateClient();
        using var anonymous = cluster.Web.CreateClient();
        await admin.RegisterAsync("Ada", ProcessCluster.AdminEmail);
        await member.RegisterAsync("Mads");

        foreach (var path in new[] { "admin/orleans/ClusterStats", "metrics", "api/admin/cluster" })
        {
            using var refused = await anonymous.GetAsync(path);
            using var forbidden = await member.GetAsync(path);
            using var allowed = await admin.GetAsync(path);
            Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.OK), (refused.StatusCode, forbidden.StatusCode, allowed.StatusCode));
        }

        // The dashboard and the cluster page read the silo processes through the web node's Orleans client.
        using var hosts = await admin.GetAsync("admin/orleans/ClusterStats");
        var stats = JsonDocument.Parse(await hosts.Content.ReadAsStringAsync()).RootElement;
        Assert.True(stats.ValueKind == JsonValueKind.Array ? stats.GetArrayLength() > 0 : stats.EnumerateObject().Any(), $"no cluster stats: {stats}");
        using var page = await admin.GetAsync("api/admin/cluster");
        var silos = JsonDocument.Parse(await page.Content.ReadAsStringAsync()).RootElement.GetProperty("silos");
        Assert.Contains(silos.EnumerateArray(), s => s.GetProperty("status").GetString() == "Active");
    }

    [Fact]
    public async Task SiloMetrics_OnTheirPort_CarryOrleansAndHubMeters()
    {
        // A silo this class has not killed (another test kills one).
        var silo = cluster.Silos.First(s => !s.HasExited);
        using var http = new HttpClient();

        var metrics = await Eventually.SucceedsAsync("the silo's metrics listener answers", TimeSpan.FromSeconds(30),
            () => http.GetStringAsync(cluster.MetricsOf(silo)));

        Assert.Contains("# TYPE orleans_", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Partnerships_OneSiloKilled_AreStillReadableThroughTheWebNode()
    {
        using var browser = cluster.Web.CreateClient();
        await browser.RegisterAsync("Mette");
        var created = new List<PartnershipSnapshot>();
        for (var i = 0; i < 4; i++)
        {
            created.Add(await browser.CreatePartnershipAsync(HubApi.Details($"Partnerskab {i}")));
        }

        // The silo that holds them (placement favours the web node's gateway), so that they must move.
        var victim = await cluster.SiloHostingMostOfAsync(created.Select(p => p.Id));
        victim.Kill();

        foreach (var partnership in created)
        {
            var read = await Eventually.SucceedsAsync($"reading {partnership.Details.Name} after {victim.Name} was killed",
                TimeSpan.FromSeconds(90), () => browser.GetPartnershipAsync(partnership.Id));
            Assert.Equal((partnership.Version, partnership.Details.Name), (read.Version, read.Details.Name));
        }

        // The other tests in this class go on with one silo: leave the cluster settled, not still deciding.
        await Eventually.UntilAsync($"{victim.Name} is declared dead", TimeSpan.FromSeconds(60),
            () => cluster.IsDeclaredDeadAsync(victim));
    }

    [Fact]
    public async Task WebNode_SchemaNewerThanCode_ExitsNonZeroWithOneLine()
    {
        var connectionString = await (await PostgresServer.Shared).CreateDatabaseAsync("newer schema");
        var database = HubDatabase.PostgreSql(connectionString);
        await new SchemaMigrator(database, NullLogger<SchemaMigrator>.Instance).MigrateAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        var future = SchemaScripts.For(DatabaseEngine.PostgreSql).CodeVersion + 1;
        await database.ExecuteAsync($"INSERT INTO hub_schema_version (version, name) VALUES ({future}, 'from_a_newer_hub')");
        await using var web = ProcessNode.StartWeb("web on a newer schema", ProcessCluster.WebEnvironment(connectionString));

        var exitCode = await web.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        var line = Assert.Single(web.ErrorLines);
        Assert.Contains($"schema version {future.ToString(CultureInfo.InvariantCulture)}", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Silo_DatabaseUnreachable_ExitsNonZeroWithOneLineNamingTheDatabase()
    {
        var port = FreePort.Next();
        var environment = ProcessCluster.SiloEnvironment($"Host=127.0.0.1;Port={port};Username=hub;Database=hub;Timeout=2");
        environment["Hub__Database__StartupTimeoutSeconds"] = "2";
        await using var silo = ProcessNode.StartSilo("silo without a database", environment);

        var exitCode = await silo.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        var line = Assert.Single(silo.ErrorLines);
        Assert.Contains($"127.0.0.1:{port}/hub", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Silo_EmbeddedMode_ExitsNonZeroWithOneLine()
    {
        var environment = ProcessCluster.SiloEnvironment("Host=127.0.0.1;Database=unused");
        environment["Hub__Mode"] = "Embedded";
        await using var silo = ProcessNode.StartSilo("silo in embedded mode", environment);

        var exitCode = await silo.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("cluster mode only", Assert.Single(silo.ErrorLines), StringComparison.Ordinal);
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response) => await PropertyAsync(response, "code");

    private static async Task<string?> FieldAsync(HttpResponseMessage response) => await PropertyAsync(response, "field");

    private static async Task<string?> PropertyAsync(HttpResponseMessage response, string name)
    {
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.TryGetProperty(name, out var value) ? value.GetString() : null;
    }
}
