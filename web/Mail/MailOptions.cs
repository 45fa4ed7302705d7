using MailKit.Security;

namespace Hub.Web.Mail;

/// <summary>The "Hub:Mail" section: how Hub sends its mails (verification, password reset, invitations).</summary>
public sealed class MailOptions
{
    public const string Section = "Hub:Mail";

    /// <summary>The SMTP server; empty: mails are written as .eml files to <see cref="PickupDirectory"/> instead.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>None, StartTls (the default: port 587), SslOnConnect (port 465) or Auto.</summary>
    public string Security { get; set; } = nameof(SecureSocketOptions.StartTls);

    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender, e.g. "Hub &lt;hub@kommune.dk&gt;".</summary>
    public string From { get; set; } = "Hub <hub@localhost>";

    /// <summary>Without an SMTP server: where mails are written (default: a "mail" folder beside the embedded
    /// database, or ./data/mail in cluster mode).</summary>
    public string? PickupDirectory { get; set; }
}
