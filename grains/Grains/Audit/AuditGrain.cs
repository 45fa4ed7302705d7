using System.Collections.Immutable;
using Hub.Contracts.Audit;

namespace Hub.Grains.Audit;

[GenerateSerializer, Immutable, Alias("hub.AuditState")]
public sealed record AuditState
{
    /// <summary>Entries appended before the trail was kept in pages: read first, never appended to.</summary>
    [Id(0)] public ImmutableList<AuditEntry> Entries { get; init; } = [];

    /// <summary>How many pages (<see cref="AuditPageGrain"/>) the partition has.</summary>
    [Id(1)] public int Pages { get; init; }
}

/// <summary>
/// One partition of the audit trail. It holds only its number of pages; the entries are in page grains of at most
/// <see cref="IAuditGrain.PageSize"/> entries, so an append rewrites one bounded page and the row of a busy day does
/// not grow with every sign-in (it was rewritten whole on every append). Appends are durable before they return;
/// there is no way to change or remove an entry. Reentrant so that concurrent appends fill a page together (its
/// grain merges their writes); the state is replaced, never mutated, so a write in flight is always consistent.
/// </summary>
[Orleans.Concurrency.Reentrant]
public sealed class AuditGrain(
    [PersistentState("audit", GrainStorage.Name)] IPersistentState<AuditState> state, TimeProvider clock) : Grain, IAuditGrain
{
    /// <summary>Who caused which self-service event when (in memory: after a deactivation the next one is recorded
    /// again, which still bounds the rate).</summary>
    private readonly Dictionary<(string? Actor, string Action), DateTimeOffset> _selfService = [];

    private Task _pagesWritten = Task.CompletedTask;

    public async Task Append(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (AlreadyRecorded(entry))
        {
            return;
        }

        while (true)
        {
            // A page is used only once the partition durably counts it, so a reader never misses an acknowledged entry.
            await _pagesWritten;
            var pages = state.State.Pages;
            if (pages > 0 && await Page(pages - 1).TryAppend(entry))
            {
                return;
            }

            // The last page is full, or there is none yet. Concurrent appends that found it so open one page.
            if (state.State.Pages == pages)
            {
                state.State = state.State with { Pages = pages + 1 };
                _pagesWritten = WritePagesAsync();
            }
        }
    }

    public async Task<AuditPage> ReadPage(int page)
    {
        var legacy = state.State.Entries.Count > 0 ? 1 : 0;
        var total = legacy + state.State.Pages;
        var entries = page < 0 || page >= total ? []
            : page < legacy ? state.State.Entries.ToImmutableArray()
            : await Page(page - legacy).Read();
        return new AuditPage(entries, page, page >= 0 && page + 1 < total ? page + 1 : null);
    }

    public async Task<ImmutableArray<AuditEntry>> Read()
    {
        var all = ImmutableArray.CreateBuilder<AuditEntry>();
        for (int? page = 0; page is { } p;)
        {
            var read = await ReadPage(p);
            all.AddRange(read.Entries);
            page = read.Next;
        }

        return all.ToImmutable();
    }

    private bool AlreadyRecorded(AuditEntry entry)
    {
        if (!AuditActions.SelfService.Contains(entry.Action))
        {
            return false;
        }

        var now = clock.GetUtcNow();
        var key = (entry.ActorId, entry.Action);
        if (_selfService.TryGetValue(key, out var last) && now - last < AuditActions.SelfServiceWindow)
        {
            return true;
        }

        _selfService[key] = now;
        // A day's partition meets each person a few times; forget the ones whose window has passed.
        if (_selfService.Count > 1000)
        {
            foreach (var old in _selfService.Where(p => now - p.Value >= AuditActions.SelfServiceWindow).Select(p => p.Key).ToList())
            {
                _selfService.Remove(old);
            }
        }

        return false;
    }

    private async Task WritePagesAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // The count in memory is ahead of storage: start again from storage rather than use an uncounted page.
            DeactivateOnIdle();
            throw;
        }
    }

    private IAuditPageGrain Page(int index) => GrainFactory.GetGrain<IAuditPageGrain>($"{this.GetPrimaryKeyString()}#{index}");
}
