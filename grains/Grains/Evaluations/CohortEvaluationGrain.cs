using System.Collections.Immutable;
using System.Security.Cryptography;
using Hub.Contracts.Cohorts;
using Hub.Contracts.Common;
using Hub.Contracts.Evaluations;
using Hub.Grains.Common;
using Microsoft.Extensions.Options;

namespace Hub.Grains.Evaluations;

[GenerateSerializer, Alias("hub.CohortEvaluationState")]
public sealed class CohortEvaluationState
{
    /// <summary>The key of the cohort's pseudonyms; it never leaves the grain.</summary>
    [Id(0)] public byte[] Secret { get; set; } = [];

    [Id(1)] public List<EvaluationItem> Custom { get; set; } = [];

    /// <summary>The items asked, in order; null until a moderator chooses: the whole bank.</summary>
    [Id(2)] public List<string>? Chosen { get; set; }

    [Id(3)] public int Threshold { get; set; } = EvaluationLimits.ThresholdDefault;

    [Id(4)] public int FollowUpDays { get; set; } = EvaluationLimits.FollowUpDaysDefault;

    [Id(5)] public Dictionary<EvaluationTimepoint, TimepointWindow> Windows { get; set; } = [];

    [Id(6)] public DateTimeOffset? FollowUpDueAt { get; set; }

    [Id(7)] public DateTimeOffset? FollowUpCheckedAt { get; set; }

    /// <summary>Answers by pseudonym.</summary>
    [Id(8)] public Dictionary<string, Respondent> Respondents { get; set; } = [];

    [Id(9)] public long Version { get; set; }
}

