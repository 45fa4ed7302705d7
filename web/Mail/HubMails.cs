using System.Globalization;
using System.Text;
using Hub.Contracts.ForMe;
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

    /// <summary>The daily digest: what waits for the person, with links to each place and one to stop the mails.</summary>
    public MimeMessage Digest(string origin, DigestMail mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");
        var da = CultureInfo.GetCultureInfo("da-DK");
        string Day(DateTimeOffset at, CultureInfo culture) => TimeZoneInfo.ConvertTime(at, zone).ToString("d. MMMM", culture);
        var w = mail.Waiting;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Hej {mail.DisplayName}\n\nDet her venter på dig i Hub:\n");
        if (!w.Cards.IsEmpty)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n{Count(w.Cards.Length, "kort", "kort")} med frist inden for en uge:\n");
            foreach (var c in w.Cards)
            {
                text.Append(CultureInfo.InvariantCulture, $"- »{c.Title}« ({c.BoardName}, {c.PartnershipName}), frist {Day(c.DueAt!.Value, da)}: {Link(origin, $"/boards/{c.BoardId}")}\n");
            }
        }

        foreach (var a in w.Agreements)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nSamarbejdsaftalen i »{a.PartnershipName}« venter på jeres godkendelse: {Link(origin, $"/partnerships/{a.PartnershipId}/agreement")}\n");
        }

        foreach (var i in w.Invites)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nDin invitation til »{i.PartnershipName}«{(i.AddressedTo is null ? "" : $" ({i.AddressedTo})")} udløber {Day(i.ExpiresAt, da)}: {Link(origin, $"/partnerships/{i.PartnershipId}#people")}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"\nSe det hele under »Til mig«: {Link(origin, "/til-mig")}\n");
        text.Append(CultureInfo.InvariantCulture, $"Du får denne mail, fordi du har bedt om den. Stop den her: {Link(origin, $"/afmeld/{mail.UnsubscribeToken}")}\n\n---\n\n");
        text.Append(CultureInfo.InvariantCulture, $"What waits for you in Hub: {Count(w.Cards.Length, "card", "cards")} due within a week, {Count(w.Agreements.Length, "agreement", "agreements")} to approve, ");
        text.Append(CultureInfo.InvariantCulture, $"{Count(w.Invites.Length, "invitation", "invitations")} about to expire. See {Link(origin, "/til-mig")}. Stop these mails: {Link(origin, $"/afmeld/{mail.UnsubscribeToken}")}\n");
        var message = Compose(mail.To, "Det venter på dig i Hub / Waiting for you in Hub", text.ToString());
        message.Headers.Add("List-Unsubscribe", $"<{Link(origin, $"/afmeld/{mail.UnsubscribeToken}")}>");
        return message;
    }

    private static string Count(int n, string one, string many) => n == 1 ? $"1 {one}" : $"{n.ToString(CultureInfo.InvariantCulture)} {many}";

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
