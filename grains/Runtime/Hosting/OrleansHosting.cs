using System.Net;
using Hub.Grains;
using Hub.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
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
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(settings.Database);
        builder.Services.AddSingleton<SchemaMigrator>();
        builder.Services.AddHostedService<SchemaMigrationService>();

        switch (settings.Mode, process)
        {
            case (HubMode.Embedded, HubProcess.Web):
                builder.UseOrleans(silo => silo
                    .UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId)
                    .UseHubGrainStorage(settings.Database)
                    .UseInMemoryReminderService());
                break;

            case (HubMode.Cluster, HubProcess.Web):
                builder.UseOrleansClient(client => client
                    .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (settings.ClusterId, settings.ServiceId))
                    .UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (settings.Database.Invariant, settings.Database.ConnectionString))
                    .UseConnectionRetryFilter(new GatewayRetry(settings.StartupTimeout).ShouldRetry));
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
                    })
                    .UseHubGrainStorage(settings.Database)
                    .UseAdoNetReminderService(o => (o.Invariant, o.ConnectionString) = (settings.Database.Invariant, settings.Database.ConnectionString)));
                break;

            default:
                throw new HubStartupException(
                    "The silo process runs in cluster mode only: set Hub:Mode=Cluster (Hub__Mode=Cluster) and ConnectionStrings:Hub. " +
                    "For one process on a laptop, run the web project instead: dotnet run --project web");
        }

        return settings;
    }

    /// <summary>
    /// Grain state goes through Orleans' ADO.NET provider, serialised with Orleans' own binary serializer:
    /// compact, fast, and version-tolerant through the [Id]s every state class carries.
    /// </summary>
    public static ISiloBuilder UseHubGrainStorage(this ISiloBuilder silo, HubDatabase database)
    {
        silo.AddHubGrains();

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
