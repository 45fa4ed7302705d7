using Hub.Contracts.Accounts;
using Hub.Grains.Accounts;
using Hub.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace Hub.Tests.Accounts;

/// <summary>
/// The account grain checks passwords itself: what it answers carries the account and whether the password is its
/// password, never the hash (the web node that asks is the one place a hash must not reach).
/// </summary>
[Trait("Tier", "Fast")]
public sealed class AccountGrainTests(SqliteGrainCluster cluster) : IClassFixture<SqliteGrainCluster>
{
    private const string Password = "Kaffekande på Nørrebro 7";

    [Fact]
    public async Task VerifyPassword_RightPassword_MatchesWithTheAccount()
    {
        var (grain, account) = await RegisterAsync();

        var check = await grain.VerifyPassword(Password);

        Assert.True(check.Matches);
        Assert.Equal(account, check.Account?.Account);
        Assert.True(check.Account?.EmailVerified);
    }

    [Fact]
    public async Task VerifyPassword_WrongPassword_DoesNotMatchButNamesTheAccount()
    {
        var (grain, account) = await RegisterAsync();

        var check = await grain.VerifyPassword(Password + "!");

        Assert.False(check.Matches);
        Assert.Equal(account.UserId, check.Account?.Account.UserId);
    }

    [Fact]
    public async Task VerifyPassword_UnknownAddress_DoesNotMatchAndNamesNoAccount()
    {
        var check = await cluster.Grains.GetGrain<IAccountGrain>($"{Guid.NewGuid():N}@example.org").VerifyPassword(Password);

        Assert.Equal(new PasswordCheck(null, false), check);
    }

    [Fact]
    public async Task SetPassword_NewHash_ChangesWhatMatchesAndTheFingerprint()
    {
        var (grain, _) = await RegisterAsync();
        var before = await grain.Find();

        await grain.SetPassword(new PasswordHasher<string>().HashPassword("", "Et helt andet kodeord"), addressProven: false);

        Assert.False((await grain.VerifyPassword(Password)).Matches);
        Assert.True((await grain.VerifyPassword("Et helt andet kodeord")).Matches);
        Assert.NotEqual(before!.PasswordFingerprint, (await grain.Find())!.PasswordFingerprint);
    }

    [Fact]
    public void AccountContract_ReturnsNoPasswordHash()
    {
        var returned = typeof(IAccountGrain).GetMethods()
            .Select(m => m.ReturnType.IsGenericType ? m.ReturnType.GetGenericArguments()[0] : m.ReturnType)
            .SelectMany(t => new[] { t }.Concat(t.GetProperties().Select(p => p.PropertyType)))
            .Distinct();

        Assert.DoesNotContain(returned.SelectMany(t => t.GetProperties()), p => p.Name.Contains("Hash", StringComparison.Ordinal));
    }

    private async Task<(IAccountGrain Grain, AccountInfo Account)> RegisterAsync()
    {
        var email = $"{Guid.NewGuid():N}@example.org";
        var grain = cluster.Grains.GetGrain<IAccountTrustedGrain>(email);
        var account = await grain.Register("Sofie", new PasswordHasher<string>().HashPassword(email, Password));
        return (grain, account);
    }
}
