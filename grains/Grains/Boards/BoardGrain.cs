using System.Collections.Immutable;
using Hub.Contracts.Boards;
using Hub.Contracts.Common;
using Hub.Contracts.Live;
using Hub.Contracts.Partnerships;
using Hub.Grains.Live;
using Microsoft.Extensions.Logging;

namespace Hub.Grains.Boards;

/// <summary>
/// One board: the live mechanism of <see cref="LiveGrain{TDoc,TOp,TSnapshot}"/> with the board's rules.
/// Access comes from the partnership's members, fetched and kept for a few seconds, so a role change or
/// a removal reaches every open connection within that time.
/// </summary>
public sealed class BoardGrain(
    [PersistentState("board", GrainStorage.Name)] IPersistentState<LiveState<Board>> state,
    TimeProvider clock,
    ILogger<BoardGrain> logger) : LiveGrain<Board, BoardOp, BoardSnapshot>(state, clock, logger), IBoardGrain
{
    private static readonly TimeSpan MembersFor = TimeSpan.FromSeconds(5);
    private ImmutableDictionary<string, Member> _members = ImmutableDictionary<string, Member>.Empty;
    private ImmutableHashSet<string> _memberIds = [];
    private DateTimeOffset _membersFetched = DateTimeOffset.MinValue;

    public async Task Initialize(Guid partnershipId, string name)
    {
        if (Document is not null)
        {
            return;
        }

        await ResetDocument(BoardReducer.NewBoard(this.GetPrimaryKey(), partnershipId, name));
    }

    public Task MembersChanged()
    {
        _membersFetched = DateTimeOffset.MinValue;
        return Task.CompletedTask;
    }

    public async Task ForgetPerson(string userId)
    {
        if (Document is not null)
        {
            await SubmitAsSystem(new ForgetPerson(userId));
        }
    }

    public async Task<BoardSnapshot> GetSnapshot(Actor actor)
    {
        var access = await AuthorizeAsync(actor);
        if (!access.CanRead || Document is null)
        {
            throw new HubRefusedException(ErrorCodes.NotFound, NotFoundMessage);
        }

        return await DurableSnapshot();
    }

    protected override async ValueTask<LiveAccess> AuthorizeAsync(Actor actor)
    {
        if (Document is null)
        {
            return LiveAccess.None;
        }

        await RefreshMembers();
        if (_members.TryGetValue(actor.UserId, out var member))
        {
            return new LiveAccess(true, member.Role != MemberRole.Observer, member.Side);
        }

        // Platform admins may look (an audited act, see the admin console); they never edit.
        return actor.IsPlatformAdmin ? new LiveAccess(true, false, null) : LiveAccess.None;
    }

    protected override (Board Document, BoardOp Committed) Apply(Board document, Actor actor, OpId id, long seq, BoardOp op, DateTimeOffset now) =>
        BoardReducer.Apply(document, actor, id, seq, op, now, _memberIds);

    protected override BoardSnapshot ToSnapshot(Board document, long seq) => new(seq, document);

    private async Task RefreshMembers()
    {
        if (Clock.GetUtcNow() - _membersFetched < MembersFor)
        {
            return;
        }

        var members = await GrainFactory.GetGrain<IPartnershipGrain>(Document!.PartnershipId).GetMembers();
        _members = members.ToImmutableDictionary(m => m.UserId);
        _memberIds = [.. members.Select(m => m.UserId)];
        _membersFetched = Clock.GetUtcNow();
    }
}
