using System.Security.Claims;
using Hub.Contracts.Accounts;
using Hub.Contracts.Common;

namespace Hub.Web.Accounts;

/// <summary>The bridge between the sign-in cookie and the <see cref="Actor"/> passed in every grain call.</summary>
public static class Identity
{
    public const string EmailClaim = ClaimTypes.Email;
    public const string AdminClaim = "hub:admin";

    /// <summary>The cookie's address is one its owner proved to read (a mailed link, or the identity provider's word).
    /// Only such an address carries rights: Hub:Admins, invitations sent to it.</summary>
    public const string VerifiedEmailClaim = "hub:email-verified";

    /// <summary>The cookie's claims. The admin right is not among them: <see cref="ApplyCurrentRights"/> decides it on
    /// every request from the configuration of that moment.</summary>
    public static ClaimsPrincipal Principal(AccountInfo account, bool emailVerified, string securityStamp)
    {
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, account.UserId),
            new(ClaimTypes.Name, account.DisplayName),
            new(EmailClaim, account.Email),
            new(Security.SessionStamps.StampClaim, securityStamp),
        ];
        if (emailVerified)
        {
            claims.Add(new Claim(VerifiedEmailClaim, "true"));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, "hub", ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>
    /// Sets the admin claim from the current Hub:Admins and drops any the cookie brought (cookies from before this
    /// carried it): removing an address from the configuration ends the right for every open session at its next
    /// request or live call.
    /// </summary>
    public static void ApplyCurrentRights(ClaimsPrincipal? user, AdminList admins)
    {
        if (user?.Identity is not ClaimsIdentity identity || !identity.IsAuthenticated)
        {
            return;
        }

        foreach (var claim in identity.FindAll(AdminClaim).ToList())
        {
            identity.RemoveClaim(claim);
        }

        if (VerifiedEmail(user) is { } email && admins.Contains(email))
        {
            identity.AddClaim(new Claim(AdminClaim, "true"));
        }
    }

    /// <summary>The person's address when they proved they read it, else null.</summary>
    public static string? VerifiedEmail(ClaimsPrincipal user) =>
        user.HasClaim(VerifiedEmailClaim, "true") && user.FindFirstValue(EmailClaim) is { Length: > 0 } email ? NormaliseEmail(email) : null;

    /// <summary>The signed-in person as an actor. Endpoints that call this require authorization.</summary>
    public static Actor ToActor(this ClaimsPrincipal user) =>
        new(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Not signed in."),
            user.FindFirstValue(ClaimTypes.Name) ?? "",
            user.HasClaim(AdminClaim, "true"));

    public static string NormaliseEmail(string email) => email.Trim().ToLowerInvariant();
}

/// <summary>
/// E-mail addresses that are platform admins (configuration key Hub:Admins), read from the configuration as it is
/// now (at most a second old), so an edit of appsettings.json takes effect without a restart and without a new sign-in.
/// </summary>
public sealed class AdminList(IConfiguration configuration, TimeProvider clock)
{
    public const string Key = "Hub:Admins";
    private static readonly TimeSpan ReadEvery = TimeSpan.FromSeconds(1);

    // A reference swapped whole: requests read it concurrently, and a struct could be read half written.
    private Snapshot? _current;

    public bool Contains(string email)
    {
        var current = _current;
        if (current is null || clock.GetUtcNow() - current.ReadAt >= ReadEvery)
        {
            var emails = configuration.GetSection(Key).GetChildren().Select(c => c.Value).OfType<string>()
                .Select(NormaliseEmail).ToHashSet(StringComparer.Ordinal);
            _current = current = new Snapshot(emails, clock.GetUtcNow());
        }

        return current.Emails.Contains(email);
    }

    private sealed record Snapshot(HashSet<string> Emails, DateTimeOffset ReadAt);

    private static string NormaliseEmail(string email) => Identity.NormaliseEmail(email);
}
