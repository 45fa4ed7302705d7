using System.Collections.Immutable;
using Hub.Contracts.Agreements;
using Hub.Contracts.Boards;
using Hub.Contracts.ForMe;
using Hub.Contracts.Partnerships;

namespace Hub.Grains.ForMe;

/// <summary>What counts as waiting for a person, and when their digest is due. Pure, so the grain and its tests share it.</summary>
public static class ForMeRules
{
    /// <summary>The column every board template and the default board call finished ("Afsluttet"): its cards wait for no one.</summary>
    public const string DoneColumnId = "done";

    /// <summary>The person's cards on one board: they own it, and neither it nor its column is archived or done.</summary>
    public static IEnumerable<MyCard> Cards(Board board, string partnershipName, string userId)
    {
        ArgumentNullException.ThrowIfNull(board);
        foreach (var column in board.Columns.Where(c => !c.Archived && c.Id != DoneColumnId))
        {
            foreach (var cardId in column.CardIds)
            {
                if (board.Cards.TryGetValue(cardId, out var card) && !card.Archived && card.OwnerIds.Contains(userId))
                {
                    yield return new MyCard(board.PartnershipId, partnershipName, board.Id, board.Name, card.Id, card.Title, column.Title,
                        card.EndsAt ?? card.StartsAt);
                }
            }
        }
    }

    /// <summary>Nearest due first, cards without a date last; at most <see cref="ForMeLimits.CardsMax"/>.</summary>
    public static ImmutableArray<MyCard> Order(IEnumerable<MyCard> cards) =>
        [.. cards.OrderBy(c => c.DueAt is null).ThenBy(c => c.DueAt).ThenBy(c => c.Title, StringComparer.CurrentCultureIgnoreCase).Take(ForMeLimits.CardsMax)];

    /// <summary>
    /// Whether the agreement waits for <paramref name="party"/>: the approvals the reducer would accept from that side
    /// now — the draft has text, that side has not approved it, and it changed since the last frozen version.
    /// </summary>
    public static bool Waits(Agreement agreement, AgreementParty party)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        return !agreement.Sections.Values.All(string.IsNullOrWhiteSpace)
            && agreement.Approvals.All(a => a.Party != party)
            && !(agreement.Latest is { } latest && agreement.ChangedSeq <= latest.Seq);
    }

    /// <summary>The side a coordinator approves for; null for anyone who does not approve.</summary>
    public static AgreementParty? ApprovesFor(Member member) =>
        member.Role == MemberRole.Coordinator ? AgreementLimits.PartyOf(member.Side) : null;

    /// <summary>What of the list goes into a digest: cards due within <see cref="ForMeLimits.DigestCardDays"/> days
    /// or overdue, every waiting agreement, invitations that expire within <see cref="ForMeLimits.DigestInviteDays"/>
    /// days. A card without a date or an invitation with weeks left is on the page, but not worth a mail every day.</summary>
    public static ForMeList ForDigest(ForMeList list, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(list);
        return new ForMeList(
            [.. list.Cards.Where(c => c.DueAt is { } due && due <= now.AddDays(ForMeLimits.DigestCardDays))],
            list.Agreements,
            [.. list.Invites.Where(i => i.ExpiresAt <= now.AddDays(ForMeLimits.DigestInviteDays))]);
    }

    public static bool IsEmpty(ForMeList list) => list.Cards.IsEmpty && list.Agreements.IsEmpty && list.Invites.IsEmpty;

    /// <summary>Whether a digest is due: not yet one on the local day of <paramref name="now"/>, and that day's send
    /// hour has come.</summary>
    public static bool DigestDue(DateOnly? lastSentDay, DateTimeOffset now, TimeZoneInfo zone, int sendHour)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        return lastSentDay != DateOnly.FromDateTime(local.DateTime) && local.Hour >= sendHour;
    }

    public static DateOnly LocalDay(DateTimeOffset now, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
}
