namespace Hub.Runtime;

/// <summary>How Hub runs: everything in one process on a laptop, or silos and web nodes on PostgreSQL.</summary>
public enum HubMode
{
    /// <summary>The web process co-hosts a silo: localhost clustering, grain state in a SQLite file.</summary>
    Embedded,

    /// <summary>Silo processes and web nodes (Orleans clients) share a PostgreSQL database.</summary>
    Cluster,
}

/// <summary>The "Hub" configuration section. README.md lists every key.</summary>
public sealed class HubOptions
{
    public const string Section = "Hub";

    /// <summary>The connection string name (ConnectionStrings:Hub) used in cluster mode.</summary>
    public const string ConnectionStringName = "Hub";

    public string Mode { get; set; } = nameof(HubMode.Embedded);

    /// <summary>Names the application's data; stays the same across deployments.</summary>
    public string ServiceId { get; set; } = "hub";

    /// <summary>Names one cluster: silos and clients with the same id find each other.</summary>
    public string ClusterId { get; set; } = "hub";

    public EmbeddedOptions Embedded { get; set; } = new();

    public DatabaseOptions Database { get; set; } = new();

    public SiloOptions Silo { get; set; } = new();
}

public sealed class EmbeddedOptions
{
    /// <summary>The SQLite file holding grain state; relative paths are resolved against the working directory.</summary>
    public string DatabasePath { get; set; } = "./data/hub.db";
}

public sealed class DatabaseOptions
{
    /// <summary>How long start-up keeps retrying an unreachable database before giving up.</summary>
    public int StartupTimeoutSeconds { get; set; } = 30;
}

public sealed class SiloOptions
{
    /// <summary>Silo-to-silo port.</summary>
    public int Port { get; set; } = 11111;

    /// <summary>Port where Orleans clients (web nodes) connect.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and clients use to reach this silo; empty: this host's own address
    /// (loopback in embedded mode).</summary>
    public string? AdvertisedAddress { get; set; }
}
