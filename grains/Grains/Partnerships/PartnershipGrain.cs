using System.Collections.Immutable;
using Hub.Contracts.Boards;
using Hub.Contracts.Common;
using Hub.Contracts.Partnerships;
using Hub.Contracts.Users;

namespace Hub.Grains.Partnerships;

/// <summary>
/// One partnership. Not reentrant: its calls are few and small, and one at a time keeps the membership
/// checks and the version counter simple.
/// </summary>
public sealed class PartnershipGrain(
    [PersistentState("partnership", GrainStorage.Name)] IPersistentState<PartnershipState> state,
    TimeProvider clock) : Grain, IPartnershipGrain
{
    public const string DefaultBoardName = "Aktivitetsplan";
    public const int BoardsMax = 20;

    private PartnershipState S => state.State;

    private bool Exists => S.Details is not null;

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
        S.Details = details;
        S.Members = [new Member(actor.UserId, actor.DisplayName, creatorSide, MemberRole.Coordinator, now)];
        S.Version = 1;
        S.CreatedAt = now;
        S.UpdatedAt = now;
        var board = new BoardRef(Guid.NewGuid(), DefaultBoardName);
        await GrainFactory.GetGrain<IBoardGrain>(board.BoardId).Initialize(this.GetPrimaryKey(), board.Name);
        S.Boards = [board];
        await state.WriteStateAsync();
        await PublishSummaries();
        return Snapshot();
    }

    public Task<PartnershipSnapshot> Get(Actor actor)
    {
        EnsureCanRead(actor);
        return Task.FromResult(Snapshot());
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
        await GrainFactory.GetGrain<IBoardGrain>(board.BoardId).Initialize(this.GetPrimaryKey(), board.Name);
        S.Boards = [.. S.Boards, board];
        S.Version++;
        S.UpdatedAt = clock.GetUtcNow();
        await state.WriteStateAsync();
        return board;
    }

    public Task<ImmutableArray<Member>> GetMembers() => Task.FromResult(Exists ? [.. S.Members] : ImmutableArray<Member>.Empty);

    public Task<Member?> GetMembership(string userId) =>
        Task.FromResult(S.Members.Find(m => m.UserId == userId));

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

        var summaryChanged = details.Name != S.Details!.Name || details.Municipality != S.Details.Municipality
            || details.Area != S.Details.Area || details.Status != S.Details.Status;
        S.Details = details;
        S.Version++;
        S.UpdatedAt = clock.GetUtcNow();
        await state.WriteStateAsync();
        if (summaryChanged)
        {
            await PublishSummaries();
        }

        return Snapshot();
    }

    public async Task<PartnershipSnapshot> PutMember(Actor actor, string userId, string displayName, Side side, MemberRole role)
    {
        EnsureCoordinator(actor);
        PartnershipRules.ValidateDisplayName(displayName);
        PartnershipRules.Defined(side, "side");
        PartnershipRules.Defined(role, "role");
        if (string.IsNullOrWhiteSpace(userId))
        {
            throw new HubRefusedException(ErrorCodes.Validation, "Personen mangler. / The person is missing.", "userId");
        }

        var index = S.Members.FindIndex(m => m.UserId == userId);
        if (index < 0 && S.Members.Count >= PartnershipRules.MembersMax)
        {
            throw new HubRefusedException(ErrorCodes.Limit,
                $"Et partnerskab kan højst have {PartnershipRules.MembersMax} deltagere. / A partnership has at most {PartnershipRules.MembersMax} members.");
        }

        var joinedAt = index < 0 ? clock.GetUtcNow() : S.Members[index].JoinedAt;
        var member = new Member(userId, displayName, side, role, joinedAt);
        var members = new List<Member>(S.Members);
        if (index < 0)
        {
            members.Add(member);
        }
        else
        {
            members[index] = member;
        }

        if (!members.Exists(m => m.Role == MemberRole.Coordinator))
        {
            throw new HubRefusedException(ErrorCodes.Validation,
                "Der skal være mindst én koordinator. / There must be at least one coordinator.", "role");
        }

        S.Members = members;
        S.Version++;
        S.UpdatedAt = clock.GetUtcNow();
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IUserGrain>(userId).UpsertPartnership(Summary(member));
        return Snapshot();
    }

    private void EnsureCanRead(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!Exists || (!actor.IsPlatformAdmin && !S.Members.Exists(m => m.UserId == actor.UserId)))
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

    private Task PublishSummaries() =>
        Task.WhenAll(S.Members.Select(m => GrainFactory.GetGrain<IUserGrain>(m.UserId).UpsertPartnership(Summary(m))));

    private PartnershipSummary Summary(Member member) =>
        new(this.GetPrimaryKey(), S.Details!.Name, S.Details.Municipality, S.Details.Area, S.Details.Status, member.Role, member.Side);

    private PartnershipSnapshot Snapshot() =>
        new(this.GetPrimaryKey(), S.Details!, [.. S.Members], [.. S.Boards], S.Version, S.CreatedAt, S.UpdatedAt);
}
