using System.Text;
using System.Text.Json;
using Hub.Contracts.Boards;
using Hub.Contracts.Common;
using Hub.Contracts.Live;
using Hub.Tests.Boards;
using Hub.Tests.Infrastructure;
using Hub.Web.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hub.Tests.Security;

/// <summary>A node that records every error its own code and the frameworks log, to assert none escaped.</summary>
public sealed class LoggedNode : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"hub-fuzz-{Guid.NewGuid():N}");

    public WebNode Node { get; private set; } = null!;

    public ErrorLog Errors { get; } = new();

    public async Task InitializeAsync()
    {
        // WebNode's generous limits: the fuzzer tests input handling, not rate limits (RateLimitTests does).
        Node = await WebNode.StartEmbeddedAsync(Path.Combine(_directory, "hub.db"));
        Node.Services.GetRequiredService<ILoggerFactory>().AddProvider(Errors);
    }

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}

/// <summary>Collects log entries at Error and above.</summary>
public sealed class ErrorLog : ILoggerProvider
{
    private readonly List<string> _errors = [];

    public IReadOnlyList<string> Entries
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(ErrorLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lock (log._errors)
                {
                    log._errors.Add($"{category}: {formatter(state, exception)} {exception}");
                }
            }
        }
    }
}

/// <summary>
/// A hundred thousand random and malformed hub invocations from a signed-in member, sent by four connections at
/// once: wrong methods, wrong argument counts and types, unknown and broken operations, oversized text,
/// interleaved with valid operations. The server keeps serving a second person, no connection is dropped, no
/// error escapes into the log, and the board equals the board that the valid operations alone produce.
/// </summary>
/// <remarks>
/// The fuzzing connections do not use stateful reconnect: with it, a message of a few kilobytes from the .NET
/// client takes 25–250 ms on loopback (docs/performance.md), and 100,000 of them would take an hour. What is under test is the server's handling of
/// what arrives, which does not depend on the client's buffer; the bystander keeps the browser's settings.
/// </remarks>
public sealed class HubFuzzTests(LoggedNode fixture) : IClassFixture<LoggedNode>
{
    /// <summary>100,000 in the full run; HUB_FUZZ_INVOCATIONS sets fewer for a quick look.</summary>
    private static readonly int Invocations =
        int.TryParse(Environment.GetEnvironmentVariable("HUB_FUZZ_INVOCATIONS"), out var n) && n >= 100 ? n : 100_000;

    private const int Workers = 4;

    /// <summary>One valid operation in this many invocations: enough to check the board, and 1,000 cards stay
    /// well inside <see cref="BoardLimits.CardsMax"/>.</summary>
    private const int ValidEvery = 100;

    [Fact]
    public async Task RandomAndMalformedInvocations_ChangeNothingButTheValidOps()
    {
        var fuzzer = await fixture.Node.SignUpAsync("Fuzzer");
        var bystander = await fixture.Node.SignUpAsync("Tilskuer");
        var partnership = await BoardTestKit.PartnershipWithAsync(fuzzer, bystander);
        var boardId = partnership.Boards[0].BoardId;
        await using var other = await BoardClient.OpenAsync(bystander, boardId);

        var runs = await Task.WhenAll(Enumerable.Range(0, Workers).Select(async worker =>
        {
            await using var connection = await ConnectWithoutReplayBufferAsync(fuzzer);
            var run = await FuzzAsync(connection, worker, boardId, Invocations / Workers, worker == 0 ? other : null);
            Assert.Equal(HubConnectionState.Connected, connection.State);
            return run;
        }));

        var valid = runs.SelectMany(r => r.Valid).ToList();
        var board = await fixture.Node.Grains().GetGrain<IBoardGrain>(boardId).GetSnapshot(new Actor(fuzzer.Me.UserId, "Fuzzer"));
        var expected = Hub.Grains.Boards.BoardReducer.NewBoard(boardId, partnership.Id, Hub.Grains.Partnerships.PartnershipGrain.DefaultBoardName);
        Assert.Equal(valid.Count, board.Seq);
        Assert.Equal(valid.Select(o => o.CardId).Order(StringComparer.Ordinal), board.Board.Cards.Keys.Order(StringComparer.Ordinal));
        Assert.All(valid, op => Assert.Equal(op.Title, board.Board.Cards[op.CardId].Title));
        Assert.Equal(expected.Columns.Select(c => c.Id), board.Board.Columns.Select(c => c.Id));
        Assert.True(runs.Sum(r => r.Answered) > Invocations / 2);
        Assert.Empty(fixture.Errors.Entries);
    }

    private sealed record Run(List<AddCard> Valid, int Answered);

