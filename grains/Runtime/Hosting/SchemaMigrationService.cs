using Hub.Runtime.Storage;
using Microsoft.Extensions.Hosting;

namespace Hub.Runtime.Hosting;

/// <summary>
/// Migrates the schema before Orleans starts: it is registered before the silo or client, and works in the
/// "starting" phase, so the providers find their queries in OrleansQuery when they initialise.
/// </summary>
internal sealed class SchemaMigrationService(SchemaMigrator migrator, HubSettings settings) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) =>
        migrator.MigrateAsync(settings.StartupTimeout, cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
