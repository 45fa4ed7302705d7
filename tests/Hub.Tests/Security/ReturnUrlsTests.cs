using Hub.Web.Security;

namespace Hub.Tests.Security;

/// <summary>After signing in, a browser goes back only to a path of Hub, never to anything it reads as another host.</summary>
[Trait("Tier", "Fast")]
public sealed class ReturnUrlsTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/partnerships")]
    [InlineData("/boards/3f2a?card=7#top")]
    [InlineData("/a/b%2F%2Fc")]
    [InlineData("/%09/evil.example")]
    public void IsLocal_APathOfHub_IsAccepted(string url) => Assert.True(ReturnUrls.IsLocal(url));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("//evil.example")]
    [InlineData("///evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("\\\\evil.example")]
    [InlineData("/\t/evil.example")]
    [InlineData("/\n/evil.example")]
    [InlineData("/\r\n/evil.example")]
    [InlineData("/ /evil.example")]
    [InlineData("/\u0000/evil.example")]
    [InlineData("/\u007f/evil.example")]
    [InlineData("/\u00a0/evil.example")]
    [InlineData("/\u2028/evil.example")]
    [InlineData("/a\\..\\..\\evil")]
    [InlineData("https://evil.example")]
    [InlineData("evil.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData(" /partnerships")]
    public void IsLocal_AnythingABrowserCouldReadAsAnotherHost_IsRefused(string? url)
    {
        Assert.False(ReturnUrls.IsLocal(url));
        Assert.Equal("/", ReturnUrls.LocalOrHome(url));
    }

    [Fact]
    public void IsLocal_APathLongerThanAnyOfHubs_IsRefused() =>
        Assert.False(ReturnUrls.IsLocal("/" + new string('a', ReturnUrls.MaxLength)));
}
