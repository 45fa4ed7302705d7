using Hub.Web.Mail;
using MailKit.Security;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;

namespace Hub.Tests.Mail;

/// <summary>The outbox behind "we have sent you a mail": the person was already told, so a mail is not dropped for a
/// failure that passes, whether in sending it or in the grain calls that prepare it.</summary>
public sealed class MailOutboxTests
{
    [Fact]
    public async Task Enqueue_JobFailsOnceAsASiloIsStarting_TheMailIsStillSent()
    {
        var server = await TestMailServer.SharedAsync();
        var options = new MailOptions { Host = "127.0.0.1", Port = server.Port };
        using var outbox = new MailOutbox(new SmtpTransport(options, SecureSocketOptions.None), NullLogger<MailOutbox>.Instance);
        await outbox.StartAsync(CancellationToken.None);
        var to = $"{Guid.NewGuid():N}@example.org";
        var calls = 0;

        outbox.Enqueue(_ => ++calls == 1
            ? throw new InvalidOperationException("unavailable: the cluster is starting")
            : Task.FromResult<MimeMessage?>(Message(to)));

        var mail = await server.TakeAsync(to, "kom igen");
        Assert.Equal(2, calls);
        Assert.Equal("Hub prøver igen", mail.Subject);
        await outbox.StopAsync(CancellationToken.None);
    }

    private static MimeMessage Message(string to)
    {
        var message = new MimeMessage { Subject = "Hub prøver igen" };
        message.From.Add(MailboxAddress.Parse("hub@hub.test"));
        message.To.Add(MailboxAddress.Parse(to));
        message.Body = new TextPart("plain") { Text = "Klyngen kom igen." };
        return message;
    }
}
