using System.Collections.Immutable;
using Hub.Contracts.Common;

namespace Hub.Contracts.Evaluations;

/// <summary>
/// A cohort's evaluation of mutual knowledge (docs/decisions/019-cohort-evaluation.md). Key: the cohort id. Kept
/// apart from the cohort's live document, which goes to everyone in it: answers are stored only under a per-cohort
/// pseudonym, and what leaves this grain is a person's own questionnaire or aggregates that hide small groups.
/// Who may do what comes from the cohort: moderators set it up, participants answer, moderators, observers and
/// platform admins read the results.
/// </summary>
[Alias("hub.ICohortEvaluationGrain")]
public interface ICohortEvaluationGrain : IGrainWithGuidKey
{
    [Alias("GetSetup")]
    Task<EvaluationSetup> GetSetup(Actor actor);

    /// <summary>Moderators choose which items are asked, in order. An item that has answers cannot be left out.</summary>
    [Alias("ChooseItems")]
    Task<EvaluationSetup> ChooseItems(Actor actor, ImmutableArray<string> itemIds);

    /// <summary>Moderators add an item of the cohort's own; it is chosen at once.</summary>
    [Alias("AddItem")]
    Task<EvaluationSetup> AddItem(Actor actor, EvaluationItemDraft draft);

    [Alias("SetSettings")]
    Task<EvaluationSetup> SetSettings(Actor actor, EvaluationSettings settings);

    /// <summary>Moderators open a timepoint (closing any other that is open) or close it. Closing T1 sets the
    /// follow-up: T2 opens by itself <see cref="EvaluationSettings.FollowUpDays"/> later.</summary>
    [Alias("SetTimepoint")]
    Task<EvaluationSetup> SetTimepoint(Actor actor, EvaluationTimepoint timepoint, bool open);

    /// <summary>A participant's questionnaire: the open timepoint in their side's wording, and their own answers.</summary>
    [Alias("GetQuestionnaire")]
    Task<Questionnaire> GetQuestionnaire(Actor actor);

    /// <summary>A participant answers the open timepoint (again: the new answers replace theirs).</summary>
    [Alias("Answer")]
    Task<Questionnaire> Answer(Actor actor, EvaluationTimepoint timepoint, ImmutableArray<ItemAnswer> answers);

    [Alias("React")]
    Task<Questionnaire> React(Actor actor, SessionReaction reaction);

    /// <summary>Aggregates for moderators, observers and platform admins; small groups withheld.</summary>
    [Alias("GetResults")]
    Task<EvaluationResults> GetResults(Actor actor);
}

/// <summary>The cohorts where a person has answered an evaluation (key: the user id), so that deleting the account
/// can remove their answers everywhere. Only the person may use it.</summary>
[Alias("hub.IPersonEvaluationsGrain")]
public interface IPersonEvaluationsGrain : IGrainWithStringKey
{
    /// <summary>The person deletes their account: every evaluation they answered forgets their answers.</summary>
    [Alias("ForgetMe")]
    Task ForgetMe(Actor actor);
}
