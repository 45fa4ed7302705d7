using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hub.Contracts.Admin;
using Hub.Contracts.Audit;
using Hub.Contracts.Boards;
using Hub.Tests.Boards;
using Hub.Tests.Infrastructure;
using Hub.Web.Admin;
using Microsoft.AspNetCore.SignalR.Client;

namespace Hub.Tests.Admin;

/// <summary>An embedded node with an admin and restores switched on.</summary>
public sealed class InspectorNode : IAsyncLifetime
{
    public const string AdminEmail = "inspector-admin@example.org";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"hub-inspector-{Guid.NewGuid():N}");

    private UserSession? _admin;

    public WebNode Node { get; private set; } = null!;

    /// <summary>The admin, signed up once (an e-mail address is one account).</summary>
    public async Task<UserSession> AdminAsync() => _admin ??= await Node.SignUpAsync("Ada Admin", AdminEmail);

    public async Task InitializeAsync() =>
        Node = await WebNode.StartEmbeddedAsync(Path.Combine(_directory, "hub.db"), $"--Hub:Admins:0={AdminEmail}", "--Hub:Admin:AllowRestore=true");

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}

/// <summary>The inspector's actions through a real web node, with a real SignalR client on the board.</summary>
public sealed class InspectorEndpointsTests(InspectorNode fixture) : IClassFixture<InspectorNode>
{
    [Fact]
    public async Task ForceDeactivate_WithAClientConnected_LosesNothingAndTheClientCarriesOn()
    {
        var (anna, admin, partnershipId, boardId) = await SetUpAsync();
        await using var client = await BoardClient.OpenAsync(anna, boardId);
        for (var i = 0; i < 5; i++)
        {
            Assert.NotNull((await client.SubmitAsync(new AddCard($"before{i}", "ideas", $"Før {i}", null))).Seq);
        }

        var path = $"/api/admin/inspect/partnerships/{partnershipId}/board/{boardId}";
        var first = await ReadAsync<DocumentInspection>(await admin.Http.GetAsync(path));
        var deactivated = await admin.Http.PostAsync($"{path}/deactivate", null);
        // The web node renews its subscription within seconds, which starts the board again and joins the client again.
        var second = await Eventually.SucceedsAsync("a new activation with the web node subscribed", TimeSpan.FromSeconds(20), async () =>
        {
            var now = await ReadAsync<DocumentInspection>(await admin.Http.GetAsync(path));
            return now.Grain.Active && now.Grain.ActivationId != first.Grain.ActivationId && now.WebNodes.Length > 0 && now.ClientCount == 1
                ? now : throw new InvalidOperationException($"active {now.Grain.Active}, nodes {now.WebNodes.Length}");
        });
        for (var i = 0; i < 5; i++)
        {
            Assert.NotNull((await client.SubmitAsync(new AddCard($"after{i}", "ideas", $"Efter {i}", null))).Seq);
        }

        Assert.Equal(HttpStatusCode.NoContent, deactivated.StatusCode);
        Assert.Equal(5, second.StoredSeq);
        await client.WaitUntilAsync(c => c.Board?.Cards.Count == 10);
        var stored = await ReadAsync<BoardSnapshot>(await anna.Http.GetAsync($"/api/boards/{boardId}"));
        Assert.Equal(10, stored.Board.Cards.Count);
        Assert.Equal(10, stored.Seq);
        var audit = await fixture.Node.Grains().GetGrain<IAuditGrain>(AuditKeys.Partnership(partnershipId, DateTimeOffset.UtcNow)).Read();
        Assert.Contains(audit, e => e.Action == AuditActions.AdminDeactivated && e.ActorId == admin.Me.UserId && e.Target == $"board:{boardId}");
    }

