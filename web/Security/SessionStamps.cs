using System.Collections.Concurrent;
using System.Security.Claims;
using Hub.Contracts.Users;

namespace Hub.Web.Security;

/// <summary>
/// Whether a signed-in session is still valid: its cookie carries the person's security stamp, which changes
/// when they sign out (everywhere) or delete their account. Stamps are asked of the person's grain and kept
/// for a few seconds, so a sign-out reaches every web node within that time.
/// </summary>
public sealed class SessionStamps(IGrainFactory grains, TimeProvider clock)
{
    public const string StampClaim = "hub:stamp";
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(3);

    private readonly ConcurrentDictionary<string, (string Stamp, DateTimeOffset Fetched)> _cache = new(StringComparer.Ordinal);

    public async Task<string> CurrentAsync(string userId, bool fresh = false)
    {
        if (!fresh && _cache.TryGetValue(userId, out var cached) && clock.GetUtcNow() - cached.Fetched < CacheFor)
        {
            return cached.Stamp;
        }

        var stamp = await grains.GetGrain<IUserGrain>(userId).GetSecurityStamp();
        _cache[userId] = (stamp, clock.GetUtcNow());
        return stamp;
    }

    public async Task<bool> IsCurrentAsync(ClaimsPrincipal? user)
    {
        var userId = user?.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = user?.FindFirstValue(StampClaim);
        return userId is not null && stamp is not null && stamp == await CurrentAsync(userId);
    }

    /// <summary>Ends every session of the person: a new stamp, known here at once.</summary>
    public async Task EndSessionsAsync(string userId)
    {
        var stamp = await grains.GetGrain<IUserGrain>(userId).RotateSecurityStamp();
        _cache[userId] = (stamp, clock.GetUtcNow());
    }
}
