using Hub.Contracts.Common;
using Hub.Runtime.Storage;
using Orleans.Runtime.Messaging;
using Orleans.Serialization;

namespace Hub.Web.Errors;

/// <summary>
/// Which failures mean "the cluster or its storage cannot answer right now" (a silo died, the database
/// restarts, a call timed out) rather than a fault in the request or in the code. Those answer
/// <c>unavailable</c> — HTTP 503 with Retry-After, or a hub refusal — so that a client sends the same thing
/// again later instead of showing an error or dropping an edit. A live operation sent again keeps its op id,
/// and the grain drops a duplicate, so even a call that did complete before its answer was lost is safe.
/// </summary>
public static class Unavailability
{
    /// <summary>What a client is told to wait before it tries again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    public const string Message = "Forbindelsen til serveren er afbrudt et øjeblik; prøv igen. / The server cannot be reached right now; try again.";

    /// <summary>Whether <paramref name="exception"/>, or what it wraps, is such a failure.</summary>
    public static bool IsTransient(Exception? exception)
    {
        for (var depth = 0; exception is not null && depth < 8; depth++, exception = exception.InnerException)
        {
            if (exception is AggregateException aggregate && aggregate.InnerExceptions.Any(IsTransient))
            {
                return true;
            }

            if (IsTransientItself(exception))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsTransientItself(Exception exception) => exception switch
    {
        HubRefusedException refused => refused.Code == ErrorCodes.Unavailable,
        // A silo that died or left, a gateway that is gone or overloaded, a message the cluster could not deliver.
        SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException
            or GatewayTooBusyException or ClientNotAvailableException
            or Orleans.Runtime.MembershipService.OrleansClusterConnectivityCheckFailedException => true,
        // Orleans' response timeout (docs/reliability.md): the call may or may not have happened.
        TimeoutException => true,
        // The database, as the web node reaches it itself (sessions, health), or a storage failure of a
        // co-hosted silo (embedded mode): see StorageFailures.
        _ when StorageFailures.IsTransient(exception) => true,
        // A silo's exception whose type the web node cannot rebuild: judge it by its name.
        UnavailableExceptionFallbackException fallback => IsTransientTypeName(fallback.ExceptionType),
        _ => false,
    };

    private static bool IsTransientTypeName(string? type) =>
        type is not null && (type.StartsWith("Npgsql.", StringComparison.Ordinal)
            || type is "System.TimeoutException" or "System.Net.Sockets.SocketException" or "Orleans.Storage.InconsistentStateException");
}