    /// <summary>One connection's share: its own random stream, client id and op numbers, so the run is the same
    /// for a seed whatever the interleaving of the workers.</summary>
    private static async Task<Run> FuzzAsync(HubConnection fuzz, int worker, Guid boardId, int invocations, BoardClient? bystander)
    {
        var random = new Random(20261129 + worker);
        var client = $"fuzzer{worker}";
        var valid = new List<AddCard>();
        var number = 0L;
        var answered = 0;
        for (var i = 0; i < invocations; i++)
        {
            if (i % ValidEvery == 0)
            {
                // A valid op now and then: exactly these must be on the board at the end.
                var op = new AddCard($"card{worker}-{i}", "ideas", $"Kort {worker}-{i}", null);
                var result = await fuzz.InvokeAsync<SubmitResult>(nameof(BoardHub.Submit), boardId, new OpId(client, ++number), (BoardOp)op);
                Assert.NotNull(result.Seq);
                valid.Add(op);
                continue;
            }

            try
            {
                await Invoke(fuzz, random, boardId, client, () => ++number);
                answered++;
            }
            catch (HubException)
            {
                answered++;
            }

            if (bystander is not null && i % 2_500 == 0)
            {
                // The other person is still served, promptly, while four connections fuzz.
                var started = DateTime.UtcNow;
                var op = new AddCard($"other{i}", "planned", "Andens kort", null);
                var result = await bystander.SubmitAsync(op);
                Assert.NotNull(result.Seq);
                valid.Add(op);
                Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5), "the bystander waited more than 5 s");
            }
        }

        return new Run(valid, answered);
    }

    private static async Task<HubConnection> ConnectWithoutReplayBufferAsync(UserSession person)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(person.Node.Address, BoardHub.Path), o =>
            {
                o.Cookies = person.Cookies;
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
            })
            .AddJsonProtocol(o => Hub.Web.Setup.WebSetup.ConfigureJson(o.PayloadSerializerOptions))
            .Build();
        connection.ServerTimeout = TimeSpan.FromSeconds(30);
        await connection.StartAsync();
        return connection;
    }

    private static Task Invoke(HubConnection connection, Random random, Guid boardId, string client, Func<long> nextNumber)
    {
        var junk = Junk(random);
        return random.Next(12) switch
        {
            0 => connection.InvokeCoreAsync($"No{junk[..Math.Min(8, junk.Length)]}", typeof(object), [boardId]),
            1 => connection.InvokeCoreAsync(nameof(BoardHub.Submit), typeof(object), [boardId]),
            2 => connection.InvokeCoreAsync(nameof(BoardHub.Submit), typeof(SubmitResult), [junk, junk, junk]),
            3 => connection.InvokeCoreAsync(nameof(BoardHub.Submit), typeof(SubmitResult), [boardId, new OpId(client, nextNumber()), JsonSerializer.SerializeToElement(new { type = junk, cardId = junk })]),
            4 => connection.InvokeCoreAsync(nameof(BoardHub.Submit), typeof(SubmitResult), [boardId, new OpId(client, nextNumber()), JsonDocument.Parse("{\"type\":\"addCard\",\"cardId\":[1,2],\"columnId\":{},\"title\":7}").RootElement]),
            5 => connection.InvokeCoreAsync(nameof(BoardHub.Submit), typeof(SubmitResult), [boardId, new OpId(client, nextNumber()), (BoardOp)new AddCard($"x{random.Next()}", "ideas", new string('å', 300 + random.Next(30_000)), null)]),
            6 => connection.InvokeCoreAsync(nameof(BoardHub.Submit), typeof(SubmitResult), [boardId, new OpId(junk, -random.Next()), (BoardOp)new ArchiveCard("nope")]),
            7 => connection.InvokeCoreAsync(nameof(BoardHub.Submit), typeof(SubmitResult), [boardId, new OpId(client, nextNumber()), (BoardOp)new MoveCard(junk, junk, random.Next(int.MinValue, int.MaxValue))]),
            8 => connection.InvokeCoreAsync(nameof(BoardHub.Submit), typeof(SubmitResult), [Guid.NewGuid(), new OpId(client, nextNumber()), (BoardOp)new AddCard("c", "ideas", "Andet sted", null)]),
            9 => connection.InvokeCoreAsync(nameof(BoardHub.Sync), typeof(object), [boardId, (long)random.Next(int.MinValue, int.MaxValue)]),
            10 => connection.InvokeCoreAsync(nameof(BoardHub.Editing), typeof(object), [boardId, junk]),
            _ => connection.InvokeCoreAsync(nameof(BoardHub.Join), typeof(object), [junk, junk]),
        };
    }

    /// <summary>Strings with every kind of trouble: control characters, odd punctuation, markup, huge.</summary>
    private static string Junk(Random random)
    {
        var builder = new StringBuilder();
        var length = random.Next(4) == 0 ? random.Next(1, 5000) : random.Next(1, 40);
        for (var i = 0; i < length; i++)
        {
            builder.Append(random.Next(6) switch
            {
                0 => (char)random.Next(0, 32),
                1 => (char)random.Next(0x2000, 0x206F),
                2 => '<',
                3 => '"',
                _ => (char)random.Next(32, 0x2FFF),
            });
        }

        return builder.ToString();
    }
}
