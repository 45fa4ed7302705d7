using System.Reflection;
using System.Runtime;
using Hub.Runtime.Hosting;
using Hub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Hub.Tests.Hosting;

/// <summary>An operator reads the log of a normal start: anything Orleans says there at Warning or above is an alarm.</summary>
public sealed class StartupLogTests
{
    /// <summary>Orleans' platform watchdog checks once a second from the silo's start; two seconds see its first
    /// checks, where the false "Participant check thread has not completed" came.</summary>
    private static readonly TimeSpan WatchdogChecks = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Start_EmbeddedNode_LogsNoOrleansWarning()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"hub-start-{Guid.NewGuid():N}");
        var orleans = new WarningLog("Orleans");
        try
        {
            await using (await WebNode.StartEmbeddedAsync(Path.Combine(directory, "hub.db"),
                app => app.Services.GetRequiredService<ILoggerFactory>().AddProvider(orleans)))
            {
                await Task.Delay(WatchdogChecks);
            }

            // The test process runs with workstation GC, and Orleans says so; the web node's own runtimeconfig
            // turns server GC on (the Web SDK's default), so a real start does not log these two.
            var entries = GCSettings.IsServerGC ? orleans.Entries : orleans.Entries.Where(e => !e.Contains("ServerGC", StringComparison.Ordinal));
            Assert.Empty(entries);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// The race behind the false alarm, without waiting to lose it: the watchdog's first tick may read the timestamp of
    /// its last component check before it is set, as 0. Read on the watchdog's own clock, 0 must be a moment ago — on
    /// Orleans' system clock it is the machine's boot, hours before, far past the alarm's limit.
    /// </summary>
    [Fact]
    public async Task Start_EmbeddedNode_WatchdogReadsAnUnsetTimestampAsRecent()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"hub-start-{Guid.NewGuid():N}");
        try
        {
            await using var node = await WebNode.StartEmbeddedAsync(Path.Combine(directory, "hub.db"));
            var type = typeof(Orleans.Runtime.Silo).Assembly.GetType(OrleansHosting.WatchdogTypeName, throwOnError: true)!;
            var watchdog = node.Services.GetRequiredService(type);
            var clock = (TimeProvider)type.GetField("_timeProvider", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(watchdog)!;
            var alarmAfter = node.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value.LocalHealthDegradationMonitoringPeriod * 2;

            Assert.True(clock.GetElapsedTime(0) < alarmAfter, $"An unset timestamp reads as {clock.GetElapsedTime(0)} ago; the watchdog warns after {alarmAfter}.");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Collects entries at Warning and above from the categories that start with a prefix.</summary>
    private sealed class WarningLog(string categoryPrefix) : ILoggerProvider
    {
        private readonly List<string> _entries = [];
        private readonly string _categoryPrefix = categoryPrefix;

        public IReadOnlyList<string> Entries
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

        private sealed class Logger(WarningLog log, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning && category.StartsWith(log._categoryPrefix, StringComparison.Ordinal);

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    lock (log._entries)
                    {
                        log._entries.Add($"{logLevel} {category}: {formatter(state, exception)} {exception}");
                    }
                }
            }
        }
    }
}
