namespace Hub.Contracts.Common;

/// <summary>Stable, machine-readable reasons for refusing a request; docs/protocol.md lists them.</summary>
public static class ErrorCodes
{
    public const string Validation = "validation";
    public const string NotFound = "not_found";
    public const string Forbidden = "forbidden";
    public const string Conflict = "conflict";
    public const string Limit = "limit_exceeded";
    public const string Malformed = "malformed";
    public const string Unavailable = "unavailable";
    public const string RateLimited = "rate_limited";

    /// <summary>The password is too common or too easy to guess (a bundled list and simple patterns).</summary>
    public const string WeakPassword = "weak_password";

    /// <summary>Too many wrong passwords for this account from this address: wait (Retry-After) and try again.</summary>
    public const string SignInThrottled = "sign_in_throttled";

    /// <summary>A text operation's base is older than the grain's text history: catch up, transform, send again.</summary>
    public const string Stale = "stale";

    /// <summary>The partnership has ended: its boards and agreement can be read (until retention) but not changed.</summary>
    public const string Ended = "partnership_ended";
}

/// <summary>
/// A request was refused: nothing was changed. The message is written for the person who made the
/// request (Danish first, English after a " / ").
/// </summary>
[GenerateSerializer, Alias("hub.refused")]
public sealed class HubRefusedException : Exception
{
    public HubRefusedException(string code, string message, string? field = null) : base(message)
    {
        Code = code;
        Field = field;
    }

    public HubRefusedException()
    {
    }

    public HubRefusedException(string message) : base(message)
    {
    }

    public HubRefusedException(string message, Exception innerException) : base(message, innerException)
    {
    }

    [Id(0)] public string Code { get; private set; } = ErrorCodes.Validation;

    [Id(1)] public string? Field { get; private set; }
}
