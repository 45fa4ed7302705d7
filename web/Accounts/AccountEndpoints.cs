using System.Net;
using System.Net.Mail;
using System.Security.Claims;
using Hub.Contracts.Accounts;
using Hub.Contracts.Audit;
using Hub.Contracts.Common;
using Hub.Contracts.Partnerships;
using Hub.Web.Mail;
using Hub.Web.Live;
using Hub.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Hub.Web.Accounts;

public sealed record RegisterRequest(string Email, string DisplayName, string Password);

public sealed record SignInRequest(string Email, string Password);

public sealed record Me(string UserId, string Email, string DisplayName, bool IsAdmin);

/// <summary>The same answer whatever the address: a mail is on its way to it (what it says depends on the address).</summary>
public sealed record MailSent(string Email);

public sealed record VerifyRequest(string? Token);

/// <summary>The account made by following the link, and the partnership joined when the link came from an invitation
/// (<see cref="InviteProblem"/> says why not, when the invitation was used up in the meantime).</summary>
public sealed record Verified(Me Account, Guid? PartnershipId, string? InviteProblem);

public sealed record ForgotPasswordRequest(string? Email);

public sealed record ResetPasswordRequest(string? Token, string? Password);

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

/// <summary>
/// Local accounts: register (by a link mailed to the address), sign in and out, forgot and reset password, change
/// password, who am I, my data, delete me. New passwords are hashed with ASP.NET Core Identity's hasher (PBKDF2) on the
/// web node, and only the hash reaches a grain; a password is checked by the account grain, and no hash comes back. Answers do not tell whether an address has an account: registering and
/// asking for a reset always answer "mail sent" (the owner of a known address gets a mail saying so), and a sign-in
/// with an unknown address does the same hashing work as one with a wrong password.
/// </summary>
public static class AccountEndpoints
{
    public const int EmailMax = 254;

    private static readonly PasswordHasher<string> Hasher = new();

