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
/// Thousands of random and malformed hub invocations from a signed-in member: wrong methods, wrong argument
/// counts and types, unknown and broken operations, oversized text, interleaved with valid operations.
/// The server keeps serving a second person, no error escapes into the log, and the board equals the board
/// that the valid operations alone produce.
/// </summary>
public sealed class HubFuzzTests(LoggedNode fixture) : IClassFixture<LoggedNode>
{
    /// <summary>
    /// 2,000 in every run; HUB_FUZZ_INVOCATIONS sets another count for the full tier (100,000 is the target
    /// there; it takes far longer than the suite may, see docs/performance.md).
    /// </summary>
    private static readonly int Invocations =
        int.TryParse(Environment.GetEnvironmentVariable("HUB_FUZZ_INVOCATIONS"), out var n) && n >= 100 ? n : 2000;

    [Fact]
    public async Task RandomAndMalformedInvocations_ChangeNothingButTheValidOps()
    {
        var fuzzer = await fixture.Node.SignUpAsync("Fuzzer");
        var bystander = await fixture.Node.SignUpAsync("Tilskuer");
        var partnership = await BoardTestKit.PartnershipWithAsync(fuzzer, bystander);
        var boardId = partnership.Boards[0].BoardId;
        await using var fuzz = await fuzzer.ConnectAsync(BoardHub.Path);
        await using var other = await BoardClient.OpenAsync(bystander, boardId);
        var random = new Random(20261129);
        var valid = new List<BoardOp>();
        var number = 0L;
        var answered = 0;

        for (var i = 0; i < Invocations; i++)
        {
            if (i % 10 == 0)
            {
                // A valid op now and then: exactly these must be on the board at the end.
                var op = new AddCard($"card{i}", "ideas", $"Kort {i}", null);
                var result = await fuzz.InvokeAsync<SubmitResult>(nameof(BoardHub.Submit), boardId, new OpId("fuzzer", ++number), (BoardOp)op);
                Assert.NotNull(result.Seq);
                valid.Add(op);
                continue;
            }

            try
            {
                await Invoke(fuzz, random, boardId, () => ++number);
                answered++;
            }
            catch (HubException)
            {
                answered++;
            }

            if (i % 500 == 0)
            {
                // The other person is still served, promptly.
                var started = DateTime.UtcNow;
                var result = await other.SubmitAsync(new AddCard($"other{i}", "planned", "Andens kort", null));
                Assert.NotNull(result.Seq);
                valid.Add(new AddCard($"other{i}", "planned", "Andens kort", null));
                Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5), "the bystander waited more than 5 s");
            }
        }

        Assert.Equal(HubConnectionState.Connected, fuzz.State);
        var board = await fixture.Node.Grains().GetGrain<IBoardGrain>(boardId).GetSnapshot(new Actor(fuzzer.Me.UserId, "Fuzzer"));
        var expected = Hub.Grains.Boards.BoardReducer.NewBoard(boardId, partnership.Id, Hub.Grains.Partnerships.PartnershipGrain.DefaultBoardName);
        Assert.Equal(valid.Count, board.Seq);
        Assert.Equal(valid.Select(o => ((AddCard)o).CardId).Order(StringComparer.Ordinal), board.Board.Cards.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(expected.Columns.Select(c => c.Id), board.Board.Columns.Select(c => c.Id));
        Assert.True(answered > Invocations / 2);
        Assert.Empty(fixture.Errors.Entries);
    }

    private static Task Invoke(HubConnection connection, Random random, Guid boardId, Func<long> nextNumber)
    {
        var junk = Junk(random);
        return random.Next(12) switch
        {
            0 => connection.InvokeCoreAsync($"No{junk[..Math.Min(8, junk.Length)]}", typeof(object), [boardId]),
            1 => connection.InvokeCoreAsync(nameof(BoardHub.Submit), typeof(object), [boardId]),
            2 => connection.InvokeCoreAsync(nameof(BoardHub.Submit), typeof(SubmitResult), [junk, junk, junk]),
            3 => connection.InvokeCoreAsync(nameof(BoardHub.Submit), typeof(SubmitResult), [boardId, new OpId("fuzzer", nextNumber()), JsonSerializer.SerializeToElement(new { type = junk, cardId = junk })]),
            4 => connection.InvokeCoreAsync(nameof(BoardHub.Submit), typeof(SubmitResult), [boardId, new OpId("fuzzer", nextNumber()), JsonDocument.Parse("{\"type\":\"addCard\",\"cardId\":[1,2],\"columnId\":{},\"title\":7}").RootElement]),
            5 => connection.InvokeCoreAsync(nameof(BoardHub.Submit), typeof(SubmitResult), [boardId, new OpId("fuzzer", nextNumber()), (BoardOp)new AddCard($"x{random.Next()}", "ideas", new string('å', 300 + random.Next(30_000)), null)]),
            6 => connection.InvokeCoreAsync(nameof(BoardHub.Submit), typeof(SubmitResult), [boardId, new OpId(junk, -random.Next()), (BoardOp)new ArchiveCard("nope")]),
            7 => connection.InvokeCoreAsync(nameof(BoardHub.Submit), typeof(SubmitResult), [boardId, new OpId("fuzzer", nextNumber()), (BoardOp)new MoveCard(junk, junk, random.Next(int.MinValue, int.MaxValue))]),
            8 => connection.InvokeCoreAsync(nameof(BoardHub.Submit), typeof(SubmitResult), [Guid.NewGuid(), new OpId("fuzzer", nextNumber()), (BoardOp)new AddCard("c", "ideas", "Andet sted", null)]),
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
