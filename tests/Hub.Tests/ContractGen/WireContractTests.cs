using System.Text;
using Hub.ContractGen;

namespace Hub.Tests.ContractGen;

/// <summary>
/// The TypeScript the client compiles against (web/client/src/generated/contracts.ts) is what the C# contracts say
/// today: a field, enum value, limit or hub method changed on one side only fails here, with the lines that differ
/// and the command that brings the file up to date.
/// </summary>
[Trait("Tier", "Fast")]
public sealed class WireContractTests
{
    [Fact]
    public void Render_CommittedFile_MatchesTheContracts()
    {
        var path = WireContract.DefaultOutputPath();
        var rendered = WireContract.Render();
        var committed = File.Exists(path) ? File.ReadAllText(path) : "";

        if (committed != rendered)
        {
            Assert.Fail($"{WireContract.RelativeOutputPath} differs from the C# contracts. Run from the repository root:\n"
                + $"  {WireContract.Command}\nand commit the file. Lines (- committed, + from the C#):\n{Diff(committed, rendered)}");
        }
    }

    [Fact]
    public void Render_TheHubs_NamesEveryMethodTheClientCalls()
    {
        var rendered = WireContract.Render();

        // The names the browser client invokes today (connection.ts); the generator finds them by reflection.
        foreach (var hub in new[] { "BoardHubContract", "AgreementHubContract" })
        {
            var start = rendered.IndexOf($"export const {hub} = {{", StringComparison.Ordinal);
            Assert.True(start >= 0, $"{hub} is not generated.");
            var block = rendered[start..rendered.IndexOf("} as const;", start, StringComparison.Ordinal)];
            foreach (var method in new[] { "Join", "Submit", "Sync", "Editing", "Leave", "Committed", "Presence", "Revoked" })
            {
                Assert.Contains($": \"{method}\",", block, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>The changed lines, by a longest common subsequence of lines; at most 60 of them.</summary>
    private static string Diff(string before, string after)
    {
        var a = before.Split('\n');
        var b = after.Split('\n');
        var common = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                common[i, j] = a[i] == b[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }

        var text = new StringBuilder();
        var shown = 0;
        int x = 0, y = 0;
        while ((x < a.Length || y < b.Length) && shown < 60)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                x++;
                y++;
            }
            else if (x < a.Length && (y == b.Length || common[x + 1, y] >= common[x, y + 1]))
            {
                text.Append($"  -{x + 1}: {a[x++]}\n");
                shown++;
            }
            else
            {
                text.Append($"  +{y + 1}: {b[y++]}\n");
                shown++;
            }
        }

        return shown == 60 ? text.Append("  …\n").ToString() : text.ToString();
    }
}
