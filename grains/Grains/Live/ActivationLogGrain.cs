namespace Hub.Grains.Live;

/// <summary>How an activation of a grain ended, for the inspector's "last deactivation".</summary>
[GenerateSerializer, Immutable, Alias("hub.activation-ended")]
public sealed record ActivationEnded(
    [property: Id(0)] DateTimeOffset ActivatedAt,
    [property: Id(1)] DateTimeOffset DeactivatedAt,
    [property: Id(2)] string Silo,
    [property: Id(3)] string ReasonCode,
    [property: Id(4)] string? Reason);

/// <summary>The last end of activation of one grain (keyed by its grain id), told by the grain as it deactivates.
/// An activation ends on whichever silo it ran on, and the next may start on another, so the record lives in a grain
/// of its own, not in a silo's memory.</summary>
[Alias("hub.IActivationLogGrain")]
public interface IActivationLogGrain : IGrainWithStringKey
{
    [Orleans.Concurrency.OneWay, Alias("Deactivated")]
    Task Deactivated(ActivationEnded ended);

    [Alias("Last")]
    Task<ActivationEnded?> Last();
}

[GenerateSerializer, Alias("hub.ActivationLogState")]
public sealed class ActivationLogState
{
    [Id(0)] public ActivationEnded? Last { get; set; }
}

/// <summary>Stored, so the reason is still known after the log grain itself was collected: one small write per
/// deactivation, which is rare next to the operations the document's grain writes.</summary>
public sealed class ActivationLogGrain(
    [PersistentState("activation-log", GrainStorage.Name)] IPersistentState<ActivationLogState> state) : Grain, IActivationLogGrain
{
    public async Task Deactivated(ActivationEnded ended)
    {
        ArgumentNullException.ThrowIfNull(ended);
        state.State.Last = ended;
        await state.WriteStateAsync();
    }

    public Task<ActivationEnded?> Last() => Task.FromResult(state.State.Last);
}
