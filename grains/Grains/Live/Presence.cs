using System.Collections.Immutable;
using Hub.Contracts.Common;
using Hub.Contracts.Live;
using Hub.Contracts.Partnerships;

namespace Hub.Grains.Live;

/// <summary>
/// Who is on one live document now: one entry per browser connection, with the person behind it, their side, their
/// colour and what they are editing. A connection is kept while its web node renews it (<see cref="Renew"/>) and
/// forgotten <see cref="Timeout"/> after the last sign of it, so a web node that died takes its people with it.
/// Not thread-safe: its grain calls it one turn at a time. Each change says whether the list changed, so the grain
/// publishes it only then.
/// </summary>
public sealed class Presence(TimeProvider clock)
{
    /// <summary>How long a connection stays without a join, renewal or edit.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <summary>The colours people are shown in; <see cref="ColourOf"/> picks a person's.</summary>
    private static readonly string[] Palette = ["#1f6feb", "#b35900", "#1a7f37", "#a40e26", "#8250df", "#0a6b75", "#9a6700", "#bf3989"];

    private readonly Dictionary<string, (PresenceEntry Entry, Actor Actor, DateTimeOffset Touched)> _connections = [];

    /// <summary>When each connection joined, for the admins' inspector (kept apart so the entries stay as they are).</summary>
    private readonly Dictionary<string, DateTimeOffset> _since = [];

    /// <summary>The connections and the people behind them, to check again when access changes.</summary>
    public IReadOnlyList<(string ConnectionId, Actor Actor)> Connections => [.. _connections.Select(c => (c.Key, c.Value.Actor))];

    /// <summary>A connection joins (or joins again): a fresh entry, editing nothing.</summary>
    public void Join(string connectionId, Actor actor, Side? side)
    {
        var now = clock.GetUtcNow();
        _connections[connectionId] = (Entry(connectionId, actor, side), actor, now);
        _since[connectionId] = now;
    }

    /// <summary>A web node still holds the connection: keep it, with the actor the node holds now; one this grain
    /// does not know (it was restarted elsewhere) joins again. True when the list changed.</summary>
    public bool Renew(string connectionId, Actor actor, Side? side)
    {
        if (_connections.TryGetValue(connectionId, out var known))
        {
            _connections[connectionId] = (known.Entry, actor, clock.GetUtcNow());
            return false;
        }

        Join(connectionId, actor, side);
        return true;
    }

    /// <summary>True when the connection was here.</summary>
    public bool Leave(string connectionId)
    {
        _since.Remove(connectionId);
        return _connections.Remove(connectionId);
    }

    /// <summary>True when the connection is here and now edits something else.</summary>
    public bool SetEditing(string connectionId, string? editing)
    {
        if (!_connections.TryGetValue(connectionId, out var known) || known.Entry.Editing == editing)
        {
            return false;
        }

        _connections[connectionId] = (known.Entry with { Editing = editing }, known.Actor, clock.GetUtcNow());
        return true;
    }

    /// <summary>Forgets the connections not heard of for <see cref="Timeout"/>; true when there were any.</summary>
    public bool Sweep()
    {
        var cutoff = clock.GetUtcNow() - Timeout;
        var gone = _connections.Where(c => c.Value.Touched < cutoff).Select(c => c.Key).ToList();
        foreach (var connectionId in gone)
        {
            _connections.Remove(connectionId);
            _since.Remove(connectionId);
        }

        return gone.Count > 0;
    }

    /// <summary>The list as clients show it: by name, then connection, the same on every web node.</summary>
    public ImmutableArray<PresenceEntry> Entries() =>
        [.. _connections.Values.Select(c => c.Entry).OrderBy(e => e.DisplayName, StringComparer.CurrentCulture).ThenBy(e => e.ConnectionId, StringComparer.Ordinal)];

    /// <summary>Every connection with the person behind it, their side, and since when it is here (the inspector).</summary>
    public IReadOnlyList<(PresenceEntry Entry, Actor Actor, DateTimeOffset Since)> Inspect() =>
        [.. _connections.Select(c => (c.Value.Entry, c.Value.Actor, _since.GetValueOrDefault(c.Key, c.Value.Touched)))];

    /// <summary>A person keeps one colour everywhere: a stable hash (FNV-1a), not string.GetHashCode, which
    /// differs between processes.</summary>
    public static string ColourOf(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        var hash = 2166136261u;
        foreach (var c in userId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return Palette[hash % (uint)Palette.Length];
    }

    private static PresenceEntry Entry(string connectionId, Actor actor, Side? side) =>
        new(connectionId, actor.UserId, actor.DisplayName, side, ColourOf(actor.UserId), null);
}
