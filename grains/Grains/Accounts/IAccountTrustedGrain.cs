using Hub.Contracts.Accounts;

namespace Hub.Grains.Accounts;

/// <summary>What only a registration link's grain may do to an account. Declared here, not in Hub.Contracts, so a web
/// node cannot make an account for an address whose owner has not followed the link.</summary>
[Alias("hub.IAccountTrustedGrain")]
public interface IAccountTrustedGrain : IAccountGrain
{
    /// <summary>Creates the account once its owner has followed the verification link mailed to the address, so
    /// every account made this way has a verified address; refused when the address already has one.</summary>
    [Alias("Register")]
    Task<AccountInfo> Register(string displayName, string passwordHash);
}
