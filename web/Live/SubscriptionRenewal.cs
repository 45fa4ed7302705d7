using System.Collections.Immutable;
using Hub.Contracts.Common;
using Hub.Contracts.Live;

namespace Hub.Web.Live;

/// <summary>
/// The timer that keeps a web node's standing subscriptions with grains alive. Grain observers expire, so every few
/// seconds each document with a connection here is renewed with the connections that hold it (which also keeps
/// their presence alive). The documents are read under their owner's lock and renewed outside it, all at once; a
/// renewal that fails is logged and tried again on the next tick, while clients notice any missed push by its
/// sequence number (or read afresh on reconnect). Used by <see cref="LiveFanout{TOp,TSnapshot}"/> and
/// <see cref="PartnershipWatch"/>.
/// </summary>
public sealed class SubscriptionRenewal(
    Lock gate,
    Dictionary<Guid, Dictionary<string, Actor>> documents,
    Func<Guid, ImmutableArray<LiveConnection>, Task> renew,
    Action<Exception, Guid> failed)
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(5);

    private PeriodicTimer? _timer;
    private Task? _running;

    public void Start()
    {
        _timer = new PeriodicTimer(Every);
        _running = RunAsync(_timer);
    }

    public async Task StopAsync()
    {
        _timer?.Dispose();
        if (_running is not null)
        {
            await _running;
        }
    }

    private async Task RunAsync(PeriodicTimer timer)
    {
        while (await timer.WaitForNextTickAsync())
        {
            List<(Guid Document, ImmutableArray<LiveConnection> Connections)> held;
            lock (gate)
            {
                held = [.. documents.Select(d => (d.Key, d.Value.Select(c => new LiveConnection(c.Key, c.Value)).ToImmutableArray()))];
            }

            await Task.WhenAll(held.Select(async h =>
            {
                try
                {
                    await renew(h.Document, h.Connections);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    failed(ex, h.Document);
                }
            }));
        }
    }
}
