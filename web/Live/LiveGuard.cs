using System.Collections.Concurrent;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Hub.Contracts.Common;
using Hub.Web.Accounts;
using Hub.Web.Errors;
using Hub.Web.Security;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Hub.Web.Live;

/// <summary>
/// The guard in front of every hub call. It keeps the web node's live connections (so a signed-out or
/// deleted person's connections can be ended), and it limits how fast one connection and one person may
/// call: a client that floods is first slowed (its calls wait for a token), then refused ("rate_limited"),
/// while everyone else's calls pass untouched. Refusals from grains travel as "code: message".
/// <para>
/// Refusals are the client's business, not the server's: each is logged at debug, without its stack, and at
/// most <see cref="RefusalLinesPerWindow"/> lines per connection per <see cref="RefusalLogWindow"/> (then a
/// count), so a flooding client cannot fill the disk. SignalR's own line for every failed call is filtered out
/// (WebSetup); the calls that fail for any other reason are logged here, at error, with their stack.
/// </para>
/// </summary>
public sealed partial class LiveGuard(SessionStamps stamps, AdminList admins, IOptions<HubLimits> limits, ILogger<LiveGuard> logger) : IHubFilter, IDisposable
{
    /// <summary>Per connection (one call at a time, so at most one waits for a token).</summary>
    private readonly TokenBucketRateLimiterOptions _perConnection = Bucket(limits.Value.LiveBurstPerConnection, limits.Value.LivePerSecondPerConnection, queue: 1);

    /// <summary>Per person, over all their connections on this node.</summary>
    private readonly TokenBucketRateLimiterOptions _perUser = Bucket(limits.Value.LiveBurstPerUser, limits.Value.LivePerSecondPerUser, queue: 10);

    /// <summary>A call waits at most this long for a token before it is refused.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(2);

    /// <summary>A connection held back this long without a break is refused at once until it calms down.</summary>
    public static readonly TimeSpan RefuseAfter = TimeSpan.FromSeconds(3);

    private readonly ConcurrentDictionary<string, (HubCallerContext Context, TokenBucketRateLimiter Limiter, Throttle Throttle)> _connections = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TokenBucketRateLimiter> _users = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RefusalLines> _refusalLines = new(StringComparer.Ordinal);

    /// <summary>The window over which a connection's refusals are counted for the log.</summary>
    public static readonly TimeSpan RefusalLogWindow = TimeSpan.FromSeconds(10);

