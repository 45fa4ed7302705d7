using System.Threading.Channels;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Hub.Web.Mail;

/// <summary>
/// Mail work leaves the request: a request only enqueues a job (look the address up, issue its link, compose the
/// mail), so it answers in the same time whether or not the address has an account and whether or not a mail is
/// sent, and a slow or down mail server never holds a request. A few jobs run at once; a failed send is retried
/// three times and then logged (never with the message's text, which holds a link).
/// </summary>
public sealed partial class MailOutbox(IMailTransport transport, ILogger<MailOutbox> logger) : BackgroundService
{
    private const int QueueMax = 10_000;
    private const int Workers = 4;
    private static readonly TimeSpan[] Retries = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30)];

    private readonly Channel<Func<CancellationToken, Task<MimeMessage?>>> _queue = Channel.CreateBounded<Func<CancellationToken, Task<MimeMessage?>>>(
        new BoundedChannelOptions(QueueMax) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Queues a job that yields the mail to send (or null: nothing to send).</summary>
    public void Enqueue(Func<CancellationToken, Task<MimeMessage?>> job)
    {
        if (!_queue.Writer.TryWrite(job))
        {
            LogQueueFull(logger, QueueMax);
        }
    }

    public void Enqueue(MimeMessage message) => Enqueue(_ => Task.FromResult<MimeMessage?>(message));

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => WorkAsync(stoppingToken)));

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        await foreach (var job in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            var message = await PrepareAsync(job, stoppingToken);
            if (message is not null)
            {
                await SendAsync(message, stoppingToken);
            }
        }
    }

    /// <summary>
    /// Runs a job's grain calls, again after a failure: the person was already told a mail is on its way, and a
    /// silo that is starting or restarting answers <c>unavailable</c> for a few seconds. The jobs may run twice (a
    /// second link supersedes nothing the first could do; both expire).
    /// </summary>
    private async Task<MimeMessage?> PrepareAsync(Func<CancellationToken, Task<MimeMessage?>> job, CancellationToken stoppingToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await job(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException && attempt < Retries.Length)
            {
                LogPrepareRetry(logger, attempt + 1, ex.Message);
                await Task.Delay(Retries[attempt], stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogJobFailed(logger, ex);
                return null;
            }
        }
    }

    private async Task SendAsync(MimeMessage message, CancellationToken stoppingToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await transport.SendAsync(message, stoppingToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && attempt < Retries.Length)
            {
                LogRetry(logger, message.Subject ?? "", attempt + 1, ex.Message);
                await Task.Delay(Retries[attempt], stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, message.Subject ?? "", ex);
                return;
            }
        }
    }

    [LoggerMessage(LogLevel.Error, "The mail queue is full ({Max}); a mail was not sent")]
    private static partial void LogQueueFull(ILogger logger, int max);

    [LoggerMessage(LogLevel.Warning, "Preparing a mail failed (attempt {Attempt}), retrying: {Reason}")]
    private static partial void LogPrepareRetry(ILogger logger, int attempt, string reason);

    [LoggerMessage(LogLevel.Error, "Preparing a mail failed for good")]
    private static partial void LogJobFailed(ILogger logger, Exception exception);

    [LoggerMessage(LogLevel.Warning, "Sending mail \"{Subject}\" failed (attempt {Attempt}), retrying: {Reason}")]
    private static partial void LogRetry(ILogger logger, string subject, int attempt, string reason);

    [LoggerMessage(LogLevel.Error, "Sending mail \"{Subject}\" failed for good")]
    private static partial void LogFailed(ILogger logger, string subject, Exception exception);
}

/// <summary>Where a mail goes: an SMTP server, or a folder of .eml files.</summary>
public interface IMailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>SMTP through MailKit, one connection per mail (Hub sends few).</summary>
public sealed class SmtpTransport(MailOptions options, SecureSocketOptions security) : IMailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient();
        client.Timeout = 30_000;
        await client.ConnectAsync(options.Host!, options.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(options.User))
        {
            await client.AuthenticateAsync(options.User, options.Password ?? "", cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}

/// <summary>Without an SMTP server (a laptop, a trial): each mail becomes a file the operator can open.</summary>
public sealed class PickupFolderTransport(string directory) : IMailTransport
{
    public string Directory { get; } = directory;

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var name = $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.eml";
        // Written under another name and renamed when whole: whoever picks up *.eml never reads half a mail.
        var partial = Path.Combine(Directory, name + ".partial");
        await message.WriteToAsync(partial, cancellationToken);
        File.Move(partial, Path.Combine(Directory, name));
    }
}
