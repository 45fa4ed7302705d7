using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;

namespace Hub.Bench.Relay;

/// <summary>
/// The floor: SignalR alone. Clients join a group per document and submit operations, which are numbered per
/// group and echoed to the whole group in the same envelope Hub pushes (Committed: seq, id, actor, time, op,
/// actor name), in that order — no Orleans, no storage, no authentication. The same message sizes and fan-out
/// as Hub's board hub, so the difference between the two is what Hub adds.
/// </summary>
public sealed class RelayHub(RelayGroups groups) : Microsoft.AspNetCore.SignalR.Hub
{
    public const string Path = "/hubs/relay";

    public async Task<RelaySync> Join(Guid documentId, long fromSeq)
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, RelayGroups.GroupOf(documentId));
        return new RelaySync(groups.Current(documentId), [], null, []);
    }

    public Task<RelaySubmitResult> Submit(Guid documentId, JsonElement id, JsonElement op) => groups.Relay(Clients, documentId, id, op);

    public Task Leave(Guid documentId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, RelayGroups.GroupOf(documentId));
}

/// <summary>Each group's sequence number; numbering and sending happen under the group's lock, so every member
/// gets a group's messages in sequence order, as Hub guarantees for a board's operations.</summary>
public sealed class RelayGroups
{
    /// <summary>An actor id and name of the sizes Hub sends (a user id is 32 hex characters).</summary>
    private const string ActorId = "0123456789abcdef0123456789abcdef";
    private const string ActorName = "Bench Person 17";

    private readonly ConcurrentDictionary<Guid, Counter> _groups = new();

    public static string GroupOf(Guid documentId) => $"board:{documentId:N}";

    public long Current(Guid documentId) => _groups.GetOrAdd(documentId, _ => new Counter()).Value;

    public async Task<RelaySubmitResult> Relay(IHubCallerClients clients, Guid documentId, JsonElement id, JsonElement op)
    {
        var counter = _groups.GetOrAdd(documentId, _ => new Counter());
        long seq;
        Task sent;
        lock (counter)
        {
            seq = ++counter.Value;
            RelayCommitted[] ops = [new(seq, id, ActorId, DateTimeOffset.UtcNow, op, ActorName)];
            sent = clients.Group(GroupOf(documentId)).SendAsync("Committed", documentId, ops);
        }

        await sent;
        return new RelaySubmitResult(seq, false, null, null);
    }

    private sealed class Counter
    {
        public long Value;
    }
}

public sealed record RelayCommitted(long Seq, JsonElement Id, string ActorId, DateTimeOffset At, JsonElement Op, string ActorName);

public sealed record RelaySubmitResult(long? Seq, bool Duplicate, string? ErrorCode, string? Error);

public sealed record RelaySync(long Seq, object[] Ops, object? Snapshot, object[] Presence);
