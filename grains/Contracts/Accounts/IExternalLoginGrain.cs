namespace Hub.Contracts.Accounts;

/// <summary>
/// A person who signs in through an OpenID Connect provider (staff through a MitID broker or the
/// municipality's identity provider). Key: "{issuer}|{subject}". The first sign-in creates the Hub user;
/// later ones keep their name and e-mail up to date from the provider.
/// </summary>
[Alias("hub.IExternalLoginGrain")]
public interface IExternalLoginGrain : IGrainWithStringKey
{
    [Alias("SignIn")]
    Task<AccountInfo> SignIn(string displayName, string email);

    /// <summary>The person deleted their account: forget the link and what it held.</summary>
    [Alias("Delete")]
    Task Delete();

    public static string Key(string issuer, string subject) => $"{issuer}|{subject}";
}
