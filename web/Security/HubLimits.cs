namespace Hub.Web.Security;

/// <summary>
/// The limits on requests and live operations (configuration section Hub:Limits; README lists the keys).
/// The defaults are for people: a person who types fast stays well inside them, a script that floods does not.
/// </summary>
public sealed class HubLimits
{
    public const string Section = "Hub:Limits";

    /// <summary>Sign-in and registration attempts per client address per minute.</summary>
    public int SignInPerMinute { get; set; } = 10;

    /// <summary>API requests per person (or address) per second, and the burst allowed above it.</summary>
    public int ApiPerSecond { get; set; } = 50;

    public int ApiBurst { get; set; } = 100;

    /// <summary>Live calls (operations, syncs) per connection per second, and the burst.</summary>
    public int LivePerSecondPerConnection { get; set; } = 20;

    public int LiveBurstPerConnection { get; set; } = 40;

    /// <summary>Live calls per person over all their connections on one web node, and the burst.</summary>
    public int LivePerSecondPerUser { get; set; } = 40;

    public int LiveBurstPerUser { get; set; } = 80;

    /// <summary>Joins of a live session by code per client address per minute, and the burst: a whole room may sit
    /// behind one address (a school's network), a guesser gets a few hundred tries a minute out of 887 million codes.</summary>
    public int SessionJoinPerMinute { get; set; } = 120;

    public int SessionJoinBurst { get; set; } = 300;

    /// <summary>The largest HTTP request body, in bytes.</summary>
    public long MaxRequestBodyBytes { get; set; } = 256 * 1024;
}
