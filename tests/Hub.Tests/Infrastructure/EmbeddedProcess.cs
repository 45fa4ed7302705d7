using System.Globalization;

namespace Hub.Tests.Infrastructure;

/// <summary>
/// One web process in embedded mode (co-hosted silo, SQLite), started from an empty data directory in a
/// temporary folder, as a newcomer's first <c>dotnet run --project web</c> does. Shared by a test class.
/// </summary>
public sealed class EmbeddedProcess : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"hub-embedded-{Guid.NewGuid():N}");

    /// <summary>Does not exist until the process creates it.</summary>
    public string DataDirectory => Path.Combine(_directory, "data");

    public string DatabasePath => Path.Combine(DataDirectory, "hub.db");

    public ProcessNode Web { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Web = Start();
        await Web.WaitUntilReadyAsync();
    }

    /// <summary>Stops the process as Ctrl+C does and starts a new one on the same data; answers the old
    /// process's exit code.</summary>
    public async Task<int> RestartAsync()
    {
        var exitCode = await Web.StopAsync(TimeSpan.FromSeconds(60));
        await Web.DisposeAsync();
        Web = Start();
        await Web.WaitUntilReadyAsync();
        return exitCode;
    }

    public async Task DisposeAsync()
    {
        await Web.DisposeAsync();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>The environment an embedded process gets: free ports, so that several runs can share a machine.</summary>
    public static Dictionary<string, string> Environment(string databasePath) => new()
    {
        ["Hub__Mode"] = "Embedded",
        ["Hub__Embedded__DatabasePath"] = databasePath,
        ["Hub__Silo__Port"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
        ["Hub__Silo__GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
        ["Hub__Silo__AdvertisedAddress"] = "127.0.0.1",
        ["Hub__Mail__Host"] = TestMailServer.Shared.Environment["Hub__Mail__Host"],
        ["Hub__Mail__Port"] = TestMailServer.Shared.Environment["Hub__Mail__Port"],
        ["Hub__Mail__Security"] = "None",
    };

    private ProcessNode Start() => ProcessNode.StartWeb("embedded web", Environment(DatabasePath));
}
