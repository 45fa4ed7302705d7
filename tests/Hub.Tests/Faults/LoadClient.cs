using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Net;
using Hub.Contracts.Agreements;
using Hub.Contracts.Boards;
using Hub.Contracts.Common;
using Hub.Contracts.Live;
using Hub.Grains.Text;
using Hub.Tests.Boards;
using Hub.Tests.Infrastructure;
using Hub.Web.Live;
using Hub.Web.Setup;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Tests.Faults;

/// <summary>An operation the grain acknowledged: which, with what seq, when it was first sent and when answered.</summary>
public sealed record Acknowledged<TOp>(OpId Id, TOp Op, long Seq, DateTime FirstSent, DateTime Answered);

/// <summary>Every HTTP status a client saw (its own requests and SignalR's negotiate), for "no 500".</summary>
public sealed class StatusLog
{
    private readonly ConcurrentQueue<(string Request, HttpStatusCode Status)> _seen = new();

    public IReadOnlyList<(string Request, HttpStatusCode Status)> ServerErrors =>
        [.. _seen.Where(s => (int)s.Status >= 500)];

    public void Add(HttpRequestMessage request, HttpStatusCode status) => _seen.Enqueue(($"{request.Method} {request.RequestUri?.AbsolutePath}", status));

    /// <summary>A handler that records what passes through it.</summary>
    public DelegatingHandler Recording(HttpMessageHandler inner) => new RecordingHandler(this, inner);

    private sealed class RecordingHandler(StatusLog log, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            log.Add(request, response.StatusCode);
            return response;
        }
    }
}

