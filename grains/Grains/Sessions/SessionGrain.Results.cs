using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Hub.Contracts.Audit;
using Hub.Contracts.Boards;
using Hub.Contracts.Common;
using Hub.Contracts.Live;
using Hub.Contracts.Sessions;
using Hub.Contracts.Text;
using Hub.Grains.Partnerships;
using static Hub.Grains.Common.FieldRules;

namespace Hub.Grains.Sessions;

/// <summary>
/// "Send til tavle" (issue 14, decision 022): results become cards on a board of the session's partnership. The
/// cards are made with the board's own operations, sent as the moderator, so the board decides whether they may
/// write there and every member's open board shows them live, as any card. Exactly one card per item: its card id
/// comes from the session and the item, a card already on the board is not made again, and the session records
/// what it sent, so sending again — by anyone, to any board — makes nothing new.
/// </summary>
public sealed partial class SessionGrain : ISessionResultsGrain
{
    private static readonly CultureInfo DanishDates = CultureInfo.GetCultureInfo("da-DK");

    // One send at a time: two overlapping sends of one item must not both find the card missing.
    private readonly SemaphoreSlim _sending = new(1, 1);

    public async Task<ResultsSentOutcome> SendToBoard(Actor actor, ResultsToBoard request)
    {
        ArgumentNullException.ThrowIfNull(request);
        await EnsureStaffAsync(actor);
        var items = request.Items.IsDefault ? [] : request.Items;
        if (items.Length is 0 or > SessionResultLimits.ItemsMax)
        {
            throw Invalid("items", $"Vælg 1–{SessionResultLimits.ItemsMax} resultater.", $"Pick 1–{SessionResultLimits.ItemsMax} results.");
        }

        if (Document!.Owner.PartnershipId is not { } partnershipId)
        {
            throw new HubRefusedException(ErrorCodes.Conflict, "Kun et partnerskabs møder sender til en tavle. / Only a partnership's sessions send to a board.");
        }

        var boards = await GrainFactory.GetGrain<IPartnershipTrustedGrain>(partnershipId).GetBoards();
        if (!boards.Any(b => b.BoardId == request.BoardId))
        {
            throw new HubRefusedException(ErrorCodes.NotFound, "Tavlen findes ikke i partnerskabet. / The board is not the partnership's.", "boardId");
        }

        await _sending.WaitAsync();
        try
        {
            var session = Document!;
            // Every item is checked (and its card written) before anything is sent: a bad item sends nothing.
            var cards = items.Select(i => CardFor(session, i)).DistinctBy(c => c.Key).ToList();
            var sent = session.Sent ?? [];
            var already = sent.Where(s => cards.Any(c => c.Key == s.Key)).ToImmutableArray();
            var todo = cards.Where(c => !sent.Any(s => s.Key == c.Key)).ToList();
            if (todo.Count == 0)
            {
                return new ResultsSentOutcome([], already);
            }

            var made = await PlaceCardsAsync(actor, request, todo);
            return new ResultsSentOutcome(made, already);
        }
        finally
        {
            _sending.Release();
        }
    }

