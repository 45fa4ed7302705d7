using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Hub.Tests.Browser;

/// <summary>
/// WCAG 2.1 A and AA, checked by axe-core on the page as it is now. axe is put into the page through Playwright's
/// evaluate (the DevTools protocol), which the page's Content-Security-Policy does not govern, so the real policy
/// stays on while axe runs and nothing is loaded from outside.
/// </summary>
public static class Accessibility
{
    private static readonly AxeRunOptions Wcag21AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        // Only what fails: the other lists are large and nobody reads them here.
        ResultTypes = [ResultType.Violations],
    };

    /// <summary>Fails with every violation, its rule, its help and the elements it was found on.</summary>
    public static async Task AssertAccessibleAsync(this IPage page, string screen)
    {
        if (await page.AccessibilityProblemsAsync(screen) is { } problems)
        {
            Assert.Fail(problems);
        }
    }

    /// <summary>Every violation as readable text, or null when there is none: for a walk through several screens
    /// that reports them all at once.</summary>
    public static async Task<string?> AccessibilityProblemsAsync(this IPage page, string screen)
    {
        var result = await page.RunAxe(Wcag21AA);
        if (result.Violations.Length == 0)
        {
            return null;
        }

        var report = new StringBuilder($"{screen} ({page.Url}) breaks WCAG 2.1 AA:");
        foreach (var violation in result.Violations)
        {
            report.Append($"\n- {violation.Id} ({violation.Impact}): {violation.Help}");
            foreach (var node in violation.Nodes)
            {
                report.Append($"\n    {node.Target}: {node.Html}");
                foreach (var check in (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []))
                {
                    report.Append($"\n      {check.Message}");
                }
            }
        }

        return report.ToString();
    }
}
