using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Hub.Grains.Sessions;

/// <summary>
/// A small list of Danish and English abusive words for the room's questions. A match does not refuse the question
/// (nothing typed is silently dropped): it waits for a moderator, who publishes or hides it. Whole words only, so
/// "Scunthorpe" and "klassikeren" pass; a short list on purpose — it catches the obvious, the moderator the rest,
/// and the moderator can switch it off.
/// </summary>
public static class AbuseFilter
{
    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");

    private static readonly FrozenSet<string> Words = new[]
    {
        // Danish
        "idiot", "idioter", "idiotisk", "kælling", "kællinger", "møgkælling", "luder", "ludder", "røvhul", "røvhuller",
        "pikhoved", "pikfjæs", "fissehoved", "spasser", "spassere", "lort", "lorte", "skiderik",
        "klaphat", "klaphatte", "dumme svin", "fuck", "fucking", "fucker",
        // English
        "shit", "bullshit", "bitch", "bitches", "cunt", "asshole", "arsehole", "bastard", "moron", "morons", "retard",
        "retarded", "dick", "dickhead", "motherfucker", "wanker", "twat", "slut", "whore",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Whether the text holds one of the words (or the two-word phrases), ignoring case.</summary>
    public static bool Matches(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = Tokens(text.Normalize(NormalizationForm.FormC).ToLower(Danish));
        for (var i = 0; i < words.Count; i++)
        {
            if (Words.Contains(words[i]) || (i + 1 < words.Count && Words.Contains($"{words[i]} {words[i + 1]}")))
            {
                return true;
            }
        }

        return false;
    }

    private static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                current.Append(c);
            }
            else if (current.Length > 0)
            {
                tokens.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            tokens.Add(current.ToString());
        }

        return tokens;
    }
}
