using Hub.Contracts.ForMe;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Hub.Web.Mail;

/// <summary>
/// This web node's offer to send digests: the person's grain decides when and what, and hands the digest to a node
/// through the digest post, because the mail path (SMTP settings, the outbox) exists only on web nodes. The offer is
/// renewed every few seconds and withdrawn on a clean stop.
/// </summary>
public sealed partial class DigestMailer(IGrainFactory grains, HubMails mails, MailOutbox outbox, IConfiguration configuration, IServer server,
    ILogger<DigestMailer> logger) : BackgroundService, IDigestMailer
{
    private IDigestMailer? _reference;

    public Task Send(DigestMail mail)
    {
        outbox.Enqueue(mails.Digest(Origin(), mail));
        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _reference = grains.CreateObjectReference<IDigestMailer>(this);
        var post = grains.GetGrain<IDigestPostGrain>(0);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(IDigestPostGrain.RenewSeconds));
        do
        {
            try
            {
                await post.Offer(_reference);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogOfferFailed(logger, ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_reference is not null)
        {
            try
            {
                await grains.GetGrain<IDigestPostGrain>(0).Withdraw(_reference).WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Stopping anyway: the post forgets this node when its offer expires.
                LogOfferFailed(logger, ex.Message);
            }
        }

        await base.StopAsync(cancellationToken);
    }

    /// <summary>Hub:PublicUrl, else this node's own address: a digest has no request to take an address from.</summary>
    private string Origin()
    {
        var configured = configuration[HubMails.PublicUrlKey];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.TrimEnd('/');
        }

        return server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()?.TrimEnd('/') ?? "http://localhost";
    }

    [LoggerMessage(LogLevel.Warning, "Could not offer this node to the digest post: {Reason}")]
    private static partial void LogOfferFailed(ILogger logger, string reason);
}