    /// <summary>How many refusals of one connection are logged per <see cref="RefusalLogWindow"/>.</summary>
    public const int RefusalLinesPerWindow = 5;

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        var context = invocationContext.Context;
        try
        {
            // A participant who joined a live session by code has no account, so no stamp: the session grain checks
            // their cookie's identity on every call instead. Every other hub requires a signed-in person.
            var participant = invocationContext.Hub is SessionHub && context.User?.Identity?.IsAuthenticated != true;
            if (!participant && !await stamps.IsCurrentAsync(context.User))
            {
                context.Abort();
                throw new HubException($"{ErrorCodes.Forbidden}: Du er logget ud. / You are signed out.");
            }

            // A live connection outlasts the request that opened it: its admin right is decided again on every call.
            Identity.ApplyCurrentRights(context.User, admins);

            await AcquireAsync(context);
            try
            {
                return await next(invocationContext);
            }
            catch (HubRefusedException refused)
            {
                throw new HubException($"{refused.Code}: {refused.Message}");
            }
            catch (Exception ex) when (Unavailability.IsTransient(ex))
            {
                // A silo died or the database restarts: the client sends the same call again (Errors/Unavailability.cs).
                throw new HubException($"{ErrorCodes.Unavailable}: {Unavailability.Message}");
            }
        }
        catch (HubException refusal)
        {
            LogRefusal(context.ConnectionId, invocationContext.HubMethodName, refusal.Message);
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogCallFailed(logger, ex, invocationContext.HubMethodName, context.ConnectionId);
            throw;
        }
    }

    private void LogRefusal(string connectionId, string method, string message)
    {
        if (!logger.IsEnabled(LogLevel.Debug))
        {
            return;
        }

        var lines = _refusalLines.GetOrAdd(connectionId, _ => new RefusalLines());
        if (lines.Take(Environment.TickCount64, out var unlogged))
        {
            // The code only: the words are the client's to show, and nothing a client sent ends up in the log.
            var colon = message.IndexOf(':', StringComparison.Ordinal);
            LogRefused(logger, method, connectionId, colon > 0 ? message[..colon] : "refused", unlogged);
        }
    }

    public Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        _connections[context.Context.ConnectionId] = (context.Context, new TokenBucketRateLimiter(_perConnection), new Throttle(_perConnection.TokenLimit));
        Admin.WebMetrics.LiveConnections.Add(1);
        return next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next(context, exception);
        }
        finally
        {
            if (_connections.TryRemove(context.Context.ConnectionId, out var gone))
            {
                Admin.WebMetrics.LiveConnections.Add(-1);
                gone.Limiter.Dispose();
            }

            _refusalLines.TryRemove(context.Context.ConnectionId, out _);
        }
    }

    /// <summary>Ends this node's live connections of people whose sessions ended elsewhere. A connection without an
    /// account (a live session's participant, the only kind a hub lets in unsigned) has no session stamp to end: the
    /// session grain checks its identity on every call instead (as <see cref="InvokeMethodAsync"/> does).</summary>
    public async Task EndStaleSessionsAsync()
    {
        foreach (var (_, (context, _, _)) in _connections)
        {
            if (context.User?.Identity?.IsAuthenticated != true)
            {
                continue;
            }

            try
            {
                if (!await stamps.IsCurrentAsync(context.User))
                {
                    context.Abort();
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogCheckFailed(logger, ex);
            }
        }
    }

    /// <summary>Ends this node's live connections of one person now (they signed out here).</summary>
    public void EndConnectionsOf(string userId)
    {
        foreach (var (_, (context, _, _)) in _connections)
        {
            if (context.UserIdentifier == userId || context.User?.FindFirstValue(ClaimTypes.NameIdentifier) == userId)
            {
                context.Abort();
            }
        }
    }

    public void Dispose()
    {
        foreach (var (_, (_, limiter, _)) in _connections)
        {
            limiter.Dispose();
        }

        foreach (var (_, limiter) in _users)
        {
            limiter.Dispose();
        }
    }

    /// <summary>
    /// Takes a token from the connection's and the person's buckets. Without one, the call waits (the client
    /// is slowed); a connection that has kept its bucket below half for <see cref="RefuseAfter"/> is refused
    /// at once until it calms down (lets the bucket refill), and so is a call that waited <see cref="MaxWait"/>.
    /// </summary>
    private async Task AcquireAsync(HubCallerContext context)
    {
        var userId = context.User?.FindFirstValue(ClaimTypes.NameIdentifier);
        if (_connections.TryGetValue(context.ConnectionId, out var connection))
        {
            await TakeAsync(connection.Limiter, context, connection.Throttle);
        }

        // Connections without a person (live session participants) share nothing: each has its own bucket only.
        if (userId is not null)
        {
            await TakeAsync(_users.GetOrAdd(userId, _ => new TokenBucketRateLimiter(_perUser)), context, null);
        }
    }

    private static async Task TakeAsync(TokenBucketRateLimiter limiter, HubCallerContext context, Throttle? throttle)
    {
        if (throttle is not null)
        {
            // A client that lets its bucket refill to half has calmed down; one that keeps it low is pressing.
            var available = limiter.GetStatistics()?.CurrentAvailablePermits ?? 0;
            if (available * 2 >= throttle.Burst)
            {
                throttle.Calm();
            }
            else if (throttle.HeldBackLongerThan(RefuseAfter))
            {
                throw Refused();
            }
        }

        // Nearly always a token is there: take it without the timers and registrations of a wait.
        using (var lease = limiter.AttemptAcquire(1))
        {
            if (lease.IsAcquired)
            {
                return;
            }
        }

        using var timeout = new CancellationTokenSource(MaxWait);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, context.ConnectionAborted);
        try
        {
            using var lease = await limiter.AcquireAsync(1, wait.Token);
            if (!lease.IsAcquired)
            {
                throw Refused();
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw Refused();
        }
    }

    /// <summary>Since when a connection has kept its bucket below half (0: it has not).</summary>
    private sealed class Throttle(int burst)
    {
        private long _since;

        public int Burst => burst;

        public void Calm() => Interlocked.Exchange(ref _since, 0);

        public bool HeldBackLongerThan(TimeSpan limit)
        {
            var now = Environment.TickCount64;
            var since = Interlocked.CompareExchange(ref _since, now, 0);
            return since != 0 && now - since > limit.TotalMilliseconds;
        }
    }

    /// <summary>How many of one connection's refusals were logged in the current window, and how many not.</summary>
    private sealed class RefusalLines
    {
        private readonly Lock _lock = new();
        private long _windowStart = Environment.TickCount64;
        private int _logged;
        private int _unlogged;

        /// <summary>True when this refusal may be logged; <paramref name="unlogged"/> is how many before it were not.</summary>
        public bool Take(long now, out int unlogged)
        {
            lock (_lock)
            {
                unlogged = 0;
                if (now - _windowStart >= RefusalLogWindow.TotalMilliseconds)
                {
                    _windowStart = now;
                    _logged = 0;
                }

                if (_logged >= RefusalLinesPerWindow)
                {
                    _unlogged++;
                    return false;
                }

                _logged++;
                (unlogged, _unlogged) = (_unlogged, 0);
                return true;
            }
        }
    }

    private static TokenBucketRateLimiterOptions Bucket(int burst, int perSecond, int queue) => new()
    {
        TokenLimit = burst,
        TokensPerPeriod = perSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = queue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    };

    private static HubException Refused() =>
        new($"{ErrorCodes.RateLimited}: For mange ændringer på kort tid; vent et øjeblik. / Too many changes too fast; wait a moment.");

    [LoggerMessage(Level = LogLevel.Debug, Message = "Refused {Method} on connection {ConnectionId}: {Code} ({Unlogged} earlier refusals on it not logged)")]
    private static partial void LogRefused(ILogger logger, string method, string connectionId, string code, int unlogged);

    [LoggerMessage(Level = LogLevel.Error, Message = "Hub method {Method} failed on connection {ConnectionId}")]
    private static partial void LogCallFailed(ILogger logger, Exception exception, string method, string connectionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking a live connection's session failed")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception);
}

/// <summary>Every few seconds, ends live connections whose sessions ended on another node.</summary>
public sealed class SessionSweeper(LiveGuard guard) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SessionStamps.CacheFor);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await guard.EndStaleSessionsAsync();
        }
    }
}
