using Hub.Contracts.Accounts;
using Hub.Contracts.Common;
using Hub.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace Hub.Tests.Accounts;

/// <summary>A registration link makes its account in the grains: the password hash chosen at registration goes from
/// the ticket to the account and never back to the web node that follows the link.</summary>
[Trait("Tier", "Fast")]
public sealed class EmailTokenGrainTests(SqliteGrainCluster cluster) : IClassFixture<SqliteGrainCluster>
{
    private const string Password = "Kaffekande på Nørrebro 7";

    [Fact]
    public async Task CompleteRegistration_IssuedTicket_MakesTheAccountWithTheChosenPasswordOnce()
    {
        var (token, email) = await IssueRegistrationAsync("invite-key");

        var registration = await token.CompleteRegistration();
        var again = await token.CompleteRegistration();

        Assert.Equal((email, "Sofie", "invite-key"), (registration?.Account.Email, registration?.Account.DisplayName, registration?.InviteKey));
        Assert.Null(again);
        Assert.True((await cluster.Grains.GetGrain<IAccountGrain>(email).VerifyPassword(Password)).Matches);
    }

    [Fact]
    public async Task Redeem_RegistrationTicket_ComesBackWithoutThePasswordHash()
    {
        var (token, email) = await IssueRegistrationAsync(null);

        var ticket = await token.Redeem(EmailTokenPurpose.Register);

        Assert.Equal(email, ticket?.Email);
        Assert.Null(ticket?.PasswordHash);
    }

    [Fact]
    public async Task CompleteRegistration_AddressGotAnAccountMeanwhile_IsRefusedAsConflict()
    {
        var (first, email) = await IssueRegistrationAsync(null);
        var second = cluster.Grains.GetGrain<IEmailTokenGrain>(Guid.NewGuid().ToString("N"));
        await second.Issue(new EmailTicket(EmailTokenPurpose.Register, email, DateTimeOffset.UtcNow.AddHours(1), "Anden", "hash"));
        await first.CompleteRegistration();

        var refused = await Assert.ThrowsAsync<HubRefusedException>(() => second.CompleteRegistration());

        Assert.Equal(ErrorCodes.Conflict, refused.Code);
    }

    private async Task<(IEmailTokenGrain Token, string Email)> IssueRegistrationAsync(string? inviteKey)
    {
        var email = $"{Guid.NewGuid():N}@example.org";
        var token = cluster.Grains.GetGrain<IEmailTokenGrain>(Guid.NewGuid().ToString("N"));
        await token.Issue(new EmailTicket(EmailTokenPurpose.Register, email, DateTimeOffset.UtcNow.AddHours(1), "Sofie",
            new PasswordHasher<string>().HashPassword(email, Password), inviteKey));
        return (token, email);
    }
}
