using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Hub.ContractGen;

/// <summary>The XML documentation the compiler wrote next to an assembly, as plain sentences for JSDoc.</summary>
internal sealed partial class XmlDocs
{
    private readonly Dictionary<string, XElement> _members = [];

    public XmlDocs(IEnumerable<Assembly> assemblies)
    {
        foreach (var assembly in assemblies)
        {
            // Every project generates its documentation file (Directory.Build.props); without it the output would
            // silently differ between machines, so a missing one is an error.
            var path = Path.ChangeExtension(assembly.Location, ".xml");
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"No XML documentation for {assembly.GetName().Name} at {path}.", path);
            }

            foreach (var member in XDocument.Load(path).Descendants("member"))
            {
                _members[(string)member.Attribute("name")!] = member;
            }
        }
    }

    public string? OfType(Type type) => Summary(Member("T:" + Id(type)));

    public string? OfProperty(PropertyInfo property)
    {
        var owner = Definition(property.DeclaringType!);
        return Summary(Member($"P:{Id(owner)}.{property.Name}"))
            ?? Text(Member("T:" + Id(owner))?.Elements("param").FirstOrDefault(p => (string?)p.Attribute("name") == property.Name));
    }

    public string? OfMethod(MethodInfo method)
    {
        var prefix = $"M:{Id(Definition(method.DeclaringType!))}.{method.Name}";
        var matches = _members.Where(m => m.Key == prefix || m.Key.StartsWith(prefix + "(", StringComparison.Ordinal)).ToList();
        return matches.Count == 1 ? Summary(matches[0].Value) : null;
    }

    private XElement? Member(string id) => _members.GetValueOrDefault(id);

    private static Type Definition(Type type) => type.IsGenericType ? type.GetGenericTypeDefinition() : type;

    private static string Id(Type type) => Definition(type).FullName!.Replace('+', '.');

    private static string? Summary(XElement? member) => Text(member?.Element("summary"));

    private static string? Text(XElement? element)
    {
        if (element is null)
        {
            return null;
        }

        var text = new StringBuilder();
        Append(element, text);
        var plain = Spaces().Replace(text.ToString(), " ").Trim().Replace("*/", "*\\/", StringComparison.Ordinal);
        return plain.Length == 0 ? null : plain;
    }

    private static void Append(XElement element, StringBuilder text)
    {
        foreach (var node in element.Nodes())
        {
            switch (node)
            {
                case XText t:
                    text.Append(t.Value);
                    break;
                case XElement { Name.LocalName: "see" or "seealso" } see when see.Attribute("langword") is { } word:
                    text.Append(word.Value);
                    break;
                case XElement { Name.LocalName: "see" or "seealso" } see when see.Attribute("cref") is { } cref:
                    text.Append(see.Value.Length > 0 ? see.Value : ShortName(cref.Value));
                    break;
                case XElement { Name.LocalName: "paramref" or "typeparamref" } reference:
                    text.Append((string?)reference.Attribute("name"));
                    break;
                case XElement { Name.LocalName: "c" } code:
                    text.Append('`').Append(code.Value).Append('`');
                    break;
                case XElement other:
                    Append(other, text);
                    text.Append(' ');
                    break;
            }
        }
    }

    /// <summary>"T:Hub.Contracts.Live.SyncResult`2.FollowedBy(…)" → "SyncResult.FollowedBy".</summary>
    private static string ShortName(string cref)
    {
        var name = cref[(cref.IndexOf(':') + 1)..];
        var open = name.IndexOf('(');
        name = Arity().Replace(open >= 0 ? name[..open] : name, "");
        var parts = name.Split('.');
        return parts.Length >= 2 && char.IsUpper(parts[^2][0]) && cref[0] != 'T' ? $"{parts[^2]}.{parts[^1]}" : parts[^1];
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"`+\d+")]
    private static partial Regex Arity();
}
