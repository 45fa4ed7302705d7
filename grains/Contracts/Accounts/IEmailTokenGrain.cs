namespace Hub.Contracts.Accounts;

[GenerateSerializer, Alias("hub.email-token-purpose")]
public enum EmailTokenPurpose
{
    /// <summary>A registration waiting for its owner to follow the link: the account is made only then.</summary>
    Register,

    /// <summary>A password reset.</summary>
    Reset,
}

/// <summary>
/// What a link mailed to an address stands for. A registration carries the chosen name and password hash (and the
/// invitation being accepted, by its key — the hash of its secret); a reset carries a fingerprint of the password
/// hash it replaces, so it stops working once the password has changed.
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.email-ticket")]
public sealed record EmailTicket(
    [property: Id(0)] EmailTokenPurpose Purpose,
    [property: Id(1)] string Email,
    [property: Id(2)] DateTimeOffset ExpiresAt,
    [property: Id(3)] string? DisplayName = null,
    [property: Id(4)] string? PasswordHash = null,
    [property: Id(5)] string? InviteKey = null,
    [property: Id(6)] string? ReplacesPassword = null);

/// <summary>An account made by following a registration link, and the invitation (by its key) it was made to accept.</summary>
[GenerateSerializer, Immutable, Alias("hub.registration")]
public sealed record Registration(
    [property: Id(0)] AccountInfo Account,
    [property: Id(1)] string? InviteKey);

public static class EmailTokenRules
{
    public static readonly TimeSpan RegisterValidFor = TimeSpan.FromHours(24);
    public static readonly TimeSpan ResetValidFor = TimeSpan.FromHours(1);
}

/// <summary>
/// One link mailed to an address (verification or reset). Key: the SHA-256 of the link's secret (base64url), so the
/// stored data holds no usable link. A ticket is redeemed once: redeeming removes it; an expired one is refused.
/// </summary>
[Alias("hub.IEmailTokenGrain")]
public interface IEmailTokenGrain : IGrainWithStringKey
{
    [Alias("Issue")]
    Task Issue(EmailTicket ticket);

    /// <summary>The ticket, removed, when it exists, is for <paramref name="purpose"/> and has not expired; else null.
    /// Without its password hash: that goes from the ticket to the account only, by <see cref="CompleteRegistration"/>.</summary>
    [Alias("Redeem")]
    Task<EmailTicket?> Redeem(EmailTokenPurpose purpose);

    /// <summary>Redeems a registration ticket and makes its account (refused as a conflict when the address has one
    /// meanwhile); null when there is no such ticket or it expired.</summary>
    [Alias("CompleteRegistration")]
    Task<Registration?> CompleteRegistration();

    public static string Key(string secret) =>
        Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