    [Fact]
    public async Task Restore_OfAnExportAfterAChange_RoundTripsAndAStaleVersionIsRefused()
    {
        var (anna, admin, partnershipId, boardId) = await SetUpAsync();
        await using var client = await BoardClient.OpenAsync(anna, boardId);
        await client.SubmitAsync(new AddCard("walk", "ideas", "Gåtur", null));
        await client.SubmitAsync(new AddComment("walk", "c1", "Godt forslag"));
        var path = $"/api/admin/inspect/partnerships/{partnershipId}/board/{boardId}";
        var reset = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Connection.On<Guid, long>("Reset", (document, seq) => reset.TrySetResult(seq));

        var masked = await ReadAsync<DocumentExport>(await admin.Http.PostAsJsonAsync($"{path}/export", new ExportRequest(null), Json.Options));
        var export = await ReadAsync<DocumentExport>(await admin.Http.PostAsJsonAsync($"{path}/export", new ExportRequest("Gendannelse aftalt med Anna"), Json.Options));
        await client.SubmitAsync(new AddCard("later", "ideas", "Tilføjet bagefter", null));
        var preview = await ReadAsync<RestorePreview>(await admin.Http.PostAsJsonAsync($"{path}/restore/preview", new RestorePreviewRequest(export.Json), Json.Options));
        var maskedRestore = await admin.Http.PostAsJsonAsync($"{path}/restore", new RestoreRequest(masked.Json, 3, "Forsøg med maskeret fil"), Json.Options);
        var stale = await admin.Http.PostAsJsonAsync($"{path}/restore", new RestoreRequest(export.Json, export.Seq, "Gendan til før ændringen"), Json.Options);
        var restored = await admin.Http.PostAsJsonAsync($"{path}/restore", new RestoreRequest(export.Json, preview.CurrentSeq, "Gendan til før ændringen"), Json.Options);

        Assert.True(masked.Masked);
        Assert.DoesNotContain("Anna Inspektør", masked.Json, StringComparison.Ordinal);
        Assert.DoesNotContain(anna.Me.UserId, masked.Json, StringComparison.Ordinal);
        Assert.Contains("Godt forslag", masked.Json, StringComparison.Ordinal);
        Assert.False(export.Masked);
        Assert.Contains("Anna Inspektør", export.Json, StringComparison.Ordinal);
        Assert.Equal((2L, 3L), (export.Seq, preview.CurrentSeq));
        Assert.Contains(preview.Changes, c => c.Path.StartsWith("/cards/later", StringComparison.Ordinal) && c.After is null);
        Assert.Equal(HttpStatusCode.BadRequest, maskedRestore.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        Assert.Equal(4, await reset.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        var board = await ReadAsync<BoardSnapshot>(await anna.Http.GetAsync($"/api/boards/{boardId}"));
        Assert.Equal(4, board.Seq);
        Assert.Equal(["walk"], board.Board.Cards.Keys);
        Assert.Equal(JsonNode.Parse(export.Json)!["document"]!.ToJsonString(),
            JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(board.Board, Hub.Grains.Live.InspectionJson.Options))!.ToJsonString());
        var audit = await fixture.Node.Grains().GetGrain<IAuditGrain>(AuditKeys.Partnership(partnershipId, DateTimeOffset.UtcNow)).Read();
        Assert.Equal(2, audit.Count(e => e.Action == AuditActions.AdminExported));
        Assert.Contains(audit, e => e.Action == AuditActions.AdminRestored && e.Detail!.Contains("Gendan til før ændringen", StringComparison.Ordinal));
    }

    private async Task<(UserSession Anna, UserSession Admin, Guid PartnershipId, Guid BoardId)> SetUpAsync()
    {
        var anna = await fixture.Node.SignUpAsync("Anna Inspektør");
        var admin = await fixture.AdminAsync();
        var partnership = await anna.CreatePartnershipAsync("Inspiceret samarbejde");
        return (anna, admin, partnership.Id, partnership.Boards[0].BoardId);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return System.Text.Json.JsonSerializer.Deserialize<T>(body, Json.Options)!;
    }
}
