using System.Net;
using Hub.Grains;
using Hub.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Storage;

namespace Hub.Runtime.Hosting;

/// <summary>Which process is starting: a silo process, or a web node.</summary>
public enum HubProcess
{
    Silo,
    Web,
}

/// <summary>
/// The one place that decides how a process joins Orleans. A web node in embedded mode co-hosts a silo;
/// in cluster mode it is a client. A silo process runs in cluster mode only. Same grains, same storage
/// provider, same queries: only configuration differs.
/// </summary>
public static class OrleansHosting
{
    /// <summary>The name of the grain storage provider every grain uses.</summary>
    public const string StorageName = GrainStorage.Name;

    /// <summary>The ADO.NET provider itself, in embedded mode, behind <see cref="SingleWriterGrainStorage"/>.</summary>
    private const string SqliteProviderName = GrainStorage.Name + "-sqlite";

    public static HubSettings AddHubOrleans(this IHostApplicationBuilder builder, HubProcess process)
    {
        var settings = HubSettings.Read(builder.Configuration);
        var dashboard = builder.Configuration.GetValue(OrleansDashboardKey, true);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(settings.Database);
        builder.Services.AddSingleton<SchemaMigrator>();
        builder.Services.AddHostedService<SchemaMigrationService>();
        builder.Services.Configure<Hub.Grains.Partnerships.DirectoryOptions>(builder.Configuration.GetSection(Hub.Grains.Partnerships.DirectoryOptions.Section));
        builder.Services.Configure<Hub.Grains.ForMe.DigestOptions>(builder.Configuration.GetSection(Hub.Grains.ForMe.DigestOptions.Section));
        // A digest looked at more often than Orleans' minimum reminder period (a test, a demo) lowers the minimum.
        builder.Services.AddOptions<ReminderOptions>().Configure<Microsoft.Extensions.Options.IOptions<Hub.Grains.ForMe.DigestOptions>>((reminders, digest) =>
            reminders.MinimumReminderPeriod = TimeSpan.FromTicks(Math.Min(reminders.MinimumReminderPeriod.Ticks, digest.Value.CheckPeriod.Ticks)));
        // A grain whose state cannot be read fails its activation with Npgsql's exception; Orleans sends only
        // exceptions of the namespaces it knows, and anything else reached the web node as "no codec for
        // Npgsql.NpgsqlException" rather than as what it is: a database that cannot answer now.
        builder.Services.Configure<Orleans.Serialization.ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add("Npgsql"));

        switch (settings.Mode, process)
        {
            case (HubMode.Embedded, HubProcess.Web):
                builder.UseOrleans(silo => silo
                    .UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId)
                    .UseHubGrainStorage(settings.Database)
                    .UseSiloStartClock()
                    .UseHubReminders(settings.Database)
                    .AddHubDashboard(dashboard));
                break;