/// <summary>
/// A cohort's evaluation (docs/decisions/019-cohort-evaluation.md). Who may do what it asks the cohort, as the
/// caller: the cohort refuses outsiders (and audits platform admins' looks), and its people's roles and sides decide
/// the rest. Answers are stored under a pseudonym only, so this state holds no name; what leaves the grain is a
/// person's own questionnaire or aggregates with small groups withheld. The follow-up (T2) is opened by an Orleans
/// reminder, stored in the database on both engines, so it survives restarts.
/// </summary>
public sealed class CohortEvaluationGrain(
    [PersistentState("cohort-evaluation", GrainStorage.Name)] IPersistentState<CohortEvaluationState> state,
    EvaluationClock clock,
    IOptions<EvaluationOptions> options)
    : Grain, ICohortEvaluationGrain, ICohortEvaluationTrustedGrain, IRemindable
{
    public const string FollowUpReminder = "evaluation-follow-up";

    private Guid Id => this.GetPrimaryKey();

    private CohortEvaluationState S => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Kept only once something is written, and nothing is written under a pseudonym before the secret is.
        if (S.Secret.Length == 0)
        {
            S.Secret = RandomNumberGenerator.GetBytes(32);
        }

        return Task.CompletedTask;
    }

    public async Task<EvaluationSetup> GetSetup(Actor actor)
    {
        await ModeratorAsync(actor);
        return Setup();
    }

    public async Task<EvaluationSetup> ChooseItems(Actor actor, ImmutableArray<string> itemIds)
    {
        await ModeratorAsync(actor);
        var known = AllItems().Select(i => i.Id).ToHashSet();
        if (itemIds.IsDefaultOrEmpty || itemIds.Length > EvaluationLimits.ItemsMax)
        {
            throw new HubRefusedException(ErrorCodes.Validation,
                $"Vælg 1–{EvaluationLimits.ItemsMax} spørgsmål. / Choose 1–{EvaluationLimits.ItemsMax} items.", "itemIds");
        }

        if (itemIds.Any(id => !known.Contains(id)) || itemIds.Distinct().Count() != itemIds.Length)
        {
            throw new HubRefusedException(ErrorCodes.Validation, "Ukendt eller gentaget spørgsmål. / Unknown or repeated item.", "itemIds");
        }

        // Answers refer to their items: leaving an answered item out would hide them silently.
        var answered = S.Respondents.Values.SelectMany(r => r.Answers.Values.SelectMany(a => a)).Select(a => a.ItemId).ToHashSet();
        if (answered.Except(itemIds).Any())
        {
            throw new HubRefusedException(ErrorCodes.Conflict,
                "Et spørgsmål, der allerede er besvaret, kan ikke fjernes. / An item that has answers cannot be removed.", "itemIds");
        }

        S.Chosen = [.. itemIds];
        await WriteAsync();
        return Setup();
    }

    public async Task<EvaluationSetup> AddItem(Actor actor, EvaluationItemDraft draft)
    {
        await ModeratorAsync(actor);
        ArgumentNullException.ThrowIfNull(draft);
        if (Chosen().Count >= EvaluationLimits.ItemsMax)
        {
            throw new HubRefusedException(ErrorCodes.Limit, $"Højst {EvaluationLimits.ItemsMax} spørgsmål. / At most {EvaluationLimits.ItemsMax} items.");
        }

        var item = new EvaluationItem($"custom-{S.Custom.Count + 1}",
            FieldRules.Line(draft.LabelDa, EvaluationLimits.LabelMax, "labelDa"),
            FieldRules.Line(draft.LabelEn ?? "", EvaluationLimits.LabelMax, "labelEn", allowEmpty: true),
            FieldRules.Line(draft.CivilDa, EvaluationLimits.TextMax, "civilDa"),
            FieldRules.Line(draft.CivilEn ?? "", EvaluationLimits.TextMax, "civilEn", allowEmpty: true),
            FieldRules.Line(draft.StaffDa, EvaluationLimits.TextMax, "staffDa"),
            FieldRules.Line(draft.StaffEn ?? "", EvaluationLimits.TextMax, "staffEn", allowEmpty: true),
            true);
        S.Chosen = [.. Chosen().Select(i => i.Id), item.Id];
        S.Custom.Add(item);
        await WriteAsync();
        return Setup();
    }

    public async Task<EvaluationSetup> SetSettings(Actor actor, EvaluationSettings settings)
    {
        await ModeratorAsync(actor);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Threshold is < EvaluationLimits.ThresholdMin or > EvaluationLimits.ThresholdMax)
        {
            throw new HubRefusedException(ErrorCodes.Validation,
                $"Grænsen skal være {EvaluationLimits.ThresholdMin}–{EvaluationLimits.ThresholdMax} svar; aldrig under {EvaluationLimits.ThresholdMin}. / " +
                $"The threshold must be {EvaluationLimits.ThresholdMin}–{EvaluationLimits.ThresholdMax} answers; never below {EvaluationLimits.ThresholdMin}.",
                "threshold");
        }

        if (settings.FollowUpDays is < EvaluationLimits.FollowUpDaysMin or > EvaluationLimits.FollowUpDaysMax)
        {
            throw new HubRefusedException(ErrorCodes.Validation,
                $"Opfølgningen skal ligge {EvaluationLimits.FollowUpDaysMin}–{EvaluationLimits.FollowUpDaysMax} dage efter. / " +
                $"The follow-up must be {EvaluationLimits.FollowUpDaysMin}–{EvaluationLimits.FollowUpDaysMax} days after.", "followUpDays");
        }

        S.Threshold = settings.Threshold;
        S.FollowUpDays = settings.FollowUpDays;
        if (S.FollowUpDueAt is not null && S.Windows.GetValueOrDefault(EvaluationTimepoint.T1)?.ClosedAt is { } closed)
        {
            S.FollowUpDueAt = closed.AddDays(S.FollowUpDays);
        }

        S.Version++;
        await WriteAsync();
        return Setup();
    }

    public async Task<EvaluationSetup> SetTimepoint(Actor actor, EvaluationTimepoint timepoint, bool open)
    {
        await ModeratorAsync(actor);
        if (!Enum.IsDefined(timepoint))
        {
            throw new HubRefusedException(ErrorCodes.Validation, "Ukendt tidspunkt. / Unknown timepoint.", "timepoint");
        }

        var now = clock.Now;
        var window = S.Windows.GetValueOrDefault(timepoint);
        if (open && window?.IsOpen != true)
        {
            CloseOthers(timepoint, now);
            S.Windows[timepoint] = new TimepointWindow(timepoint, now, null);
        }
        else if (!open && window?.IsOpen == true)
        {
            S.Windows[timepoint] = window with { ClosedAt = now };
            if (timepoint == EvaluationTimepoint.T1)
            {
                await ScheduleFollowUpAsync(now.AddDays(S.FollowUpDays));
            }
        }

        S.Version++;
        await WriteAsync();
        return Setup();
    }

    public async Task<Questionnaire> GetQuestionnaire(Actor actor)
    {
        var (cohort, person) = await ParticipantAsync(actor);
        return QuestionnaireOf(cohort, person);
    }

    public async Task<Questionnaire> Answer(Actor actor, EvaluationTimepoint timepoint, ImmutableArray<ItemAnswer> answers)
    {
        var (cohort, person) = await ParticipantAsync(actor);
        if (S.Windows.GetValueOrDefault(timepoint)?.IsOpen != true)
        {
            throw new HubRefusedException(ErrorCodes.Conflict, "Spørgeskemaet er ikke åbent. / The questionnaire is not open.", "timepoint");
        }

        var chosen = Chosen().Select(i => i.Id).ToHashSet();
        if (answers.IsDefaultOrEmpty || answers.Length > chosen.Count)
        {
            throw new HubRefusedException(ErrorCodes.Validation, "Besvar mindst ét spørgsmål. / Answer at least one item.", "answers");
        }

        foreach (var answer in answers)
        {
            var retrospective = timepoint == EvaluationTimepoint.T1;
            if (answer is null || !chosen.Contains(answer.ItemId) || !OnScale(answer.Now)
                || (retrospective ? answer.Before is not { } before || !OnScale(before) : answer.Before is not null))
            {
                throw new HubRefusedException(ErrorCodes.Validation,
                    retrospective
                        ? "Svar på hvert spørgsmål både før forløbet og nu (1–5 eller ved ikke). / Answer each item for both before and now (1–5 or don't know)."
                        : "Svar 1–5 eller ved ikke på spørgsmål i skemaet. / Answer 1–5 or don't know to items in the questionnaire.",
                    "answers");
            }
        }

        if (answers.Select(a => a.ItemId).Distinct().Count() != answers.Length)
        {
            throw new HubRefusedException(ErrorCodes.Validation, "Et spørgsmål er besvaret to gange. / An item is answered twice.", "answers");
        }

        var respondent = RespondentOf(person);
        respondent.Answers[timepoint] = [.. answers];
        S.Version++;
        await WriteAsync();
        await GrainFactory.GetGrain<IPersonEvaluationsTrustedGrain>(person.UserId).Add(Id);
        return QuestionnaireOf(cohort, person);
    }

    public async Task<Questionnaire> React(Actor actor, SessionReaction reaction)
    {
        var (cohort, person) = await ParticipantAsync(actor);
        ArgumentNullException.ThrowIfNull(reaction);
        if (cohort.Sessions.Find(s => s.Id == reaction.SessionId) is not { } session || session.StartsAt > clock.Now)
        {
            throw new HubRefusedException(ErrorCodes.NotFound, "Mødet findes ikke eller er ikke begyndt. / The session does not exist or has not begun.", "sessionId");
        }

        if (!OnScale(reaction.Satisfaction) || !OnScale(reaction.Relevance))
        {
            throw new HubRefusedException(ErrorCodes.Validation, "Svar 1–5 eller ved ikke. / Answer 1–5 or don't know.", "reaction");
        }

        RespondentOf(person).Reactions[reaction.SessionId] = reaction;
        S.Version++;
        await WriteAsync();
        await GrainFactory.GetGrain<IPersonEvaluationsTrustedGrain>(person.UserId).Add(Id);
        return QuestionnaireOf(cohort, person);
    }

    public async Task<EvaluationResults> GetResults(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var cohort = (await GrainFactory.GetGrain<ICohortGrain>(Id).GetSnapshot(actor)).Cohort;
        var role = cohort.People.Find(p => p.UserId == actor.UserId)?.Role;
        if (role is not (CohortRole.Moderator or CohortRole.Observer) && !(role is null && actor.IsPlatformAdmin))
        {
            throw new HubRefusedException(ErrorCodes.Forbidden,
                "Kun forløbets ledere og observatører kan se resultaterne. / Only the cohort's moderators and observers can see the results.");
        }

        var respondents = S.Respondents.Values.ToList();
        var reactions = cohort.Sessions.Select(session =>
        {
            var given = respondents.Select(r => r.Reactions.GetValueOrDefault(session.Id)).OfType<SessionReaction>().ToList();
            return new ReactionResult(session.Id, session.StartsAt,
                EvaluationMath.Figure([.. given.Select(g => g.Satisfaction)], S.Threshold),
                EvaluationMath.Figure([.. given.Select(g => g.Relevance)], S.Threshold));
        });
        return new EvaluationResults(Id, S.Version, S.Threshold, EvaluationLimits.WithheldText,
            EvaluationMath.Items(Chosen(), respondents, S.Threshold), [.. reactions]);
    }

    public async Task ForgetPerson(string userId)
    {
        if (S.Respondents.Remove(EvaluationMath.Pseudonym(S.Secret, userId)))
        {
            S.Version++;
            await WriteAsync();
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != FollowUpReminder)
        {
            return;
        }

        var now = clock.Now;
        S.FollowUpCheckedAt = now;
        if (S.FollowUpDueAt is not { } due || now >= due)
        {
            if (S.FollowUpDueAt is not null && S.Windows.GetValueOrDefault(EvaluationTimepoint.T2)?.OpenedAt is null)
            {
                CloseOthers(EvaluationTimepoint.T2, now);
                S.Windows[EvaluationTimepoint.T2] = new TimepointWindow(EvaluationTimepoint.T2, now, null);
                S.Version++;
            }

            S.FollowUpDueAt = null;
            await WriteAsync();
            if (await this.GetReminder(FollowUpReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            return;
        }

        await WriteAsync();
    }

    /// <summary>
    /// The reminder ticks every check period and opens T2 on the first tick at or after its day. A tick rather than
    /// one far-off due time: the day can move (a moderator changes the number of days), and the evaluation's clock,
    /// not Orleans' timer, decides when the day has come.
    /// </summary>
    private async Task ScheduleFollowUpAsync(DateTimeOffset dueAt)
    {
        S.FollowUpDueAt = dueAt;
        var period = options.Value.FollowUpCheckPeriod;
        await this.RegisterOrUpdateReminder(FollowUpReminder, period, period);
    }

    private void CloseOthers(EvaluationTimepoint except, DateTimeOffset now)
    {
        foreach (var open in S.Windows.Values.Where(w => w.IsOpen && w.Timepoint != except).ToList())
        {
            S.Windows[open.Timepoint] = open with { ClosedAt = now };
        }
    }

    private Respondent RespondentOf(CohortMember person)
    {
        var pseudonym = EvaluationMath.Pseudonym(S.Secret, person.UserId);
        if (!S.Respondents.TryGetValue(pseudonym, out var respondent))
        {
            respondent = S.Respondents[pseudonym] = new Respondent();
        }

        // The side they have now: someone moved to another side is counted there from their next answer.
        respondent.Group = GroupOf(person);
        return respondent;
    }

    private Questionnaire QuestionnaireOf(Cohort cohort, CohortMember person)
    {
        var group = GroupOf(person);
        var open = S.Windows.Values.FirstOrDefault(w => w.IsOpen)?.Timepoint;
        S.Respondents.TryGetValue(EvaluationMath.Pseudonym(S.Secret, person.UserId), out var mine);
        var answers = open is { } t && mine?.Answers.GetValueOrDefault(t) is { } given ? [.. given] : ImmutableArray<ItemAnswer>.Empty;
        var now = clock.Now;
        return new Questionnaire(Id, cohort.Name, open, group,
            [.. Chosen().Select(i => group == EvaluationGroup.Staff
                ? new QuestionnaireItem(i.Id, i.StaffDa, Or(i.StaffEn, i.StaffDa))
                : new QuestionnaireItem(i.Id, i.CivilDa, Or(i.CivilEn, i.CivilDa)))],
            answers,
            [.. cohort.Sessions.Where(s => s.StartsAt <= now)
                .Select(s => new ReactionPrompt(s.Id, s.StartsAt, mine?.Reactions.GetValueOrDefault(s.Id)))]);
    }

    private EvaluationSetup Setup() => new(Id, AllItems(), [.. Chosen().Select(i => i.Id)],
        new EvaluationSettings(S.Threshold, S.FollowUpDays),
        [.. Enum.GetValues<EvaluationTimepoint>().Select(t => S.Windows.GetValueOrDefault(t) ?? new TimepointWindow(t, null, null))],
        S.FollowUpDueAt, S.FollowUpCheckedAt, S.Respondents.Count);

    private ImmutableArray<EvaluationItem> AllItems() => [.. ItemBank.Items, .. S.Custom];

    private List<EvaluationItem> Chosen()
    {
        var all = AllItems();
        return S.Chosen is null ? [.. ItemBank.Items] : [.. S.Chosen.Select(id => all.First(i => i.Id == id))];
    }

    private async Task<Cohort> ModeratorAsync(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var cohort = (await GrainFactory.GetGrain<ICohortGrain>(Id).GetSnapshot(actor)).Cohort;
        if (cohort.People.Find(p => p.UserId == actor.UserId)?.Role != CohortRole.Moderator)
        {
            throw new HubRefusedException(ErrorCodes.Forbidden, "Kun forløbets ledere kan gøre det. / Only the cohort's moderators can do that.");
        }

        return cohort;
    }

    private async Task<(Cohort Cohort, CohortMember Person)> ParticipantAsync(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var cohort = (await GrainFactory.GetGrain<ICohortGrain>(Id).GetSnapshot(actor)).Cohort;
        if (cohort.People.Find(p => p.UserId == actor.UserId) is not { Role: CohortRole.Participant, Side: not null } person)
        {
            throw new HubRefusedException(ErrorCodes.Forbidden, "Kun forløbets deltagere svarer. / Only the cohort's participants answer.");
        }

        return (cohort, person);
    }

    private static EvaluationGroup GroupOf(CohortMember person) =>
        CohortRules.IsStaff(person.Side!.Value) ? EvaluationGroup.Staff : EvaluationGroup.Civil;

    private static bool OnScale(int value) => value is >= 0 and <= EvaluationLimits.ScaleMax;

    private static string Or(string text, string fallback) => string.IsNullOrEmpty(text) ? fallback : text;

    private Task WriteAsync() => state.WriteStateAsync();
}
