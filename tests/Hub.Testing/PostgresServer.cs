using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Hub.Testing;

/// <summary>
/// A throwaway PostgreSQL server: initdb into a temporary folder, listening on a free loopback port, stopped and
/// deleted when the process that started it exits, even when it is killed. PostgreSQL refuses to run as root, so
/// when we do, the server runs as the 'postgres' user (through runuser). The tests share one fast server
/// (<see cref="Shared"/>, fsync off) and each asks for its own database, so tests never see each other's rows;
/// the bench starts a durable one (fsync and synchronous commit on), since a commit's cost is what it measures.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private static readonly Lazy<Task<PostgresServer>> SharedServer = new(() => StartAsync(durable: false));
    private readonly string _directory;
    private readonly ProcessStartInfo _start;
    private Process _process;
    private int _databases;

    private PostgresServer(Process process, ProcessStartInfo start, string directory, int port)
    {
        _process = process;
        _start = start;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The postmaster's process id (its backends are its children).</summary>
    public int Pid { get; private set; }

    public string AdminConnectionString =>
        $"Host=127.0.0.1;Port={Port};Username=hub;Database=postgres;Pooling=false;Timeout=10";

    /// <summary>The server shared by every test in this run, started on first use.</summary>
    public static Task<PostgresServer> Shared => SharedServer.Value;

    /// <summary>Creates an empty database and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(string purpose)
    {
        var name = $"t{Interlocked.Increment(ref _databases)}_{new string(purpose.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(40).ToArray())}";
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return $"Host=127.0.0.1;Port={Port};Username=hub;Database={name};Timeout=10";
    }

    /// <summary>
    /// A restart as an operator does one: fast shutdown (every session is ended, as in <c>pg_ctl restart -m fast</c>),
    /// then the same server on the same port and data. Returns once it accepts connections again.
    /// </summary>
    public async Task RestartAsync()
    {
        Stop(_directory);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        _process.Dispose();
        _process = Launch(_start);
        await WaitUntilAcceptingAsync(this, _process);
        Pid = ReadPid(Path.Combine(_directory, "data"));
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Stop(_directory);
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
        TryDelete(_directory);
        return ValueTask.CompletedTask;
    }

    /// <summary>SIGINT to the postmaster is PostgreSQL's fast shutdown: its children go with it.</summary>
    private static void Stop(string directory)
    {
        var pidFile = Path.Combine(directory, "data", "postmaster.pid");
        if (File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid))
        {
            using var kill = Process.Start("kill", ["-INT", pid.ToString(CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
        }
    }

    /// <summary>
    /// A detached shell that outlives the test process: when that process is gone (finished, crashed or
    /// killed), it stops the server and deletes its folder. Nothing is left behind, whatever happens.
    /// </summary>
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

    /// <summary>Starts a server of its own; <paramref name="durable"/>: every commit flushed, as in production.</summary>
    public static async Task<PostgresServer> StartAsync(bool durable)
    {
        var bin = FindBinaries();
        RemoveAbandoned();
        var directory = Path.Combine(Path.GetTempPath(), $"hub-pg-{Guid.NewGuid():N}");
        var data = Path.Combine(directory, "data");
        Directory.CreateDirectory(directory);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            Run("chown", ["-R", "postgres:postgres", directory]);
        }

        Run(Tool(bin, "initdb", asRoot), [.. Prefix(bin, "initdb", asRoot), "-D", data, "-U", "hub", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"]);
        string[] safety = durable
            ? ["-c", "fsync=on", "-c", "synchronous_commit=on", "-c", "full_page_writes=on"]
            // For tests: speed over crash safety of the machine itself.
            : ["-c", "fsync=off", "-c", "full_page_writes=off"];

        var port = FreePort.Next();
        var start = new ProcessStartInfo(Tool(bin, "postgres", asRoot))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in Prefix(bin, "postgres", asRoot).Concat([
                     "-D", data, "-p", port.ToString(CultureInfo.InvariantCulture),
                     "-k", directory, "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=300", .. safety]))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Launch(start);
        var server = new PostgresServer(process, start, directory, port);
        StartReaper(directory);
        await WaitUntilAcceptingAsync(server, process);
        server.Pid = ReadPid(data);
        return server;
    }

    private static Process Launch(ProcessStartInfo start)
    {
        var process = Process.Start(start) ?? throw new InvalidOperationException("postgres did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilAcceptingAsync(PostgresServer server, Process process)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(server.AdminConnectionString);
                await connection.OpenAsync();
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    private static int ReadPid(string data) =>
        int.Parse(File.ReadLines(Path.Combine(data, "postmaster.pid")).First(), CultureInfo.InvariantCulture);

    private static string FindBinaries()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d == "/usr/lib/postgresql/15").ThenByDescending(d => d)
            : Enumerable.Empty<string>();
        return candidates.Select(d => Path.Combine(d, "bin")).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL server binaries not found under /usr/lib/postgresql: apt-get install postgresql");
    }

    private static string Tool(string bin, string name, bool asRoot) => asRoot ? "runuser" : Path.Combine(bin, name);

    private static string[] Prefix(string bin, string name, bool asRoot) =>
        asRoot ? ["-u", "postgres", "--", Path.Combine(bin, name)] : [];

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

    private static void TryDelete(string directory)
    {
        // The server's processes may take a moment to let go of their files after the kill.
        for (var attempt = 0; attempt < 20 && Directory.Exists(directory); attempt++)
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Thread.Sleep(100);
            }
        }
    }

    /// <summary>Removes the folders of earlier runs whose server is gone (a run that was killed).</summary>
    private static void RemoveAbandoned()
    {
        foreach (var directory in Directory.GetDirectories(Path.GetTempPath(), "hub-pg-*"))
        {
            var pidFile = Path.Combine(directory, "data", "postmaster.pid");
            var alive = File.Exists(pidFile)
                && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid)
                && Directory.Exists($"/proc/{pid}");
            if (!alive && Directory.GetLastWriteTimeUtc(directory) < DateTime.UtcNow.AddMinutes(-1))
            {
                TryDelete(directory);
            }
        }
    }
}
