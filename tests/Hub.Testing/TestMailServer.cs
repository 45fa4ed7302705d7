using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Hub.Testing;

/// <summary>
/// A real SMTP server (the SmtpServer library) on a loopback port, in the test or bench process: Hub sends to it over
/// a real SMTP conversation (MailKit), and tests take the mails out by recipient and follow their links. One per
/// process is enough — every test person has an address of their own.
/// </summary>
public sealed partial class TestMailServer
{
    private static readonly Lazy<Task<TestMailServer>> SharedServer = new(StartAsync);

    private readonly List<MimeMessage> _inbox = [];
    private readonly Lock _gate = new();
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TestMailServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>The process's server, started on first use.</summary>
    public static Task<TestMailServer> SharedAsync() => SharedServer.Value;

    /// <summary>The same, for the synchronous builders of a process's environment (starting takes milliseconds).</summary>
    public static TestMailServer Shared => SharedServer.Value.GetAwaiter().GetResult();

    /// <summary>Hub's configuration for sending here, as command-line arguments.</summary>
    public string[] Arguments =>
        [$"--Hub:Mail:Host=127.0.0.1", $"--Hub:Mail:Port={Port.ToString(CultureInfo.InvariantCulture)}", "--Hub:Mail:Security=None",
            "--Hub:Mail:From=Hub <hub@hub.test>"];

    /// <summary>The same as environment variables, for Hub processes.</summary>
    public Dictionary<string, string> Environment => new()
    {
        ["Hub__Mail__Host"] = "127.0.0.1",
        ["Hub__Mail__Port"] = Port.ToString(CultureInfo.InvariantCulture),
        ["Hub__Mail__Security"] = "None",
        ["Hub__Mail__From"] = "Hub <hub@hub.test>",
    };

    /// <summary>Takes the first mail to <paramref name="to"/> (whose text contains <paramref name="containing"/>, if
    /// given) out of the inbox, waiting for it to arrive.</summary>
    public async Task<MimeMessage> TakeAsync(string to, string? containing = null, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            Task arrived;
            lock (_gate)
            {
                var found = _inbox.Find(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, to, StringComparison.OrdinalIgnoreCase))
                    && (containing is null || (m.TextBody ?? "").Contains(containing, StringComparison.Ordinal)));
                if (found is not null)
                {
                    _inbox.Remove(found);
                    return found;
                }

                arrived = _arrived.Task;
            }

            try
            {
                await arrived.WaitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No mail to {to}{(containing is null ? "" : $" containing {containing}")} arrived.");
            }
        }
    }

    /// <summary>Whether a mail to <paramref name="to"/> is waiting (for tests that a mail was NOT sent, after one that was).</summary>
    public bool HasMailFor(string to)
    {
        lock (_gate)
        {
            return _inbox.Exists(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, to, StringComparison.OrdinalIgnoreCase)));
        }
    }

    /// <summary>The secret of the first link in the mail whose path starts with <paramref name="path"/> ("/verify/").</summary>
    public static string LinkSecret(MimeMessage message, string path)
    {
        var match = Regex.Match(message.TextBody ?? "", $@"https?://[^\s/]+{Regex.Escape(path)}([A-Za-z0-9_-]+)");
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException($"No {path} link in: {message.TextBody}");
    }

    /// <summary>Takes the mail to <paramref name="to"/> with a <paramref name="path"/> link and returns the link's secret.</summary>
    public async Task<string> TakeLinkAsync(string to, string path) => LinkSecret(await TakeAsync(to, path), path);

    private static async Task<TestMailServer> StartAsync()
    {
        var port = FreePort.Next();
        var mail = new TestMailServer(port);
        var options = new SmtpServerOptionsBuilder()
            .ServerName("hub.test")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(mail));
        var server = new SmtpServer.SmtpServer(options, services);
        _ = server.StartAsync(CancellationToken.None);
        // Ready once it accepts a connection.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return mail;
            }
            catch (SocketException) when (attempt < 100)
            {
                await Task.Delay(50);
            }
        }
    }

    private void Receive(MimeMessage message)
    {
        lock (_gate)
        {
            _inbox.Add(message);
            var arrived = _arrived;
            _arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            arrived.TrySetResult();
        }
    }

    private sealed class Store(TestMailServer mail) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            mail.Receive(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
