using MimeKit;

namespace Hub.Web.Mail;

/// <summary>
/// The mails Hub sends, Danish first, English second, as plain text. Links point at <c>Hub:PublicUrl</c>; without it,
/// at the address the request came to — which a client chooses (the Host header), so production sets Hub:PublicUrl
/// (the start-up log warns when it is missing).
/// </summary>
public sealed class HubMails(MailOptions options, IConfiguration configuration)
{
    public const string PublicUrlKey = "Hub:PublicUrl";

    public MimeMessage VerifyAddress(string origin, string to, string displayName, string token) =>
        Compose(to, "Bekræft din e-mailadresse / Confirm your e-mail address",
            $"""
            Hej {displayName}

            Tak fordi du vil være med i Hub. Åbn linket for at bekræfte, at adressen er din, og oprette kontoen:

            {Link(origin, $"/verify/{token}")}

            Linket virker én gang og i 24 timer. Har du ikke bedt om en konto, kan du se bort fra denne mail.

            ---

            Thank you for joining Hub. Open the link to confirm that the address is yours and create the account
            (it works once, for 24 hours). If you did not ask for an account, ignore this mail.
            """);

    public MimeMessage AlreadyRegistered(string origin, string to, string resetToken, string? invitePath) =>
        Compose(to, "Du har allerede en konto i Hub / You already have a Hub account",
            $"""
            Hej

            Nogen – måske dig – har prøvet at oprette en konto i Hub med denne adresse. Du har allerede en konto.
            Log ind på {Link(origin, invitePath ?? "/")}
            Har du glemt adgangskoden, kan du vælge en ny her (linket virker én gang og i en time):

            {Link(origin, $"/reset/{resetToken}")}

            Var det ikke dig, kan du se bort fra denne mail; din konto er uændret.

            ---

            Someone – perhaps you – tried to create a Hub account with this address. You already have one: sign in at
            {Link(origin, invitePath ?? "/")}. Forgot the password? Choose a new one with the link above (once, within an
            hour). If it was not you, ignore this mail; your account is unchanged.
            """);

    public MimeMessage ResetPassword(string origin, string to, string token) =>
        Compose(to, "Vælg en ny adgangskode / Choose a new password",
            $"""
            Hej

            Åbn linket for at vælge en ny adgangskode til Hub:

            {Link(origin, $"/reset/{token}")}

            Linket virker én gang og i en time. Har du ikke bedt om det, kan du se bort fra denne mail.

            ---

            Open the link to choose a new Hub password (it works once, for an hour). If you did not ask for it,
            ignore this mail.
            """);

    public MimeMessage Invitation(string origin, string to, string partnershipName, string inviterName, string secret) =>
        Compose(to, $"Invitation til {partnershipName} / Invitation to {partnershipName}",
            $"""
            Hej

            {inviterName} har inviteret dig til partnerskabet »{partnershipName}« i Hub. Åbn linket for at tage imod:

            {Link(origin, $"/invite/{secret}")}

            Invitationen gælder kun for denne e-mailadresse og én gang.

            ---

            {inviterName} invited you to the partnership “{partnershipName}” in Hub. Open the link to accept
            (it is for this e-mail address only, once).
            """);

    public MimeMessage PasswordChanged(string origin, string to) =>
        Compose(to, "Din adgangskode er ændret / Your password was changed",
            $"""
            Hej

            Adgangskoden til din konto i Hub er lige blevet ændret, og alle dine sessioner er logget ud.
            Var det ikke dig, så vælg en ny adgangskode med det samme: {Link(origin, "/forgot")}

            ---

            The password of your Hub account was just changed and every session signed out. If it was not you,
            choose a new password at once: {Link(origin, "/forgot")}
            """);

    /// <summary>Where links point: Hub:PublicUrl, else the request's own scheme and host. Read while the request is
    /// there; the mail itself is composed later, in the outbox.</summary>
    public string Origin(HttpContext http)
    {
        var configured = configuration[PublicUrlKey];
        return string.IsNullOrWhiteSpace(configured) ? $"{http.Request.Scheme}://{http.Request.Host}" : configured.TrimEnd('/');
    }

    private MimeMessage Compose(string to, string subject, string body)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        // Quoted-printable keeps æ, ø and å intact on any path: a pickup file or a relay without 8BITMIME would
        // otherwise carry raw UTF-8 bytes in a part declared 7-bit, which readers show as '�'.
        message.Body = new TextPart("plain") { Text = body, ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        return message;
    }

    private static string Link(string origin, string path) => origin + path;
}
