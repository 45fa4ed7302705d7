using System.Collections.Immutable;
using Hub.Contracts.Security;

namespace Hub.Grains.Security;

[GenerateSerializer, Alias("hub.KeyRingState")]
public sealed class KeyRingState
{
    [Id(0)] public List<StoredKey> Keys { get; set; } = [];
}

public sealed class KeyRingGrain(
    [PersistentState("key-ring", GrainStorage.Name)] IPersistentState<KeyRingState> state) : Grain, IKeyRingGrain
{
    /// <summary>The key manager adds a key every 90 days and never deletes; a ring this large is decades old.</summary>
    private const int KeysMax = 500;

    public Task<ImmutableArray<StoredKey>> GetKeys() => Task.FromResult(state.State.Keys.ToImmutableArray());

    public async Task AddKey(StoredKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (state.State.Keys.Contains(key))
        {
            return;
        }

        state.State.Keys.Add(key);
        if (state.State.Keys.Count > KeysMax)
        {
            state.State.Keys.RemoveAt(0);
        }

        await state.WriteStateAsync();
    }
}
