using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Hub.Bench.Scenarios;
using Hub.Bench.Targets;
using Hub.Web.Setup;
using Microsoft.AspNetCore.Http.Connections;
using Hub.Web.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Hub.Bench.Load;

/// <summary>An operation's id on the wire (OpId: the client's id and its own counter).</summary>
public sealed record WireOpId(string ClientId, long Number);

/// <summary>The part of a pushed Committed operation the bench reads: its place in the order and who sent it.</summary>
public sealed record WireCommitted(long Seq, WireOpId Id);

/// <summary>The answer to Submit (SubmitResult).</summary>
public sealed record WireSubmitResult(long? Seq, bool Duplicate, string? ErrorCode, string? Error);

/// <summary>
/// One virtual user: one SignalR connection on one board, sending its operations one at a time (as the
/// browser client does) at the scenario's rate, and timing every operation of the others that reaches it.
/// </summary>
public sealed class Seat : IAsyncDisposable
{
    private readonly SeatPlan _plan;
    private readonly ITarget _target;
    private readonly Recorder _recorder;
    private readonly IReadOnlyDictionary<string, Seat> _everyone;
    private readonly OpGenerator _generator;
    private readonly Random _random;
    private readonly ConcurrentDictionary<long, long> _sentAt = new();
    private readonly HashSet<long> _missing = [];
    private HubConnection? _connection;
    private long _lastSeen;
    private long _lastAck;
    private long _number;

    public Seat(SeatPlan plan, ITarget target, OpMix mix, Recorder recorder, IReadOnlyDictionary<string, Seat> everyone, int seed)
    {
        _plan = plan;
        _target = target;
        _recorder = recorder;
        _everyone = everyone;
        _generator = new OpGenerator(mix, seed);
        _random = new Random(seed ^ 0x5eed);
        ClientId = $"b{Guid.NewGuid():N}"[..21];
    }

    public string ClientId { get; }

    public Guid BoardId => _plan.BoardId;

    public string CardId => $"seat-{_plan.Seat}";

    /// <summary>How many other people on the board should receive each of this seat's operations.</summary>
    public int Receivers { get; set; }

    public static HubConnection Connect(ITarget target, Account? account) => Connect(target.Address, target.HubPath, account?.Cookies);

    /// <summary>The hub protocol every bench connection speaks (<c>--protocol</c>): "json", or "msgpack" (MessagePack in
    /// the JSON protocol's shape, web/Live/JsonShapedMessagePack.cs).</summary>
    public static string Protocol { get; set; } = "json";

