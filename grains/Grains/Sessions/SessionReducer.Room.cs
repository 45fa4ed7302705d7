using System.Collections.Immutable;
using System.Text;
using Hub.Contracts.Common;
using Hub.Contracts.Partnerships;
using Hub.Contracts.Sessions;
using static Hub.Grains.Common.FieldRules;

namespace Hub.Grains.Sessions;

/// <summary>
/// Q&amp;A and raised hands (issue 14, decision 022). Participants ask, vote and raise their hand; moderators publish,
/// hide, answer and reply, and give the word. Every rule that decides an order is here, so the order is the same for
/// every client: questions by votes, then age, then id; hands by the server's time, bent only by the rules the
/// moderator switched on.
/// </summary>
public static partial class SessionReducer
{
    private static Session ApplyRoom(Session session, Actor actor, SessionRole? role, SessionOp op, DateTimeOffset now)
    {
        var participant = role == SessionRole.Participant;
        return op switch
        {
            ResultsSent o when actor.UserId == SystemUserId => WithSent(session, o),
            ResultsSent => throw new HubRefusedException(ErrorCodes.Forbidden, "Kun Hub selv kan det. / Only Hub itself can do that."),
            SubmitQuestion o when participant => Ask(session, actor.UserId, o, now),
            UpvoteQuestion o when participant => Vote(session, actor.UserId, o),
            RaiseHand o when participant => Raise(session, actor.UserId, o.HandId, now),
            LowerHand when participant => WithHands(session, h => h with { Queue = h.Queue.RemoveAll(x => x.ParticipantId == actor.UserId) }),
            SubmitQuestion or UpvoteQuestion or RaiseHand or LowerHand =>
                throw new HubRefusedException(ErrorCodes.Forbidden, "Kun deltagere kan det. / Only participants can do that."),
            _ when !IsStaff(role) =>
                throw new HubRefusedException(ErrorCodes.Forbidden, "Kun mødets ledere kan det. / Only the session's facilitators can do that."),
            SetQa o => session with { Qa = QaOf(session) with { Settings = o.Settings ?? throw Invalid("settings", "Indstillingerne mangler.", "The settings are missing.") } },
            ModerateQuestion o => Moderate(session, o),
            AnswerNow o => AnswerNowOf(session, o.QuestionId),
            ReplyQuestion o => WithQuestion(session, o.QuestionId, q => q with { Reply = FreeText(o.Reply, SessionRoomLimits.ReplyMax, "reply").Trim() }),
            LowerHands { HandId: null } => WithHands(session, h => h with { Queue = [] }),
            LowerHands o => WithHands(session, h => h with { Queue = h.Queue.RemoveAll(x => x.HandId == o.HandId) }),
            NextSpeaker o => Next(session, o.Expected, now),
            SetHandRules o => WithHands(session, h => h with { Rules = Rules(o.Rules) }),
            _ => throw Invalid("type", "Ukendt operation.", "Unknown operation."),
        };
    }

    public static SessionQa QaOf(Session session) => session.Qa ?? SessionQa.Empty;

    public static SessionHands HandsOf(Session session) => session.Hands ?? SessionHands.Empty;

    /// <summary>Questions in the one order every client shows: most votes, then the oldest, then by id.</summary>
    public static IEnumerable<Question> Ranked(IEnumerable<Question> questions) =>
        questions.OrderByDescending(q => q.Voters.Length).ThenBy(q => q.At).ThenBy(q => q.Id, StringComparer.Ordinal);

    /// <summary>
    /// The waiting hands in the order "Næste" takes them: by the time they were raised; with PreferNew, people who
    /// have not had a turn before the rest; with Alternate, someone from the other side than the last speaker's
    /// (volunteers or staff) when one waits. Computed by taking them one by one, as "Næste" would.
    /// </summary>
    public static ImmutableArray<RaisedHand> HandOrder(SessionHands hands)
    {
        ArgumentNullException.ThrowIfNull(hands);
        var waiting = hands.Queue.ToList();
        var spoken = hands.Turns.Select(t => t.Hand.ParticipantId).ToHashSet(StringComparer.Ordinal);
        var last = hands.Turns.Select(t => GroupOf(t.Hand.Side)).LastOrDefault(g => g is not null);
        var order = ImmutableArray.CreateBuilder<RaisedHand>(waiting.Count);
        while (waiting.Count > 0)
        {
            IEnumerable<RaisedHand> pool = waiting;
            if (hands.Rules.PreferNew && pool.Any(h => !spoken.Contains(h.ParticipantId)))
            {
                pool = [.. pool.Where(h => !spoken.Contains(h.ParticipantId))];
            }

            if (hands.Rules.Alternate && last is { } group && pool.Any(h => GroupOf(h.Side) is { } g && g != group))
            {
                pool = [.. pool.Where(h => GroupOf(h.Side) is { } g && g != group)];
            }

            var next = pool.First();
            order.Add(next);
            waiting.Remove(next);
            spoken.Add(next.ParticipantId);
            last = GroupOf(next.Side) ?? last;
        }

        return order.MoveToImmutable();
    }

