namespace Hub.Testing;

/// <summary>
/// The secret that encrypts the cookie key ring, shared by every web node of a test cluster as an operator shares
/// one between the nodes of a deployment (Hub:DataProtection:Keys). For tests only: it is public.
/// </summary>
public static class TestKeyRingSecret
{
    public const string Value = "NOfsqNCeKo94xyTikZpVfTbgVnRrPiV7kGKIk0RC0/Y=";

    /// <summary>As a command-line argument.</summary>
    public const string Argument = "--Hub:DataProtection:Keys:0=" + Value;

    /// <summary>As an environment variable.</summary>
    public const string Variable = "Hub__DataProtection__Keys__0";
}
