using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Hub.Contracts.Common;
using Hub.Contracts.Partnerships;
using Hub.Contracts.Sessions;
using static Hub.Grains.Common.FieldRules;

namespace Hub.Grains.Sessions;

/// <summary>
/// How each session operation changes a session, or why it may not. Pure: the same session, actor, operation and
/// time give the same result. Who may do what is decided here from the session's own people: moderators and
/// co-facilitators run it, participants only answer, and the "Hub only" operations come from the grain alone.
/// </summary>
public static partial class SessionReducer
{
    public const string SystemUserId = "system";
    private const int IdMax = 64;
    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");

    public static Session NewSession(Guid id, SessionDetails details, Actor owner, string code, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(owner);
        var title = Line(details.Title, SessionLimits.TitleMax, "title");
        if (details.Owner is not { } by || (by.PartnershipId is null) == (by.CohortId is null) || (by.CohortSessionId is not null && by.CohortId is null))
        {
            throw Invalid("owner", "Et møde hører til ét partnerskab eller ét forløb.", "A session belongs to one partnership or one cohort.");
        }

        if (by.CohortSessionId is { } linked)
        {
            Id(linked, "cohortSessionId", IdMax);
        }

        var staff = new SessionStaff(owner.UserId, Line(owner.DisplayName, SessionLimits.DisplayNameMax, "displayName"), SessionRole.Moderator);
        return new Session(id, title, by, code, false, details.AskSide, [staff], [], [], 0, 0, SessionPhase.Answer, SessionTimer.Off, [],
            ImmutableDictionary<string, ImmutableArray<PollAnswer>>.Empty, [], [], now, null);
    }

    /// <summary>The person's role, or null: removed participants have none.</summary>
    public static SessionRole? RoleOf(Session session, string userId)
    {
        foreach (var s in session.Staff)
        {
            if (s.UserId == userId)
            {
                return s.Role;
            }
        }

        foreach (var p in session.Participants)
        {
            if (p.Id == userId)
            {
                return p.Removed ? null : SessionRole.Participant;
            }
        }

        return null;
    }

    public static bool IsStaff(SessionRole? role) => role is SessionRole.Moderator or SessionRole.CoFacilitator;

