using System.Collections.Immutable;
using Hub.Contracts.Boards;
using Hub.Contracts.Common;
using Hub.Contracts.Live;
using Hub.Grains.Live;
using Microsoft.Extensions.Logging;

namespace Hub.Grains.Boards;

/// <summary>
/// One board: the live mechanism with the board's rules; access follows the partnership's members
/// (<see cref="PartnershipDocumentGrain{TDoc,TOp,TSnapshot}"/>).
/// </summary>
public sealed class BoardGrain(
    [PersistentState("board", GrainStorage.Name)] IPersistentState<LiveState<Board>> state,
    TimeProvider clock,
    ILogger<BoardGrain> logger) : PartnershipDocumentGrain<Board, BoardOp, BoardSnapshot>(state, clock, logger), IBoardTrustedGrain
{
    protected override Guid? PartnershipId => Document?.PartnershipId;

    protected override string AuditTarget => $"board:{this.GetPrimaryKey()}";

    public async Task Initialize(Guid partnershipId, string name)
    {
        if (Document is not null)
        {
            return;
        }

        await ResetDocument(BoardReducer.NewBoard(this.GetPrimaryKey(), partnershipId, name));
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

    public async Task<ImmutableArray<CardSearchHit>> Search(Actor actor, string query)
    {
        var access = await AuthorizeAsync(actor);
        if (!access.CanRead || Document is null)
        {
            throw new HubRefusedException(ErrorCodes.NotFound, NotFoundMessage);
        }

        // The durable board only, like a snapshot: a match never names a card a failed write may yet take back.
        var snapshot = await DurableSnapshot();
        return BoardSearch.Find(snapshot.Board, query);
    }

    protected override (Board Document, BoardOp Committed) Apply(Board document, Actor actor, OpId id, long seq, BoardOp op, DateTimeOffset now) =>
        BoardReducer.Apply(document, actor, id, seq, op, now, MemberIds);

    protected override BoardSnapshot ToSnapshot(Board document, long seq) => new(seq, document);
}
