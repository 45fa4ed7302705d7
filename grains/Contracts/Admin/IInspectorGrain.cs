using System.Collections.Immutable;
using Hub.Contracts.Common;
using Hub.Contracts.Partnerships;

namespace Hub.Contracts.Admin;

/// <summary>
/// The platform admins' inspector for one scope — a partnership (its own grain, boards and agreement) or a cohort
/// (docs/decisions/016-grain-inspector.md). It never activates an inspected grain to look at it: the management
/// grain says whether and where it is active, an active one is asked, an inactive one is read from storage ("gemt
/// tilstand"). Personal data is masked unless the admin revealed it, with a reason, in the last
/// <see cref="RevealFor"/>; every reveal and every action is in the scope's audit log. Every method takes the actor
/// and refuses anyone who is not a platform admin. Key: <see cref="InspectorKeys"/>.
/// </summary>
[Alias("hub.IInspectorGrain")]
public interface IInspectorGrain : IGrainWithStringKey
{
    public static readonly TimeSpan RevealFor = TimeSpan.FromMinutes(15);

    public const int ReasonMin = 5;

    public const int ReasonMax = 500;

    /// <summary>The scope and a summary of each of its documents (no connections or operations).</summary>
    [Alias("Inspect")]
    Task<ScopeInspection> Inspect(Actor actor);

    /// <summary>One document in full: placement, sequence numbers, web nodes, connections, the last 100 operations.</summary>
    [Alias("InspectDocument")]
    Task<DocumentInspection> InspectDocument(Actor actor, string kind, Guid id);

    /// <summary>Shows names to this admin for <see cref="RevealFor"/>; audited with the reason. Returns until when.</summary>
    [Alias("Reveal")]
    Task<DateTimeOffset> Reveal(Actor actor, string reason);

    /// <summary>Ends an active document's activation; refused (conflict) when it is not active.</summary>
    [Alias("ForceDeactivate")]
    Task ForceDeactivate(Actor actor, string kind, Guid id);

    /// <summary>Takes one connection off an active document.</summary>
    [Alias("Disconnect")]
    Task Disconnect(Actor actor, string kind, Guid id, string connectionId);

    /// <summary>The document as stored, as JSON: masked, or — with a reason, audited — as it is.</summary>
    [Alias("Export")]
    Task<DocumentExport> Export(Actor actor, string kind, Guid id, string? reason);

    /// <summary>What a restore of <paramref name="json"/> (an unmasked export) would change; changes nothing.</summary>
    [Alias("PreviewRestore")]
    Task<RestorePreview> PreviewRestore(Actor actor, string kind, Guid id, string json);

    /// <summary>Replaces the document, through its grain, when it is still at <paramref name="expectedSeq"/>
    /// (the version the admin was shown); refused unless restores are switched on (Hub:Admin:AllowRestore).</summary>
    [Alias("Restore")]
    Task<long> Restore(Actor actor, string kind, Guid id, string json, long expectedSeq, string reason);

    /// <summary>Makes a member the coordinator of a partnership that has none; <paramref name="person"/> is the
    /// member's key as the inspection shows it.</summary>
    [Alias("AppointCoordinator")]
    Task AppointCoordinator(Actor actor, string person);
}

public static class InspectorKeys
{
    public static string Partnership(Guid id) => $"partnership:{id:N}";

    public static string Cohort(Guid id) => $"cohort:{id:N}";
}

/// <summary>The document kinds the inspector knows (a new live document adds its name here and one line in the grain).</summary>
public static class InspectedKinds
{
    public const string Board = "board";
    public const string Agreement = "agreement";
    public const string Cohort = "cohort";
    public const string Session = "session";
}

/// <summary>A scope as the inspector shows it. <see cref="Owner"/> is the partnership's own grain (null for a cohort).</summary>
[GenerateSerializer, Immutable, Alias("hub.scope-inspection")]
public sealed record ScopeInspection(
    [property: Id(0)] string Scope,
    [property: Id(1)] Guid Id,
    [property: Id(2)] string Title,
    [property: Id(3)] GrainView? Owner,
    [property: Id(4)] ImmutableArray<MemberView> Members,
    [property: Id(5)] bool HasCoordinator,
    [property: Id(6)] ImmutableArray<DocumentInspection> Documents,
    [property: Id(7)] bool Revealed,
    [property: Id(8)] DateTimeOffset? RevealedUntil,
    [property: Id(9)] bool RestoreEnabled);

