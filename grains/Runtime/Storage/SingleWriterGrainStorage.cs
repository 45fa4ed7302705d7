using Orleans.Storage;

namespace Hub.Runtime.Storage;

/// <summary>
/// Grain storage for SQLite: the ADO.NET provider's reads as they are, and its writes one at a time. SQLite has
/// one writer per file; when several grains write at once, all but one find the file locked, and
/// Microsoft.Data.Sqlite answers that by putting the calling thread to sleep (150 ms) and trying again — so a
/// burst of writes from many boards turned into seconds of latency on a mostly idle CPU (docs/performance.md,
/// the municipality scenario). Queueing the writes here, asynchronously, means SQLite never sees two writers:
/// each write waits only for the ones before it, and while a grain's write waits, Orleans merges that grain's
/// next writes into one. In WAL mode readers never wait for the writer, so reads are not queued.
/// </summary>
public sealed class SingleWriterGrainStorage(IGrainStorage inner) : IGrainStorage
{
    private readonly SemaphoreSlim _writer = new(1, 1);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await _writer.WaitAsync();
        try
        {
            await inner.WriteStateAsync(stateName, grainId, grainState);
        }
        finally
        {
            _writer.Release();
        }
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await _writer.WaitAsync();
        try
        {
            await inner.ClearStateAsync(stateName, grainId, grainState);
        }
        finally
        {
            _writer.Release();
        }
    }
}
