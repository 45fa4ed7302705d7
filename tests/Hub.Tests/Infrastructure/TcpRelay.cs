using System.Net;
using System.Net.Sockets;

namespace Hub.Tests.Infrastructure;

/// <summary>
/// A loopback TCP relay between a client and a server, so a test can cut the network under a live
/// connection (every open socket is closed at once), or keep it down for a while, like a train tunnel.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Uri _target;
    private readonly Lock _gate = new();
    private readonly List<TcpClient> _open = [];
    private readonly CancellationTokenSource _stop = new();
    private volatile bool _down;

    public TcpRelay(Uri target)
    {
        _target = target;
        _listener.Start();
        _ = AcceptLoop();
    }

    public Uri Address => new UriBuilder(_target) { Port = ((IPEndPoint)_listener.LocalEndpoint).Port }.Uri;

    /// <summary>Closes every relayed connection now; new ones are refused while <paramref name="stayDown"/>.</summary>
    public void Cut(bool stayDown = false)
    {
        _down = stayDown;
        lock (_gate)
        {
            foreach (var client in _open)
            {
                try
                {
                    // Linger 0: the socket is reset, not closed politely: a real cut.
                    client.Client?.LingerState = new LingerOption(true, 0);
                }
                catch (ObjectDisposedException)
                {
                }

                client.Dispose();
            }

            _open.Clear();
        }
    }

    public void Restore() => _down = false;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Cut();
        _stop.Dispose();
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient incoming;
            try
            {
                incoming = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            if (_down)
            {
                incoming.Dispose();
                continue;
            }

            _ = Relay(incoming);
        }
    }

    private async Task Relay(TcpClient incoming)
    {
        var outgoing = new TcpClient();
        try
        {
            await outgoing.ConnectAsync(_target.Host, _target.Port);
        }
        catch (SocketException)
        {
            incoming.Dispose();
            outgoing.Dispose();
            return;
        }

        lock (_gate)
        {
            _open.Add(incoming);
            _open.Add(outgoing);
        }

        using (incoming)
        using (outgoing)
        {
            try
            {
                await Task.WhenAny(
                    incoming.GetStream().CopyToAsync(outgoing.GetStream(), _stop.Token),
                    outgoing.GetStream().CopyToAsync(incoming.GetStream(), _stop.Token));
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException or SocketException)
            {
            }
        }
    }
}
