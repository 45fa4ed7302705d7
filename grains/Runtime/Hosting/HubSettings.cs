using System.Net;
using Hub.Runtime.Storage;
using Microsoft.Extensions.Configuration;

namespace Hub.Runtime.Hosting;

/// <summary>The configuration, checked once at start-up: a wrong value stops the process with one clear line.</summary>
public sealed record HubSettings(
    HubMode Mode,
    string ServiceId,
    string ClusterId,
    HubDatabase Database,
    TimeSpan StartupTimeout,
    int SiloPort,
    int GatewayPort,
    IPAddress? AdvertisedAddress)
{
    public static HubSettings Read(IConfiguration configuration)
    {
        var options = configuration.GetSection(HubOptions.Section).Get<HubOptions>() ?? new HubOptions();

        if (!Enum.TryParse<HubMode>(options.Mode, ignoreCase: true, out var mode) || !Enum.IsDefined(mode))
        {
            throw new HubStartupException(
                $"Ukendt tilstand / Unknown mode Hub:Mode='{options.Mode}': use 'Embedded' (one process, SQLite) or 'Cluster' (PostgreSQL).");
        }

        RequireText(options.ServiceId, "Hub:ServiceId");
        RequireText(options.ClusterId, "Hub:ClusterId");
        RequirePort(options.Silo.Port, "Hub:Silo:Port");
        RequirePort(options.Silo.GatewayPort, "Hub:Silo:GatewayPort");
        if (options.Database.StartupTimeoutSeconds is < 0 or > 3600)
        {
            throw new HubStartupException("Hub:Database:StartupTimeoutSeconds must be between 0 and 3600.");
        }

        IPAddress? advertised = null;
        if (!string.IsNullOrWhiteSpace(options.Silo.AdvertisedAddress) && !IPAddress.TryParse(options.Silo.AdvertisedAddress, out advertised))
        {
            throw new HubStartupException($"Hub:Silo:AdvertisedAddress='{options.Silo.AdvertisedAddress}' is not an IP address.");
        }

        HubDatabase database;
        if (mode == HubMode.Embedded)
        {
            RequireText(options.Embedded.DatabasePath, "Hub:Embedded:DatabasePath");
            database = HubDatabase.Sqlite(options.Embedded.DatabasePath);
        }
        else
        {
            var connectionString = configuration.GetConnectionString(HubOptions.ConnectionStringName);
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new HubStartupException(
                    "Forbindelsesstreng mangler / Missing connection string: cluster mode needs ConnectionStrings:Hub " +
                    "(environment variable ConnectionStrings__Hub) pointing at PostgreSQL.");
            }

            try
            {
                database = HubDatabase.PostgreSql(new Npgsql.NpgsqlConnectionStringBuilder(connectionString).ConnectionString);
            }
            catch (ArgumentException ex)
            {
                throw new HubStartupException($"ConnectionStrings:Hub is not a valid PostgreSQL connection string: {ex.Message}");
            }
        }

        return new HubSettings(mode, options.ServiceId, options.ClusterId, database,
            TimeSpan.FromSeconds(options.Database.StartupTimeoutSeconds), options.Silo.Port, options.Silo.GatewayPort, advertised);
    }

    private static void RequireText(string? value, string key)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new HubStartupException($"{key} must not be empty.");
        }
    }

    private static void RequirePort(int port, string key)
    {
        if (port is < 1 or > 65535)
        {
            throw new HubStartupException($"{key}={port} is not a port number (1–65535).");
        }
    }
}
