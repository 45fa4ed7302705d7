using Hub.Contracts.Common;
using Hub.Tests.Infrastructure;
using Hub.Web.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hub.Tests.Live;

/// <summary>
/// What a real web node logs while one connection sends refused calls as fast as it can: refusals are quiet
/// (debug, no stack trace) and a flood of them writes a bounded number of lines; nothing reaches error level.
/// </summary>
public sealed class LiveGuardLogTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"hub-log-{Guid.NewGuid():N}");
    private readonly CapturedLog _log = new();
    private WebNode _node = null!;

    public async Task InitializeAsync()
    {
        // Everything SignalR and Hub's realtime code would say, down to debug.
        _node = await WebNode.StartEmbeddedAsync(
            Path.Combine(_directory, "hub.db"),
            "--Logging:LogLevel:Microsoft.AspNetCore.SignalR=Debug", "--Logging:LogLevel:Hub.Web.Live=Debug");
        _node.Services.GetRequiredService<ILoggerFactory>().AddProvider(_log);
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Invoke_FloodOfRefusedCalls_LogsBoundedQuietLinesWithoutStackTraces()
    {
        const int Calls = 1000;
        var person = await _node.SignUpAsync("Flod");
        await using var connection = await person.ConnectAsync(BoardHub.Path);
        var nowhere = Guid.NewGuid();
        var started = DateTime.UtcNow;

        for (var i = 0; i < Calls; i++)
        {
            var refused = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<object>(nameof(BoardHub.Join), nowhere, 0L));
            // The client reports "… HubException: code: message".
            Assert.Contains($"HubException: {ErrorCodes.NotFound}:", refused.Message, StringComparison.Ordinal);
        }

        var seconds = Math.Max(1, (DateTime.UtcNow - started).TotalSeconds);
        var entries = _log.Entries;
        Assert.DoesNotContain(entries, e => e.Level >= LogLevel.Error);
        Assert.DoesNotContain(entries, e => e.Exception is HubException || e.Text.Contains("   at ", StringComparison.Ordinal));
        var refusals = entries.Where(e => e.Text.Contains(ErrorCodes.NotFound, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(refusals);
        Assert.All(refusals, e => Assert.True(e.Level <= LogLevel.Information, $"{e.Level}: {e.Text}"));
        // A handful per connection per window, however many calls: far from one line per call.
        Assert.True(refusals.Count <= 10 + (seconds / LiveGuard.RefusalLogWindow.TotalSeconds * LiveGuard.RefusalLinesPerWindow),
            $"{refusals.Count} lines for {Calls} refused calls in {seconds:0.0} s");
    }

    [Fact]
    public async Task Invoke_CallThatFailsForAnotherReason_IsStillLoggedAsAnErrorWithItsStack()
    {
        var person = await _node.SignUpAsync("Fejl");
        var stamps = _node.Services.GetRequiredService<Hub.Web.Security.SessionStamps>();
        var user = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
        [
            new(System.Security.Claims.ClaimTypes.NameIdentifier, person.Me.UserId),
            new(Hub.Web.Security.SessionStamps.StampClaim, await stamps.CurrentAsync(person.Me.UserId)),
        ], "test"));
        var guard = _node.Services.GetRequiredService<LiveGuard>();
        var call = new HubInvocationContext(new SignedInCaller(user), _node.Services, new ProbeHub(), typeof(ProbeHub).GetMethod(nameof(ProbeHub.Work))!, []);

        await Assert.ThrowsAsync<InvalidOperationException>(() => guard.InvokeMethodAsync(call, _ => throw new InvalidOperationException("a bug")).AsTask());
        await Assert.ThrowsAsync<HubException>(() => guard.InvokeMethodAsync(call, _ => throw new HubRefusedException(ErrorCodes.Validation, "nej")).AsTask());

        var failed = Assert.Single(_log.Entries, e => e.Level >= LogLevel.Error);
        Assert.IsType<InvalidOperationException>(failed.Exception);
        Assert.Contains(nameof(ProbeHub.Work), failed.Text, StringComparison.Ordinal);
        var refused = Assert.Single(_log.Entries, e => e.Category == typeof(LiveGuard).FullName && e.Text.Contains(ErrorCodes.Validation, StringComparison.Ordinal));
        Assert.Equal((LogLevel.Debug, null), (refused.Level, refused.Exception));
    }

    private sealed class ProbeHub : Microsoft.AspNetCore.SignalR.Hub
    {
        public static void Work()
        {
        }
    }

    /// <summary>The caller of a direct call to the guard: a signed-in person on a connection of its own.</summary>
    private sealed class SignedInCaller(System.Security.Claims.ClaimsPrincipal user) : HubCallerContext
    {
        public override string ConnectionId { get; } = $"direct-{Guid.NewGuid():N}";

        public override string? UserIdentifier => null;

        public override System.Security.Claims.ClaimsPrincipal? User => user;

        public override IDictionary<object, object?> Items { get; } = new Dictionary<object, object?>();

        public override Microsoft.AspNetCore.Http.Features.IFeatureCollection Features { get; } = new Microsoft.AspNetCore.Http.Features.FeatureCollection();

        public override CancellationToken ConnectionAborted => CancellationToken.None;

        public override void Abort()
        {
        }
    }

    /// <summary>Every entry the node logs, with its level and exception.</summary>
    private sealed class CapturedLog : ILoggerProvider
    {
        private readonly List<Entry> _entries = [];

        public IReadOnlyList<Entry> Entries
        {
            get
            {
                lock (_entries)
                {
                    return [.. _entries];
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturedLog log, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (log._entries)
                {
                    log._entries.Add(new Entry(category, logLevel, $"{formatter(state, exception)} {exception}", exception));
                }
            }
        }
    }

    private sealed record Entry(string Category, LogLevel Level, string Text, Exception? Exception);
}
