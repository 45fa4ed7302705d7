using System.Collections.Immutable;
using Hub.Contracts.Boards;
using Hub.Contracts.Cohorts;
using Hub.Contracts.Common;
using Hub.Contracts.Live;
using Hub.Grains.Cohorts;
using Hub.Grains.Live;
using Microsoft.Extensions.Logging;

namespace Hub.Grains.Boards;

/// <summary>
/// One board: the live mechanism with the board's rules; access follows the partnership's members
/// (<see cref="PartnershipDocumentGrain{TDoc,TOp,TSnapshot}"/>). Cards a training cohort gave as practice assignments
/// are reported back to that cohort whenever an operation changes where they stand (docs/decisions/011-cohorts.md).
/// </summary>
public sealed partial class BoardGrain(
    [PersistentState("board", GrainStorage.Name)] IPersistentState<LiveState<Board>> state,
    TimeProvider clock,
    ILogger<BoardGrain> logger) : PartnershipDocumentGrain<Board, BoardOp, BoardSnapshot>(state, clock, logger), IBoardTrustedGrain, ILiveGrain<BoardOp, BoardSnapshot>
{
    // What each cohort card's cohort last heard from this activation. Empty after activation, so the first change
    // reports every card once more — harmless, the cohort ignores a status it already has.
    private readonly Dictionary<string, (AssignmentStatus Status, string ColumnTitle)> _reported = [];

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

    public async Task<string> PlaceCohortCard(AddCohortCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (Document is null)
        {
            throw new HubRefusedException(ErrorCodes.NotFound, NotFoundMessage);
        }

        if (!Document.Cards.ContainsKey(card.CardId))
        {
            var result = await SubmitAsSystem(card);
            if (result.ErrorCode is not null)
            {
                throw new HubRefusedException(result.ErrorCode, result.Error ?? "");
            }
        }

        var placed = BoardReducer.CohortCardStatus(Document, card.CardId);
        _reported[card.CardId] = placed;
        return placed.ColumnTitle;
    }

    /// <summary>The live mechanism's submit, then a report to each cohort whose card now stands elsewhere.</summary>
    async Task<SubmitResult> ILiveGrain<BoardOp, BoardSnapshot>.Submit(Actor actor, OpId id, BoardOp op)
    {
        var result = await Submit(actor, id, op);
        if (result is { Seq: not null, Duplicate: false })
        {
            await ReportCohortCardsAsync();
        }

        return result;
    }

    private async Task ReportCohortCardsAsync()
    {
        var board = Document!;
        foreach (var card in board.Cards.Values)
        {
            if (card.Cohort is not { } link)
            {
                continue;
            }

            var now = BoardReducer.CohortCardStatus(board, card.Id);
            if (_reported.TryGetValue(card.Id, out var before) && before == now)
            {
                continue;
            }

            try
            {
                await GrainFactory.GetGrain<ICohortTrustedGrain>(link.CohortId).AssignmentCardChanged(this.GetPrimaryKey(), card.Id, now.Status, now.ColumnTitle);
                _reported[card.Id] = now;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The board's own operation is committed and stays so; the cohort hears on the board's next change.
                LogReportFailed(Logger, ex, link.CohortId, card.Id);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not report assignment card {CardId} to cohort {CohortId}")]
    private static partial void LogReportFailed(ILogger logger, Exception ex, Guid cohortId, string cardId);

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

    public async Task<ImmutableArray<Committed<BoardOp>>> History(Actor actor)
    {
        var access = await AuthorizeAsync(actor);
        if (!access.CanRead || Document is null)
        {
            throw new HubRefusedException(ErrorCodes.NotFound, NotFoundMessage);
        }

        // Typing in a description commits an operation per burst of keystrokes: a run of them by one person on one
        // card is one line in the history, the newest of the run.
        var history = ImmutableArray.CreateBuilder<Committed<BoardOp>>();
        foreach (var committed in RecentDurable(WindowSize))
        {
            if (committed.Op is EditCardDescription edit && history.Count > 0 && history[^1] is { Op: EditCardDescription last } previous
                && last.CardId == edit.CardId && previous.ActorId == committed.ActorId)
            {
                continue;
            }

            history.Add(committed);
            if (history.Count == BoardLimits.HistoryMax)
            {
                break;
            }
        }

        return history.ToImmutable();
    }

    public async Task ApplyTemplate(Actor actor, string template)
    {
        var ops = BoardTemplates.Ops(template);
        if (ops.IsEmpty)
        {
            throw new HubRefusedException(ErrorCodes.Validation, "Den skabelon findes ikke. / That template does not exist.", "template");
        }

        var access = await AuthorizeAsync(actor);
        if (!access.CanRead || Document is null)
        {
            throw new HubRefusedException(ErrorCodes.NotFound, NotFoundMessage);
        }

        // Op ids derived from the board: a retried request's operations are duplicates the mechanism answers again.
        var client = $"template-{this.GetPrimaryKey():N}";
        var templateCards = ops.OfType<AddCard>().Select(a => a.CardId).ToHashSet(StringComparer.Ordinal);
        if (Document.Cards.Keys.Any(k => !templateCards.Contains(k)))
        {
            throw new HubRefusedException(ErrorCodes.Conflict, "Tavlen er allerede i brug. / The board is already in use.", "template");
        }

        for (var i = 0; i < ops.Length; i++)
        {
            var result = await Submit(actor, new OpId(client, i + 1), ops[i]);
            if (result.ErrorCode is not null)
            {
                throw new HubRefusedException(result.ErrorCode, result.Error ?? "");
            }
        }
    }

    protected override (Board Document, BoardOp Committed) Apply(Board document, Actor actor, OpId id, long seq, BoardOp op, DateTimeOffset now)
    {
        EnsureWritable(actor);
        return BoardReducer.Apply(document, actor, id, seq, op, now, MemberIds);
    }

    protected override BoardSnapshot ToSnapshot(Board document, long seq) => new(seq, document);
}