    public static Session Apply(Session session, Actor actor, SessionOp op, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(actor);
        var bySystem = actor.UserId == SystemUserId;
        if (session.Closed && !bySystem)
        {
            throw new HubRefusedException(ErrorCodes.Conflict, "Mødet er slut. / The session has ended.");
        }

        var role = RoleOf(session, actor.UserId);
        return op switch
        {
            null => throw Invalid("op", "Operationen mangler.", "The operation is missing."),
            AdmitParticipant o when bySystem => Admit(session, o, now),
            ExpireTimer when bySystem => Expire(session),
            CloseSession when bySystem => CloseVisit(session, now) with { Closed = true, ClosedAt = now, Timer = session.Timer with { EndsAt = null } },
            SetCode o when bySystem => session with { Code = o.Code },
            AdmitParticipant or ExpireTimer or CloseSession or SetCode =>
                throw new HubRefusedException(ErrorCodes.Forbidden, "Kun Hub selv kan det. / Only Hub itself can do that."),
            SubmitAnswer o when role == SessionRole.Participant => Answer(session, actor.UserId, o, now),
            SubmitAnswer => throw new HubRefusedException(ErrorCodes.Forbidden, "Kun deltagere svarer. / Only participants answer."),
            SubmitQuestion or UpvoteQuestion or SetQa or ModerateQuestion or AnswerNow or ReplyQuestion or RaiseHand or LowerHand or LowerHands
                or NextSpeaker or SetHandRules or ResultsSent => ApplyRoom(session, actor, role, op, now),
            Hub.Contracts.Sessions.AddCoFacilitator when role != SessionRole.Moderator =>
                throw new HubRefusedException(ErrorCodes.Forbidden, "Kun mødets ejer kan det. / Only the session's owner can do that."),
            _ when !IsStaff(role) =>
                throw new HubRefusedException(ErrorCodes.Forbidden, "Kun mødets ledere kan det. / Only the session's facilitators can do that."),
            SetSessionTitle o => session with { Title = Line(o.Title, SessionLimits.TitleMax, "title") },
            Hub.Contracts.Sessions.AddStep o => AddStep(session, o),
            Hub.Contracts.Sessions.UpdateStep o => UpdateStep(session, o),
            Hub.Contracts.Sessions.RemoveStep o => RemoveStep(session, o.StepId),
            Hub.Contracts.Sessions.MoveStep o => MoveStep(session, o),
            GoToStep o => GoTo(session, o.Index, now),
            BringEveryone => session with { BringCount = session.BringCount + 1 },
            SetPhase o => session with { Phase = Defined(o.Phase, "phase") },
            StartTimer o => session with { Timer = new SessionTimer(now.AddSeconds(Seconds(o.Seconds)), null, false) },
            PauseTimer => session.Timer.EndsAt is { } end
                ? session with { Timer = new SessionTimer(null, end - now, false) }
                : throw NotRunning(),
            ResumeTimer => session.Timer.Remaining is { } left
                ? session with { Timer = new SessionTimer(now + left, null, false) }
                : throw new HubRefusedException(ErrorCodes.Conflict, "Uret er ikke sat på pause. / The timer is not paused."),
            ExtendTimer o => Extend(session, Seconds(o.Seconds)),
            StopTimer => session with { Timer = SessionTimer.Off },
            Hub.Contracts.Sessions.AddPoll o => AddPoll(session, o),
            ShowResults o => WithPoll(session, o.PollId, p => p with { ResultsShown = o.Shown }),
            LockPoll o => WithPoll(session, o.PollId, p => p with { Locked = o.Locked }),
            ResetPoll o => Reset(session, o.PollId, actor, now),
            ApproveAnswer o => WithAnswer(session, o.PollId, o.AnswerId, a => a with { Approved = true }),
            RejectAnswer o => Reject(session, o, actor, now),
            Hub.Contracts.Sessions.RemoveParticipant o => RemoveParticipant(session, o.ParticipantId),
            Hub.Contracts.Sessions.AddCoFacilitator o => AddCoFacilitator(session, o),
            _ => throw Invalid("type", "Ukendt operation.", "Unknown operation."),
        };
    }

