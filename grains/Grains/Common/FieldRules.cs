using System.Text.RegularExpressions;
using Hub.Contracts.Common;

namespace Hub.Grains.Common;

/// <summary>
/// The field checks every live document's reducer applies to what a person sends: ids, single lines, free text and
/// insertion positions, each refused with a stable code and a Danish / English message. One copy, so a board and a
/// cohort refuse the same input the same way.
/// </summary>
public static partial class FieldRules
{
    /// <summary>An insertion index: null means last; beyond the end also means last; negative is an error.</summary>
    public static int Position(int? index, int count) => index switch
    {
        null => count,
        < 0 => throw Invalid("index", "Ugyldig placering.", "Invalid position."),
        _ => Math.Min(index.Value, count),
    };

    /// <summary>An id a client made: [A-Za-z0-9_-], 1 to <paramref name="max"/> characters.</summary>
    public static void Id(string? id, string field, int max)
    {
        if (id is null || id.Length == 0 || id.Length > max || !IdPattern().IsMatch(id))
        {
            throw Invalid(field, "Ugyldigt id.", "Invalid id.");
        }
    }

    /// <summary>A single line: required unless allowed empty, no control characters, trimmed.</summary>
    public static string Line(string? value, int max, string field, bool allowEmpty = false)
    {
        if (value is null || (!allowEmpty && string.IsNullOrWhiteSpace(value)))
        {
            throw Invalid(field, "Feltet skal udfyldes.", "The field is required.");
        }

        if (value.Length > max)
        {
            throw Limit($"Højst {max} tegn.", $"At most {max} characters.", field);
        }

        if (value.Any(char.IsControl) || !TextRules.IsWellFormed(value))
        {
            throw Invalid(field, "Linjeskift og kontroltegn er ikke tilladt her.", "Line breaks and control characters are not allowed here.");
        }

        return value.Trim();
    }

    /// <summary>Free text: may be empty, may hold line breaks and tabs, no other control characters.</summary>
    public static string FreeText(string? value, int max, string field)
    {
        if (value is null)
        {
            throw Invalid(field, "Feltet mangler.", "The field is missing.");
        }

        if (value.Length > max)
        {
            throw Limit($"Højst {max} tegn.", $"At most {max} characters.", field);
        }

        if (value.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t') || !TextRules.IsWellFormed(value))
        {
            throw Invalid(field, "Kontroltegn er ikke tilladt.", "Control characters are not allowed.");
        }

        return value;
    }

    public static HubRefusedException Invalid(string field, string danish, string english) =>
        new(ErrorCodes.Validation, $"{danish} / {english}", field);

    public static HubRefusedException Limit(string danish, string english, string? field = null) =>
        new(ErrorCodes.Limit, $"{danish} / {english}", field);

    public static HubRefusedException NotFound(string danish, string english) =>
        new(ErrorCodes.NotFound, $"{danish} / {english}");

    [GeneratedRegex(@"^[A-Za-z0-9_-]+\z")]
    private static partial Regex IdPattern();
}
