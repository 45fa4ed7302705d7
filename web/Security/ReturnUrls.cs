namespace Hub.Web.Security;

/// <summary>
/// Where a browser may be sent back to after signing in: a path inside Hub, nothing that a browser could read as
/// another host. Browsers drop tabs and line breaks inside a URL and treat "\" as "/", so "/&lt;TAB&gt;/host" and "/\host"
/// become "//host", another origin; a path is therefore refused when it has any control character, white space or
/// backslash, or begins with "//".
/// </summary>
public static class ReturnUrls
{
    /// <summary>Longer than any path of Hub's client.</summary>
    public const int MaxLength = 2048;

    public static bool IsLocal(string? url) =>
        url is { Length: > 0 and <= MaxLength }
        && url[0] == '/'
        && (url.Length == 1 || url[1] != '/')
        && !url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c == '\\');

    /// <summary>The url when it is local, else Hub's start page.</summary>
    public static string LocalOrHome(string? url) => IsLocal(url) ? url! : "/";
}
