using System.Net;
using Hub.Runtime.Hosting;

namespace Hub.Web.Security;

/// <summary>
/// Which peers may say, in X-Forwarded-For and -Proto, who the client is. ASP.NET Core's switch
/// (ASPNETCORE_FORWARDEDHEADERS_ENABLED=true) believes every peer, so anyone who can reach a web node directly could
/// name a new address per request and escape the per-address sign-in limit. Hub trusts only the proxies and
/// networks in Hub:ForwardedHeaders (KnownProxies, KnownNetworks), or, when none are given, loopback (a proxy on
/// the same machine) as ASP.NET Core does without the switch.
/// </summary>
public static class TrustedProxies
{
    public const string Section = "Hub:ForwardedHeaders";

    public static IServiceCollection AddHubTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var proxies = Values(section, "KnownProxies").Select(v => IPAddress.TryParse(v, out var address)
            ? address
            : throw new HubStartupException($"{Section}:KnownProxies: '{v}' is not an IP address.")).ToList();
        var networks = Values(section, "KnownNetworks").Select(v => IPNetwork.TryParse(v, out var network)
            ? network
            : throw new HubStartupException($"{Section}:KnownNetworks: '{v}' is not a network such as 172.30.0.0/24.")).ToList();
        if (proxies.Count == 0 && networks.Count == 0)
        {
            proxies = [IPAddress.Loopback, IPAddress.IPv6Loopback];
        }

        // After ASP.NET Core's own setup, which empties both lists when the switch is on.
        services.PostConfigure<ForwardedHeadersOptions>(o =>
        {
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            proxies.ForEach(o.KnownProxies.Add);
            networks.ForEach(o.KnownIPNetworks.Add);
        });
        return services;
    }

    private static IEnumerable<string> Values(IConfigurationSection section, string key) =>
        section.GetSection(key).GetChildren().Select(c => c.Value?.Trim()).Where(v => !string.IsNullOrEmpty(v))!;
}
