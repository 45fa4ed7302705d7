using System.Collections.Immutable;
using Hub.Contracts.Audit;

namespace Hub.Grains.Audit;

[GenerateSerializer, Immutable, Alias("hub.AuditState")]
public sealed record AuditState
{
    [Id(0)] public ImmutableList<AuditEntry> Entries { get; init; } = [];
}

/// <summary>
/// One partition of the audit trail. Appends are durable before they return; there is no way to change or
/// remove an entry. Reentrant so that concurrent appends share a write (Orleans merges queued writes); the
/// state is replaced, never mutated, so a write in flight always serialises one consistent list.
/// </summary>
[Orleans.Concurrency.Reentrant]
public sealed class AuditGrain(
    [PersistentState("audit", GrainStorage.Name)] IPersistentState<AuditState> state) : Grain, IAuditGrain
{
    public async Task Append(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        state.State = state.State with { Entries = state.State.Entries.Add(entry) };
        await state.WriteStateAsync();
    }

    public Task<ImmutableArray<AuditEntry>> Read() => Task.FromResult(state.State.Entries.ToImmutableArray());
}
