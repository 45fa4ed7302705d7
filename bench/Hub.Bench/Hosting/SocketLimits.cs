using System.Globalization;

namespace Hub.Bench.Hosting;

/// <summary>
/// What the operating system allows the bench to open, checked before a run that opens many connections, so that a
/// run beyond it stops with a clear message instead of failing half-way with "too many open files" or "address
/// already in use". Every client connection holds a file descriptor in this process (and one more when the server
/// runs in it) and a local port from the ephemeral range (all connections go to one loopback address and port).
/// </summary>
public static class SocketLimits
{
    /// <summary>Descriptors the bench needs besides the connections: files, pipes, the HTTP clients' sockets.</summary>
    private const int Headroom = 1_000;

    public static void Check(int connections, bool serverInProcess)
    {
        var descriptors = (connections * (serverInProcess ? 2 : 1)) + Headroom;
        if (OpenFilesLimit() is { } limit && descriptors > limit)
        {
            throw new InvalidOperationException(
                $"{connections} connections need about {descriptors} open files in the bench process; the limit is {limit}. Raise it (ulimit -n) or run fewer connections.");
        }

        if (EphemeralPorts() is { } ports && connections + Headroom > ports)
        {
            throw new InvalidOperationException(
                $"{connections} connections to one loopback address need as many local ports; the ephemeral range has {ports} (/proc/sys/net/ipv4/ip_local_port_range).");
        }
    }

    /// <summary>The soft limit on open files of this process (/proc/self/limits), or null when unknown or unlimited.</summary>
    public static long? OpenFilesLimit()
    {
        try
        {
            var line = File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
            var soft = line?["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
            return long.TryParse(soft, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>How many local ports the kernel hands out for outgoing connections, or null when unknown.</summary>
    public static int? EphemeralPorts()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            return int.Parse(range[1], CultureInfo.InvariantCulture) - int.Parse(range[0], CultureInfo.InvariantCulture) + 1;
        }
        catch (Exception ex) when (ex is IOException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
