using Hub.Tests.Browser;

namespace Hub.Benchmarks.Browser;

/// <summary>One Chromium and web node for the browser benchmarks (xunit wants the definition in this assembly).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
