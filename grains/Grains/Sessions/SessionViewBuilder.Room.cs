using Hub.Contracts.Partnerships;
using Hub.Contracts.Sessions;

namespace Hub.Grains.Sessions;

/// <summary>
/// The Q&amp;A and hands parts of each audience's view (decision 022). The room's part holds published and answered
/// questions with counted votes (never voters, never the author of an anonymous question) and hands as hand ids
/// only; pending and hidden questions, names of hands and every participant id stay in the moderators' part.
/// </summary>
public static partial class SessionViewBuilder
{
    public static RoomQa RoomQaOf(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var qa = SessionReducer.QaOf(session);
        return new RoomQa(qa.Settings.Open, qa.Settings.AllowAnonymous,
            [.. SessionReducer.Ranked(qa.Questions.Where(q => q.State is QuestionState.Published or QuestionState.Answered))
                .Select(q => new RoomQuestion(q.Id, q.Text, q.Name, q.Voters.Length, q.At, q.State == QuestionState.Answered, q.Reply))],
            qa.Current);
    }

    public static RoomHands RoomHandsOf(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var hands = SessionReducer.HandsOf(session);
        return new RoomHands([.. SessionReducer.HandOrder(hands).Select(h => h.HandId)], hands.Speaking?.Hand.HandId,
            hands.Speaking?.From, hands.Rules.SpeakingSeconds);
    }

    public static StaffQa StaffQaOf(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var qa = SessionReducer.QaOf(session);
        return new StaffQa(qa.Settings,
            [.. SessionReducer.Ranked(qa.Questions).Select(q => new StaffQuestion(q.Id, q.Text, q.Name, q.Side, q.Voters.Length, q.At, q.State, q.Reply, q.Flagged))],
            qa.Current);
    }

    public static StaffHands StaffHandsOf(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var hands = SessionReducer.HandsOf(session);
        var spoken = hands.Turns.Select(t => t.Hand.ParticipantId).ToHashSet(StringComparer.Ordinal);
        StaffHand Of(RaisedHand h, bool spokenBefore) =>
            new(h.HandId, h.ParticipantId, session.Participants.FirstOrDefault(p => p.Id == h.ParticipantId)?.DisplayName ?? "", h.Side, h.At, spokenBefore);
        var qa = SessionReducer.QaOf(session);
        Side?[] sides = [null, .. Enum.GetValues<Side>().Cast<Side?>()];
        var bySide = sides.Select(side => new SideCount(side,
                qa.Questions.Count(q => q.Side == side),
                hands.Queue.Count(h => h.Side == side) + hands.Turns.Count(t => t.Hand.Side == side),
                hands.Turns.Count(t => t.Hand.Side == side)))
            .Where(c => c.Questions + c.Hands + c.Turns > 0);
        return new StaffHands(hands.Rules, [.. SessionReducer.HandOrder(hands).Select(h => Of(h, spoken.Contains(h.ParticipantId)))],
            hands.Speaking is { } turn ? Of(turn.Hand, hands.Turns.Count(t => t.Hand.ParticipantId == turn.Hand.ParticipantId) > 1) : null,
            hands.Speaking?.From, [.. bySide]);
    }

    /// <summary>A participant's own questions, votes and raised hand.</summary>
    public static ParticipantWork WorkOf(Session session, string participantId)
    {
        ArgumentNullException.ThrowIfNull(session);
        var qa = SessionReducer.QaOf(session);
        return new ParticipantWork(
            [.. qa.Questions.Where(q => q.Voters.Contains(participantId)).Select(q => q.Id)],
            [.. qa.Questions.Where(q => q.AuthorId == participantId).Select(q => new MyQuestion(q.Id, q.Text, q.State))],
            SessionReducer.HandsOf(session).Queue.FirstOrDefault(h => h.ParticipantId == participantId)?.HandId);
    }
}