    /// <summary>Checked when the address cannot be an account's, so a miss costs what a wrong password costs.</summary>
    private static readonly Lazy<string> DummyHash = new(() => Hasher.HashPassword("", Guid.NewGuid().ToString("N")));

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder routes)
    {
        var account = routes.MapGroup("/api/account");
        account.MapPost("/register", Register).RequireRateLimiting(RateLimits.SignIn);
        account.MapPost("/verify", Verify).RequireRateLimiting(RateLimits.SignIn);
        account.MapPost("/sign-in", SignIn).RequireRateLimiting(RateLimits.SignIn);
        account.MapPost("/forgot-password", ForgotPassword).RequireRateLimiting(RateLimits.SignIn);
        account.MapPost("/reset-password", ResetPassword).RequireRateLimiting(RateLimits.SignIn);
        account.MapPost("/password", ChangePassword).RequireAuthorization().RequireRateLimiting(RateLimits.SignIn);
        account.MapPost("/sign-out", async (HttpContext http, SessionStamps stamps, LiveGuard guard, IGrainFactory grains, TimeProvider clock) =>
        {
            if (http.User.Identity?.IsAuthenticated == true)
            {
                var actor = http.User.ToActor();
                await stamps.EndSessionsAsync(actor.UserId);
                guard.EndConnectionsOf(actor.UserId);
                await AuditTrail.Global(grains, clock.GetUtcNow(), AuditActions.SignedOut, actor, $"user:{actor.UserId}");
            }

            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.NoContent();
        });
        account.MapGet("/me", (ClaimsPrincipal user) => ToMe(user)).RequireAuthorization();
        account.MapGet("/data", PersonalData.Export).RequireAuthorization();
        account.MapPost("/delete", PersonalData.Delete).RequireAuthorization();
        return routes;
    }

    /// <summary>Signs the person in with the cookie every web node reads; it carries their security stamp.</summary>
    public static async Task<Me> SignInAsync(HttpContext http, AccountInfo account, bool emailVerified)
    {
        var services = http.RequestServices;
        var stamp = await services.GetRequiredService<SessionStamps>().CurrentAsync(account.UserId, fresh: true);
        var principal = Identity.Principal(account, emailVerified, stamp);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        Identity.ApplyCurrentRights(principal, services.GetRequiredService<AdminList>());
        http.User = principal;
        return ToMe(principal);
    }

    /// <summary>
    /// Starts a registration: a link goes to the address, and the account exists only once it is followed — so no
    /// one gets an account, or any right, for an address they cannot read. The owner of an address that already
    /// has an account gets a mail saying so (with a reset link) instead; the answer is the same.
    /// </summary>
    private static IResult Register(RegisterRequest request, IGrainFactory grains, HttpContext http, HubMails mails, MailOutbox outbox)
    {
        var email = ValidEmail(request.Email);
        PartnershipRules.ValidateDisplayName(request.DisplayName);
        PasswordPolicy.Check(request.Password, email);
        StartRegistration(grains, mails, outbox, mails.Origin(http), email, request.DisplayName.Trim(), request.Password, invite: null);
        return Results.Accepted(value: new MailSent(email));
    }

    /// <summary>The work behind a registration, off the request (see <see cref="MailOutbox"/>). <paramref name="invite"/>:
    /// the invitation link's secret when the person registers to accept it.</summary>
    public static void StartRegistration(IGrainFactory grains, HubMails mails, MailOutbox outbox, string origin, string email,
        string displayName, string password, string? invite) =>
        outbox.Enqueue(async _ =>
        {
            var hash = Hasher.HashPassword(email, password);
            var existing = await grains.GetGrain<IAccountGrain>(email).Find();
            var now = DateTimeOffset.UtcNow;
            if (existing is not null)
            {
                var reset = await IssueResetAsync(grains, existing, now);
                return mails.AlreadyRegistered(origin, email, reset, invite is null ? null : $"/invite/{invite}");
            }

            var token = await EmailTokens.IssueAsync(grains, new EmailTicket(EmailTokenPurpose.Register, email,
                now + EmailTokenRules.RegisterValidFor, displayName, hash, invite is null ? null : IInviteGrain.Key(invite)));
            return mails.VerifyAddress(origin, email, displayName, token);
        });

    /// <summary>The link from the verification mail: the account is made (its address verified), the person signed
    /// in, and the invitation they registered for accepted.</summary>
    private static async Task<Verified> Verify(VerifyRequest request, IGrainFactory grains, HttpContext http, TimeProvider clock)
    {
        var (account, inviteKey) = await EmailTokens.CompleteRegistrationAsync(grains, request.Token);
        var me = await SignInAsync(http, account, emailVerified: true);
        await AuditTrail.Global(grains, clock.GetUtcNow(), AuditActions.AccountCreated, http.User.ToActor(), $"user:{account.UserId}");
        if (inviteKey is null)
        {
            return new Verified(me, null, null);
        }

        try
        {
            var joined = await grains.GetGrain<IInviteGrain>(inviteKey).Accept(http.User.ToActor(), account.Email);
            return new Verified(me, joined.Id, null);
        }
        catch (HubRefusedException refused)
        {
            // The account stands; the invitation was revoked or used up while the mail was on its way.
            return new Verified(me, null, refused.Message);
        }
    }

    private static async Task<IResult> SignIn(SignInRequest request, IGrainFactory grains, HttpContext http, TimeProvider clock)
    {
        var email = Identity.NormaliseEmail(request.Email ?? "");
        var now = clock.GetUtcNow();
        var plausible = email.Length is > 0 and <= EmailMax;
        var throttle = plausible ? grains.GetGrain<ISignInThrottleGrain>(ISignInThrottleGrain.Key(email)) : null;
        var origin = OriginOf(http);
        if (throttle is not null && await throttle.WaitFor(origin) is { } wait)
        {
            return Throttled(http, wait);
        }

        // The same PBKDF2 work whether or not the address has an account (the grain does it for a plausible address,
        // with a dummy hash when it has none): the time of the answer tells nothing.
        var typed = request.Password is { Length: > 0 and <= PasswordPolicy.Max } ? request.Password : null;
        var check = plausible && typed is not null ? await grains.GetGrain<IAccountGrain>(email).VerifyPassword(typed)
            : plausible ? new PasswordCheck(await grains.GetGrain<IAccountGrain>(email).Find(), false)
            : DummyCheck(typed);
        var found = check.Account;
        if (!check.Matches || found is null)
        {
            var waitNow = throttle is null ? null : await throttle.RecordFailure(origin);
            // What was typed is not kept: the account when there is one, else nothing that names an address.
            await AuditTrail.Global(grains, now, waitNow is null ? AuditActions.SignInFailed : AuditActions.LockedOut, null,
                found is null ? "user:none" : $"user:{found.Account.UserId}");
            return Refused(StatusCodes.Status401Unauthorized, "sign_in_failed", "Forkert e-mail eller adgangskode. / Wrong e-mail or password.");
        }

        await throttle!.RecordSuccess(origin);
        var me = await SignInAsync(http, found.Account, found.EmailVerified);
        await AuditTrail.Global(grains, now, AuditActions.SignedIn, http.User.ToActor(), $"user:{me.UserId}");
        return Results.Ok(me);
    }

    /// <summary>An address no account can have: the hashing work a wrong password costs, and no account.</summary>
    private static PasswordCheck DummyCheck(string? typed)
    {
        if (typed is not null)
        {
            Hasher.VerifyHashedPassword("", DummyHash.Value, typed);
        }

        return new PasswordCheck(null, false);
    }

    /// <summary>Always "mail sent"; only an address with a local account gets a reset link.</summary>
    private static IResult ForgotPassword(ForgotPasswordRequest request, IGrainFactory grains, HttpContext http, HubMails mails, MailOutbox outbox)
    {
        var email = ValidEmail(request.Email);
        var origin = mails.Origin(http);
        outbox.Enqueue(async _ =>
        {
            var found = await grains.GetGrain<IAccountGrain>(email).Find();
            return found is null ? null : mails.ResetPassword(origin, email, await IssueResetAsync(grains, found, DateTimeOffset.UtcNow));
        });
        return Results.Accepted(value: new MailSent(email));
    }

    /// <summary>The link from a reset mail: a new password, every other session ended, this one signed in. Following
    /// it also proves the address (for accounts made before verification existed).</summary>
    private static async Task<Me> ResetPassword(ResetPasswordRequest request, IGrainFactory grains, HttpContext http,
        SessionStamps stamps, LiveGuard guard, TimeProvider clock)
    {
        PasswordPolicy.Check(request.Password);
        var ticket = await EmailTokens.RedeemAsync(grains, request.Token, EmailTokenPurpose.Reset);
        var grain = grains.GetGrain<IAccountGrain>(ticket.Email);
        var found = await grain.Find();
        if (found is null || found.PasswordFingerprint != ticket.ReplacesPassword)
        {
            throw new HubRefusedException(ErrorCodes.NotFound,
                "Linket er brugt eller udløbet; bed om et nyt. / The link is used or has expired; ask for a new one.", "token");
        }

        if (PasswordPolicy.IsGuessable(request.Password!, ticket.Email))
        {
            await EmailTokens.RestoreAsync(grains, request.Token!, ticket);
            PasswordPolicy.Check(request.Password, ticket.Email);
        }

        var account = await grain.SetPassword(Hasher.HashPassword(ticket.Email, request.Password!), addressProven: true);
        await stamps.EndSessionsAsync(account.UserId);
        guard.EndConnectionsOf(account.UserId);
        var me = await SignInAsync(http, account, emailVerified: true);
        await AuditTrail.Global(grains, clock.GetUtcNow(), AuditActions.PasswordReset, http.User.ToActor(), $"user:{account.UserId}");
        return me;
    }

    /// <summary>A signed-in person with a local account changes their password, giving the current one. Every other
    /// session ends; the owner gets a mail saying so.</summary>
    private static async Task<Me> ChangePassword(ChangePasswordRequest request, IGrainFactory grains, HttpContext http,
        SessionStamps stamps, LiveGuard guard, HubMails mails, MailOutbox outbox, TimeProvider clock)
    {
        var actor = http.User.ToActor();
        if (http.User.FindFirstValue(ExternalSignIn.MethodClaim) is not null)
        {
            throw new HubRefusedException(ErrorCodes.Validation,
                "Du logger ind gennem din organisation og har ingen adgangskode i Hub. / You sign in through your organisation and have no Hub password.");
        }

        var email = http.User.FindFirstValue(Identity.EmailClaim) ?? "";
        var grain = grains.GetGrain<IAccountGrain>(email);
        var check = request.CurrentPassword is { Length: > 0 and <= PasswordPolicy.Max } ? await grain.VerifyPassword(request.CurrentPassword) : null;
        if (check is not { Matches: true, Account: { } found } || found.Account.UserId != actor.UserId)
        {
            throw new HubRefusedException(ErrorCodes.Forbidden,
                "Den nuværende adgangskode er forkert. / The current password is wrong.", "currentPassword");
        }

        PasswordPolicy.Check(request.NewPassword, email);
        var account = await grain.SetPassword(Hasher.HashPassword(email, request.NewPassword!), addressProven: false);
        await stamps.EndSessionsAsync(account.UserId);
        guard.EndConnectionsOf(account.UserId);
        var me = await SignInAsync(http, account, found.EmailVerified);
        outbox.Enqueue(mails.PasswordChanged(mails.Origin(http), email));
        await AuditTrail.Global(grains, clock.GetUtcNow(), AuditActions.PasswordChanged, http.User.ToActor(), $"user:{account.UserId}");
        return me;
    }

    public static Me ToMe(ClaimsPrincipal user) =>
        new(user.FindFirstValue(ClaimTypes.NameIdentifier)!, user.FindFirstValue(Identity.EmailClaim) ?? "",
            user.FindFirstValue(ClaimTypes.Name)!, user.HasClaim(Identity.AdminClaim, "true"));

    public static string ValidEmail(string? raw)
    {
        var email = Identity.NormaliseEmail(raw ?? "");
        if (email.Length is 0 or > EmailMax || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
        {
            throw new HubRefusedException(ErrorCodes.Validation,
                "Skriv en gyldig e-mailadresse. / Enter a valid e-mail address.", "email");
        }

        return email;
    }

    private static async Task<string> IssueResetAsync(IGrainFactory grains, AccountStatus account, DateTimeOffset now) =>
        await EmailTokens.IssueAsync(grains, new EmailTicket(EmailTokenPurpose.Reset, account.Account.Email,
            now + EmailTokenRules.ResetValidFor, ReplacesPassword: account.PasswordFingerprint));

    /// <summary>Where an attempt comes from, for throttling: the IPv4 address, or the /64 network of an IPv6 one
    /// (one household or phone holds a whole /64).</summary>
    private static string OriginOf(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            address = new IPAddress(bytes);
        }

        return address.ToString();
    }

    private static IResult Throttled(HttpContext http, TimeSpan wait)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
        http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Refused(StatusCodes.Status429TooManyRequests, ErrorCodes.SignInThrottled,
            $"For mange forkerte forsøg herfra; prøv igen om {minutes} min., eller nulstil adgangskoden. / " +
            $"Too many wrong attempts from here; try again in {minutes} min., or reset the password.");
    }

    private static IResult Refused(int status, string code, string detail) =>
        Results.Problem(statusCode: status, title: code, detail: detail, extensions: new Dictionary<string, object?> { ["code"] = code });
}
