using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Hub.Contracts.Barriers;
using Hub.Contracts.Common;
using Hub.Contracts.Live;
using Hub.Contracts.Text;

namespace Hub.Contracts.Cohorts;

/// <summary>Who reads a reflection besides its author (docs/decisions/023-reflections-and-barriers.md).</summary>
public enum ReflectionVisibility
{
    /// <summary>Only the author.</summary>
    Private,

    /// <summary>The author's team (the team they were in when they wrote it), as it is now.</summary>
    Team,

    /// <summary>The cohort's moderators.</summary>
    Moderators,
}

/// <summary>What a reflection looks back on.</summary>
public enum ReflectionSubject
{
    Session,
    Assignment,
}

/// <summary>The limits of reflections; docs/protocol.md states them.</summary>
public static class ReflectionLimits
{
    public const int PromptsMax = 6;
    public const int PromptMax = 300;
    public const int AnswerMax = 4000;
    public const int EntriesMax = 5000;
    public const int TeamTextMax = 20000;

    /// <summary>The prompts a cohort starts with (Danish first); moderators change them per cohort.</summary>
    public static readonly ImmutableArray<string> DefaultPrompts =
    [
        "Hvad skete der? / What happened?",
        "Hvad overraskede mig ved den anden side? / What surprised me about the other side?",
        "Hvad vil vi gøre anderledes? / What will we do differently?",
    ];
}

/// <summary>A reflection as its author writes it: one answer per prompt (empty answers allowed), in prompt order.</summary>
[GenerateSerializer, Immutable, Alias("hub.reflection-draft")]
public sealed record ReflectionDraft(
    [property: Id(0)] string Id,
    [property: Id(1)] ReflectionSubject Subject,
    [property: Id(2)] string SubjectId,
    [property: Id(3)] ReflectionVisibility Visibility,
    [property: Id(4)] ImmutableArray<string> Answers,
    [property: Id(5)] ImmutableArray<BarrierTag> Barriers);

/// <summary>A reflection as a reader may see it. <see cref="Prompts"/> are the prompts it answered, as they read then.</summary>
[GenerateSerializer, Immutable, Alias("hub.reflection")]
public sealed record Reflection(
    [property: Id(0)] string Id,
    [property: Id(1)] string AuthorId,
    [property: Id(2)] string AuthorName,
    [property: Id(3)] string? TeamId,
    [property: Id(4)] ReflectionSubject Subject,
    [property: Id(5)] string SubjectId,
    [property: Id(6)] ReflectionVisibility Visibility,
    [property: Id(7)] ImmutableArray<string> Prompts,
    [property: Id(8)] ImmutableArray<string> Answers,
    [property: Id(9)] ImmutableArray<BarrierTag> Barriers,
    [property: Id(10)] DateTimeOffset WrittenAt);

/// <summary>What one reader gets: the cohort's prompts, the reflections they may read (newest first) and, for a
/// participant in a team, the id of their team's shared reflection (a live document on the team reflection hub).</summary>
[GenerateSerializer, Immutable, Alias("hub.reflections-view")]
public sealed record ReflectionsView(
    [property: Id(0)] ImmutableArray<string> Prompts,
    [property: Id(1)] ImmutableArray<Reflection> Entries,
    [property: Id(2)] Guid? TeamReflectionId,
    [property: Id(3)] ImmutableArray<TeamReflectionRef> TeamReflections);

/// <summary>A team's shared reflection, as listed for its team and the cohort's moderators.</summary>
[GenerateSerializer, Immutable, Alias("hub.team-reflection-ref")]
public sealed record TeamReflectionRef(
    [property: Id(0)] string TeamId,
    [property: Id(1)] string TeamName,
    [property: Id(2)] Guid DocumentId);

/// <summary>
/// A cohort's reflections. Key: the cohort id. Every method acts for a person; the cohort says who they are in it.
/// Participants write; what anyone reads is filtered here by each entry's visibility, so no reader (and no
/// connection) is ever sent an entry they may not see.
/// </summary>
[Alias("hub.ICohortReflectionsGrain")]
public interface ICohortReflectionsGrain : IGrainWithGuidKey
{
    [Alias("View")]
    Task<ReflectionsView> View(Actor actor);

    /// <summary>Participants write a reflection, or rewrite their own (same id).</summary>
    [Alias("Write")]
    Task<Reflection> Write(Actor actor, ReflectionDraft draft);

    /// <summary>The author removes their own reflection.</summary>
    [Alias("Remove")]
    Task Remove(Actor actor, string reflectionId);

    /// <summary>Moderators set the cohort's prompts (1–<see cref="ReflectionLimits.PromptsMax"/>).</summary>
    [Alias("SetPrompts")]
    Task<ImmutableArray<string>> SetPrompts(Actor actor, ImmutableArray<string> prompts);
}

/// <summary>A team's shared reflection: one text, co-edited with the shared-text engine (decision 004).</summary>
[GenerateSerializer, Immutable, Alias("hub.team-reflection")]
public sealed record TeamReflection(
    [property: Id(0)] Guid CohortId,
    [property: Id(1)] string TeamId,
    [property: Id(2)] string Text,
    [property: Id(3)] TextHistory Texts,
    [property: Id(4)] DateTimeOffset? UpdatedAt);

[GenerateSerializer, Immutable, Alias("hub.team-reflection-snapshot")]
public sealed record TeamReflectionSnapshot(
    [property: Id(0)] long Seq,
    [property: Id(1)] TeamReflection Reflection);

/// <summary>The operations on a team reflection; docs/protocol.md lists them.</summary>
[GenerateSerializer, Immutable, Alias("hub.team-reflection-op")]
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(EditTeamReflection), "editText")]
public abstract record TeamReflectionOp;

/// <summary>A change to the text, composed against the document at <see cref="Base"/> and transformed by the grain
/// against what was committed since (as for the agreement's sections).</summary>
[GenerateSerializer, Immutable, Alias("hub.team-reflection-op.edit")]
public sealed record EditTeamReflection(
    [property: Id(0)] long Base,
    [property: Id(1)] TextOp Op) : TeamReflectionOp;

/// <summary>
/// A team's shared reflection, a live document. Key: <see cref="ICohortReflectionsGrain"/> names it (derived from the
/// cohort and team). The team's participants edit it; the cohort's moderators read it; nobody else — not even a
/// platform admin — is let in, so its text reaches no other connection.
/// </summary>
[Alias("hub.ITeamReflectionGrain")]
public interface ITeamReflectionGrain : ILiveGrain<TeamReflectionOp, TeamReflectionSnapshot>;

[Alias("hub.ITeamReflectionObserver")]
public interface ITeamReflectionObserver : ILiveObserver<TeamReflectionOp>;
