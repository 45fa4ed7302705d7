using System.Globalization;

namespace Hub.Bench.Hosting;

/// <summary>CPU time and memory of a server process, read from /proc (Linux): the figures the bench reports
/// for the server side, apart from the load clients that share the machine.</summary>
public static class ProcessStats
{
    /// <summary>Clock ticks per second of /proc/[pid]/stat (USER_HZ): 100 on every Linux the bench runs on.</summary>
    private const double TicksPerSecond = 100;

    /// <summary>User + system CPU seconds the process has used so far; null when it is gone or not on Linux.</summary>
    public static double? CpuSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) may hold spaces; fields after its closing parenthesis are fixed.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var user = long.Parse(fields[11], CultureInfo.InvariantCulture);
            var system = long.Parse(fields[12], CultureInfo.InvariantCulture);
            return (user + system) / TicksPerSecond;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>Peak resident set size (VmHWM) in MiB since the process started or since <see cref="ResetPeak"/>.</summary>
    public static double? PeakRssMiB(int pid) => StatusKiB(pid, "VmHWM:") / 1024.0;

    public static double? RssMiB(int pid) => StatusKiB(pid, "VmRSS:") / 1024.0;

    /// <summary>Makes VmHWM start again from the current RSS (writing 5 to clear_refs), so a peak belongs to one run.</summary>
    public static void ResetPeak(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not allowed (another user's process): the peak then covers the process's whole life.
        }
    }

    /// <summary>The process and all its descendants (PostgreSQL's backends are children of the postmaster).</summary>
    public static IReadOnlyList<int> WithDescendants(int pid)
    {
        var parents = new Dictionary<int, int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var child))
            {
                try
                {
                    var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    parents[child] = int.Parse(fields[1], CultureInfo.InvariantCulture);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
                {
                    // Gone meanwhile.
                }
            }
        }

        var result = new List<int> { pid };
        for (var i = 0; i < result.Count; i++)
        {
            result.AddRange(parents.Where(p => p.Value == result[i]).Select(p => p.Key));
        }

        return result;
    }

    private static long? StatusKiB(int pid, string key)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
            return line is null ? null : long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
