using System.Collections.Immutable;

namespace Hub.Contracts.Security;

/// <summary>One stored ASP.NET Core data-protection key (its XML, as the key manager wrote it).</summary>
[GenerateSerializer, Immutable, Alias("hub.stored-key")]
public sealed record StoredKey(
    [property: Id(0)] string FriendlyName,
    [property: Id(1)] string Xml);

/// <summary>
/// The web nodes' shared data-protection key ring, kept in grain storage so that a sign-in cookie issued
/// by one web node is read by every other; no second store is needed. Key: "data-protection".
/// </summary>
[Alias("hub.IKeyRingGrain")]
public interface IKeyRingGrain : IGrainWithStringKey
{
    [Alias("GetKeys")]
    Task<ImmutableArray<StoredKey>> GetKeys();

    [Alias("AddKey")]
    Task AddKey(StoredKey key);
}