/// <summary>
/// A load client that follows docs/protocol.md as a browser does, through the proxy: join with its seq after
/// every (re)connect, apply committed operations in sequence order (resyncing on a gap), send one operation at
/// a time, and send it again with the same op id after "unavailable", an error without a code or a lost
/// connection, until it is answered. It builds its replica only from what the server sends. Each operation is
/// composed against the client's confirmed document, so it needs no local transformation.
/// </summary>
public abstract class LoadClient<TOp, TSnapshot> : IAsyncDisposable
    where TOp : class
    where TSnapshot : class
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(120);
    private readonly SortedDictionary<long, Committed<TOp>> _early = [];
    private readonly SemaphoreSlim _syncing = new(1, 1);
    private long _number;
    private bool _joined;

    protected LoadClient(HubConnection connection, Guid documentId, string tag)
    {
        Connection = connection;
        DocumentId = documentId;
        Tag = tag;
        connection.On<Guid, ImmutableArray<Committed<TOp>>>(nameof(ILiveClient<TOp>.Committed), (id, ops) =>
        {
            if (id == documentId)
            {
                Received(ops);
            }
        });
        connection.Reconnected += connectionId =>
        {
            Interlocked.Increment(ref _reconnections);
            _ = JoinUntilDoneAsync();
            return Task.CompletedTask;
        };
    }

    private int _reconnections;

    protected Lock Gate { get; } = new();

    public HubConnection Connection { get; }

    public Guid DocumentId { get; }

    /// <summary>Names this client's operations (card ids, text markers).</summary>
    public string Tag { get; }

    public string ClientId { get; } = $"c{Guid.NewGuid():N}";

    /// <summary>A hub error without a code (the server failed in a way it did not name).</summary>
    public const string UnnamedError = "hub error without a code";

    public long Seq { get; private set; }

    public int Reconnections => _reconnections;

    public ConcurrentQueue<Acknowledged<TOp>> Acknowledged { get; } = new();

    /// <summary>Refusals with a definitive code: none are expected.</summary>
    public ConcurrentQueue<string> Refusals { get; } = new();

    /// <summary>How often a send failed and was repeated, by what it failed with.</summary>
    public ConcurrentDictionary<string, int> Retries { get; } = new();

    /// <summary>The next operation, composed against the confirmed document (called under <see cref="Gate"/>).</summary>
    protected abstract TOp Next(long number);

    protected abstract void Reset(TSnapshot snapshot);

    protected abstract long SnapshotSeq(TSnapshot snapshot);

    /// <summary>Applies the operation that follows the confirmed document (called under <see cref="Gate"/>).</summary>
    protected abstract void Apply(Committed<TOp> committed);

    public static async Task<HubConnection> ConnectAsync(Uri proxy, string path, CookieContainer cookies, StatusLog log)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(proxy, path), o =>
            {
                o.Cookies = cookies;
                o.HttpMessageHandlerFactory = inner => log.Recording(inner);
            })
            .AddJsonProtocol(o => WebSetup.ConfigureJson(o.PayloadSerializerOptions))
            .WithStatefulReconnect()
            .WithAutomaticReconnect(new QuickRetry())
            .Build();
        connection.ServerTimeout = TimeSpan.FromSeconds(30);
        await connection.StartAsync();
        return connection;
    }

    /// <summary>Joins, and joins again while the hub answers <c>unavailable</c> (a grain's first activation on a busy
    /// machine can outlast the 5 s call timeout), as docs/protocol.md tells a client to.</summary>
    public async Task JoinAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await SyncAsync(nameof(LiveHub<IBoardGrain, BoardOp, BoardSnapshot, IBoardClient>.Join));
                return;
            }
            catch (HubException ex) when (attempt < 20 && ex.Message.Contains($"HubException: {ErrorCodes.Unavailable}:", StringComparison.Ordinal))
            {
                Count($"join: {ErrorCodes.Unavailable}");
                await Task.Delay(250, CancellationToken.None);
            }
        }
    }

    /// <summary>Sends operations one at a time until <paramref name="stop"/>; the one in flight is finished first.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var id = new OpId(ClientId, ++_number);
            var firstSent = DateTime.UtcNow;
            TOp op;
            lock (Gate)
            {
                op = Next(_number);
            }

            while (true)
            {
                if (Connection.State != HubConnectionState.Connected)
                {
                    Count("disconnected");
                    await Task.Delay(100, CancellationToken.None);
                    continue;
                }

                SubmitResult result;
                try
                {
                    result = await Connection.InvokeAsync<SubmitResult>(nameof(LiveHub<IBoardGrain, BoardOp, BoardSnapshot, IBoardClient>.Submit), DocumentId, id, op);
                }
                catch (HubException ex)
                {
                    Count(ex.Message.Contains("HubException: ", StringComparison.Ordinal) ? ex.Message[(ex.Message.IndexOf("HubException: ", StringComparison.Ordinal) + 14)..].Split(':')[0] : UnnamedError);
                    await Task.Delay(200, CancellationToken.None);
                    continue;
                }
                catch (Exception ex) when (ex is InvalidOperationException or IOException or TaskCanceledException or OperationCanceledException or System.Net.WebSockets.WebSocketException)
                {
                    Count(ex.GetType().Name);
                    await Task.Delay(200, CancellationToken.None);
                    continue;
                }

                if (result.Seq is { } seq)
                {
                    Acknowledged.Enqueue(new Acknowledged<TOp>(id, op, seq, firstSent, DateTime.UtcNow));
                }
                else if (result.ErrorCode is "unavailable" or "rate_limited")
                {
                    Count(result.ErrorCode);
                    await Task.Delay(200, CancellationToken.None);
                    continue;
                }
                else if (result.ErrorCode != "stale")
                {
                    // "stale": the base fell out of the text history; the next operation is composed afresh.
                    Refusals.Enqueue($"{id.Number}: {result.ErrorCode} {result.Error} (duplicate: {result.Duplicate})");
                }

                break;
            }

            await Task.Delay(Pause, CancellationToken.None);
        }
    }

    /// <summary>Asks for what this client is missing until it has reached <paramref name="seq"/>.</summary>
    public async Task CatchUpAsync(long seq, TimeSpan timeout) =>
        await Eventually.UntilAsync($"{Tag} reaches seq {seq}", timeout, async () =>
        {
            if (Seq < seq)
            {
                await SyncAsync(nameof(LiveHub<IBoardGrain, BoardOp, BoardSnapshot, IBoardClient>.Sync));
            }

            return Seq >= seq;
        });

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        _syncing.Dispose();
        GC.SuppressFinalize(this);
    }

    private void Count(string reason) => Retries.AddOrUpdate(reason, 1, (_, n) => n + 1);

    private async Task JoinUntilDoneAsync()
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            try
            {
                await JoinAsync();
                return;
            }
            catch (Exception ex) when (ex is HubException or InvalidOperationException or IOException or OperationCanceledException)
            {
                Count($"join: {ex.GetType().Name}");
                await Task.Delay(200);
            }
        }
    }

    /// <summary>Join or Sync from this client's seq: a snapshot replaces the replica when it is newer; then the
    /// operations after the current seq are applied in order.</summary>
    private async Task SyncAsync(string method)
    {
        await _syncing.WaitAsync();
        try
        {
            var sync = await Connection.InvokeAsync<SyncResult<TOp, TSnapshot>>(method, DocumentId, Seq);
            lock (Gate)
            {
                if (sync.Snapshot is { } snapshot && (!_joined || SnapshotSeq(snapshot) > Seq))
                {
                    Reset(snapshot);
                    Seq = SnapshotSeq(snapshot);
                    _joined = true;
                }

                foreach (var op in sync.Ops)
                {
                    _early.TryAdd(op.Seq, op);
                }

                Drain();
            }
        }
        finally
        {
            _syncing.Release();
        }
    }

    private void Received(ImmutableArray<Committed<TOp>> ops)
    {
        bool gap;
        lock (Gate)
        {
            foreach (var op in ops)
            {
                _early.TryAdd(op.Seq, op);
            }

            Drain();
            gap = _early.Count > 0 && _joined;
        }

        if (gap)
        {
            _ = ResyncQuietlyAsync();
        }
    }

    private async Task ResyncQuietlyAsync()
    {
        try
        {
            await SyncAsync(nameof(LiveHub<IBoardGrain, BoardOp, BoardSnapshot, IBoardClient>.Sync));
        }
        catch (Exception ex) when (ex is HubException or InvalidOperationException or IOException or OperationCanceledException)
        {
            // A reconnect joins again; the end of the test catches up explicitly.
        }
    }

    /// <summary>Called under <see cref="Gate"/>.</summary>
    private void Drain()
    {
        if (!_joined)
        {
            return;
        }

        foreach (var seq in _early.Keys.Where(s => s <= Seq).ToList())
        {
            _early.Remove(seq);
        }

        while (_early.Remove(Seq + 1, out var next))
        {
            Apply(next);
            Seq = next.Seq;
        }
    }
}

