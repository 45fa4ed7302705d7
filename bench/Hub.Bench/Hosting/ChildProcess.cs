using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Reflection;

namespace Hub.Bench.Hosting;

/// <summary>
/// A server the bench runs as its own process — Hub's web node or silo (the built dlls, as an operator starts
/// them), or the relay — so that its CPU time and memory can be read apart from the load clients'. Configured
/// by environment variables only; killed on dispose, and by a detached watcher if the bench itself dies.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    /// <summary>Variables that would configure the child behind the bench's back when set in its environment.</summary>
    private static readonly string[] InheritedConfigurationPrefixes =
        ["Hub__", "ConnectionStrings__", "ASPNETCORE_URLS", "ASPNETCORE_HTTP", "DOTNET_URLS", "URLS", "HTTP_PORTS"];

    private readonly Process _process;
    private readonly Queue<string> _output = new();

    private ChildProcess(string name, Process process, Uri? address)
    {
        Name = name;
        _process = process;
        Address = address;
    }

    public string Name { get; }

    public Uri? Address { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Hub's web node (Hub.Web.dll) on a free loopback port, or on <paramref name="port"/>.</summary>
    public static ChildProcess StartWeb(string name, IReadOnlyDictionary<string, string> environment, int? port = null)
    {
        var address = new Uri($"http://127.0.0.1:{(port ?? FreePort.Next()).ToString(CultureInfo.InvariantCulture)}/");
        var withUrl = new Dictionary<string, string>(environment) { ["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/') };
        return Start(name, [ProgramPath("web", "Hub.Web.dll")], withUrl, address);
    }

    public static ChildProcess StartSilo(string name, IReadOnlyDictionary<string, string> environment) =>
        Start(name, [ProgramPath("silo", "Hub.Silo.dll")], environment, null);

    /// <summary>This program again, as the relay server (<c>Hub.Bench relay</c>).</summary>
    public static ChildProcess StartRelay()
    {
        var address = new Uri($"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}/");
        var self = Assembly.GetEntryAssembly()!.Location;
        var environment = new Dictionary<string, string> { ["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/') };
        return Start("relay", [self, "relay"], environment, address);
    }

    /// <summary>Waits until GET <paramref name="path"/> answers 200; fails at once when the process exits first.</summary>
    public async Task WaitUntilReadyAsync(string path, TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
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
                // Not listening yet.
            }

            FailIfExitedOrLate(deadline);
            await Task.Delay(200);
        }
    }

    /// <summary>Waits until the process has written a line containing <paramref name="text"/>.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            lock (_output)
            {
                if (_output.Any(l => l.Contains(text, StringComparison.Ordinal)))
                {
                    return;
                }
            }

            FailIfExitedOrLate(deadline);
            await Task.Delay(100);
        }
    }

    /// <summary>SIGTERM, as an operator's stop, then waits for the exit.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (!HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", Pid.ToString(CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }

        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    public string Tail(int lines = 40)
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

    private static ChildProcess Start(string name, string[] arguments, IReadOnlyDictionary<string, string> environment, Uri? address)
    {
        var (file, prefix) = Host();
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = Path.GetDirectoryName(arguments[0].EndsWith(".dll", StringComparison.Ordinal) ? arguments[0] : AppContext.BaseDirectory)!,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in prefix.Concat(arguments))
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
        var child = new ChildProcess(name, process, address);
        process.OutputDataReceived += (_, e) => child.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        KillWhenBenchEnds(process.Id);
        return child;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > 400)
            {
                _output.Dequeue();
            }
        }
    }

    private void FailIfExitedOrLate(DateTime deadline)
    {
        if (HasExited)
        {
            throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} while starting.\n{Tail()}");
        }

        if (DateTime.UtcNow >= deadline)
        {
            throw new TimeoutException($"{Name} did not become ready in time.\n{Tail()}");
        }
    }

    private static void KillWhenBenchEnds(int child)
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

    /// <summary>The dotnet host (a .dll argument runs under it); the bench's own build configuration decides
    /// which build of web/ and silo/ runs, so `dotnet run -c Release` measures Release binaries.</summary>
    private static (string File, string[] Prefix) Host()
    {
        var current = Environment.ProcessPath;
        var dotnet = current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet"
            ? current
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } fromSdk && File.Exists(fromSdk) ? fromSdk : "dotnet";
        return (dotnet, []);
    }

    private static string ProgramPath(string folder, string file)
    {
        var configuration = typeof(ChildProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var targetFramework = new DirectoryInfo(AppContext.BaseDirectory).Name;
        var path = Path.Combine(RepositoryRoot(), folder, "bin", configuration, targetFramework, file);
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{path} is missing: build the solution first (dotnet build Hub.sln -c {configuration}).");
    }

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
}