            case (HubMode.Cluster, HubProcess.Web):
                builder.UseOrleansClient(client => client
                    .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (settings.ClusterId, settings.ServiceId))
                    .UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (settings.Database.Invariant, settings.Database.ConnectionString))
                    .UseConnectionRetryFilter(new GatewayRetry(settings.StartupTimeout).ShouldRetry)
                    .Configure<ClientMessagingOptions>(o => o.ResponseTimeout = LiveResponseTimeout)
                    .Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = GatewayListRefreshPeriod)
                    .AddHubDashboard(dashboard));
                break;

            case (HubMode.Cluster, HubProcess.Silo):
                builder.UseOrleans(silo => silo
                    .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (settings.ClusterId, settings.ServiceId))
                    .ConfigureEndpoints(settings.AdvertisedAddress ?? Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork) ?? IPAddress.Loopback,
                        settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true)
                    .UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (settings.Database.Invariant, settings.Database.ConnectionString))
                    .Configure<ClusterMembershipOptions>(o =>
                    {
                        // Dead silos' rows are removed once a day has passed; needs CleanupDefunctSiloEntriesKey.
                        o.DefunctSiloCleanupPeriod = TimeSpan.FromHours(1);
                        o.DefunctSiloExpiration = TimeSpan.FromDays(1);
                        DetectFailuresFast(o);
                    })
                    .Configure<SiloMessagingOptions>(o => o.ResponseTimeout = LiveResponseTimeout)
                    .UseHubGrainStorage(settings.Database)
                    .UseSiloStartClock()
                    .UseHubReminders(settings.Database)
                    .AddHubDashboard(dashboard));
                break;

            default:
                throw new HubStartupException(
                    "The silo process runs in cluster mode only: set Hub:Mode=Cluster (Hub__Mode=Cluster) and ConnectionStrings:Hub. " +
                    "For one process on a laptop, run the web project instead: dotnet run --project web");
        }

        return settings;
    }

    /// <summary>
    /// Whether Orleans' dashboard runs (default true): its grains and call profiler on every silo, its pages on the web
    /// nodes at /admin/orleans, admins only. Off, neither exists; the bench compares the two (docs/decisions/017).
    /// </summary>
    public const string OrleansDashboardKey = "Hub:Admin:OrleansDashboard";

    /// <summary>The dashboard with its live log stream off: a log line can carry what a person typed.</summary>
    private static ISiloBuilder AddHubDashboard(this ISiloBuilder silo, bool enabled) =>
        enabled ? silo.AddDashboard(o => o.HideTrace = true) : silo;

    private static IClientBuilder AddHubDashboard(this IClientBuilder client, bool enabled) =>
        enabled ? client.AddDashboard(o => o.HideTrace = true) : client;

    /// <summary>
    /// How long a grain call waits for its answer (Orleans' default is 30 s). A call in flight to a silo that dies
    /// gets no answer at all: it waits this long, and a browser sends one operation at a time, so every edit
    /// behind it waits too. Live calls take milliseconds (the slowest, a state write, well under a second); after
    /// this the web node answers <c>unavailable</c> and the client sends the same operation again, with the same
    /// op id (the grain drops a duplicate). The price: a call that is merely slow (a stalled database for more
    /// than 5 s) is also reported as failed, though it may still complete; every caller retries or shows it.
    /// </summary>
    public static readonly TimeSpan LiveResponseTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often a web node reads the membership table for gateways (default 1 min). After a rolling restart the
    /// node must know the restarted silo's gateway before the next silo goes down, or it has none left; one small
    /// query per node every few seconds is cheap.
    /// </summary>
    public static readonly TimeSpan GatewayListRefreshPeriod = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Declares a silo that stopped answering dead in about 4–6 s instead of Orleans' 15–25 s, so that its grains
    /// are activated elsewhere within the 10 s a browser may wait (docs/reliability.md measures it). A probe
    /// every 2 s, at most 3 s for its answer, two missed in a row make a suspicion; with two silos the one
    /// survivor's vote declares the other dead. The price is a false alarm under a long pause (a GC or a
    /// starved machine past ~4 s): the silo is declared dead, kills itself, and its grains move — the same
    /// recovery as a real death, and nothing acknowledged is lost. The membership table is also read every
    /// 10 s and each silo writes its heartbeat every 30 s, so a silo no one probes is found stale sooner.
    /// </summary>
    private static void DetectFailuresFast(ClusterMembershipOptions options)
    {
        options.ProbeTimeout = TimeSpan.FromSeconds(2);
        options.MinProbeTimeout = TimeSpan.FromSeconds(1);
        options.MaxProbeTimeout = TimeSpan.FromSeconds(3);
        options.NumMissedProbesLimit = 2;
        options.TableRefreshTimeout = TimeSpan.FromSeconds(10);
        options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(30);
    }

    /// <summary>
    /// The silo's watchdog gets a clock of its own that counts from the silo's start, so it raises no false alarm at
    /// start-up (<see cref="SiloStartClock"/> says why). Only the watchdog: membership and messaging keep Orleans' clock,
    /// so failure detection (docs/reliability.md) is untouched. The watchdog is internal to Orleans, hence found by
    /// name; registered after Orleans' own, so it is the one resolved, and a missing type stops the start loudly.
    /// </summary>
    public static ISiloBuilder UseSiloStartClock(this ISiloBuilder silo)
    {
        var watchdog = typeof(Orleans.Runtime.Silo).Assembly.GetType(WatchdogTypeName, throwOnError: true)!;
        silo.Services.AddSingleton(watchdog, services => ActivatorUtilities.CreateInstance(services, watchdog, new SiloStartClock()));
        return silo;
    }

    /// <summary>Orleans' silo watchdog (internal), which logs "Participant check thread has not completed".</summary>
    public const string WatchdogTypeName = "Orleans.Runtime.Watchdog";

    /// <summary>
    /// Grain state goes through Orleans' ADO.NET provider, serialised with Orleans' own binary serializer:
    /// compact, fast, and version-tolerant through the [Id]s every state class carries.
    /// </summary>
    public static ISiloBuilder UseHubGrainStorage(this ISiloBuilder silo, HubDatabase database)
    {
        silo.AddHubGrains();
        silo.AddIncomingGrainCallFilter<StorageUnavailableFilter>();
        silo.Services.AddSingleton<Hub.Grains.Partnerships.IPartnershipDirectoryStore>(new SqlPartnershipDirectoryStore(database));

        // SQLite takes one writer at a time: its provider sits behind a queue of writes (SingleWriterGrainStorage).
        var provider = database.Engine == DatabaseEngine.Sqlite ? SqliteProviderName : StorageName;
        silo.AddAdoNetGrainStorage(provider, o => (o.Invariant, o.ConnectionString) = (database.Invariant, database.ConnectionString));
        silo.Services.AddOptions<AdoNetGrainStorageOptions>(provider)
            .Configure<Orleans.Serialization.Serializer>((o, serializer) => o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
        if (database.Engine == DatabaseEngine.Sqlite)
        {
            silo.Services.AddKeyedSingleton<IGrainStorage>(StorageName,
                (services, _) => new SingleWriterGrainStorage(services.GetRequiredKeyedService<IGrainStorage>(SqliteProviderName)));
        }

        return silo;
    }

    /// <summary>
    /// Reminders are stored in Hub's own database on both engines, through Orleans' ADO.NET reminder table and our
    /// queries (Schema/{Engine}/Queries): a cohort's follow-up is due 90 days after it was set, so even the one
    /// embedded process must find it again after a restart (docs/decisions/019-cohort-evaluation.md).
    /// </summary>
    public static ISiloBuilder UseHubReminders(this ISiloBuilder silo, HubDatabase database) =>
        silo.UseAdoNetReminderService(o => (o.Invariant, o.ConnectionString) = (database.Invariant, database.ConnectionString));

    /// <summary>A web node that starts before any silo keeps trying for the start-up timeout, then gives up.</summary>
    private sealed class GatewayRetry(TimeSpan retryFor)
    {
        private readonly DateTimeOffset _deadline = DateTimeOffset.UtcNow + retryFor;

        public async Task<bool> ShouldRetry(Exception exception, CancellationToken cancellationToken)
        {
            if (DateTimeOffset.UtcNow >= _deadline)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            return true;
        }
    }
}
