using System.Collections.Immutable;
using Hub.Contracts.Audit;

namespace Hub.Grains.Audit;

/// <summary>A page of an audit partition, keyed "{partition}#{page}"; only <see cref="AuditGrain"/> uses it.</summary>
[Alias("hub.IAuditPageGrain")]
public interface IAuditPageGrain : IGrainWithStringKey
{
    /// <summary>Appends the entry durably; false, and nothing changed, when the page is full.</summary>
    [Alias("TryAppend")]
    Task<bool> TryAppend(AuditEntry entry);

    [Alias("Read")]
    Task<ImmutableArray<AuditEntry>> Read();
}

[GenerateSerializer, Immutable, Alias("hub.AuditPageState")]
public sealed record AuditPageState
{
    [Id(0)] public ImmutableList<AuditEntry> Entries { get; init; } = [];
}

/// <summary>
/// At most <see cref="IAuditGrain.PageSize"/> entries: a write is bounded however busy the partition. Reentrant so
/// that concurrent appends share a write (while one is in flight, Orleans merges the next ones); the count is
/// checked and the entry added before the first await, so a page never holds more than its size.
/// </summary>
[Orleans.Concurrency.Reentrant]
public sealed class AuditPageGrain(
    [PersistentState("audit-page", GrainStorage.Name)] IPersistentState<AuditPageState> state) : Grain, IAuditPageGrain
{
    public async Task<bool> TryAppend(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (state.State.Entries.Count >= IAuditGrain.PageSize)
        {
            return false;
        }

        state.State = state.State with { Entries = state.State.Entries.Add(entry) };
        await state.WriteStateAsync();
        return true;
    }

    public Task<ImmutableArray<AuditEntry>> Read() => Task.FromResult(state.State.Entries.ToImmutableArray());
}
