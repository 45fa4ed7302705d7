using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Reflection;

namespace Hub.Testing;

/// <summary>Which of Hub's two programs a <see cref="ProcessNode"/> runs.</summary>
public enum HubProgram
{
    Web,
    Silo,
}

/// <summary>
/// A Hub node as its own operating-system process, started the way an operator starts one (the tests' WebNode
/// and SiloNode run inside the test process instead): <c>dotnet Hub.Web.dll</c> or <c>dotnet Hub.Silo.dll</c>
/// from the build output of the caller's own configuration (test.sh builds the whole solution in Release first;
/// <c>dotnet run -c Release</c> of the bench runs Release binaries), configured by environment variables only,
/// with the program's folder as working directory (as in the container image). The bench also runs its relay
/// this way (<see cref="StartAssembly"/>), so that each server's CPU and memory can be read apart. Output is kept
/// for failure messages; disposing kills the process, and a detached watcher kills it if the caller dies.
/// </summary>
public sealed class ProcessNode : IAsyncDisposable
{
    private const int KeptLines = 400;
    private static readonly TimeSpan DefaultReadyTimeout = TimeSpan.FromSeconds(90);

    /// <summary>Variables that would configure the child behind the test's back when set in the test's environment.</summary>
    private static readonly string[] InheritedConfigurationPrefixes =
        ["Hub__", "ConnectionStrings__", "ASPNETCORE_URLS", "ASPNETCORE_HTTP", "DOTNET_URLS", "URLS", "HTTP_PORTS"];

    private readonly Process _process;
    private readonly Queue<string> _output = new();
    private readonly List<string> _errors = [];

    private ProcessNode(string name, Process process, Uri? address)
    {
        Name = name;
        _process = process;
        Address = address;
    }

    public string Name { get; }

    /// <summary>Where a web process listens; null for a silo.</summary>
    public Uri? Address { get; }

    public bool HasExited => _process.HasExited;

    public int Pid => _process.Id;

    public int ExitCode => _process.ExitCode;

    /// <summary>What the process wrote to stderr, line by line.</summary>
    public IReadOnlyList<string> ErrorLines
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    /// <summary>Starts a web node listening on a free loopback port, or on <paramref name="port"/> (ASPNETCORE_URLS).</summary>
    public static ProcessNode StartWeb(string name, IReadOnlyDictionary<string, string> environment, int? port = null)
    {
        var address = new Uri($"http://127.0.0.1:{(port ?? FreePort.Next()).ToString(CultureInfo.InvariantCulture)}/");
        var withUrl = new Dictionary<string, string>(environment) { ["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/') };
        return Start(ProgramPath(HubProgram.Web), [], name, withUrl, address);
    }

    public static ProcessNode StartSilo(string name, IReadOnlyDictionary<string, string> environment) =>
        Start(ProgramPath(HubProgram.Silo), [], name, environment, address: null);

    /// <summary>Any built .NET program (an assembly path) as a web server on a free loopback port.</summary>
    public static ProcessNode StartAssembly(string name, string assembly, IReadOnlyList<string> arguments)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}/");
        return Start(assembly, arguments, name, new Dictionary<string, string> { ["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/') }, address);
    }

    /// <summary>A client with its own cookies (a browser of its own), for a web process; like the browser
    /// client, it sends the antiforgery token with every request that changes something.</summary>
    public HttpClient CreateClient() =>
        new(new AntiforgeryHandler(new SocketsHttpHandler { CookieContainer = new CookieContainer(), UseCookies = true }))
        {
            BaseAddress = Address ?? throw new InvalidOperationException($"{Name} is not a web process."),
            Timeout = TimeSpan.FromSeconds(15),
        };

    /// <summary>Waits until <paramref name="path"/> (/health/ready) answers 200; fails at once when the process exits first.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan? timeout = null, string path = "health/ready")
    {
        using var http = CreateClient();
        http.Timeout = TimeSpan.FromSeconds(5);
        var deadline = DateTime.UtcNow + (timeout ?? DefaultReadyTimeout);
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(path);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or busy starting: ask again.
            }

            FailIfExitedOrLate(deadline, $"to answer /{path} with 200");
            await Task.Delay(200);
        }
    }

    /// <summary>Waits until the process has written a line containing <paramref name="text"/>.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultReadyTimeout);
        while (!HasWritten(text))
        {
            FailIfExitedOrLate(deadline, $"to write \"{text}\"");
            await Task.Delay(100);
        }
    }

