using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hub.Tests.Infrastructure;

/// <summary>
/// The shared rule cases in tests/cases/ (README there): JSON files that the C# tests and the client's vitest tests
/// (web/client/test/sharedCases.test.ts) both run, so that a rule written in both languages cannot drift apart.
/// Each folder has one runner per language; a case is named by its file and its "name".
/// </summary>
public static class RuleCases
{
    /// <summary>The folders that have a C# runner (Agreements/AgreementRuleCasesTests, Boards/BoardRuleCasesTests, Cohorts/CohortRuleCasesTests,
    /// Text/TextRuleCasesTests).</summary>
    public static readonly IReadOnlySet<string> Folders = new HashSet<string> { "agreements", "boards", "cohorts", "text" };

    public static string Root { get; } = FindRoot();

    /// <summary>(file, case name) for every case in a folder: one theory row each, so a failure names its case.</summary>
    public static TheoryData<string, string> In(string folder)
    {
        var rows = new TheoryData<string, string>();
        foreach (var path in Directory.GetFiles(Path.Combine(Root, folder), "*.json").Order(StringComparer.Ordinal))
        {
            foreach (var c in Load(folder, Path.GetFileName(path)).Cases)
            {
                rows.Add(Path.GetFileName(path), (string)c["name"]!);
            }
        }

        return rows;
    }

    public static CaseFile Load(string folder, string file) =>
        new(JsonNode.Parse(File.ReadAllText(Path.Combine(Root, folder, file)))!.AsObject());

    /// <summary>A copy of <paramref name="state"/> with each "a/b/0/c" path of <paramref name="changes"/> set.</summary>
    public static JsonNode WithChanges(JsonNode state, JsonObject changes)
    {
        var result = state.DeepClone();
        foreach (var (path, value) in changes)
        {
            var keys = path.Split('/');
            var at = result;
            foreach (var key in keys[..^1])
            {
                at = Child(at, key) ?? throw new InvalidOperationException($"changes: {path} goes through {key}, which is not there.");
            }

            var last = keys[^1];
            if (at is JsonArray array)
            {
                array[int.Parse(last, System.Globalization.CultureInfo.InvariantCulture)] = value?.DeepClone();
            }
            else
            {
                at.AsObject()[last] = value?.DeepClone();
            }
        }

        return result;
    }

    /// <summary>Fails with the first path where the two differ, and both values there, when they are not equal.</summary>
    public static void AssertSame(JsonNode? expected, JsonNode? actual)
    {
        if (FirstDifference(expected, actual, "$") is { } difference)
        {
            Assert.Fail(difference);
        }
    }

    private static string? FirstDifference(JsonNode? expected, JsonNode? actual, string path)
    {
        switch (expected, actual)
        {
            case (JsonObject e, JsonObject a):
                foreach (var key in e.Select(p => p.Key).Union(a.Select(p => p.Key)).Order(StringComparer.Ordinal))
                {
                    if (!e.ContainsKey(key) || !a.ContainsKey(key))
                    {
                        return $"At {path}: {(e.ContainsKey(key) ? "missing" : "unexpected")} property \"{key}\".\n{Both(expected, actual)}";
                    }

                    if (FirstDifference(e[key], a[key], $"{path}.{key}") is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case (JsonArray e, JsonArray a) when e.Count == a.Count:
                for (var i = 0; i < e.Count; i++)
                {
                    if (FirstDifference(e[i], a[i], $"{path}[{i}]") is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            default:
                return JsonNode.DeepEquals(expected, actual) ? null : $"At {path}:\n{Both(expected, actual)}";
        }
    }

    private static string Both(JsonNode? expected, JsonNode? actual) =>
        new StringBuilder().Append("  expected: ").Append(expected?.ToJsonString() ?? "null")
            .Append("\n  actual:   ").Append(actual?.ToJsonString() ?? "null").ToString();

    private static JsonNode? Child(JsonNode node, string key) => node switch
    {
        JsonArray array => array[int.Parse(key, System.Globalization.CultureInfo.InvariantCulture)],
        JsonObject obj => obj[key],
        _ => null,
    };

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var cases = Path.Combine(dir.FullName, "tests", "cases");
            if (File.Exists(Path.Combine(dir.FullName, "Hub.sln")) && Directory.Exists(cases))
            {
                return cases;
            }
        }

        throw new DirectoryNotFoundException($"No tests/cases above {AppContext.BaseDirectory}.");
    }
}

/// <summary>One case file: its defaults (board, actor, members, now…) and its cases.</summary>
public sealed class CaseFile(JsonObject json)
{
    public IEnumerable<JsonObject> Cases => json["cases"]!.AsArray().Select(c => c!.AsObject());

    public JsonObject Case(string name) =>
        Cases.SingleOrDefault(c => (string?)c["name"] == name) ?? throw new KeyNotFoundException($"No case \"{name}\".");

    /// <summary>The case's own value for <paramref name="key"/>, else the file's.</summary>
    public JsonNode? Setting(JsonObject c, string key) => c[key] ?? json[key];

    public T Setting<T>(JsonObject c, string key) =>
        (Setting(c, key) ?? throw new KeyNotFoundException($"No \"{key}\" in the case or its file.")).Deserialize<T>(Json.Options)!;
}
