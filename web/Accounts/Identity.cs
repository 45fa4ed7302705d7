using System.Security.Claims;
using Hub.Contracts.Accounts;
using Hub.Contracts.Common;

namespace Hub.Web.Accounts;

/// <summary>The bridge between the sign-in cookie and the <see cref="Actor"/> passed in every grain call.</summary>
public static class Identity
{
    public const string EmailClaim = ClaimTypes.Email;
    public const string AdminClaim = "hub:admin";

    public static ClaimsPrincipal Principal(AccountInfo account, bool isAdmin, string securityStamp)
    {
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, account.UserId),
            new(ClaimTypes.Name, account.DisplayName),
            new(EmailClaim, account.Email),
            new(Security.SessionStamps.StampClaim, securityStamp),
        ];
        if (isAdmin)
        {
            claims.Add(new Claim(AdminClaim, "true"));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, "hub", ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>The signed-in person as an actor. Endpoints that call this require authorization.</summary>
    public static Actor ToActor(this ClaimsPrincipal user) =>
        new(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Not signed in."),
            user.FindFirstValue(ClaimTypes.Name) ?? "",
            user.HasClaim(AdminClaim, "true"));

    public static string NormaliseEmail(string email) => email.Trim().ToLowerInvariant();
}