    /// <summary>Waits for the process to end by itself and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{Name} did not exit within {timeout.TotalSeconds:0} s.\n{Tail()}");
        }

        return _process.ExitCode;
    }

    /// <summary>SIGTERM (what Ctrl+C, systemd and Docker send), then waits for the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        if (!HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }

        return await WaitForExitAsync(timeout);
    }

    /// <summary>SIGKILL: the process gets no chance to say goodbye, as when a machine dies.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(TimeSpan.FromSeconds(10));
    }

    /// <summary>The last lines the process wrote (stdout and stderr), for failure messages.</summary>
    public string Tail(int lines = 80)
    {
        lock (_output)
        {
            return $"--- last output of {Name} ---\n{string.Join('\n', _output.TakeLast(lines))}";
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static ProcessNode Start(string assembly, IReadOnlyList<string> arguments, string name, IReadOnlyDictionary<string, string> environment, Uri? address)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(assembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var key in start.Environment.Keys.Where(k => InheritedConfigurationPrefixes.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase))).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var hub = new ProcessNode(name, process, address);
        process.OutputDataReceived += (_, e) => hub.Keep(e.Data, error: false);
        process.ErrorDataReceived += (_, e) => hub.Keep(e.Data, error: true);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        KillWhenParentEnds(process.Id);
        return hub;
    }

    private void Keep(string? line, bool error)
    {
        if (line is null)
        {
            return;
        }

        if (error)
        {
            lock (_errors)
            {
                _errors.Add(line);
            }
        }

        lock (_output)
        {
            _output.Enqueue(error ? $"stderr: {line}" : line);
            while (_output.Count > KeptLines)
            {
                _output.Dequeue();
            }
        }
    }

    private bool HasWritten(string text)
    {
        lock (_output)
        {
            return _output.Any(line => line.Contains(text, StringComparison.Ordinal));
        }
    }

    private void FailIfExitedOrLate(DateTime deadline, string what)
    {
        if (HasExited)
        {
            throw new InvalidOperationException($"{Name} exited with code {ExitCode} while waiting for it {what}.\n{Tail()}");
        }

        if (DateTime.UtcNow >= deadline)
        {
            throw new TimeoutException($"Timed out waiting for {Name} {what}.\n{Tail()}");
        }
    }

    /// <summary>
    /// A detached watcher kills the child when the process that started it is gone (a crash, a killed run), so
    /// that no silo is left running against a database that no longer exists. It ends by itself when the child does.
    /// </summary>
    private static void KillWhenParentEnds(int child)
    {
        var script = $"while kill -0 {Environment.ProcessId} 2>/dev/null && kill -0 {child} 2>/dev/null; do sleep 1; done; kill -9 {child} 2>/dev/null";
        var watcher = new ProcessStartInfo("setsid", ["sh", "-c", script])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process.Start(watcher)?.Dispose();
    }

    /// <summary>web/bin/{Configuration}/{tfm}/Hub.Web.dll (or silo/…/Hub.Silo.dll) next to the tests' own build.</summary>
    private static string ProgramPath(HubProgram program)
    {
        var configuration = typeof(ProcessNode).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var targetFramework = new DirectoryInfo(AppContext.BaseDirectory).Name;
        var (folder, file) = program == HubProgram.Web ? ("web", "Hub.Web.dll") : ("silo", "Hub.Silo.dll");
        var path = Path.Combine(RepositoryRoot(), folder, "bin", configuration, targetFramework, file);
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{path} is missing: build the solution first (dotnet build Hub.sln -c {configuration}).");
    }

    /// <summary>The folder holding Hub.sln, above the running program.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Hub.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Hub.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>The dotnet host running these tests (the SDK tells us where), else the one on PATH.</summary>
    private static string DotnetHost()
    {
        var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk))
        {
            return fromSdk;
        }

        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
