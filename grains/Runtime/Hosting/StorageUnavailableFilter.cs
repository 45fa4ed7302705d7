using Hub.Contracts.Common;
using Hub.Runtime.Storage;

namespace Hub.Runtime.Hosting;

/// <summary>
/// A grain call that failed because storage could not be reached answers "unavailable" instead of the storage
/// exception itself. Npgsql's exceptions cannot cross to a web node at all (Orleans has no codec for them: the
/// caller got a CodecNotFoundException, and the browser "an unexpected error"); a refusal with a code can, and
/// tells the caller to send the same call again (docs/reliability.md).
/// </summary>
internal sealed class StorageUnavailableFilter : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception ex) when (StorageFailures.IsTransient(ex))
        {
            throw new HubRefusedException(ErrorCodes.Unavailable, "Databasen svarer ikke lige nu; prøv igen. / The database is not answering right now; try again.");
        }
    }
}
