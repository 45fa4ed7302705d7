using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Hub.Contracts.Admin;

namespace Hub.Grains.Admin;

/// <summary>
/// What the inspector counts as personal data, and how it masks it (docs/decisions/016-grain-inspector.md): a person's
/// name and e-mail address, and their account id, which would let an admin look them up. A masked person is a
/// pseudonym, stable within one scope (the same member is the same pseudonym on every board of a partnership) and
/// different between scopes. Free text (card titles, comments) is the document's content, not a field about a person:
/// the inspector never shows it, and a masked export keeps it (decision 016 says why).
/// </summary>
public static class PersonalData
{
    /// <summary>Fields that hold a person's name (and any field named for an e-mail address): replaced by a fixed mark.</summary>
    private static readonly FrozenSet<string> NameFields = FrozenSet.Create(StringComparer.Ordinal, "displayName", "authorName", "actorName", "byName");

    /// <summary>Fields that hold a person's account id (or a list of them).</summary>
    private static readonly FrozenSet<string> IdFields = FrozenSet.Create(StringComparer.Ordinal,
        "userId", "authorId", "actorId", "assigneeId", "createdBy", "markedBy", "byUserId", "ownerIds", "memberIds");

    public static string Pseudonym(string scope, string userId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{scope}\n{userId}"));
        return $"P-{Convert.ToHexStringLower(hash, 0, 4)}";
    }

    /// <summary>The document with every name, e-mail address and person id replaced (in place).</summary>
    public static JsonNode? Mask(JsonNode? node, string scope)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    if (NameFields.Contains(key) || key.Contains("email", StringComparison.OrdinalIgnoreCase))
                    {
                        obj[key] = value is null ? null : "***";
                    }
                    else if (IdFields.Contains(key))
                    {
                        obj[key] = MaskIds(value, scope);
                    }
                    else
                    {
                        Mask(value, scope);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Mask(item, scope);
                }

                break;
        }

        return node;
    }

    /// <summary>
    /// The differences between two documents as paths ("/columns/0/name"), with the values before and after (cut
    /// to a line), at most <see cref="RestorePreview.Max"/>.
    /// </summary>
    public static RestorePreview Diff(long currentSeq, JsonNode? before, JsonNode? after)
    {
        var changes = ImmutableArray.CreateBuilder<RestoreChange>();
        var more = false;
        Walk("", before, after);
        return new RestorePreview(currentSeq, changes.ToImmutable(), more);

        void Walk(string path, JsonNode? a, JsonNode? b)
        {
            if (changes.Count >= RestorePreview.Max)
            {
                more |= !JsonNode.DeepEquals(a, b);
                return;
            }

            switch (a, b)
            {
                case (JsonObject x, JsonObject y):
                    foreach (var key in x.Select(p => p.Key).Union(y.Select(p => p.Key)))
                    {
                        Walk($"{path}/{key}", x[key], y[key]);
                    }

                    break;
                case (JsonArray x, JsonArray y):
                    for (var i = 0; i < Math.Max(x.Count, y.Count); i++)
                    {
                        Walk($"{path}/{i}", i < x.Count ? x[i] : null, i < y.Count ? y[i] : null);
                    }

                    break;
                default:
                    if (!JsonNode.DeepEquals(a, b))
                    {
                        changes.Add(new RestoreChange(path.Length == 0 ? "/" : path, Short(a), Short(b)));
                    }

                    break;
            }
        }
    }

    private static JsonNode? MaskIds(JsonNode? value, string scope) => value switch
    {
        JsonArray ids => new JsonArray([.. ids.Select(id => MaskIds(id, scope))]),
        JsonValue id when id.TryGetValue<string>(out var text) => Pseudonym(scope, text),
        _ => value?.DeepClone(),
    };

    private static string? Short(JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        var text = node.ToJsonString();
        return text.Length <= 120 ? text : text[..117] + "...";
    }
}
