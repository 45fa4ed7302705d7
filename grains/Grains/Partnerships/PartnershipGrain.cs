using System.Collections.Immutable;
using System.Security.Cryptography;
using Hub.Contracts.Audit;
using Hub.Contracts.Boards;
using Hub.Contracts.Common;
using Hub.Contracts.Live;
using Hub.Contracts.Partnerships;
using Hub.Grains.Agreements;
using Hub.Grains.Boards;
using Hub.Grains.Users;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace Hub.Grains.Partnerships;

/// <summary>
/// One partnership: its details, members, invitations and boards. Not reentrant: its calls are few and
/// small, and one at a time keeps the membership checks and the version counter simple. Every change of
/// membership is audited and told to the partnership's boards, which check access afresh. Every change of the
/// snapshot (details, members, boards) is told to the web nodes watching, whose open pages read it again.
/// </summary>
public sealed partial class PartnershipGrain(
    [PersistentState("partnership", GrainStorage.Name)] IPersistentState<PartnershipState> state,
    TimeProvider clock,
    ILogger<PartnershipGrain> logger) : Grain, IPartnershipTrustedGrain
{
    public const string DefaultBoardName = "Aktivitetsplan";
    public const int BoardsMax = 20;
    public const int InvitesMax = 100;

    /// <summary>A web node that stops renewing (it died) is forgotten after this long.</summary>
    private static readonly TimeSpan WatcherExpiry = TimeSpan.FromSeconds(30);

    private readonly ObserverManager<IPartnershipObserver> _watchers = new(WatcherExpiry, logger);

    private PartnershipState S => state.State;

    private bool Exists => S.Details is not null;

    private Guid Id => this.GetPrimaryKey();

    public async Task<PartnershipSnapshot> Create(Actor actor, PartnershipDetails details, Side creatorSide)
    {
        ArgumentNullException.ThrowIfNull(actor);
        PartnershipRules.Validate(details);
        PartnershipRules.Defined(creatorSide, "creatorSide");
        PartnershipRules.ValidateDisplayName(actor.DisplayName);
        if (Exists)
        {
            throw new HubRefusedException(ErrorCodes.Conflict, "Partnerskabet findes allerede. / The partnership already exists.");
        }

        var now = clock.GetUtcNow();
        var board = new BoardRef(Guid.NewGuid(), DefaultBoardName);
        await GrainFactory.GetGrain<IBoardTrustedGrain>(board.BoardId).Initialize(Id, board.Name);
        var parties = WithPartyFor(Parties.Normalise(details.Parties, []), creatorSide, details.Municipality);
        S.Details = details with { Parties = parties, Status = PartnershipStatus.Draft };
        S.Members = [new Member(actor.UserId, actor.DisplayName, creatorSide, MemberRole.Coordinator, now) { PartyId = Parties.Only(parties, creatorSide) }];
        S.Boards = [board];
        S.Version = 1;
        S.CreatedAt = now;
        S.UpdatedAt = now;
        await state.WriteStateAsync();
        await PublishSummaries();
        await ListInDirectory();
        return Snapshot();
    }

    public async Task<PartnershipSnapshot> Get(Actor actor)
    {
        EnsureCanRead(actor);
        await AuditAdminAccess(actor);
        return Snapshot();
    }

    public async Task<PartnershipSnapshot> UpdateDetails(Actor actor, PartnershipDetails details, int? expectedVersion)
    {
        EnsureCoordinator(actor);
        PartnershipRules.Validate(details);
        if (expectedVersion is { } expected && expected != S.Version)
        {
            throw new HubRefusedException(ErrorCodes.Conflict,
                $"Nogen har ændret partnerskabet imens (version {S.Version}); hent det igen. / " +
                $"Someone changed the partnership meanwhile (version {S.Version}); reload it.");
        }

        var previous = S.Details!;
        EnsureStatusChange(previous.Status, details.Status);
        var parties = Parties.Normalise(details.Parties, previous.Parties);
        Parties.EnsureContactsAreMembers(parties, S.Members);
        var summaryChanged = details.Name != previous.Name || details.Municipality != previous.Municipality
            || details.Area != previous.Area || details.Status != previous.Status;
        S.Details = details with { Parties = parties };
        // A member whose party went is asked to choose again; one of the same kind as a renamed party keeps it.
        S.Members = [.. S.Members.Select(m => m.PartyId is { } p && !parties.Any(x => x.PartyId == p) ? m with { PartyId = null } : m)];
        var ended = details.Status == PartnershipStatus.Ended && previous.Status != PartnershipStatus.Ended;
        if (ended)
        {
            S.EndedAt = clock.GetUtcNow();
        }

        Touch();
        await state.WriteStateAsync();
        Publish();
        if (summaryChanged)
        {
            await PublishSummaries();
            await ListInDirectory();
        }

        if (details.Status != previous.Status)
        {
            await AuditTrail.Partnership(GrainFactory, Id, clock.GetUtcNow(), AuditActions.StatusChanged, actor, $"partnership:{Id}",
                $"{previous.Status} → {details.Status}");
        }

        if (!parties.SequenceEqual(previous.Parties) || ended)
        {
            await LiveDocumentsMembersChanged();
        }

        if (ended)
        {
            await ScheduleRetention();
        }

        return Snapshot();
    }

    public async Task<PartnershipSnapshot> PutMember(Actor actor, string userId, string displayName, Side side, MemberRole role)
    {
        EnsureCoordinator(actor);
        if (string.IsNullOrWhiteSpace(userId))
        {
            throw new HubRefusedException(ErrorCodes.Validation, "Personen mangler. / The person is missing.", "userId");
        }

        var existing = S.Members.Find(m => m.UserId == userId);
        var member = new Member(userId, displayName, side, role, existing?.JoinedAt ?? clock.GetUtcNow())
        {
            PartyId = existing?.Side == side && existing.PartyId is not null ? existing.PartyId : Parties.Only(S.Details!.Parties, side),
            FieldRole = existing?.FieldRole ?? FieldRole.None,
        };
        var action = existing is null ? AuditActions.MemberAdded : AuditActions.RoleChanged;
        await SetMember(member, actor, action);
        return Snapshot();
    }

    public async Task<PartnershipSnapshot> RemoveMember(Actor actor, string userId)
    {
        EnsureCoordinator(actor);
        var member = S.Members.Find(m => m.UserId == userId)
            ?? throw new HubRefusedException(ErrorCodes.NotFound, "Personen er ikke med i partnerskabet. / The person is not a member.");
        var members = S.Members.Where(m => m.UserId != userId).ToList();
        EnsureACoordinator(members);
        S.Members = members;
        Touch();
        await state.WriteStateAsync();
        Publish();
        await GrainFactory.GetGrain<IUserTrustedGrain>(userId).RemovePartnership(Id);
        await MembershipChanged(actor, AuditActions.MemberRemoved, member.UserId, member.DisplayName);
        return Snapshot();
    }

    public Task<CreatedInvite> CreateInvite(Actor actor, InviteRequest request)
    {
        EnsureCoordinator(actor);
        ArgumentNullException.ThrowIfNull(request);
        return NewInvite(actor, request, null);
    }

    public Task<CreatedInvite> InviteByEmail(Actor actor, string email, Side side, MemberRole role)
    {
        EnsureCoordinator(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        return NewInvite(actor, new InviteRequest(side, role, 1, InviteRules.AddressedValidDays), email);
    }

    private async Task<CreatedInvite> NewInvite(Actor actor, InviteRequest request, string? addressedTo)
    {
        PartnershipRules.Defined(request.Side, "side");
        PartnershipRules.Defined(request.Role, "role");
        if (request.MaxUses is < 1 or > InviteRules.MaxUsesMax)
        {
            throw new HubRefusedException(ErrorCodes.Validation,
                $"Antal brug skal være 1–{InviteRules.MaxUsesMax}. / Uses must be 1–{InviteRules.MaxUsesMax}.", "maxUses");
        }

        if (request.ValidDays is < 1 or > InviteRules.ValidDaysMax)
        {
            throw new HubRefusedException(ErrorCodes.Validation,
                $"Gyldighed skal være 1–{InviteRules.ValidDaysMax} dage. / Validity must be 1–{InviteRules.ValidDaysMax} days.", "validDays");
        }

        var now = clock.GetUtcNow();
        S.Invites.RemoveAll(i => !i.IsUsable(now) && i.ExpiresAt < now.AddDays(-30));
        if (S.Invites.Count >= InvitesMax)
        {
            throw new HubRefusedException(ErrorCodes.Limit, $"Højst {InvitesMax} invitationer. / At most {InvitesMax} invitations.");
        }

        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var invite = new Invite(Guid.NewGuid(), request.Side, request.Role, request.MaxUses, 0, now.AddDays(request.ValidDays), false,
            actor.UserId, now, addressedTo);
        await GrainFactory.GetGrain<IInviteTrustedGrain>(IInviteGrain.Key(secret)).Register(Id, invite.Id);
        S.Invites.Add(invite);
        await state.WriteStateAsync();
        await AuditTrail.Partnership(GrainFactory, Id, now, addressedTo is null ? AuditActions.InviteCreated : AuditActions.MemberInvited,
            actor, $"invite:{invite.Id}", $"{invite.Side}/{invite.Role}, {invite.MaxUses} uses, until {invite.ExpiresAt:yyyy-MM-dd}");
        return new CreatedInvite(invite, secret);
    }

    public Task<ImmutableArray<Invite>> ListInvites(Actor actor)
    {
        EnsureCoordinator(actor);
        return Task.FromResult(S.Invites.OrderByDescending(i => i.CreatedAt).ToImmutableArray());
    }

    public async Task<Invite> RevokeInvite(Actor actor, Guid inviteId)
    {
        EnsureCoordinator(actor);
        var index = S.Invites.FindIndex(i => i.Id == inviteId);
        if (index < 0)
        {
            throw new HubRefusedException(ErrorCodes.NotFound, "Invitationen findes ikke. / The invitation does not exist.");
        }

        var invite = S.Invites[index] = S.Invites[index] with { Revoked = true };
        await state.WriteStateAsync();
        await AuditTrail.Partnership(GrainFactory, Id, clock.GetUtcNow(), AuditActions.InviteRevoked, actor, $"invite:{inviteId}");
        return invite;
    }

    public Task<InvitePreview> PreviewInvite(Guid inviteId)
    {
        var invite = UsableInvite(inviteId);
        return Task.FromResult(new InvitePreview(Id, S.Details!.Name, S.Details.Municipality, invite.Side, invite.Role, invite.ExpiresAt));
    }

    public async Task<PartnershipSnapshot> AcceptInvite(Guid inviteId, Actor actor, string? verifiedEmail)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var invite = UsableInvite(inviteId);
        if (invite.AddressedTo is not null && !string.Equals(invite.AddressedTo, verifiedEmail, StringComparison.Ordinal))
        {
            throw new HubRefusedException(ErrorCodes.Forbidden,
                "Invitationen er sendt til en anden e-mailadresse; log ind med den konto, den er sendt til. / " +
                "The invitation was sent to another e-mail address; sign in with the account it was sent to.");
        }

        var existing = S.Members.Find(m => m.UserId == actor.UserId);
        if (existing is null)
        {
            var index = S.Invites.FindIndex(i => i.Id == inviteId);
            S.Invites[index] = invite with { Uses = invite.Uses + 1 };
            var member = new Member(actor.UserId, actor.DisplayName, invite.Side, invite.Role, clock.GetUtcNow()) { PartyId = Parties.Only(S.Details!.Parties, invite.Side) };
            await SetMember(member, actor, AuditActions.InviteAccepted);
        }

        return Snapshot();
    }

    public async Task ForgetPerson(string userId)
    {
        if (!Exists)
        {
            return;
        }

        if (S.Members.RemoveAll(m => m.UserId == userId) > 0)
        {
            // A partnership whose only coordinator left keeps going without one: the others keep their roles, but
            // member changes, invitations and approvals need a coordinator, until a platform admin appoints one
            // (AppointCoordinator).
            Touch();
            await state.WriteStateAsync();
            Publish();
            await ListInDirectory();
        }

        await Task.WhenAll(S.Boards.Select(b => GrainFactory.GetGrain<IBoardTrustedGrain>(b.BoardId).ForgetPerson(userId)));
        await GrainFactory.GetGrain<IAgreementTrustedGrain>(Id).ForgetPerson(userId);
        await LiveDocumentsMembersChanged();
    }

    public async Task<BoardRef> AddBoard(Actor actor, string name)
    {
        EnsureCanRead(actor);
        if (!S.Members.Exists(m => m.UserId == actor.UserId && m.Role != MemberRole.Observer))
        {
            throw new HubRefusedException(ErrorCodes.Forbidden, "Du kan kun læse her. / You can only read here.");
        }

        if (string.IsNullOrWhiteSpace(name) || name.Length > BoardLimits.BoardNameMax || name.Any(char.IsControl))
        {
            throw new HubRefusedException(ErrorCodes.Validation,
                $"Tavlens navn skal være 1–{BoardLimits.BoardNameMax} tegn på én linje. / The board name must be 1–{BoardLimits.BoardNameMax} characters on one line.", "name");
        }

        if (S.Boards.Count >= BoardsMax)
        {
            throw new HubRefusedException(ErrorCodes.Limit, $"Højst {BoardsMax} tavler. / At most {BoardsMax} boards.");
        }

        var board = new BoardRef(Guid.NewGuid(), name.Trim());
        await GrainFactory.GetGrain<IBoardTrustedGrain>(board.BoardId).Initialize(Id, board.Name);
        S.Boards = [.. S.Boards, board];
        Touch();
        await state.WriteStateAsync();
        Publish();
        return board;
    }

    public async Task<PartnershipSnapshot> AppointCoordinator(Actor actor, string userId)
    {
        EnsureCanRead(actor);
        if (!actor.IsPlatformAdmin)
        {
            throw new HubRefusedException(ErrorCodes.Forbidden, "Kun for administratorer. / Admins only.");
        }

        if (S.Members.Exists(m => m.Role == MemberRole.Coordinator))
        {
            throw new HubRefusedException(ErrorCodes.Conflict,
                "Partnerskabet har en koordinator; den kan udpege andre. / The partnership has a coordinator, who can appoint others.");
        }

        var member = S.Members.Find(m => m.UserId == userId)
            ?? throw new HubRefusedException(ErrorCodes.NotFound, "Personen er ikke med i partnerskabet. / The person is not a member.", "userId");
        await SetMember(member with { Role = MemberRole.Coordinator }, actor, AuditActions.CoordinatorAppointed);
        return Snapshot();
    }

    public Task<ImmutableArray<string>> Watch(IPartnershipObserver observer, ImmutableArray<LiveConnection> connections)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _watchers.Subscribe(observer, observer);
        // Removed, deleted, or never a member: the node drops the connection from the partnership's group.
        return Task.FromResult(connections.IsDefault
            ? []
            : connections.Where(c => !CanRead(c.Actor)).Select(c => c.ConnectionId).ToImmutableArray());
    }

    public Task Unwatch(IPartnershipObserver observer)
    {
        _watchers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public Task<ImmutableArray<Member>> GetMembers() => Task.FromResult(Exists ? [.. S.Members] : ImmutableArray<Member>.Empty);

    public Task<ImmutableArray<BoardRef>> GetBoards() => Task.FromResult(Exists ? [.. S.Boards] : ImmutableArray<BoardRef>.Empty);

    public Task<PartnershipAccess> GetAccess() => Task.FromResult(Exists ? Access() : PartnershipAccess.None);

    private async Task SetMember(Member member, Actor actor, string action)
    {
        PartnershipRules.ValidateDisplayName(member.DisplayName);
        PartnershipRules.Defined(member.Side, "side");
        PartnershipRules.Defined(member.Role, "role");
        if (member.PartyId is null && !S.Details!.Parties.Any(p => p.Side == member.Side))
        {
            // The first person of a side no party stands for: that side gets its party, named for its kind, which
            // coordinators can rename (decision 027).
            var party = Parties.New(Parties.DefaultName(member.Side, S.Details.Municipality), member.Side, S.Details.Parties);
            S.Details = S.Details with { Parties = S.Details.Parties.Add(party) };
            member = member with { PartyId = party.PartyId };
        }

        var members = S.Members.Where(m => m.UserId != member.UserId).Append(member).ToList();
        if (members.Count > PartnershipRules.MembersMax)
        {
            throw new HubRefusedException(ErrorCodes.Limit,
                $"Et partnerskab kan højst have {PartnershipRules.MembersMax} deltagere. / A partnership has at most {PartnershipRules.MembersMax} members.");
        }

        EnsureACoordinator(members);
        S.Members = [.. members.OrderBy(m => m.JoinedAt)];
        Touch();
        await state.WriteStateAsync();
        Publish();
        await GrainFactory.GetGrain<IUserTrustedGrain>(member.UserId).UpsertPartnership(Summary(member));
        await MembershipChanged(actor, action, member.UserId, $"{member.DisplayName}: {member.Side}/{member.Role}");
    }

    private async Task MembershipChanged(Actor actor, string action, string userId, string detail)
    {
        await AuditTrail.Partnership(GrainFactory, Id, clock.GetUtcNow(), action, actor, $"user:{userId}", detail);
        await LiveDocumentsMembersChanged();
        await ListInDirectory();
    }

    /// <summary>The partnership's boards and agreement check access with the new members, parties and status, and
    /// revoke the open connections of anyone who may no longer read.</summary>
    private Task LiveDocumentsMembersChanged()
    {
        var access = Access();
        return Task.WhenAll(S.Boards.Select(b => GrainFactory.GetGrain<IBoardTrustedGrain>(b.BoardId).AccessChanged(access))
            .Append(GrainFactory.GetGrain<IAgreementTrustedGrain>(Id).AccessChanged(access)));
    }

    private PartnershipAccess Access() =>
        new([.. S.Members], S.Details!.Parties, S.Details.Status == PartnershipStatus.Ended);

    private static void EnsureACoordinator(List<Member> members)
    {
        if (!members.Exists(m => m.Role == MemberRole.Coordinator))
        {
            throw new HubRefusedException(ErrorCodes.Validation,
                "Der skal være mindst én koordinator. / There must be at least one coordinator.", "role");
        }
    }

    private Invite UsableInvite(Guid inviteId)
    {
        var invite = Exists ? S.Invites.Find(i => i.Id == inviteId) : null;
        if (invite is null || !invite.IsUsable(clock.GetUtcNow()))
        {
            throw new HubRefusedException(ErrorCodes.NotFound,
                "Invitationen findes ikke, er brugt eller er udløbet. / The invitation does not exist, is used up or has expired.");
        }

        return invite;
    }

    private bool CanRead(Actor actor) => Exists && (actor.IsPlatformAdmin || S.Members.Exists(m => m.UserId == actor.UserId));

    private void EnsureCanRead(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!CanRead(actor))
        {
            // Outsiders learn nothing, not even that the partnership exists.
            throw new HubRefusedException(ErrorCodes.NotFound, "Partnerskabet findes ikke. / The partnership does not exist.");
        }
    }

    private void EnsureCoordinator(Actor actor)
    {
        EnsureCanRead(actor);
        if (!S.Members.Exists(m => m.UserId == actor.UserId && m.Role == MemberRole.Coordinator))
        {
            throw new HubRefusedException(ErrorCodes.Forbidden,
                "Kun koordinatorer kan gøre det. / Only coordinators can do that.");
        }
    }

    /// <summary>A platform admin reading a partnership they are not part of is an audited act.</summary>
    private Task AuditAdminAccess(Actor actor) =>
        actor.IsPlatformAdmin && !S.Members.Exists(m => m.UserId == actor.UserId)
            ? AuditTrail.Partnership(GrainFactory, Id, clock.GetUtcNow(), AuditActions.AdminViewed, actor, $"partnership:{Id}")
            : Task.CompletedTask;

    /// <summary>Tells the watching web nodes that the snapshot changed, once it is durable. One-way: a slow or dead
    /// node holds up nothing here, and a lost message is caught up when its pages reconnect and read again.</summary>
    private void Publish() => _watchers.Notify(w => w.Changed(Id, S.Version));

    private void Touch()
    {
        S.Version++;
        S.UpdatedAt = clock.GetUtcNow();
    }

    private Task PublishSummaries() =>
        Task.WhenAll(S.Members.Select(m => GrainFactory.GetGrain<IUserTrustedGrain>(m.UserId).UpsertPartnership(Summary(m))));

    /// <summary>This partnership's line in the platform admins' directory.</summary>
    private Task ListInDirectory() =>
        GrainFactory.GetGrain<IPartnershipDirectoryTrustedGrain>(IPartnershipDirectoryGrain.Key).Put(new PartnershipListing(
            Id, S.Details!.Name, S.Details.Municipality, S.Details.Area, S.Details.Status, S.Members.Count, S.CreatedAt));

    private PartnershipSummary Summary(Member member) =>
        new(Id, S.Details!.Name, S.Details.Municipality, S.Details.Area, S.Details.Status, member.Role, member.Side);

    private PartnershipSnapshot Snapshot() =>
        new(Id, S.Details!, [.. S.Members], [.. S.Boards], S.Version, S.CreatedAt, S.UpdatedAt) { EndedAt = S.EndedAt, PurgedAt = S.PurgedAt };

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
