using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Hub.Bench.Hosting;

/// <summary>
/// A throwaway PostgreSQL server for one bench run, the way the tests start theirs (initdb into a temporary
/// folder, a free loopback port, run as the 'postgres' user when the bench runs as root, stopped and deleted
/// when the bench exits, even when it is killed) — but with fsync ON: durability before the acknowledgement is
/// what the bench measures, so a commit here costs what it costs in production on this disk.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private PostgresServer(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The postmaster's process id (its backends are its children).</summary>
    public int Pid { get; private set; }

    private string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=hub;Database=postgres;Pooling=false;Timeout=10";

    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return $"Host=127.0.0.1;Port={Port};Username=hub;Database={name};Timeout=10";
    }

    public static async Task<PostgresServer> StartAsync()
    {
        var bin = FindBinaries();
        var directory = Path.Combine(Path.GetTempPath(), $"hub-bench-pg-{Guid.NewGuid():N}");
        var data = Path.Combine(directory, "data");
        Directory.CreateDirectory(directory);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            Run("chown", ["-R", "postgres:postgres", directory]);
        }

        Run(Tool(bin, "initdb", asRoot), [.. Prefix(bin, "initdb", asRoot), "-D", data, "-U", "hub", "--auth=trust", "-E", "UTF8", "--no-locale"]);
        var port = FreePort.Next();
        var start = new ProcessStartInfo(Tool(bin, "postgres", asRoot))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in Prefix(bin, "postgres", asRoot).Concat([
                     "-D", data, "-p", port.ToString(CultureInfo.InvariantCulture), "-k", directory,
                     "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=300",
                     // Production settings where they matter to the measurement: every commit is flushed.
                     "-c", $"fsync={(Environment.GetEnvironmentVariable("HUB_BENCH_PG_FSYNC") ?? "on")}", "-c", "synchronous_commit=on", "-c", "full_page_writes=on"]))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("postgres did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PostgresServer(process, directory, port);
        StartReaper(directory);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(server.AdminConnectionString);
                await connection.OpenAsync();
                break;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(100);
            }
        }

        var pidFile = Path.Combine(data, "postmaster.pid");
        server.Pid = int.Parse(File.ReadLines(pidFile).First(), CultureInfo.InvariantCulture);
        return server;
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            var pidFile = Path.Combine(_directory, "data", "postmaster.pid");
            if (File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid))
            {
                using var kill = Process.Start("kill", ["-INT", pid.ToString(CultureInfo.InvariantCulture)]);
                kill.WaitForExit();
            }

            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
        for (var attempt = 0; attempt < 20 && Directory.Exists(_directory); attempt++)
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Thread.Sleep(100);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>A detached shell that stops the server and deletes its folder once the bench process is gone.</summary>
    private static void StartReaper(string directory)
    {
        var data = Path.Combine(directory, "data");
        var script = $"""
            while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 0.5; done
            pid=$(head -n 1 '{data}/postmaster.pid' 2>/dev/null)
            [ -n "$pid" ] && kill -INT "$pid" 2>/dev/null
            for i in $(seq 1 50); do [ -f '{data}/postmaster.pid' ] || break; sleep 0.2; done
            rm -rf '{directory}'
            """;
        var start = new ProcessStartInfo("setsid", ["sh", "-c", script])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process.Start(start)?.Dispose();
    }

    private static string FindBinaries()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d == "/usr/lib/postgresql/15").ThenByDescending(d => d)
            : Enumerable.Empty<string>();
        return candidates.Select(d => Path.Combine(d, "bin")).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL server binaries not found under /usr/lib/postgresql: apt-get install postgresql");
    }

    private static string Tool(string bin, string name, bool asRoot) => asRoot ? "runuser" : Path.Combine(bin, name);

    private static string[] Prefix(string bin, string name, bool asRoot) => asRoot ? ["-u", "postgres", "--", Path.Combine(bin, name)] : [];

    private static void Run(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error}{output.Result}");
        }
    }
}
