using System.Xml.Linq;
using Hub.Contracts.Security;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Hub.Web.Security;

/// <summary>
/// Data-protection keys live in a grain, so every web node of a cluster protects and reads cookies with the
/// same keys. The key manager calls this rarely (at start-up and when it rotates keys) and synchronously,
/// hence the blocking calls. Keys are stored encrypted (<see cref="KeyRingProtection"/>); a key stored in the
/// clear (by a version before that) is not used, because whoever copied the database could read it: the sessions
/// it signed end once, and the key manager makes a new, encrypted key.
/// </summary>
public sealed class GrainKeyRepository(IGrainFactory grains, ILogger log) : IXmlRepository
{
    public const string GrainKey = "data-protection";

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        var elements = KeyRing.GetKeys().GetAwaiter().GetResult().Select(k => XElement.Parse(k.Xml)).ToList();
        var clear = elements.Where(IsKeyInTheClear).ToList();
        if (clear.Count > 0)
        {
            log.LogWarning("Ignoring {Count} cookie key(s) stored unencrypted; the sessions they signed must sign in again", clear.Count);
        }

        return [.. elements.Except(clear)];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        KeyRing.AddKey(new StoredKey(friendlyName, element.ToString(SaveOptions.DisableFormatting))).GetAwaiter().GetResult();
    }

    /// <summary>A key element whose secret is not wrapped in an encryptedSecret element (revocations hold no secret).</summary>
    private static bool IsKeyInTheClear(XElement element) =>
        element.Name.LocalName == "key" && !element.Descendants().Any(e => e.Name.LocalName == "encryptedSecret");

    private IKeyRingGrain KeyRing => grains.GetGrain<IKeyRingGrain>(GrainKey);
}