/// <summary>Where a grain is: active or not, on which silo, which activation; and what storage holds.</summary>
[GenerateSerializer, Immutable, Alias("hub.grain-view")]
public sealed record GrainView(
    [property: Id(0)] bool Active,
    [property: Id(1)] string? Silo,
    [property: Id(2)] string? ActivationId,
    [property: Id(3)] string? StoredVersion,
    [property: Id(4)] int StoredBytes,
    [property: Id(5)] LastDeactivation? LastDeactivation);

[GenerateSerializer, Immutable, Alias("hub.last-deactivation")]
public sealed record LastDeactivation(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Silo,
    [property: Id(2)] string ReasonCode,
    [property: Id(3)] string? Reason);

/// <summary>A member: <see cref="Person"/> is the name when revealed, else a pseudonym; <see cref="Key"/> is the
/// pseudonym always (stable within the scope), to act on the member without seeing who it is.</summary>
[GenerateSerializer, Immutable, Alias("hub.member-view")]
public sealed record MemberView(
    [property: Id(0)] string Key,
    [property: Id(1)] string Person,
    [property: Id(2)] Side Side,
    [property: Id(3)] MemberRole Role);

/// <summary>
/// One live document. <see cref="FromStorage"/>: it is not active, and what is shown is its stored state ("gemt
/// tilstand"): the sequence numbers are the stored one, and there are no connections. Operations and connections are
/// empty in the scope's summary.
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.document-inspection")]
public sealed record DocumentInspection(
    [property: Id(0)] string Kind,
    [property: Id(1)] Guid Id,
    [property: Id(2)] string Name,
    [property: Id(3)] GrainView Grain,
    [property: Id(4)] bool FromStorage,
    [property: Id(5)] DateTimeOffset? ActivatedAt,
    [property: Id(6)] DateTimeOffset? LastCallAt,
    [property: Id(7)] long StoredSeq,
    [property: Id(8)] long? AppliedSeq,
    [property: Id(9)] long? DurableSeq,
    [property: Id(10)] long? PushedSeq,
    [property: Id(11)] ImmutableArray<string> WebNodes,
    [property: Id(12)] int ClientCount,
    [property: Id(13)] ImmutableArray<ConnectionView> Clients,
    [property: Id(14)] ImmutableArray<OpView> Ops,
    [property: Id(15)] bool Revealed);

/// <summary>An open connection. <see cref="Person"/> is a pseudonym unless revealed; anonymous participants have no account.</summary>
[GenerateSerializer, Immutable, Alias("hub.connection-view")]
public sealed record ConnectionView(
    [property: Id(0)] string ConnectionId,
    [property: Id(1)] string Person,
    [property: Id(2)] bool Anonymous,
    [property: Id(3)] Side? Side,
    [property: Id(4)] string? WebNode,
    [property: Id(5)] DateTimeOffset Since);

/// <summary>A committed operation without its content.</summary>
[GenerateSerializer, Immutable, Alias("hub.op-view")]
public sealed record OpView(
    [property: Id(0)] long Seq,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Actor,
    [property: Id(3)] string Type);

/// <summary>An exported document: its kind, id and version, whether personal data is masked, and the JSON.</summary>
[GenerateSerializer, Immutable, Alias("hub.document-export")]
public sealed record DocumentExport(
    [property: Id(0)] string Kind,
    [property: Id(1)] Guid Id,
    [property: Id(2)] long Seq,
    [property: Id(3)] bool Masked,
    [property: Id(4)] string Json);

/// <summary>What a restore would change: the version it must start from, and the changed paths (at most
/// <see cref="Max"/>; <see cref="More"/> says there are others).</summary>
[GenerateSerializer, Immutable, Alias("hub.restore-preview")]
public sealed record RestorePreview(
    [property: Id(0)] long CurrentSeq,
    [property: Id(1)] ImmutableArray<RestoreChange> Changes,
    [property: Id(2)] bool More)
{
    public const int Max = 200;
}

[GenerateSerializer, Immutable, Alias("hub.restore-change")]
public sealed record RestoreChange(
    [property: Id(0)] string Path,
    [property: Id(1)] string? Before,
    [property: Id(2)] string? After);
