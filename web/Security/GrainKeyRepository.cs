using System.Xml.Linq;
using Hub.Contracts.Security;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Hub.Web.Security;

/// <summary>
/// Data-protection keys live in a grain, so every web node of a cluster protects and reads cookies with the
/// same keys. The key manager calls this rarely (at start-up and when it rotates keys) and synchronously,
/// hence the blocking calls.
/// </summary>
public sealed class GrainKeyRepository(IGrainFactory grains) : IXmlRepository
{
    public const string GrainKey = "data-protection";

    public IReadOnlyCollection<XElement> GetAllElements() =>
        [.. KeyRing.GetKeys().GetAwaiter().GetResult().Select(k => XElement.Parse(k.Xml))];

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        KeyRing.AddKey(new StoredKey(friendlyName, element.ToString(SaveOptions.DisableFormatting))).GetAwaiter().GetResult();
    }

    private IKeyRingGrain KeyRing => grains.GetGrain<IKeyRingGrain>(GrainKey);
}