    /// <summary>Volunteers (voluntary organisations, volunteer centres) or staff (the municipality); null: unknown.</summary>
    public static bool? GroupOf(Side? side) => side switch
    {
        null => null,
        Side.Municipality => true,
        _ => false,
    };

    private static Session Ask(Session session, string participantId, SubmitQuestion o, DateTimeOffset now)
    {
        Id(o.QuestionId, "questionId", IdMax);
        var qa = QaOf(session);
        if (qa.Questions.FirstOrDefault(q => q.Id == o.QuestionId) is { } known)
        {
            return known.AuthorId == participantId
                ? session
                : throw new HubRefusedException(ErrorCodes.Conflict, "Spørgsmåls-id'et er brugt. / The question id is taken.", "questionId");
        }

        if (!qa.Settings.Open)
        {
            throw new HubRefusedException(ErrorCodes.Conflict, "Der kan ikke stilles spørgsmål lige nu. / Questions are closed right now.");
        }

        if (o.Anonymous && !qa.Settings.AllowAnonymous)
        {
            throw Invalid("anonymous", "Spørgsmål kan ikke stilles anonymt her.", "Questions cannot be anonymous here.");
        }

        if (qa.Questions.Length >= SessionRoomLimits.QuestionsMax)
        {
            throw Limit($"Højst {SessionRoomLimits.QuestionsMax} spørgsmål.", $"At most {SessionRoomLimits.QuestionsMax} questions.");
        }

        if (qa.Questions.Count(q => q.AuthorId == participantId) >= SessionRoomLimits.QuestionsPerParticipantMax)
        {
            throw Limit($"Højst {SessionRoomLimits.QuestionsPerParticipantMax} spørgsmål pr. deltager.", $"At most {SessionRoomLimits.QuestionsPerParticipantMax} questions per participant.");
        }

        var text = FreeText(o.Text, SessionRoomLimits.QuestionTextMax, "text").Trim().Normalize(NormalizationForm.FormC);
        if (text.Length == 0)
        {
            throw Invalid("text", "Skriv et spørgsmål.", "Write a question.");
        }

        var who = session.Participants.First(p => p.Id == participantId);
        var flagged = qa.Settings.Filter && AbuseFilter.Matches(text);
        var state = qa.Settings.Moderated || flagged ? QuestionState.Pending : QuestionState.Published;
        var name = o.Anonymous || who.DisplayName.Length == 0 ? null : who.DisplayName;
        var question = new Question(o.QuestionId, participantId, name, who.Side, text, now, state, [], "", flagged);
        return session with { Qa = qa with { Questions = qa.Questions.Add(question) } };
    }

    private static Session Vote(Session session, string participantId, UpvoteQuestion o)
    {
        var qa = QaOf(session);
        // Pending and hidden questions do not exist for participants: a guessed id learns nothing.
        var index = qa.Questions.IndexOf(qa.Questions.FirstOrDefault(q => q.Id == o.QuestionId && q.State is QuestionState.Published or QuestionState.Answered)!);
        if (index < 0)
        {
            throw NotFound("Spørgsmålet findes ikke.", "The question does not exist.");
        }

        var question = qa.Questions[index];
        var voted = question.Voters.Contains(participantId);
        if (voted == o.Up)
        {
            return session;
        }

        if (o.Up && question.State != QuestionState.Published)
        {
            throw new HubRefusedException(ErrorCodes.Conflict, "Spørgsmålet er besvaret. / The question has been answered.");
        }

        var voters = o.Up ? question.Voters.Add(participantId) : question.Voters.Remove(participantId);
        return session with { Qa = qa with { Questions = qa.Questions.SetItem(index, question with { Voters = voters }) } };
    }

