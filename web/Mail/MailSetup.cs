using Hub.Runtime;
using Hub.Runtime.Hosting;
using MailKit.Security;
using MimeKit;

namespace Hub.Web.Mail;

public static partial class MailSetup
{
    /// <summary>The mail path: SMTP when Hub:Mail:Host is set, otherwise .eml files in a folder (the log says which).</summary>
    public static WebApplicationBuilder AddHubMail(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(MailOptions.Section).Get<MailOptions>() ?? new MailOptions();
        if (!MailboxAddress.TryParse(options.From, out _))
        {
            throw new HubStartupException($"Hub:Mail:From='{options.From}' is not an e-mail address (e.g. \"Hub <hub@kommune.dk>\").");
        }

        IMailTransport transport;
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            transport = new PickupFolderTransport(Path.GetFullPath(options.PickupDirectory ?? DefaultPickup(builder.Configuration)));
        }
        else
        {
            if (!Enum.TryParse<SecureSocketOptions>(options.Security, ignoreCase: true, out var security) || !Enum.IsDefined(security)
                || security == SecureSocketOptions.StartTlsWhenAvailable)
            {
                throw new HubStartupException($"Hub:Mail:Security='{options.Security}': use None, StartTls, SslOnConnect or Auto.");
            }

            if (options.Port is < 1 or > 65535)
            {
                throw new HubStartupException($"Hub:Mail:Port={options.Port} is not a port.");
            }

            transport = new SmtpTransport(options, security);
        }

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(transport);
        builder.Services.AddSingleton<MailOutbox>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MailOutbox>());
        builder.Services.AddSingleton<HubMails>();
        return builder;
    }

    /// <summary>Says at start-up where mails go and whether their links have a fixed address.</summary>
    public static WebApplication LogMailPath(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MailSetup).FullName!);
        var options = app.Services.GetRequiredService<MailOptions>();
        if (app.Services.GetRequiredService<IMailTransport>() is PickupFolderTransport folder)
        {
            LogPickup(logger, folder.Directory);
        }
        else
        {
            LogSmtp(logger, options.Host!, options.Port, options.Security);
        }

        if (string.IsNullOrWhiteSpace(app.Configuration[HubMails.PublicUrlKey]))
        {
            LogNoPublicUrl(logger);
        }

        return app;
    }

    private static string DefaultPickup(IConfiguration configuration)
    {
        var options = configuration.GetSection(HubOptions.Section).Get<HubOptions>() ?? new HubOptions();
        var embedded = string.Equals(options.Mode, nameof(HubMode.Embedded), StringComparison.OrdinalIgnoreCase);
        return embedded
            ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(options.Embedded.DatabasePath)) ?? ".", "mail")
            : Path.Combine("data", "mail");
    }

    [LoggerMessage(LogLevel.Warning, "No SMTP server is configured (Hub:Mail:Host): mails are written as .eml files to {Directory}")]
    private static partial void LogPickup(ILogger logger, string directory);

    [LoggerMessage(LogLevel.Information, "Mails go through SMTP at {Host}:{Port} ({Security})")]
    private static partial void LogSmtp(ILogger logger, string host, int port, string security);

    [LoggerMessage(LogLevel.Warning, "Hub:PublicUrl is not set: links in mails use the address each request came to; set it in production")]
    private static partial void LogNoPublicUrl(ILogger logger);
}
