namespace Hub.Contracts.Common;

/// <summary>Rules every piece of user text follows, wherever it is stored.</summary>
public static class TextRules
{
    /// <summary>
    /// Well-formed UTF-16: no lone surrogate halves. A lone half cannot be stored as UTF-8 or shown, so it
    /// would silently become "?" after a restart; such text is refused instead.
    /// </summary>
    public static bool IsWellFormed(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(value[i]))
            {
                return false;
            }
        }

        return true;
    }
}