    /// <summary>A connection as the browser opens one (WebSockets, Hub's JSON shape), with these cookies.</summary>
    public static HubConnection Connect(Uri address, string path, CookieContainer? cookies)
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(address, path), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                if (cookies is not null)
                {
                    o.Cookies = cookies;
                }
            });
        if (Protocol == "msgpack")
        {
            var json = new JsonHubProtocolOptions();
            WebSetup.ConfigureJson(json.PayloadSerializerOptions);
            builder.AddMessagePackProtocol(o => o.SerializerOptions = JsonShapedResolver.Options(json.PayloadSerializerOptions));
        }
        else
        {
            builder.AddJsonProtocol(o => WebSetup.ConfigureJson(o.PayloadSerializerOptions));
        }

        return builder.Build();
    }

    public long? SentAt(long number) => _sentAt.TryGetValue(number, out var at) ? at : null;

    public async Task ConnectAsync()
    {
        var connection = Connect(_target, _plan.Account);
        connection.ServerTimeout = TimeSpan.FromSeconds(60);
        connection.On<Guid, WireCommitted[]>("Committed", OnCommitted);
        connection.On<Guid, JsonElement>("Presence", (_, _) => { });
        connection.On<Guid>("Revoked", _ => _recorder.Error(null, "revoked"));
        connection.Closed += ex =>
        {
            _recorder.Disconnected(ex?.Message);
            return Task.CompletedTask;
        };
        await connection.StartAsync();
        _connection = connection;
        var joined = await connection.InvokeAsync<JsonElement>("Join", _plan.BoardId, 0L);
        Volatile.Write(ref _lastSeen, Math.Max(Volatile.Read(ref _lastSeen), joined.GetProperty("seq").GetInt64()));
        if (joined.TryGetProperty("snapshot", out var snapshot) && snapshot.ValueKind == JsonValueKind.Object
            && snapshot.GetProperty("board").GetProperty("cards").TryGetProperty(CardId, out var card))
        {
            _generator.StartFrom(card.GetProperty("description").GetString() ?? "");
            HasCard = true;
        }
    }

    private bool HasCard { get; set; }

    /// <summary>Each person's own card, made before the measurement (Hub only: the relay keeps no board).</summary>
    public async Task EnsureCardAsync()
    {
        if (_target.IsRelay || HasCard)
        {
            return;
        }

        var result = await Submit(OpGenerator.AddCard(CardId, $"Aktivitet for plads {_plan.Seat + 1}"), Interlocked.Increment(ref _number));
        if (result.Seq is null && result.ErrorCode != "conflict")
        {
            throw new InvalidOperationException($"addCard was refused: {result.ErrorCode}: {result.Error}");
        }

        _lastAck = Math.Max(_lastAck, result.Seq ?? 0);
        HasCard = true;
    }

    /// <summary>Sends at <paramref name="rate"/> operations a second (each interval jittered ±50 %) until stopped.
    /// A send that is still unanswered when the next is due makes the next go at once, counted as deferred.</summary>
    public async Task RunAsync(double rate, CancellationToken stop)
    {
        var interval = Stopwatch.Frequency / rate;
        var next = Stopwatch.GetTimestamp() + (long)(_random.NextDouble() * interval);
        while (!stop.IsCancellationRequested)
        {
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, stop);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            await SendOneAsync();
            next += (long)(interval * (0.5 + _random.NextDouble()));
            var now = Stopwatch.GetTimestamp();
            if (next < now)
            {
                _recorder.Deferred();
                next = now;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }

    private async Task SendOneAsync()
    {
        var number = Interlocked.Increment(ref _number);
        var op = _generator.Next(CardId, Math.Max(Volatile.Read(ref _lastSeen), _lastAck));
        var sentAt = Stopwatch.GetTimestamp();
        _sentAt[number] = sentAt;
        _recorder.Sent(sentAt);
        try
        {
            var result = await Submit(op, number);
            var ackedAt = Stopwatch.GetTimestamp();
            if (result.Seq is { } seq && result.ErrorCode is null && !result.Duplicate)
            {
                _generator.Applied(true);
                _lastAck = Math.Max(_lastAck, seq);
                _recorder.Applied(sentAt, ackedAt, Receivers);
            }
            else
            {
                _generator.Applied(false);
                _recorder.Refused(sentAt, result.ErrorCode ?? "duplicate");
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _generator.Applied(false);
            _recorder.Error(sentAt, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private async Task<WireSubmitResult> Submit(object op, long number)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await _connection!.InvokeAsync<WireSubmitResult>("Submit", _plan.BoardId, new WireOpId(ClientId, number), op, timeout.Token);
    }

    private void OnCommitted(Guid boardId, WireCommitted[] ops)
    {
        var receivedAt = Stopwatch.GetTimestamp();
        if (boardId != _plan.BoardId)
        {
            return;
        }

        foreach (var op in ops)
        {
            var last = Volatile.Read(ref _lastSeen);
            if (op.Seq <= last)
            {
                // Seen already, or one that a gap skipped arriving late: the browser would have asked for it
                // (Sync) when it saw the gap; here it counts as delivered when it comes, and as late.
                if (!_missing.Remove(op.Seq))
                {
                    continue;
                }

                _recorder.Late();
            }
            else
            {
                if (op.Seq != last + 1)
                {
                    _recorder.Gap();
                    for (var missing = last + 1; missing < op.Seq && _missing.Count < 10_000; missing++)
                    {
                        _missing.Add(missing);
                    }
                }

                Volatile.Write(ref _lastSeen, op.Seq);
            }

            if (op.Id.ClientId != ClientId && _everyone.TryGetValue(op.Id.ClientId, out var sender) && sender.SentAt(op.Id.Number) is { } sentAt)
            {
                _recorder.Delivered(sentAt, receivedAt);
            }
        }
    }
}