    private static Session Moderate(Session session, ModerateQuestion o)
    {
        if (o.State is not (QuestionState.Published or QuestionState.Hidden or QuestionState.Answered))
        {
            throw Invalid("state", "Et spørgsmål kan vises, skjules eller markeres som besvaret.", "A question can be published, hidden or marked answered.");
        }

        var moderated = WithQuestion(session, o.QuestionId, q => q with { State = o.State });
        var qa = QaOf(moderated);
        return o.State != QuestionState.Published && qa.Current == o.QuestionId ? moderated with { Qa = qa with { Current = null } } : moderated;
    }

    private static Session AnswerNowOf(Session session, string? questionId)
    {
        var qa = QaOf(session);
        if (questionId is not null && !qa.Questions.Any(q => q.Id == questionId && q.State == QuestionState.Published))
        {
            throw new HubRefusedException(ErrorCodes.Conflict, "Kun et synligt, ubesvaret spørgsmål kan besvares nu. / Only a published, unanswered question can be answered now.", "questionId");
        }

        return session with { Qa = qa with { Current = questionId } };
    }

    private static Session WithQuestion(Session session, string questionId, Func<Question, Question> change)
    {
        var qa = QaOf(session);
        var index = qa.Questions.IndexOf(qa.Questions.FirstOrDefault(q => q.Id == questionId)!);
        return index < 0
            ? throw NotFound("Spørgsmålet findes ikke.", "The question does not exist.")
            : session with { Qa = qa with { Questions = qa.Questions.SetItem(index, change(qa.Questions[index])) } };
    }

    private static Session Raise(Session session, string participantId, string handId, DateTimeOffset now)
    {
        Id(handId, "handId", IdMax);
        var hands = HandsOf(session);
        var own = hands.Queue.Any(h => h.ParticipantId == participantId)
            || hands.Turns.Any(t => t.Hand.HandId == handId && t.Hand.ParticipantId == participantId);
        if (own)
        {
            // Up already, or this very hand had its turn (a retry after "Næste"): it is not raised again.
            return session;
        }

        if (hands.Turns.Any(t => t.Hand.HandId == handId))
        {
            throw new HubRefusedException(ErrorCodes.Conflict, "Hånd-id'et er brugt. / The hand id is taken.", "handId");
        }

        if (hands.Turns.Length >= SessionRoomLimits.TurnsMax)
        {
            throw Limit($"Højst {SessionRoomLimits.TurnsMax} taleture.", $"At most {SessionRoomLimits.TurnsMax} speaking turns.");
        }

        var side = session.Participants.First(p => p.Id == participantId).Side;
        return session with { Hands = hands with { Queue = hands.Queue.Add(new RaisedHand(handId, participantId, side, now)) } };
    }

    private static Session Next(Session session, string? expected, DateTimeOffset now)
    {
        var hands = HandsOf(session);
        var order = HandOrder(hands);
        if (order.IsEmpty)
        {
            return session with { Hands = hands with { Speaking = null } };
        }

        if (expected is not null && order[0].HandId != expected)
        {
            throw new HubRefusedException(ErrorCodes.Conflict, "Talerlisten har ændret sig. / The list of speakers has changed.");
        }

        var turn = new SpeakingTurn(order[0], now);
        return session with { Hands = hands with { Queue = hands.Queue.Remove(order[0]), Speaking = turn, Turns = hands.Turns.Add(turn) } };
    }

    private static HandRules Rules(HandRules? rules) =>
        rules is null ? throw Invalid("rules", "Reglerne mangler.", "The rules are missing.")
        : rules.SpeakingSeconds is < 0 or > SessionRoomLimits.SpeakingSecondsMax
            ? throw Invalid("speakingSeconds", $"Taletiden kan være 0–{SessionRoomLimits.SpeakingSecondsMax} sekunder.", $"The speaking time can be 0–{SessionRoomLimits.SpeakingSecondsMax} seconds.")
            : rules;

    private static Session WithHands(Session session, Func<SessionHands, SessionHands> change) => session with { Hands = change(HandsOf(session)) };

    private static Session WithSent(Session session, ResultsSent o)
    {
        var sent = session.Sent ?? [];
        var added = o.Results.IsDefault ? [] : o.Results.Where(r => !sent.Any(s => s.Key == r.Key));
        return session with { Sent = sent.AddRange(added) };
    }
}
