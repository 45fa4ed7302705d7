using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Hub.Testing;

/// <summary>
/// Loopback ports for the servers the tests and the bench start. They come from below the kernel's ephemeral range, one after
/// another: a port the OS hands out for "port 0" is an ephemeral one, and between our check and the server's bind
/// an outgoing connection (to PostgreSQL, between silos) could take it as its local port — which made a whole
/// class's cluster fail with "address already in use". Outgoing connections never use ports below that range.
/// </summary>
public static class FreePort
{
    private const int Span = 10_000;
    private static readonly int Low = Math.Max(1024, EphemeralLow() - Span);

    // Each process starts at its own place in the span, so two runs on one machine rarely meet.
    private static int s_next = Random.Shared.Next(Span);

    /// <summary>A loopback port nobody listens on right now, not one the OS will give an outgoing connection.</summary>
    public static int Next()
    {
        for (var attempt = 0; attempt < Span; attempt++)
        {
            var port = Low + (Interlocked.Increment(ref s_next) % Span);
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free loopback port between {Low} and {Low + Span}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The lowest ephemeral port (Linux: /proc/sys/net/ipv4/ip_local_port_range; 32768 when unknown).</summary>
    private static int EphemeralLow()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            return int.Parse(range[0], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 32768;
        }
    }
}