/// <summary>Adds cards and renames its own cards on one board.</summary>
public sealed class BoardLoadClient(HubConnection connection, Guid boardId, string tag) : LoadClient<BoardOp, BoardSnapshot>(connection, boardId, tag)
{
    private readonly List<string> _mine = [];

    public Board? Board { get; private set; }

    protected override BoardOp Next(long number)
    {
        if (number % 2 == 0 && _mine.Count > 0)
        {
            return new SetCardText(_mine[(int)(number / 2 % _mine.Count)], CardTextField.Title, $"{Tag} titel {number}");
        }

        var card = $"{Tag}-{number}";
        _mine.Add(card);
        return new AddCard(card, "ideas", $"{Tag} kort {number}", null);
    }

    protected override void Reset(BoardSnapshot snapshot) => Board = snapshot.Board;

    protected override long SnapshotSeq(BoardSnapshot snapshot) => snapshot.Seq;

    protected override void Apply(Committed<BoardOp> committed) =>
        Board = Hub.Grains.Boards.BoardReducer.Apply(Board!, new Hub.Contracts.Common.Actor(committed.ActorId, committed.ActorName),
            committed.Id, committed.Seq, committed.Op, committed.At, AnyMember.Instance).Board;

    public string Describe() => BoardTestKit.Describe(Board!);
}

/// <summary>Inserts markers like "[a3-17]" into one agreement section, only between markers, so that every
/// acknowledged insert can be found whole in the end. It keeps every section's text from what the server sends.</summary>
public sealed class AgreementLoadClient(HubConnection connection, Guid partnershipId, string tag, AgreementSection section)
    : LoadClient<AgreementOp, AgreementSnapshot>(connection, partnershipId, tag)
{
    public AgreementSection Section => section;

    public ImmutableDictionary<AgreementSection, string> Sections { get; private set; } = ImmutableDictionary<AgreementSection, string>.Empty;

    public static string Marker(string tag, long number) => $"[{tag}-{number}]";

    public static string Describe(ImmutableDictionary<AgreementSection, string> sections) =>
        string.Join("\n", sections.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"));

    protected override AgreementOp Next(long number)
    {
        var text = Sections[section];
        var boundaries = Enumerable.Range(0, text.Length + 1).Where(i => i == 0 || text[i - 1] == ']').ToList();
        var at = boundaries[(int)(number * 7919 % boundaries.Count)];
        return new EditSection(section, Seq, TextOps.Replace(text.Length, at, 0, Marker(Tag, number)));
    }

    protected override void Reset(AgreementSnapshot snapshot) => Sections = snapshot.Agreement.Sections;

    protected override long SnapshotSeq(AgreementSnapshot snapshot) => snapshot.Seq;

    protected override void Apply(Committed<AgreementOp> committed)
    {
        if (committed.Op is EditSection edit)
        {
            Sections = Sections.SetItem(edit.Section, TextOps.Apply(Sections[edit.Section], edit.Op));
        }
    }
}
