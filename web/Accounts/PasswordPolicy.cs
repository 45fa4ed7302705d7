using System.Reflection;
using Hub.Contracts.Common;

namespace Hub.Web.Accounts;

/// <summary>
/// Which passwords Hub accepts: 10–128 characters, and not one that is common or trivial — on the bundled list
/// (common-passwords.txt, an embedded resource), a listed word with only digits and symbols around it ("Sommer2024!"),
/// fewer than four different characters, a run along the alphabet, the digits or a keyboard row ("1234567890",
/// "qwertyuiop"), one short piece repeated, or the person's own e-mail address or its name part.
/// </summary>
public static class PasswordPolicy
{
    public const int Min = 10;
    public const int Max = 128;

    private static readonly string[] Rows = ["1234567890", "qwertyuiopå", "asdfghjklæø", "zxcvbnm", "abcdefghijklmnopqrstuvwxyzæøå"];
    private static readonly Lazy<HashSet<string>> Common = new(Load);

    /// <summary>Refuses with <see cref="ErrorCodes.Validation"/> (length) or <see cref="ErrorCodes.WeakPassword"/> (guessable).</summary>
    public static void Check(string? password, string? email = null)
    {
        if (password is null || password.Length < Min || password.Length > Max)
        {
            throw new HubRefusedException(ErrorCodes.Validation,
                $"Adgangskoden skal være {Min}–{Max} tegn. / The password must be {Min}–{Max} characters.", "password");
        }

        if (IsGuessable(password, email))
        {
            throw new HubRefusedException(ErrorCodes.WeakPassword,
                "Adgangskoden er for let at gætte (den er almindelig eller et simpelt mønster); vælg en anden, gerne nogle ord i en sætning. / " +
                "The password is too easy to guess (it is common or a simple pattern); choose another, for example a few words in a sentence.",
                "password");
        }
    }

    public static bool IsGuessable(string password, string? email)
    {
        var lower = password.ToLowerInvariant();
        var core = lower.Trim(" 0123456789!\"#¤%&/()=?+-_.,:;*'@$€<>|§½^~`´".ToCharArray());
        if (Common.Value.Contains(lower) || Common.Value.Contains(core) || lower.Distinct().Count() < 4 || IsRun(lower) || IsRepeated(lower))
        {
            return true;
        }

        if (!string.IsNullOrEmpty(email))
        {
            var address = email.Trim().ToLowerInvariant();
            var name = address.Split('@')[0];
            return lower == address || core == address || (name.Length >= 4 && (lower == name || core == name));
        }

        return false;
    }

    /// <summary>"1234567890", "0987654321", "qwertyuiop", "abcdefghij": every character next to the one before on one row.</summary>
    private static bool IsRun(string lower) =>
        Rows.Any(row => lower.Zip(lower.Skip(1)).All(pair =>
        {
            var (a, b) = (row.IndexOf(pair.First, StringComparison.Ordinal), row.IndexOf(pair.Second, StringComparison.Ordinal));
            return a >= 0 && b >= 0 && Math.Abs(a - b) == 1;
        }));

    /// <summary>"abcabcabca", "passwordpassword": one piece of at most half the length, repeated.</summary>
    private static bool IsRepeated(string lower)
    {
        for (var length = 1; length <= lower.Length / 2; length++)
        {
            var unit = lower.AsSpan(0, length);
            var repeated = true;
            for (var i = length; i < lower.Length && repeated; i++)
            {
                repeated = lower[i] == unit[i % length];
            }

            if (repeated)
            {
                return true;
            }
        }

        return false;
    }

    private static HashSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Hub.Web.Accounts.common-passwords.txt")
            ?? throw new InvalidOperationException("The bundled list of common passwords is missing from the build.");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                words.Add(line.Trim());
            }
        }

        return words;
    }
}
