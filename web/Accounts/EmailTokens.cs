using System.Security.Cryptography;
using Hub.Contracts.Accounts;
using Hub.Contracts.Common;

namespace Hub.Web.Accounts;

/// <summary>The secrets in mailed links: 256 random bits, stored only as their hash (<see cref="IEmailTokenGrain"/>).</summary>
public static class EmailTokens
{
    private const int SecretMax = 100;

    public static async Task<string> IssueAsync(IGrainFactory grains, EmailTicket ticket)
    {
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await grains.GetGrain<IEmailTokenGrain>(IEmailTokenGrain.Key(secret)).Issue(ticket);
        return secret;
    }

    /// <summary>The ticket behind a link, used up; a not_found refusal when the link is unknown, used or expired.</summary>
    public static async Task<EmailTicket> RedeemAsync(IGrainFactory grains, string? secret, EmailTokenPurpose purpose)
    {
        var ticket = secret is { Length: > 0 and <= SecretMax }
            ? await grains.GetGrain<IEmailTokenGrain>(IEmailTokenGrain.Key(secret)).Redeem(purpose)
            : null;
        return ticket ?? throw new HubRefusedException(ErrorCodes.NotFound,
            "Linket er brugt eller udløbet; bed om et nyt. / The link is used or has expired; ask for a new one.", "token");
    }

    /// <summary>The account made by a registration link, its ticket used up; a not_found refusal as for <see cref="RedeemAsync"/>.</summary>
    public static async Task<Registration> CompleteRegistrationAsync(IGrainFactory grains, string? secret)
    {
        var registration = secret is { Length: > 0 and <= SecretMax }
            ? await grains.GetGrain<IEmailTokenGrain>(IEmailTokenGrain.Key(secret)).CompleteRegistration()
            : null;
        return registration ?? throw new HubRefusedException(ErrorCodes.NotFound,
            "Linket er brugt eller udløbet; bed om et nyt. / The link is used or has expired; ask for a new one.", "token");
    }

    /// <summary>Puts a redeemed ticket back under its link (the request was refused for a reason the person can fix).</summary>
    public static Task RestoreAsync(IGrainFactory grains, string secret, EmailTicket ticket) =>
        grains.GetGrain<IEmailTokenGrain>(IEmailTokenGrain.Key(secret)).Issue(ticket);
}
