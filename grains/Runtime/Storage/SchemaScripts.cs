using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;

namespace Hub.Runtime.Storage;

/// <summary>A numbered schema change, applied once, in order.</summary>
public sealed record Migration(int Version, string Name, string Sql);

/// <summary>
/// The SQL that ships inside this assembly (Schema/{Engine}/...): numbered migrations that shape the tables,
/// and one file per query that Orleans' providers read from the OrleansQuery table by key.
/// </summary>
public sealed class SchemaScripts
{
    private const string Prefix = "Hub.Runtime.Schema.";

    private SchemaScripts(ImmutableArray<Migration> migrations, ImmutableSortedDictionary<string, string> queries)
    {
        Migrations = migrations;
        Queries = queries;
    }

    public ImmutableArray<Migration> Migrations { get; }

    public ImmutableSortedDictionary<string, string> Queries { get; }

    /// <summary>The schema version this build of Hub expects: the highest migration number.</summary>
    public int CodeVersion => Migrations.Length == 0 ? 0 : Migrations[^1].Version;

    public static SchemaScripts For(DatabaseEngine engine)
    {
        var assembly = typeof(SchemaScripts).Assembly;
        var folder = $"{Prefix}{engine}/";
        var migrations = ImmutableArray.CreateBuilder<Migration>();
        var queries = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);

        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(folder, StringComparison.Ordinal)))
        {
            var relative = resource[folder.Length..];
            var fileName = Path.GetFileNameWithoutExtension(relative);
            if (relative.StartsWith("Migrations/", StringComparison.Ordinal))
            {
                var number = fileName.Split('_', 2)[0];
                migrations.Add(new Migration(int.Parse(number, CultureInfo.InvariantCulture), fileName, Read(assembly, resource)));
            }
            else if (relative.StartsWith("Queries/", StringComparison.Ordinal))
            {
                queries.Add(fileName, Read(assembly, resource).Trim());
            }
        }

        var ordered = migrations.OrderBy(m => m.Version).ToImmutableArray();
        for (var i = 0; i < ordered.Length; i++)
        {
            if (ordered[i].Version != i + 1)
            {
                throw new InvalidOperationException($"Migrations for {engine} must be numbered 1, 2, 3, … without gaps; found {ordered[i].Name}.");
            }
        }

        return new SchemaScripts(ordered, queries.ToImmutable());
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