    /// <summary>
    /// A word cloud entry as it is counted: trimmed, inner white space as single spaces, Unicode NFC, lower case by
    /// Danish rules (æ, ø and å stay letters of their own). Null when nothing is left.
    /// </summary>
    public static string? NormaliseWord(string? word)
    {
        if (word is null)
        {
            return null;
        }

        var collapsed = string.Join(' ', word.Normalize(NormalizationForm.FormC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return collapsed.Length == 0 ? null : collapsed.ToLower(Danish);
    }

    /// <summary>Whether the poll takes answers now: its step current, the phase "answer", not locked, the session open.</summary>
    public static bool IsOpen(Session session, Poll poll) =>
        !session.Closed && !poll.Locked && session.Phase == SessionPhase.Answer && CurrentPollId(session) == poll.Id;

    public static string? CurrentPollId(Session session) =>
        session.CurrentStep < session.Steps.Length && session.Steps[session.CurrentStep] is { Kind: StepKind.Poll, PollId: { } id } ? id : null;

    private static Session Admit(Session session, AdmitParticipant o, DateTimeOffset now)
    {
        var name = Line(o.DisplayName, SessionLimits.DisplayNameMax, "displayName", allowEmpty: true);
        Side? side = o.Side is { } s ? Defined(s, "side") : null;
        var index = session.Participants.IndexOf(session.Participants.FirstOrDefault(p => p.Id == o.ParticipantId)!);
        if (index >= 0)
        {
            var known = session.Participants[index];
            if (known.Removed)
            {
                throw new HubRefusedException(ErrorCodes.Forbidden, "Du er taget ud af mødet. / You were removed from the session.");
            }

            return session with { Participants = session.Participants.SetItem(index, known with { DisplayName = name, Side = side ?? known.Side }) };
        }

        if (session.Participants.Length >= SessionLimits.ParticipantsMax)
        {
            throw Limit($"Højst {SessionLimits.ParticipantsMax} deltagere.", $"At most {SessionLimits.ParticipantsMax} participants.");
        }

        return session with { Participants = session.Participants.Add(new SessionParticipant(o.ParticipantId, name, side, now, false)) };
    }

    private static Session Expire(Session session)
    {
        if (session.Timer.EndsAt is null || session.Timer.Expired)
        {
            return session;
        }

        var timer = session.Timer with { Expired = true };
        return CurrentPollId(session) is { } pollId
            ? WithPoll(session, pollId, p => p with { Locked = true }) with { Timer = timer }
            : session with { Timer = timer };
    }

    private static Session Extend(Session session, int seconds) => session.Timer switch
    {
        { EndsAt: { } end } => session with { Timer = session.Timer with { EndsAt = end.AddSeconds(seconds), Expired = false } },
        { Remaining: { } left } => session with { Timer = session.Timer with { Remaining = left + TimeSpan.FromSeconds(seconds) } },
        _ => throw NotRunning(),
    };

    private static HubRefusedException NotRunning() =>
        new(ErrorCodes.Conflict, "Uret kører ikke. / The timer is not running.");

    private static int Seconds(int seconds) => seconds is < 1 or > SessionLimits.TimerSecondsMax
        ? throw Invalid("seconds", $"Uret kan sættes til 1–{SessionLimits.TimerSecondsMax} sekunder.", $"The timer takes 1–{SessionLimits.TimerSecondsMax} seconds.")
        : seconds;

    private static AgendaStep Step(Session session, string stepId, string title, StepKind kind, int minutes, string text, string notes, string? pollId)
    {
        Id(stepId, "stepId", IdMax);
        Defined(kind, "kind");
        if (minutes is < 0 or > SessionLimits.PlannedMinutesMax)
        {
            throw Invalid("plannedMinutes", $"Varigheden skal være 0–{SessionLimits.PlannedMinutesMax} minutter.", $"The duration must be 0–{SessionLimits.PlannedMinutesMax} minutes.");
        }

        if (kind == StepKind.Poll ? pollId is null || PollIndex(session, pollId) < 0 : pollId is not null)
        {
            throw Invalid("pollId", "Et afstemningstrin skal pege på en afstemning (og kun det).", "A poll step names a poll (and only a poll step does).");
        }

        return new AgendaStep(stepId, Line(title, SessionLimits.TitleMax, "title"), kind, minutes,
            FreeText(text, SessionLimits.StepTextMax, "text"), FreeText(notes, SessionLimits.StepTextMax, "notes"), pollId);
    }

    private static Session AddStep(Session session, AddStep o)
    {
        if (session.Steps.Any(s => s.Id == o.StepId))
        {
            throw new HubRefusedException(ErrorCodes.Conflict, "Trinnet findes allerede. / The step already exists.", "stepId");
        }

        if (session.Steps.Length >= SessionLimits.StepsMax)
        {
            throw Limit($"Højst {SessionLimits.StepsMax} trin.", $"At most {SessionLimits.StepsMax} steps.");
        }

        var step = Step(session, o.StepId, o.Title, o.Kind, o.PlannedMinutes, o.Text, o.Notes, o.PollId);
        var at = Position(o.Index, session.Steps.Length);
        // Inserting before the current step keeps the same step current.
        var current = session.Steps.Length > 0 && at <= session.CurrentStep ? session.CurrentStep + 1 : session.CurrentStep;
        return session with { Steps = session.Steps.Insert(at, step), CurrentStep = current };
    }

    private static Session UpdateStep(Session session, UpdateStep o)
    {
        var index = StepIndex(session, o.StepId);
        return session with { Steps = session.Steps.SetItem(index, Step(session, o.StepId, o.Title, o.Kind, o.PlannedMinutes, o.Text, o.Notes, o.PollId)) };
    }

    private static Session RemoveStep(Session session, string stepId)
    {
        var index = StepIndex(session, stepId);
        if (index == session.CurrentStep)
        {
            throw new HubRefusedException(ErrorCodes.Conflict, "Det er det aktuelle trin; gå videre først. / It is the current step; move on first.");
        }

        return session with { Steps = session.Steps.RemoveAt(index), CurrentStep = index < session.CurrentStep ? session.CurrentStep - 1 : session.CurrentStep };
    }

    private static Session GoTo(Session session, int index, DateTimeOffset now)
    {
        if (index < 0 || index >= session.Steps.Length)
        {
            throw Invalid("index", "Trinnet findes ikke.", "The step does not exist.");
        }

        var closed = CloseVisit(session, now);
        return closed with { CurrentStep = index, Visits = closed.Visits.Add(new StepVisit(session.Steps[index].Id, now, null)) };
    }

    private static Session CloseVisit(Session session, DateTimeOffset now) =>
        session.Visits.Length > 0 && session.Visits[^1].Until is null
            ? session with { Visits = session.Visits.SetItem(session.Visits.Length - 1, session.Visits[^1] with { Until = now }) }
            : session;

    private static Session AddPoll(Session session, AddPoll o)
    {
        Id(o.PollId, "pollId", IdMax);
        Defined(o.Kind, "kind");
        if (PollIndex(session, o.PollId) >= 0)
        {
            throw new HubRefusedException(ErrorCodes.Conflict, "Afstemningen findes allerede. / The poll already exists.", "pollId");
        }

        if (session.Polls.Length >= SessionLimits.PollsMax)
        {
            throw Limit($"Højst {SessionLimits.PollsMax} afstemninger.", $"At most {SessionLimits.PollsMax} polls.");
        }

        var question = Line(o.Question, SessionLimits.QuestionMax, "question");
        ImmutableArray<string> options = [];
        ImmutableArray<string> statements = [];
        int max = 0, min = 0, top = 0;
        string low = "", high = "";
        switch (o.Kind)
        {
            case PollKind.Single or PollKind.Multiple:
                options = Lines(o.Options, SessionLimits.OptionsMax, SessionLimits.OptionMax, "options", least: 2);
                max = o.Kind == PollKind.Single ? 1 : o.MaxChoices;
                if (max < 1 || max > options.Length)
                {
                    throw Invalid("maxChoices", "Antal valg skal være mellem 1 og antal svarmuligheder.", "Choices must be between 1 and the number of options.");
                }

                break;
            case PollKind.Scale:
                statements = Lines(o.Statements, SessionLimits.StatementsMax, SessionLimits.QuestionMax, "statements", least: 1);
                if ((o.ScaleMin, o.ScaleMax) is not ((1, 5) or (1, 7) or (0, 10)))
                {
                    throw Invalid("scaleMax", "Skalaen er 1–5, 1–7 eller 0–10.", "The scale is 1–5, 1–7 or 0–10.");
                }

                (min, top) = (o.ScaleMin, o.ScaleMax);
                low = Line(o.LowLabel, SessionLimits.LabelMax, "lowLabel", allowEmpty: true);
                high = Line(o.HighLabel, SessionLimits.LabelMax, "highLabel", allowEmpty: true);
                break;
            case PollKind.WordCloud:
                max = SessionLimits.WordsMax;
                break;
        }

        var freeText = o.Kind is PollKind.WordCloud or PollKind.OpenText;
        var poll = new Poll(o.PollId, o.Kind, question, options, max, statements, min, top, low, high, o.Anonymous,
            o.HoldForApproval && freeText, o.ResultsShown ?? !freeText, false, 0);
        return session with { Polls = session.Polls.Add(poll) };
    }

    private static ImmutableArray<string> Lines(ImmutableArray<string> values, int most, int max, string field, int least)
    {
        var list = values.IsDefault ? [] : values;
        if (list.Length < least || list.Length > most)
        {
            throw Invalid(field, $"Der skal være {least}–{most}.", $"There must be {least}–{most}.");
        }

        return [.. list.Select(v => Line(v, max, field))];
    }

    private static Session Answer(Session session, string participantId, SubmitAnswer o, DateTimeOffset now)
    {
        Id(o.AnswerId, "answerId", IdMax);
        var poll = session.Polls.FirstOrDefault(p => p.Id == o.PollId)
            ?? throw NotFound("Afstemningen findes ikke.", "The poll does not exist.");
        var answers = AnswersOf(session, poll.Id);
        var mine = answers.FirstOrDefault(a => a.ParticipantId == participantId);
        if (mine is not null && mine.AnswerId == o.AnswerId)
        {
            // A retry of the answer set already counted: nothing changes, whatever the phase is now.
            return session;
        }

        if (answers.Any(a => a.AnswerId == o.AnswerId))
        {
            throw new HubRefusedException(ErrorCodes.Conflict, "Svar-id'et er brugt. / The answer id is taken.", "answerId");
        }

        if (session.Phase != SessionPhase.Answer)
        {
            throw new HubRefusedException(ErrorCodes.Conflict, "Der kan ikke svares lige nu. / Answering is closed right now.");
        }

        if (poll.Locked)
        {
            throw new HubRefusedException(ErrorCodes.Conflict, "Afstemningen er låst. / The poll is locked.");
        }

        if (CurrentPollId(session) != poll.Id)
        {
            throw new HubRefusedException(ErrorCodes.Conflict, "Afstemningen er ikke åben. / The poll is not open.");
        }

        var answer = new PollAnswer(participantId, o.AnswerId, [], [], [], "", !poll.HoldForApproval, now);
        answer = poll.Kind switch
        {
            PollKind.Single or PollKind.Multiple => answer with { Choices = Choices(poll, o.Choices) },
            PollKind.Scale => answer with { Scale = ScaleValues(poll, o.Scale) },
            PollKind.WordCloud => answer with { Words = Words(o.Words) },
            _ => answer with { Text = OpenText(o.Text) },
        };
        var replaced = mine is null ? answers.Add(answer) : answers.Replace(mine, answer);
        return session with { Answers = session.Answers.SetItem(poll.Id, replaced) };
    }

    private static ImmutableArray<int> Choices(Poll poll, ImmutableArray<int> choices)
    {
        var list = choices.IsDefault ? [] : choices;
        if (list.Length < 1 || list.Length > poll.MaxChoices || list.Distinct().Count() != list.Length || list.Any(c => c < 0 || c >= poll.Options.Length))
        {
            throw Invalid("choices", $"Vælg 1–{poll.MaxChoices} af svarmulighederne.", $"Choose 1–{poll.MaxChoices} of the options.");
        }

        return [.. list.Order()];
    }

    private static ImmutableArray<int?> ScaleValues(Poll poll, ImmutableArray<int?> values)
    {
        var list = values.IsDefault ? [] : values;
        if (list.Length != poll.Statements.Length || list.Any(v => v is { } x && (x < poll.ScaleMin || x > poll.ScaleMax)))
        {
            throw Invalid("scale", $"Ét svar ({poll.ScaleMin}–{poll.ScaleMax} eller spring over) pr. udsagn.", $"One answer ({poll.ScaleMin}–{poll.ScaleMax} or skip) per statement.");
        }

        return list;
    }

    private static ImmutableArray<string> Words(ImmutableArray<string> words)
    {
        var list = words.IsDefault ? [] : words;
        if (list.Length > SessionLimits.WordsMax)
        {
            throw Limit($"Højst {SessionLimits.WordsMax} ord.", $"At most {SessionLimits.WordsMax} words.", "words");
        }

        var normalised = new List<string>();
        foreach (var word in list)
        {
            var line = Line(word, SessionLimits.WordMax, "words");
            if (NormaliseWord(line) is { } n && !normalised.Contains(n))
            {
                normalised.Add(n);
            }
        }

        return normalised.Count == 0 ? throw Invalid("words", "Skriv mindst ét ord.", "Write at least one word.") : [.. normalised];
    }

    private static string OpenText(string? text)
    {
        var value = FreeText(text, SessionLimits.OpenTextMax, "text").Trim().Normalize(NormalizationForm.FormC);
        return value.Length == 0 ? throw Invalid("text", "Skriv et svar.", "Write an answer.") : value;
    }

    private static Session Reset(Session session, string pollId, Actor actor, DateTimeOffset now)
    {
        var index = PollIndex(session, pollId);
        if (index < 0)
        {
            throw NotFound("Afstemningen findes ikke.", "The poll does not exist.");
        }

        var answers = AnswersOf(session, pollId);
        return session with
        {
            Polls = session.Polls.SetItem(index, session.Polls[index] with { Locked = false, Resets = session.Polls[index].Resets + 1 }),
            Answers = session.Answers.Remove(pollId),
            Archive = answers.IsEmpty ? session.Archive : session.Archive.Add(new ArchivedAnswers(pollId, actor.UserId, now, answers)),
        };
    }

    private static Session Reject(Session session, RejectAnswer o, Actor actor, DateTimeOffset now)
    {
        var answers = AnswersOf(session, o.PollId);
        var answer = answers.FirstOrDefault(a => a.AnswerId == o.AnswerId) ?? throw NotFound("Svaret findes ikke.", "The answer does not exist.");
        return session with
        {
            Answers = session.Answers.SetItem(o.PollId, answers.Remove(answer)),
            Archive = session.Archive.Add(new ArchivedAnswers(o.PollId, actor.UserId, now, [answer])),
        };
    }

    private static Session WithAnswer(Session session, string pollId, string answerId, Func<PollAnswer, PollAnswer> change)
    {
        var answers = AnswersOf(session, pollId);
        var answer = answers.FirstOrDefault(a => a.AnswerId == answerId) ?? throw NotFound("Svaret findes ikke.", "The answer does not exist.");
        return session with { Answers = session.Answers.SetItem(pollId, answers.Replace(answer, change(answer))) };
    }

    private static Session RemoveParticipant(Session session, string participantId)
    {
        var index = session.Participants.IndexOf(session.Participants.FirstOrDefault(p => p.Id == participantId)!);
        return index < 0
            ? throw NotFound("Deltageren findes ikke.", "The participant does not exist.")
            : session with { Participants = session.Participants.SetItem(index, session.Participants[index] with { Removed = true }) };
    }

    private static Session AddCoFacilitator(Session session, AddCoFacilitator o)
    {
        if (string.IsNullOrEmpty(o.UserId) || o.UserId.Length > 128 || session.Staff.Any(s => s.UserId == o.UserId) || session.Participants.Any(p => p.Id == o.UserId))
        {
            throw Invalid("userId", "Personen kan ikke tilføjes.", "The person cannot be added.");
        }

        return session with { Staff = session.Staff.Add(new SessionStaff(o.UserId, Line(o.DisplayName, SessionLimits.DisplayNameMax, "displayName"), SessionRole.CoFacilitator)) };
    }

    private static Session WithPoll(Session session, string pollId, Func<Poll, Poll> change)
    {
        var index = PollIndex(session, pollId);
        return index < 0
            ? throw NotFound("Afstemningen findes ikke.", "The poll does not exist.")
            : session with { Polls = session.Polls.SetItem(index, change(session.Polls[index])) };
    }

    public static ImmutableArray<PollAnswer> AnswersOf(Session session, string pollId) =>
        session.Answers.TryGetValue(pollId, out var answers) ? answers : [];

    private static int PollIndex(Session session, string pollId) => session.Polls.IndexOf(session.Polls.FirstOrDefault(p => p.Id == pollId)!);

    private static int StepIndex(Session session, string stepId)
    {
        var index = session.Steps.IndexOf(session.Steps.FirstOrDefault(s => s.Id == stepId)!);
        return index < 0 ? throw NotFound("Trinnet findes ikke.", "The step does not exist.") : index;
    }

    private static T Defined<T>(T value, string field) where T : struct, Enum =>
        Enum.IsDefined(value) ? value : throw Invalid(field, "Ukendt værdi.", "Unknown value.");
}
