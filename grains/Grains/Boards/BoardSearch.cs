using System.Collections.Immutable;
using System.Globalization;
using Hub.Contracts.Boards;
using Hub.Contracts.Common;

namespace Hub.Grains.Boards;

/// <summary>
/// Finds cards on one board by a few words: a card matches when every word of the query is in its title, description,
/// place, tasks or labels, ignoring case. Pure, so the board grain and its tests share it.
/// </summary>
public static class BoardSearch
{
    private static readonly CompareInfo Danish = CultureInfo.GetCultureInfo("da-DK").CompareInfo;

    /// <summary>The query's words, checked: one to <see cref="CardSearchLimits.QueryMax"/> characters.</summary>
    public static ImmutableArray<string> Words(string? query)
    {
        var trimmed = query?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw new HubRefusedException(ErrorCodes.Validation, "Skriv noget at søge efter. / Type something to search for.", "q");
        }

        if (trimmed.Length > CardSearchLimits.QueryMax)
        {
            throw new HubRefusedException(ErrorCodes.Validation,
                $"Højst {CardSearchLimits.QueryMax} tegn i en søgning. / At most {CardSearchLimits.QueryMax} characters in a search.", "q");
        }

        return [.. trimmed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)];
    }

    /// <summary>The board's matching cards, in board order (column by column, archived columns last), at most
    /// <see cref="CardSearchLimits.HitsPerBoardMax"/>.</summary>
    public static ImmutableArray<CardSearchHit> Find(Board board, string? query)
    {
        var words = Words(query);
        var hits = ImmutableArray.CreateBuilder<CardSearchHit>();
        foreach (var column in board.Columns.OrderBy(c => c.Archived))
        {
            foreach (var cardId in column.CardIds)
            {
                if (!board.Cards.TryGetValue(cardId, out var card) || !words.All(w => Matches(card, w)))
                {
                    continue;
                }

                hits.Add(new CardSearchHit(board.Id, board.Name, card.Id, card.Title, column.Title, card.Archived || column.Archived));
                if (hits.Count == CardSearchLimits.HitsPerBoardMax)
                {
                    return hits.ToImmutable();
                }
            }
        }

        return hits.ToImmutable();
    }

    private static bool Matches(Card card, string word) =>
        Contains(card.Title, word) || Contains(card.Description, word) || Contains(card.Place, word)
        || Contains(card.VolunteerTasks, word) || Contains(card.StaffTasks, word) || card.Labels.Any(l => Contains(l, word));

    private static bool Contains(string? text, string word) =>
        text is not null && Danish.IndexOf(text, word, CompareOptions.IgnoreCase) >= 0;
}
