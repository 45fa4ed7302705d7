using Hub.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Hub.Tests.Security;

/// <summary>
/// An embedded node that allows one other origin on its hubs (Hub:AllowedOrigins), and has one endpoint of the
/// tests' own that fails as a bug would, to see what the pipeline answers with a 500.
/// </summary>
public sealed class PlatformNode : IAsyncLifetime
{
    public const string AllowedOrigin = "https://hub.example.dk";
    public const string FailingPath = "/api/test/fails";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"hub-platform-{Guid.NewGuid():N}");

    public WebNode Node { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Node = await WebNode.StartEmbeddedAsync(Path.Combine(_directory, "hub.db"),
            app => app.MapGet(FailingPath, IResult () => throw new InvalidOperationException("a bug")),
            $"--Hub:AllowedOrigins:0={AllowedOrigin}");

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
