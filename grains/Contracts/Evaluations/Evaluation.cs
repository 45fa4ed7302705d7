using System.Collections.Immutable;

namespace Hub.Contracts.Evaluations;

/// <summary>When a questionnaire is asked: before the first session (T0), at the end with "before" and "now" on one
/// screen (T1, the retrospective pretest), and as a follow-up months later (T2).</summary>
public enum EvaluationTimepoint
{
    T0,
    T1,
    T2,
}

/// <summary>
/// The two sides an item is mirrored for and results are split by: civil society (voluntary organisations and
/// volunteer centres, "frivillige") and municipal staff ("medarbejdere"), as <c>CohortRules.IsStaff</c> divides them.
/// </summary>
public enum EvaluationGroup
{
    Civil,
    Staff,
}

/// <summary>
/// One item of mutual knowledge, mirrored: each side is asked about the other, in its own wording (Danish first,
/// English second). The label names it in charts. Custom items are a cohort's own, added by a moderator.
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.evaluation-item")]
public sealed record EvaluationItem(
    [property: Id(0)] string Id,
    [property: Id(1)] string LabelDa,
    [property: Id(2)] string LabelEn,
    [property: Id(3)] string CivilDa,
    [property: Id(4)] string CivilEn,
    [property: Id(5)] string StaffDa,
    [property: Id(6)] string StaffEn,
    [property: Id(7)] bool Custom);

/// <summary>What a moderator writes for a new item: a label and both sides' wording. English may be left empty
/// (the Danish is shown instead).</summary>
[GenerateSerializer, Immutable, Alias("hub.evaluation-item-draft")]
public sealed record EvaluationItemDraft(
    [property: Id(0)] string LabelDa,
    [property: Id(1)] string LabelEn,
    [property: Id(2)] string CivilDa,
    [property: Id(3)] string CivilEn,
    [property: Id(4)] string StaffDa,
    [property: Id(5)] string StaffEn);

/// <summary>The anonymity threshold (aggregates of fewer answers are withheld; never below
/// <see cref="EvaluationLimits.ThresholdMin"/>) and how many days after T1 closes the follow-up (T2) opens.</summary>
[GenerateSerializer, Immutable, Alias("hub.evaluation-settings")]
public sealed record EvaluationSettings(
    [property: Id(0)] int Threshold,
    [property: Id(1)] int FollowUpDays);

/// <summary>When a timepoint was opened and closed. At most one timepoint is open at a time.</summary>
[GenerateSerializer, Immutable, Alias("hub.timepoint-window")]
public sealed record TimepointWindow(
    [property: Id(0)] EvaluationTimepoint Timepoint,
    [property: Id(1)] DateTimeOffset? OpenedAt,
    [property: Id(2)] DateTimeOffset? ClosedAt)
{
    public bool IsOpen => OpenedAt is not null && ClosedAt is null;
}

/// <summary>
/// The evaluation as moderators set it up: the items on offer (the shipped bank and the cohort's own) and those
/// chosen, the settings, the timepoints, and when the follow-up is due and was last checked by its reminder.
/// Never any answer: only how many people have answered at all.
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.evaluation-setup")]
public sealed record EvaluationSetup(
    [property: Id(0)] Guid CohortId,
    [property: Id(1)] ImmutableArray<EvaluationItem> Items,
    [property: Id(2)] ImmutableArray<string> Chosen,
    [property: Id(3)] EvaluationSettings Settings,
    [property: Id(4)] ImmutableArray<TimepointWindow> Timepoints,
    [property: Id(5)] DateTimeOffset? FollowUpDueAt,
    [property: Id(6)] DateTimeOffset? FollowUpCheckedAt,
    [property: Id(7)] int Respondents);

/// <summary>One answer: <see cref="Now"/> on the 1–5 scale, or 0 for "ved ikke" (counted, never averaged);
/// <see cref="Before"/> only at T1, the same scale for "før forløbet".</summary>
[GenerateSerializer, Immutable, Alias("hub.item-answer")]
public sealed record ItemAnswer(
    [property: Id(0)] string ItemId,
    [property: Id(1)] int Now,
    [property: Id(2)] int? Before);

/// <summary>An item as one participant is asked it: in their side's wording.</summary>
[GenerateSerializer, Immutable, Alias("hub.questionnaire-item")]
public sealed record QuestionnaireItem(
    [property: Id(0)] string Id,
    [property: Id(1)] string TextDa,
    [property: Id(2)] string TextEn);

/// <summary>A participant's short reaction to one session: satisfaction and relevance on the 1–5 scale (0: ved ikke).</summary>
[GenerateSerializer, Immutable, Alias("hub.session-reaction")]
public sealed record SessionReaction(
    [property: Id(0)] string SessionId,
    [property: Id(1)] int Satisfaction,
    [property: Id(2)] int Relevance);

