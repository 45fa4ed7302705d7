using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hub.Contracts.Admin;
using Hub.Contracts.Audit;
using Hub.Contracts.Common;
using Hub.Contracts.Partnerships;
using Hub.Contracts.Sessions;
using Hub.Grains.Live;
using Hub.Grains.Partnerships;
using Hub.Grains.Sessions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace Hub.Grains.Admin;

/// <summary>
/// The inspector of one scope (<see cref="IInspectorGrain"/>). It runs on a silo, because that is where the
/// management grain answers and the storage provider is. It holds only the admins' reveals, in memory: when it is
/// collected, everyone sees masked data again, which is the safe way to forget.
/// </summary>
public sealed class InspectorGrain(IServiceProvider services, IConfiguration configuration, Serializer serializer, TimeProvider clock)
    : Grain, IInspectorGrain
{
    /// <summary>The setting that allows restores (off unless an operator switches it on).</summary>
    public const string AllowRestoreSetting = "Hub:Admin:AllowRestore";

    private const int ListedSessions = 20;

    private readonly Dictionary<string, DateTimeOffset> _reveals = [];

    private IGrainStorage Storage => services.GetRequiredKeyedService<IGrainStorage>(GrainStorage.Name);

    private string Scope => this.GetPrimaryKeyString();

    private (string Kind, Guid Id) ScopeKey
    {
        get
        {
            var parts = Scope.Split(':');
            return parts.Length == 2 && Guid.TryParseExact(parts[1], "N", out var id) ? (parts[0], id)
                : throw new HubRefusedException(ErrorCodes.NotFound, "Findes ikke. / Not found.");
        }
    }

    private bool RestoreEnabled => configuration.GetValue<bool>(AllowRestoreSetting);

    public async Task<ScopeInspection> Inspect(Actor actor)
    {
        EnsureAdmin(actor);
        var (kind, id) = ScopeKey;
        var revealed = RevealedTo(actor);
        if (kind == "partnership")
        {
            var partnership = await ReadPartnershipAsync(id);
            var sessions = await SessionsOfScopeAsync();
            var documents = await Task.WhenAll(DocumentsOf(id, partnership).Concat(Latest(sessions))
                .Select(d => DescribeAsync(d.Kind, d.Id, revealed, full: false)));
            var members = partnership.Members
                .Select(m => new MemberView(PersonalData.Pseudonym(Scope, m.UserId), revealed ? m.DisplayName : PersonalData.Pseudonym(Scope, m.UserId), m.Side, m.Role))
                .ToImmutableArray();
            var owner = await ViewAsync(GrainFactory.GetGrain<IPartnershipGrain>(id), partnership.ETag, partnership.Bytes);
            return new ScopeInspection(Scope, id, partnership.Details!.Name, owner, members,
                partnership.Members.Exists(m => m.Role == MemberRole.Coordinator), [.. documents], revealed, RevealedUntil(actor), RestoreEnabled);
        }

        var document = await DescribeAsync(kind, id, revealed, full: false);
        var itsSessions = await Task.WhenAll(Latest(await SessionsOfScopeAsync()).Select(d => DescribeAsync(d.Kind, d.Id, revealed, full: false)));
        return new ScopeInspection(Scope, id, document.Name, null, [], false, [document, .. itsSessions], revealed, RevealedUntil(actor), RestoreEnabled);
    }

    public async Task<DocumentInspection> InspectDocument(Actor actor, string kind, Guid id)
    {
        EnsureAdmin(actor);
        await EnsureInScopeAsync(kind, id);
        return await DescribeAsync(kind, id, RevealedTo(actor), full: true);
    }

    public async Task<DateTimeOffset> Reveal(Actor actor, string reason)
    {
        EnsureAdmin(actor);
        reason = ValidReason(reason);
        var until = clock.GetUtcNow() + IInspectorGrain.RevealFor;
        await AuditAsync(AuditActions.AdminRevealed, actor, Scope, reason);
        _reveals[actor.UserId] = until;
        return until;
    }

    public async Task ForceDeactivate(Actor actor, string kind, Guid id)
    {
        EnsureAdmin(actor);
        var grain = await EnsureInScopeAsync(kind, id);
        if (await PlacementOf(grain) is null)
        {
            throw new HubRefusedException(ErrorCodes.Conflict, "Dokumentet er ikke aktivt. / The document is not active.");
        }

        await AuditAsync(AuditActions.AdminDeactivated, actor, $"{kind}:{id}", null);
        await GrainFactory.GetGrain<ILiveInspectionGrain>(grain.GetGrainId()).ForceDeactivate($"Stopped by admin {actor.UserId}");
    }

    public async Task Disconnect(Actor actor, string kind, Guid id, string connectionId)
    {
        EnsureAdmin(actor);
        var grain = await EnsureInScopeAsync(kind, id);
        if (string.IsNullOrEmpty(connectionId) || connectionId.Length > 128 || await PlacementOf(grain) is null
            || !await GrainFactory.GetGrain<ILiveInspectionGrain>(grain.GetGrainId()).Disconnect(connectionId))
        {
            throw new HubRefusedException(ErrorCodes.NotFound, "Forbindelsen findes ikke. / The connection does not exist.");
        }

        await AuditAsync(AuditActions.AdminDisconnected, actor, $"{kind}:{id}", $"connection {connectionId}");
    }

    public async Task<DocumentExport> Export(Actor actor, string kind, Guid id, string? reason)
    {
        EnsureAdmin(actor);
        var grain = await EnsureInScopeAsync(kind, id);
        var masked = string.IsNullOrWhiteSpace(reason);
        var detail = masked ? "masked" : $"unmasked: {ValidReason(reason!)}";
        var stored = await InspectableDocuments.Kinds[kind].ReadStoredAsync(Storage, serializer, grain.GetGrainId(), id);
        var document = JsonNode.Parse(stored.ToJson());
        if (masked)
        {
            PersonalData.Mask(document, Scope);
        }

        await AuditAsync(AuditActions.AdminExported, actor, $"{kind}:{id}", $"version {stored.Seq}, {detail}");
        var file = new JsonObject
        {
            ["kind"] = kind,
            ["id"] = id.ToString(),
            ["seq"] = stored.Seq,
            ["masked"] = masked,
            ["exportedAt"] = clock.GetUtcNow().ToString("O"),
            ["document"] = document,
        };
        return new DocumentExport(kind, id, stored.Seq, masked, file.ToJsonString(InspectionJson.Options));
    }

    public async Task<RestorePreview> PreviewRestore(Actor actor, string kind, Guid id, string json)
    {
        EnsureAdmin(actor);
        EnsureRestoreEnabled();
        var grain = await EnsureInScopeAsync(kind, id);
        var (stored, restored) = await ReadRestoreAsync(kind, id, grain, json);
        return PersonalData.Diff(stored.Seq, JsonNode.Parse(stored.ToJson()), restored);
    }

    public async Task<long> Restore(Actor actor, string kind, Guid id, string json, long expectedSeq, string reason)
    {
        EnsureAdmin(actor);
        EnsureRestoreEnabled();
        reason = ValidReason(reason);
        var grain = await EnsureInScopeAsync(kind, id);
        var (_, restored) = await ReadRestoreAsync(kind, id, grain, json);
        var seq = await GrainFactory.GetGrain<ILiveInspectionGrain>(grain.GetGrainId()).Restore(restored!.ToJsonString(), expectedSeq);
        await AuditAsync(AuditActions.AdminRestored, actor, $"{kind}:{id}", $"version {expectedSeq} → {seq}: {reason}");
        return seq;
    }

    public async Task AppointCoordinator(Actor actor, string person)
    {
        EnsureAdmin(actor);
        var (kind, id) = ScopeKey;
        if (kind != "partnership")
        {
            throw new HubRefusedException(ErrorCodes.NotFound, "Findes ikke. / Not found.");
        }

        var partnership = await ReadPartnershipAsync(id);
        if (partnership.Members.Exists(m => m.Role == MemberRole.Coordinator))
        {
            throw new HubRefusedException(ErrorCodes.Conflict,
                "Partnerskabet har en koordinator; den kan udpege andre. / The partnership has a coordinator, who can appoint others.");
        }

        var member = partnership.Members.Find(m => PersonalData.Pseudonym(Scope, m.UserId) == person)
            ?? throw new HubRefusedException(ErrorCodes.NotFound, "Personen er ikke med i partnerskabet. / The person is not a member.", "person");
        await GrainFactory.GetGrain<IPartnershipGrain>(id).AppointCoordinator(actor, member.UserId);
    }

    private async Task<DocumentInspection> DescribeAsync(string kind, Guid id, bool revealed, bool full)
    {
        var inspectable = InspectableDocuments.Kinds[kind];
        var grain = inspectable.Grain(GrainFactory, id);
        var stored = await inspectable.ReadStoredAsync(Storage, serializer, grain.GetGrainId(), id);
        var view = await ViewAsync(grain, stored.ETag, stored.Bytes);
        if (!view.Active)
        {
            return new DocumentInspection(kind, id, stored.Title, view, true, null, null, stored.Seq, null, null, null, [], 0, [], [], revealed);
        }

        // Active a moment ago: asking it now may, rarely, find it just deactivated and start it again (decision 016).
        var inside = await GrainFactory.GetGrain<ILiveInspectionGrain>(grain.GetGrainId()).Inspect();
        var clients = full
            ? [.. inside.Clients.Select(c => new ConnectionView(c.ConnectionId, Person(c.UserId, c.DisplayName, revealed), c.Anonymous, c.Side, c.WebNode, c.Since))]
            : ImmutableArray<ConnectionView>.Empty;
        var ops = full
            ? [.. inside.Ops.Select(o => new OpView(o.Seq, o.At, Person(o.ActorId, o.ActorName, revealed), o.Type))]
            : ImmutableArray<OpView>.Empty;
        return new DocumentInspection(kind, id, stored.Title, view with { ActivationId = inside.ActivationId }, false, inside.ActivatedAt, inside.LastCallAt, stored.Seq,
            inside.AppliedSeq, inside.DurableSeq, inside.PushedSeq, inside.WebNodes, inside.Clients.Length, clients, ops, revealed);
    }

    private string Person(string userId, string displayName, bool revealed) =>
        userId == "system" ? "Hub" : revealed ? displayName : PersonalData.Pseudonym(Scope, userId);

    private async Task<GrainView> ViewAsync(IAddressable grain, string? etag, int bytes)
    {
        var address = await PlacementOf(grain);
        var last = await GrainFactory.GetGrain<IActivationLogGrain>(grain.GetGrainId().ToString()).Last();
        var deactivation = last is null ? null : new LastDeactivation(last.DeactivatedAt, last.Silo, last.ReasonCode, last.Reason);
        return new GrainView(address is not null, address?.ToString(), null, etag, bytes, deactivation);
    }

    /// <summary>
    /// Where the grain is active; null when it is not. Never activates it. Whether it is active comes from every silo's
    /// own catalog: the directory answer alone may come from a cache that still names an activation that has ended.
    /// </summary>
    private async Task<SiloAddress?> PlacementOf(IAddressable grain)
    {
        var management = GrainFactory.GetGrain<IManagementGrain>(0);
        if (await management.GetGrainActivationCount((GrainReference)grain) == 0)
        {
            return null;
        }

        return await management.GetActivationAddress(grain);
    }

    private async Task<IAddressable> EnsureInScopeAsync(string kind, Guid id)
    {
        if (kind is null || !InspectableDocuments.Kinds.TryGetValue(kind, out var inspectable))
        {
            throw new HubRefusedException(ErrorCodes.NotFound, "Ukendt slags dokument. / Unknown kind of document.", "kind");
        }

        var (scopeKind, scopeId) = ScopeKey;
        var inScope = kind == InspectedKinds.Session
            ? (await SessionsOfScopeAsync()).Contains((kind, id))
            : scopeKind == "partnership"
                ? DocumentsOf(scopeId, await ReadPartnershipAsync(scopeId)).Contains((kind, id))
                : kind == scopeKind && id == scopeId;
        if (!inScope)
        {
            throw new HubRefusedException(ErrorCodes.NotFound, "Dokumentet hører ikke til her. / The document does not belong here.");
        }

        return inspectable.Grain(GrainFactory, id);
    }

    /// <summary>The live sessions of this scope (a partnership's or a cohort's), newest first, from their list's stored
    /// state: read through storage, so no session and not the list is activated.</summary>
    private async Task<List<(string Kind, Guid Id)>> SessionsOfScopeAsync()
    {
        var list = new GrainState<SessionListState>(new SessionListState());
        await Storage.ReadStateAsync("session-list", GrainFactory.GetGrain<ISessionListGrain>(Scope).GetGrainId(), list);
        return [.. (list.State?.Sessions ?? []).OrderByDescending(s => s.CreatedAt).Select(s => (InspectedKinds.Session, s.Id))];
    }

    /// <summary>The scope page describes the most recent sessions only (each is a look at its grain); older ones stay
    /// inspectable by their own address.</summary>
    private static IEnumerable<(string Kind, Guid Id)> Latest(List<(string Kind, Guid Id)> sessions) => sessions.Take(ListedSessions);

    private static IEnumerable<(string Kind, Guid Id)> DocumentsOf(Guid partnershipId, StoredPartnership partnership) =>
        partnership.Boards.Select(b => (InspectedKinds.Board, b.BoardId)).Append((InspectedKinds.Agreement, partnershipId));

    private async Task<StoredPartnership> ReadPartnershipAsync(Guid id)
    {
        var state = new GrainState<PartnershipState>(new PartnershipState());
        await Storage.ReadStateAsync("partnership", GrainFactory.GetGrain<IPartnershipGrain>(id).GetGrainId(), state);
        if (!state.RecordExists || state.State?.Details is null)
        {
            throw new HubRefusedException(ErrorCodes.NotFound, "Partnerskabet findes ikke. / The partnership does not exist.");
        }

        return new StoredPartnership(state.State.Details, state.State.Members, state.State.Boards, state.ETag, serializer.SerializeToArray(state.State).Length);
    }

    /// <summary>The stored document and the one to restore, once the file is an unmasked export of this very document.</summary>
    private async Task<(StoredDocument Stored, JsonNode? Restored)> ReadRestoreAsync(string kind, Guid id, IAddressable grain, string json)
    {
        JsonObject file;
        try
        {
            file = JsonNode.Parse(json ?? "") as JsonObject
                ?? throw new HubRefusedException(ErrorCodes.Malformed, "Filen er ikke en eksport. / The file is not an export.");
        }
        catch (JsonException)
        {
            throw new HubRefusedException(ErrorCodes.Malformed, "Filen er ikke gyldig JSON. / The file is not valid JSON.");
        }

        if ((string?)file["kind"] != kind || (string?)file["id"] != id.ToString() || file["document"] is not JsonObject restored)
        {
            throw new HubRefusedException(ErrorCodes.Validation, "Filen er en eksport af et andet dokument. / The file is an export of another document.");
        }

        if (file["masked"]?.GetValue<bool>() != false)
        {
            throw new HubRefusedException(ErrorCodes.Validation,
                "En maskeret eksport kan ikke gendannes: den ville skrive pseudonymer ind. / A masked export cannot be restored: it would write pseudonyms in.");
        }

        var stored = await InspectableDocuments.Kinds[kind].ReadStoredAsync(Storage, serializer, grain.GetGrainId(), id);
        var current = JsonNode.Parse(stored.ToJson()) as JsonObject;
        foreach (var key in new[] { "id", "partnershipId" })
        {
            if (current?[key] is { } same && !JsonNode.DeepEquals(same, restored[key]))
            {
                throw new HubRefusedException(ErrorCodes.Validation, $"Filen hører til et andet dokument ({key}). / The file belongs to another document ({key}).");
            }
        }

        return (stored, restored);
    }

    private void EnsureRestoreEnabled()
    {
        if (!RestoreEnabled)
        {
            throw new HubRefusedException(ErrorCodes.Forbidden,
                $"Gendannelse er slået fra ({AllowRestoreSetting}). / Restoring is switched off ({AllowRestoreSetting}).");
        }
    }

    private bool RevealedTo(Actor actor) => RevealedUntil(actor) is not null;

    private DateTimeOffset? RevealedUntil(Actor actor) =>
        _reveals.TryGetValue(actor.UserId, out var until) && until > clock.GetUtcNow() ? until : null;

    private Task AuditAsync(string action, Actor actor, string target, string? detail)
    {
        var (kind, id) = ScopeKey;
        var now = clock.GetUtcNow();
        return kind == "partnership"
            ? AuditTrail.Partnership(GrainFactory, id, now, action, actor, target, detail)
            : AuditTrail.Cohort(GrainFactory, id, now, action, actor, target, detail);
    }

    private static string ValidReason(string? reason)
    {
        var trimmed = reason?.Trim() ?? "";
        if (trimmed.Length is < IInspectorGrain.ReasonMin or > IInspectorGrain.ReasonMax || trimmed.Any(char.IsControl))
        {
            throw new HubRefusedException(ErrorCodes.Validation,
                $"Skriv en begrundelse på {IInspectorGrain.ReasonMin}–{IInspectorGrain.ReasonMax} tegn på én linje. / " +
                $"Write a reason of {IInspectorGrain.ReasonMin}–{IInspectorGrain.ReasonMax} characters on one line.", "reason");
        }

        return trimmed;
    }

    private static void EnsureAdmin(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsPlatformAdmin)
        {
            throw new HubRefusedException(ErrorCodes.Forbidden, "Kun for administratorer. / Admins only.");
        }
    }

    private sealed record StoredPartnership(PartnershipDetails? Details, List<Member> Members, List<BoardRef> Boards, string? ETag, int Bytes);
}
