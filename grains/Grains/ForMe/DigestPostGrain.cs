using Hub.Contracts.Common;
using Hub.Contracts.ForMe;
using Orleans.Concurrency;

namespace Hub.Grains.ForMe;

/// <summary>What only grains may ask of the digest post.</summary>
[Alias("hub.IDigestPostTrustedGrain")]
public interface IDigestPostTrustedGrain : IDigestPostGrain
{
    /// <summary>Hands a digest to one web node that offered to send; refused as unavailable when none takes it.</summary>
    [Alias("Deliver")]
    Task Deliver(DigestMail mail);
}

/// <summary>
/// The web nodes that send digests (the mail path lives on web nodes; silos have none). Kept in memory: a node offers
/// itself again every few seconds, so after a restart of this grain the list is whole again within one renewal.
/// Reentrant: it holds only the list, and one slow node must not hold every other digest.
/// </summary>
[Reentrant]
public sealed class DigestPostGrain(TimeProvider clock) : Grain, IDigestPostTrustedGrain
{
    private static readonly TimeSpan Expiry = TimeSpan.FromSeconds(IDigestPostGrain.RenewSeconds * 3);

    private readonly Dictionary<IDigestMailer, DateTimeOffset> _mailers = [];
    private int _next;

    public Task Offer(IDigestMailer mailer)
    {
        _mailers[mailer] = clock.GetUtcNow() + Expiry;
        return Task.CompletedTask;
    }

    public Task Withdraw(IDigestMailer mailer)
    {
        _mailers.Remove(mailer);
        return Task.CompletedTask;
    }

    public async Task Deliver(DigestMail mail)
    {
        var now = clock.GetUtcNow();
        var live = _mailers.Where(m => m.Value > now).Select(m => m.Key).ToList();
        // Round robin over the live nodes; one that fails is dropped until it offers itself again.
        for (var i = 0; i < live.Count; i++)
        {
            var mailer = live[(_next + i) % live.Count];
            try
            {
                await mailer.Send(mail);
                _next = (_next + i + 1) % Math.Max(1, live.Count);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _mailers.Remove(mailer);
            }
        }

        throw new HubRefusedException(ErrorCodes.Unavailable, "Ingen webserver kan sende mail lige nu. / No web node can send mail now.");
    }
}
