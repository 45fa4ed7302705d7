using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Faults;

/// <summary>
/// Caddy running docker/Caddyfile itself, with only its addresses replaced: it listens on a free loopback port
/// instead of :80, and its upstreams are the test's web nodes instead of web1:8080 and web2:8080. Its admin
/// endpoint is switched off (several runs on one machine would fight over :2019), it binds loopback only, and
/// its data folder is a temporary one. Everything else — sticky cookie, retries, health checks — is the deployed configuration.
/// </summary>
public sealed class CaddyProxy : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;
    private readonly List<string> _output = [];

    private CaddyProxy(Process process, string directory, Uri address)
    {
        _process = process;
        _directory = directory;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Starts Caddy in front of <paramref name="upstreams"/> (host:port each, in the Caddyfile's order).</summary>
    public static async Task<CaddyProxy> StartAsync(IReadOnlyList<string> upstreams)
    {
        var port = FreePort.Next();
        var directory = Path.Combine(Path.GetTempPath(), $"hub-caddy-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var caddyfile = Path.Combine(directory, "Caddyfile");
        await File.WriteAllTextAsync(caddyfile, Substitute(
            await File.ReadAllTextAsync(Path.Combine(ProcessNode.RepositoryRoot(), "docker", "Caddyfile")), port, upstreams));

        var start = new ProcessStartInfo("caddy", ["run", "--config", caddyfile, "--adapter", "caddyfile"])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        start.Environment["XDG_DATA_HOME"] = Path.Combine(directory, "data");
        start.Environment["XDG_CONFIG_HOME"] = Path.Combine(directory, "config");
        start.Environment["HOME"] = directory;
        var process = Process.Start(start) ?? throw new InvalidOperationException("caddy did not start (apt-get install caddy)");
        var proxy = new CaddyProxy(process, directory, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"));
        process.OutputDataReceived += (_, e) => proxy.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => proxy.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.UntilAsync("Caddy answers /health/ready through a web node", TimeSpan.FromSeconds(30), async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"caddy exited with {process.ExitCode}:\n{proxy.Tail()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(proxy.Address, "health/ready"));
                return response.IsSuccessStatusCode;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        });
        return proxy;
    }

    /// <summary>The value of Caddy's <c>hub_node</c> cookie that sends a browser to <paramref name="upstream"/>: the
    /// cookie policy's HMAC-SHA256 of the upstream's address, keyed with the (empty) secret.</summary>
    public static string CookieFor(string upstream) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Array.Empty<byte>(), Encoding.UTF8.GetBytes(upstream)));

    public string Tail()
    {
        lock (_output)
        {
            return string.Join('\n', _output.TakeLast(40));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>The deployed Caddyfile with the test's addresses; fails if the file no longer has the ones it replaces.</summary>
    private static string Substitute(string caddyfile, int port, IReadOnlyList<string> upstreams)
    {
        const string Site = ":80 {";
        const string Upstreams = "reverse_proxy web1:8080 web2:8080 {";
        if (!caddyfile.Contains(Site, StringComparison.Ordinal) || !caddyfile.Contains(Upstreams, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"docker/Caddyfile no longer has '{Site}' and '{Upstreams}': update {nameof(CaddyProxy)}.");
        }

        // stream_close_delay (Caddy 2.7) only matters when the configuration is reloaded, which a test never
        // does; Debian's caddy (2.6) refuses the line, so it is left out there.
        if (InstalledVersion() < new Version(2, 7))
        {
            caddyfile = string.Join('\n', caddyfile.Split('\n').Where(line => !line.TrimStart().StartsWith("stream_close_delay", StringComparison.Ordinal)));
        }

        return "{\n\tadmin off\n\tdefault_bind 127.0.0.1\n}\n" + caddyfile
            .Replace(Site, $":{port.ToString(CultureInfo.InvariantCulture)} {{", StringComparison.Ordinal)
            .Replace(Upstreams, $"reverse_proxy {string.Join(' ', upstreams)} {{", StringComparison.Ordinal);
    }

    /// <summary>The installed Caddy's version ("v2.6.2 h1:…" → 2.6.2).</summary>
    private static Version InstalledVersion()
    {
        var start = new ProcessStartInfo("caddy", ["version"]) { RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("caddy is not installed (apt-get install caddy)");
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var match = System.Text.RegularExpressions.Regex.Match(text, @"v(\d+)\.(\d+)\.(\d+)");
        return match.Success
            ? new Version(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture))
            : new Version(0, 0);
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }
    }
}
