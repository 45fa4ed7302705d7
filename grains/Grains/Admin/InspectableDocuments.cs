using System.Collections.Frozen;
using System.Text.Json;
using Hub.Contracts.Admin;
using Hub.Contracts.Agreements;
using Hub.Contracts.Boards;
using Hub.Contracts.Cohorts;
using Hub.Contracts.Sessions;
using Hub.Grains.Live;
using Orleans.Serialization;
using Orleans.Storage;

namespace Hub.Grains.Admin;

/// <summary>
/// The live documents the inspector knows: one line each — its kind, the state name its grain stores under, its grain,
/// its title and the scope it belongs to. A new live document is inspectable by adding its line.
/// </summary>
public static class InspectableDocuments
{
    public static FrozenDictionary<string, InspectableKind> Kinds { get; } = new InspectableKind[]
    {
        new LiveKind<Board>(InspectedKinds.Board, "board", (g, id) => g.GetGrain<IBoardGrain>(id), b => b.Name, (b, _) => InspectorKeys.Partnership(b.PartnershipId)),
        new LiveKind<Agreement>(InspectedKinds.Agreement, "agreement", (g, id) => g.GetGrain<IAgreementGrain>(id), _ => "Samarbejdsaftale", (_, id) => InspectorKeys.Partnership(id)),
        new LiveKind<Cohort>(InspectedKinds.Cohort, "cohort", (g, id) => g.GetGrain<ICohortGrain>(id), c => c.Name, (_, id) => InspectorKeys.Cohort(id)),
        new LiveKind<Session>(InspectedKinds.Session, "session", (g, id) => g.GetGrain<ISessionGrain>(id), s => s.Title,
            (s, _) => s.Owner.CohortId is { } cohort ? InspectorKeys.Cohort(cohort) : InspectorKeys.Partnership(s.Owner.PartnershipId.GetValueOrDefault())),
    }.ToFrozenDictionary(k => k.Name, StringComparer.Ordinal);
}

/// <summary>A live document's state as storage holds it: read without its grain, so the grain stays inactive.</summary>
public sealed record StoredDocument(bool Exists, long Seq, string? ETag, int Bytes, string Title, string? Scope, object? Document)
{
    public string ToJson() => Document is null ? "null" : JsonSerializer.Serialize(Document, Document.GetType(), InspectionJson.Options);
}

public abstract class InspectableKind(string name, string stateName)
{
    public string Name { get; } = name;

    public string StateName { get; } = stateName;

    public abstract IAddressable Grain(IGrainFactory grains, Guid id);

    public abstract Task<StoredDocument> ReadStoredAsync(IGrainStorage storage, Serializer serializer, GrainId grainId, Guid id);
}

public sealed class LiveKind<TDoc>(
    string name,
    string stateName,
    Func<IGrainFactory, Guid, IAddressable> grain,
    Func<TDoc, string> title,
    Func<TDoc, Guid, string> scope) : InspectableKind(name, stateName)
    where TDoc : class
{
    public override IAddressable Grain(IGrainFactory grains, Guid id) => grain(grains, id);

    public override async Task<StoredDocument> ReadStoredAsync(IGrainStorage storage, Serializer serializer, GrainId grainId, Guid id)
    {
        var state = new GrainState<LiveState<TDoc>>(new LiveState<TDoc>());
        await storage.ReadStateAsync(StateName, grainId, state);
        var stored = state.State;
        if (!state.RecordExists || stored?.Document is not { } document)
        {
            return new StoredDocument(false, stored?.Seq ?? 0, state.ETag, 0, "", null, null);
        }

        return new StoredDocument(true, stored.Seq, state.ETag, serializer.SerializeToArray(stored).Length, title(document), scope(document, id), document);
    }
}
