using Hub.Contracts.Common;
using Hub.Web.Accounts;

namespace Hub.Tests.Accounts;

[Trait("Tier", "Fast")]
public sealed class PasswordPolicyTests
{
    [Theory]
    [InlineData("1234567890")]
    [InlineData("0987654321")]
    [InlineData("qwertyuiop")]
    [InlineData("abcdefghijk")]
    [InlineData("PASSWORD1234")]
    [InlineData("Sommer2025!")]
    [InlineData("adgangskode1")]
    [InlineData("  kodeord 2024 ")]
    [InlineData("abcabcabcabc")]
    [InlineData("1111111111")]
    [InlineData("ababababab")]
    public void Check_CommonOrTrivial_IsRefusedAsWeak(string password)
    {
        var refused = Assert.Throws<HubRefusedException>(() => PasswordPolicy.Check(password));

        Assert.Equal((ErrorCodes.WeakPassword, "password"), (refused.Code, refused.Field));
        Assert.StartsWith("Adgangskoden er for let at gætte", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a long enough password")]
    [InlineData("en-lang-nok-adgangskode")]
    [InlineData("Kaffe på torvet hver tirsdag")]
    [InlineData("x7#Lq9!vR2")]
    public void Check_AReasonablePassword_IsAccepted(string password) => PasswordPolicy.Check(password, "anna@example.org");

    [Fact]
    public void Check_ThePersonsOwnAddress_IsRefused()
    {
        Assert.Equal(ErrorCodes.WeakPassword, Assert.Throws<HubRefusedException>(() => PasswordPolicy.Check("annasofie@example.org", "annasofie@example.org")).Code);
        Assert.Equal(ErrorCodes.WeakPassword, Assert.Throws<HubRefusedException>(() => PasswordPolicy.Check("annasofie2024", "AnnaSofie@example.org")).Code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("short")]
    public void Check_TooShort_IsAValidationRefusal(string? password) =>
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<HubRefusedException>(() => PasswordPolicy.Check(password)).Code);
}
