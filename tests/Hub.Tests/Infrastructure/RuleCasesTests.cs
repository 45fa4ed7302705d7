namespace Hub.Tests.Infrastructure;

/// <summary>The shared rule cases are all run: a new folder under tests/cases/ without a C# runner fails here (the
/// client's sharedCases.test.ts checks the same for TypeScript).</summary>
[Trait("Tier", "Fast")]
public sealed class RuleCasesTests
{
    [Fact]
    public void Folders_EveryOneUnderTestsCases_HasACSharpRunner()
    {
        var folders = Directory.GetDirectories(RuleCases.Root).Select(Path.GetFileName).ToList();

        Assert.NotEmpty(folders);
        Assert.All(folders, folder => Assert.Contains(folder!, RuleCases.Folders));
    }
}