/// <summary>A session that has begun, which the participant may react to, with their reaction if they gave one.</summary>
[GenerateSerializer, Immutable, Alias("hub.reaction-prompt")]
public sealed record ReactionPrompt(
    [property: Id(0)] string SessionId,
    [property: Id(1)] DateTimeOffset StartsAt,
    [property: Id(2)] SessionReaction? Mine);

/// <summary>
/// What one participant sees: the open timepoint (null: none is open), its items in their side's wording, their
/// own earlier answers to it (only they ever see them), and the sessions they may react to.
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.questionnaire")]
public sealed record Questionnaire(
    [property: Id(0)] Guid CohortId,
    [property: Id(1)] string CohortName,
    [property: Id(2)] EvaluationTimepoint? Open,
    [property: Id(3)] EvaluationGroup Group,
    [property: Id(4)] ImmutableArray<QuestionnaireItem> Items,
    [property: Id(5)] ImmutableArray<ItemAnswer> Answers,
    [property: Id(6)] ImmutableArray<ReactionPrompt> Reactions);

/// <summary>
/// One aggregate: how many answered (<see cref="N"/>, "ved ikke" included), how many said "ved ikke", the mean of
/// the rest and how many gave each of 1..5. When fewer than the threshold answered it is <see cref="Withheld"/>:
/// every number is zero or null and <see cref="EvaluationResults.WithheldText"/> is shown instead.
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.evaluation-figure")]
public sealed record EvaluationFigure(
    [property: Id(0)] int N,
    [property: Id(1)] int DontKnow,
    [property: Id(2)] double? Mean,
    [property: Id(3)] ImmutableArray<int> Counts,
    [property: Id(4)] bool Withheld);

/// <summary>The change of the people who answered on the scale both times (paired by pseudonym): their means before
/// and after, the difference, and how many pairs; withheld under the threshold.</summary>
[GenerateSerializer, Immutable, Alias("hub.evaluation-change")]
public sealed record EvaluationChange(
    [property: Id(0)] int N,
    [property: Id(1)] double? From,
    [property: Id(2)] double? To,
    [property: Id(3)] double? Delta,
    [property: Id(4)] bool Withheld);

/// <summary>One side's figures for one item: T0, T1's "før forløbet" (<see cref="Before"/>) and "nu" (T1), T2;
/// the paired change T0 → T1 and the retrospective change within T1.</summary>
[GenerateSerializer, Immutable, Alias("hub.evaluation-group-result")]
public sealed record EvaluationGroupResult(
    [property: Id(0)] EvaluationGroup Group,
    [property: Id(1)] EvaluationFigure T0,
    [property: Id(2)] EvaluationFigure Before,
    [property: Id(3)] EvaluationFigure T1,
    [property: Id(4)] EvaluationFigure T2,
    [property: Id(5)] EvaluationChange Change,
    [property: Id(6)] EvaluationChange RetroChange);

[GenerateSerializer, Immutable, Alias("hub.evaluation-item-result")]
public sealed record EvaluationItemResult(
    [property: Id(0)] string ItemId,
    [property: Id(1)] string LabelDa,
    [property: Id(2)] string LabelEn,
    [property: Id(3)] ImmutableArray<EvaluationGroupResult> Groups);

[GenerateSerializer, Immutable, Alias("hub.reaction-result")]
public sealed record ReactionResult(
    [property: Id(0)] string SessionId,
    [property: Id(1)] DateTimeOffset StartsAt,
    [property: Id(2)] EvaluationFigure Satisfaction,
    [property: Id(3)] EvaluationFigure Relevance);

/// <summary>
/// A cohort's evaluation as moderators, observers and platform admins see it: aggregates only, each withheld when
/// fewer than <see cref="Threshold"/> answered. <see cref="Version"/> grows with every answer, so a screen that
/// asks again knows whether anything changed.
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.evaluation-results")]
public sealed record EvaluationResults(
    [property: Id(0)] Guid CohortId,
    [property: Id(1)] long Version,
    [property: Id(2)] int Threshold,
    [property: Id(3)] string WithheldText,
    [property: Id(4)] ImmutableArray<EvaluationItemResult> Items,
    [property: Id(5)] ImmutableArray<ReactionResult> Reactions);

/// <summary>The limits of an evaluation; beyond them an operation is refused.</summary>
public static class EvaluationLimits
{
    /// <summary>The anonymity threshold is configurable, but never below this.</summary>
    public const int ThresholdMin = 3;
    public const int ThresholdMax = 50;
    public const int ThresholdDefault = 5;
    public const int FollowUpDaysMin = 1;
    public const int FollowUpDaysMax = 730;
    public const int FollowUpDaysDefault = 90;
    public const int ItemsMax = 40;
    public const int LabelMax = 80;
    public const int TextMax = 300;
    public const int ScaleMax = 5;

    /// <summary>Shown, sent and exported in place of any aggregate of too few answers.</summary>
    public const string WithheldText = "For få svar til at vise";
}
