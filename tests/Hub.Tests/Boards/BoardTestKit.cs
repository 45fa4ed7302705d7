using System.Collections.Immutable;
using Hub.Contracts.Boards;
using Hub.Contracts.Live;
using Hub.Contracts.Partnerships;
using Hub.Tests.Infrastructure;
using Hub.Web.Live;
using Microsoft.AspNetCore.SignalR.Client;

namespace Hub.Tests.Boards;

/// <summary>
/// A test client that keeps a board the way the browser does: snapshot first, then committed operations in
/// sequence order, resyncing on a gap. Its board is what this person would see.
/// </summary>
public sealed class BoardClient : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _changed = new(0);
    private readonly string _clientId = $"c{Guid.NewGuid():N}";
    private long _nextNumber;

    private BoardClient(HubConnection connection, Guid boardId)
    {
        Connection = connection;
        BoardId = boardId;
    }

    public HubConnection Connection { get; }

    public Guid BoardId { get; }

    public Board? Board { get; private set; }

    public long Seq { get; private set; }

    public ImmutableArray<PresenceEntry> Presence { get; private set; } = [];

    public int Gaps { get; private set; }

    public int Reconnections { get; private set; }

    public static async Task<BoardClient> OpenAsync(UserSession user, Guid boardId, Uri? via = null)
    {
        var connection = await user.ConnectAsync(BoardHub.Path, via);
        var client = new BoardClient(connection, boardId);
        connection.On<Guid, ImmutableArray<Committed<BoardOp>>>(nameof(IBoardClient.Committed), client.OnCommitted);
        connection.On<Guid, ImmutableArray<PresenceEntry>>(nameof(IBoardClient.Presence), (id, presence) =>
        {
            if (id == boardId)
            {
                client.Presence = presence;
                client._changed.Release();
            }
        });
        connection.Reconnected += _ =>
        {
            client.Reconnections++;
            return client.JoinAsync();
        };
        await client.JoinAsync();
        return client;
    }

    public async Task JoinAsync() =>
        Apply(await Connection.InvokeAsync<SyncResult<BoardOp, BoardSnapshot>>(nameof(BoardHub.Join), BoardId, Seq));

    public Task<SubmitResult> SubmitAsync(BoardOp op) => SubmitAsync(op, new OpId(_clientId, Interlocked.Increment(ref _nextNumber)));

    public Task<SubmitResult> SubmitAsync(BoardOp op, OpId id) =>
        Connection.InvokeAsync<SubmitResult>(nameof(BoardHub.Submit), BoardId, id, op);

    /// <summary>Waits until <paramref name="condition"/> holds for this client's view, or fails after the timeout.</summary>
    public async Task WaitUntilAsync(Func<BoardClient, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!condition(this))
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _changed.WaitAsync(left))
            {
                Assert.Fail($"Timed out waiting; the client is at seq {Seq}.");
            }
        }
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();

    private void OnCommitted(Guid boardId, ImmutableArray<Committed<BoardOp>> ops)
    {
        if (boardId != BoardId)
        {
            return;
        }

        var gap = false;
        lock (_gate)
        {
            foreach (var op in ops.Where(o => o.Seq > Seq))
            {
                if (op.Seq != Seq + 1 || Board is null)
                {
                    gap = true;
                    break;
                }

                Board = ApplyLocally(Board, op);

                Seq = op.Seq;
            }
        }

        if (gap)
        {
            Gaps++;
            _ = ResyncAsync();
        }

        _changed.Release();
    }

    private async Task ResyncAsync() =>
        Apply(await Connection.InvokeAsync<SyncResult<BoardOp, BoardSnapshot>>(nameof(BoardHub.Sync), BoardId, Seq));

    private void Apply(SyncResult<BoardOp, BoardSnapshot> sync)
    {
        lock (_gate)
        {
            if (sync.Snapshot is { } snapshot && (Board is null || snapshot.Seq > Seq))
            {
                Board = snapshot.Board;
                Seq = snapshot.Seq;
            }

            foreach (var op in sync.Ops.Where(o => o.Seq == Seq + 1 || o.Seq > Seq).OrderBy(o => o.Seq))
            {
                if (op.Seq == Seq + 1)
                {
                    Board = ApplyLocally(Board!, op);
                    Seq = op.Seq;
                }
            }

            Presence = sync.Presence;
        }

        _changed.Release();
    }

    /// <summary>The same rules as the grain (the reducer is pure), as the actor who sent the op.</summary>
    private static Board ApplyLocally(Board board, Committed<BoardOp> op) =>
        Hub.Grains.Boards.BoardReducer.Apply(board, new Hub.Contracts.Common.Actor(op.ActorId, op.ActorName), op.Id, op.Seq, op.Op, op.At, AnyMember.Instance).Board;
}

public static class BoardTestKit
{
    /// <summary>A partnership created by <paramref name="coordinator"/>, with the others added as members on the voluntary side.</summary>
    public static async Task<PartnershipSnapshot> PartnershipWithAsync(UserSession coordinator, params UserSession[] members)
    {
        var partnership = await coordinator.CreatePartnershipAsync($"Samarbejde {Guid.NewGuid():N}"[..20]);
        foreach (var member in members)
        {
            await coordinator.AddMemberAsync(partnership.Id, member);
        }

        return partnership;
    }

    /// <summary>Two boards are the same when everything a person sees is the same.</summary>
    public static string Describe(Board board) => System.Text.Json.JsonSerializer.Serialize(new
    {
        board.Id,
        board.Name,
        board.Columns,
        Cards = new SortedDictionary<string, Card>(board.Cards, StringComparer.Ordinal),
    }, Json.Options);
}