    private async Task<ImmutableArray<SentResult>> PlaceCardsAsync(Actor actor, ResultsToBoard request, List<ResultCard> todo)
    {
        var board = GrainFactory.GetGrain<IBoardGrain>(request.BoardId);
        var snapshot = await board.GetSnapshot(actor);
        var column = request.ColumnId is { } wanted
            ? snapshot.Board.Columns.FirstOrDefault(c => c.Id == wanted && !c.Archived)
                ?? throw new HubRefusedException(ErrorCodes.NotFound, "Kolonnen findes ikke. / The column does not exist.", "columnId")
            : snapshot.Board.Columns.FirstOrDefault(c => !c.Archived)
                ?? throw new HubRefusedException(ErrorCodes.Conflict, "Tavlen har ingen åben kolonne. / The board has no open column.");
        // A client id of its own per send: the board answers a repeat within this send as a duplicate.
        var client = $"s{Guid.NewGuid():N}";
        long number = 0;
        async Task<long> Commit(BoardOp op)
        {
            var result = await board.Submit(actor, new OpId(client, ++number), op);
            return result.Seq ?? throw new HubRefusedException(result.ErrorCode ?? ErrorCodes.Unavailable, result.Error ?? "");
        }

        var made = ImmutableArray.CreateBuilder<SentResult>();
        try
        {
            foreach (var card in todo)
            {
                // A card already there was made by a send that failed before the session recorded it: completed, not repeated.
                snapshot.Board.Cards.TryGetValue(card.CardId, out var existing);
                var seq = existing is null ? await Commit(new AddCard(card.CardId, column.Id, card.Title, null)) : snapshot.Seq;
                if (existing is null || existing.Description.Length == 0)
                {
                    await Commit(new EditCardDescription(card.CardId, seq, new TextOp([TextComponent.InsertOf(card.Description)])));
                }

                var labels = existing?.Labels ?? [];
                if (!labels.Contains(SessionResultLimits.Label))
                {
                    await Commit(new SetCardLabels(card.CardId, [.. labels, SessionResultLimits.Label]));
                }

                made.Add(new SentResult(card.Key, request.BoardId, card.CardId, Clock.GetUtcNow(), actor.UserId));
            }
        }
        finally
        {
            // What reached the board is recorded even when a later card was refused.
            if (made.Count > 0)
            {
                await CommitAsSystemAsync(new ResultsSent(made.ToImmutable()));
                await AuditAsync(AuditActions.ResultsSentToBoard, actor, $"board:{request.BoardId}:{made.Count}");
            }
        }

        return made.ToImmutable();
    }

    private sealed record ResultCard(string Key, string CardId, string Title, string Description);

    /// <summary>The card an item becomes: its title, and a description saying where it came from (session, date, link).</summary>
    private ResultCard CardFor(Session session, ResultItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var origin = $"Fra workshop «{session.Title}», {Clock.GetUtcNow().ToString("d. MMMM yyyy", DanishDates)}";
        var link = $"/sessions/{session.Id}";
        string title, detail;
        switch (item.Kind)
        {
            case ResultKind.PollOption or ResultKind.Word:
                var poll = session.Polls.FirstOrDefault(p => p.Id == item.SourceId)
                    ?? throw NotFound("Afstemningen findes ikke.", "The poll does not exist.");
                var tally = SessionViewBuilder.Tally(poll, SessionReducer.AnswersOf(session, poll.Id), approvedOnly: true);
                if (item.Kind == ResultKind.PollOption)
                {
                    if (poll.Kind is not (PollKind.Single or PollKind.Multiple) || item.Index < 0 || item.Index >= poll.Options.Length)
                    {
                        throw Invalid("index", "Svarmuligheden findes ikke.", "The option does not exist.");
                    }

                    title = poll.Options[item.Index];
                    detail = $"Afstemningen «{poll.Question}»: {tally.Options[item.Index]} af {tally.Answers} valgte det.";
                }
                else
                {
                    var word = poll.Kind == PollKind.WordCloud ? tally.Ranked.FirstOrDefault(r => r.Text == item.Word) : null;
                    if (word is null)
                    {
                        throw Invalid("word", "Ordet findes ikke i ordskyen.", "The word is not in the word cloud.");
                    }

                    title = word.Text;
                    detail = $"Ordskyen «{poll.Question}»: nævnt {word.Count} gange.";
                }

                break;
            case ResultKind.Question:
                var question = SessionReducer.QaOf(session).Questions.FirstOrDefault(q => q.Id == item.SourceId && q.State is QuestionState.Published or QuestionState.Answered)
                    ?? throw NotFound("Spørgsmålet findes ikke.", "The question does not exist.");
                title = question.Text.ReplaceLineEndings(" ");
                detail = $"Spørgsmål fra salen, {question.Voters.Length} stemmer.{(question.Reply.Length > 0 ? $"\nSvar: {question.Reply}" : "")}";
                break;
            default:
                throw Invalid("kind", "Ukendt slags resultat.", "Unknown kind of result.");
        }

        var key = item.Key();
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{session.Id:N}/{key}")))[..24];
        var cardTitle = title.Length > BoardLimits.CardTitleMax ? title[..(BoardLimits.CardTitleMax - 1)] + "…" : title;
        return new ResultCard(key, $"ws_{hash}", cardTitle, $"{origin}\n{detail}\n{link}");
    }
}
