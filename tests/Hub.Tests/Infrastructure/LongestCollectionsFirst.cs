using Hub.Tests.Browser;
using Xunit.Abstractions;

[assembly: TestCollectionOrderer("Hub.Tests.Infrastructure.LongestCollectionsFirst", "Hub.Tests")]

namespace Hub.Tests.Infrastructure;

/// <summary>
/// Starts the longest test collections first. xunit runs as many collections at once as there are cores and starts
/// them in this order; with its default order the browser collection (one Chromium, its tests one at a time, about
/// half of the run) happened to start last and then ran alone while the other cores idled. Started first, it runs
/// beside everything else. The rest keep a fixed order by name, so two runs schedule alike.
/// </summary>
public sealed class LongestCollectionsFirst : ITestCollectionOrderer
{
    private static readonly string[] Longest =
    [
        BrowserCollection.Name,
        "Test collection for Hub.Tests.Faults.FaultTests",
        "Test collection for Hub.Tests.Security.HubFuzzTests",
        "Test collection for Hub.Tests.Bench.BenchSmokeTests",
    ];

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections
            .OrderBy(c => Array.IndexOf(Longest, c.DisplayName) is var i and >= 0 ? i : Longest.Length)
            .ThenBy(c => c.DisplayName, StringComparer.Ordinal);
}
