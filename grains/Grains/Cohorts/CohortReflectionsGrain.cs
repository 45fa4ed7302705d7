using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Hub.Contracts.Barriers;
using Hub.Contracts.Cohorts;
using Hub.Contracts.Common;
using Hub.Grains.Barriers;
using Hub.Grains.Common;

namespace Hub.Grains.Cohorts;

/// <summary>A stored reflection, with the partnership its author came from when writing it (for the barrier count only).</summary>
[GenerateSerializer, Immutable, Alias("hub.StoredReflection")]
public sealed record StoredReflection(
    [property: Id(0)] Reflection Entry,
    [property: Id(1)] Guid? PartnershipId);

[GenerateSerializer, Alias("hub.CohortReflectionsState")]
public sealed class CohortReflectionsState
{
    /// <summary>Null until a moderator sets them: the default prompts.</summary>
    [Id(0)] public List<string>? Prompts { get; set; }

    [Id(1)] public List<StoredReflection> Entries { get; set; } = [];
}

/// <summary>
/// A cohort's reflections (issue 12 item 4; docs/decisions/023-reflections-and-barriers.md). Kept apart from the cohort
/// document on purpose: every operation on that document reaches everyone in the cohort, while a reflection may be for
/// its author alone. Here every read is filtered for the reader by <see cref="MayRead"/>, so what leaves the grain is
/// only ever what that person may see. The cohort, asked as the caller, says who the caller is in it.
/// </summary>
public sealed class CohortReflectionsGrain(
    [PersistentState("cohort-reflections", GrainStorage.Name)] IPersistentState<CohortReflectionsState> state,
    TimeProvider clock) : Grain, ICohortReflectionsGrain, ICohortReflectionsTrustedGrain
{
    private Guid Id => this.GetPrimaryKey();

    private ImmutableArray<string> Prompts => state.State.Prompts is { } own ? [.. own] : ReflectionLimits.DefaultPrompts;

    public async Task<ReflectionsView> View(Actor actor)
    {
        var cohort = await CohortAsync(actor);
        var me = cohort.People.Find(p => p.UserId == actor.UserId && p.Role != CohortRole.Observer)
            ?? throw new HubRefusedException(ErrorCodes.Forbidden, "Kun forløbets deltagere og ledere læser refleksioner. / Only the cohort's participants and moderators read reflections.");
        var entries = state.State.Entries.Select(s => s.Entry).Where(e => MayRead(cohort, actor.UserId, e))
            .OrderByDescending(e => e.WrittenAt).ToImmutableArray();
        var myTeam = cohort.Teams.Find(t => t.MemberIds.Contains(actor.UserId));
        Guid? teamDoc = null;
        if (myTeam is not null)
        {
            teamDoc = TeamReflectionId(Id, myTeam.Id);
            await GrainFactory.GetGrain<ITeamReflectionTrustedGrain>(teamDoc.Value).Open(Id, myTeam.Id);
        }

        var teams = ImmutableArray<TeamReflectionRef>.Empty;
        if (me.Role == CohortRole.Moderator)
        {
            teams = [.. cohort.Teams.Select(t => new TeamReflectionRef(t.Id, t.Name, TeamReflectionId(Id, t.Id)))];
            await Task.WhenAll(cohort.Teams.Select(t => GrainFactory.GetGrain<ITeamReflectionTrustedGrain>(TeamReflectionId(Id, t.Id)).Open(Id, t.Id)));
        }
        else if (myTeam is not null)
        {
            teams = [new TeamReflectionRef(myTeam.Id, myTeam.Name, teamDoc!.Value)];
        }

        return new ReflectionsView(Prompts, entries, teamDoc, teams);
    }

    public async Task<Reflection> Write(Actor actor, ReflectionDraft draft)
    {
        var cohort = await CohortAsync(actor);
        var me = cohort.People.Find(p => p.UserId == actor.UserId);
        if (me is not { Role: CohortRole.Participant })
        {
            throw new HubRefusedException(ErrorCodes.Forbidden, "Kun deltagere skriver refleksioner. / Only participants write reflections.");
        }

        ArgumentNullException.ThrowIfNull(draft);
        FieldRules.Id(draft.Id, "id", CohortLimits.IdMax);
        FieldRules.Id(draft.SubjectId, "subjectId", CohortLimits.IdMax);
        Defined(draft.Subject, "subject");
        Defined(draft.Visibility, "visibility");
        var known = draft.Subject == ReflectionSubject.Session
            ? cohort.Sessions.Exists(s => s.Id == draft.SubjectId)
            : cohort.Assignments.Exists(a => a.Id == draft.SubjectId);
        if (!known)
        {
            throw new HubRefusedException(ErrorCodes.NotFound, "Mødegangen eller opgaven findes ikke. / The session or assignment does not exist.", "subjectId");
        }

        var prompts = Prompts;
        if (draft.Answers.IsDefault || draft.Answers.Length != prompts.Length)
        {
            throw FieldRules.Invalid("answers", "Der skal være ét svar pr. spørgsmål.", "There must be one answer per prompt.");
        }

        var answers = draft.Answers.Select(a => FieldRules.FreeText(a, ReflectionLimits.AnswerMax, "answers").Trim()).ToImmutableArray();
        if (answers.All(a => a.Length == 0))
        {
            throw FieldRules.Invalid("answers", "Skriv mindst ét svar.", "Write at least one answer.");
        }

        var barriers = draft.Barriers.IsDefault ? [] : draft.Barriers;
        foreach (var barrier in barriers)
        {
            Defined(barrier, "barriers");
        }

        var team = cohort.Teams.Find(t => t.MemberIds.Contains(actor.UserId));
        if (draft.Visibility == ReflectionVisibility.Team && team is null)
        {
            throw FieldRules.Invalid("visibility", "Du er ikke på et hold endnu.", "You are not in a team yet.");
        }

        var index = state.State.Entries.FindIndex(s => s.Entry.Id == draft.Id);
        if (index >= 0 && state.State.Entries[index].Entry.AuthorId != actor.UserId)
        {
            throw new HubRefusedException(ErrorCodes.Conflict, "Id'et er brugt. / The id is taken.", "id");
        }

        if (index < 0 && state.State.Entries.Count >= ReflectionLimits.EntriesMax)
        {
            throw FieldRules.Limit($"Højst {ReflectionLimits.EntriesMax} refleksioner.", $"At most {ReflectionLimits.EntriesMax} reflections.");
        }

        var entry = new Reflection(draft.Id, actor.UserId, me.DisplayName, team?.Id, draft.Subject, draft.SubjectId, draft.Visibility,
            prompts, answers, [.. barriers.Distinct().Order()], clock.GetUtcNow());
        var stored = new StoredReflection(entry, me.PartnershipId);
        if (index >= 0)
        {
            state.State.Entries[index] = stored;
        }
        else
        {
            state.State.Entries.Add(stored);
        }

        await SaveAsync();
        return entry;
    }

    public async Task Remove(Actor actor, string reflectionId)
    {
        await CohortAsync(actor);
        var index = state.State.Entries.FindIndex(s => s.Entry.Id == reflectionId && s.Entry.AuthorId == actor.UserId);
        if (index < 0)
        {
            throw new HubRefusedException(ErrorCodes.NotFound, "Refleksionen findes ikke. / The reflection does not exist.");
        }

        state.State.Entries.RemoveAt(index);
        await SaveAsync();
    }

    public async Task<ImmutableArray<string>> SetPrompts(Actor actor, ImmutableArray<string> prompts)
    {
        var cohort = await CohortAsync(actor);
        if (CohortReducer.RoleOf(cohort, actor.UserId) != CohortRole.Moderator)
        {
            throw new HubRefusedException(ErrorCodes.Forbidden, "Kun forløbets ledere kan gøre det. / Only the cohort's moderators can do that.");
        }

        if (prompts.IsDefaultOrEmpty || prompts.Length > ReflectionLimits.PromptsMax)
        {
            throw FieldRules.Invalid("prompts", $"Skriv 1–{ReflectionLimits.PromptsMax} spørgsmål.", $"Write 1–{ReflectionLimits.PromptsMax} prompts.");
        }

        // Reflections already written keep the prompts they answered (each carries its own), so changing them loses nothing.
        state.State.Prompts = [.. prompts.Select(p => FieldRules.Line(p, ReflectionLimits.PromptMax, "prompts"))];
        await state.WriteStateAsync();
        return Prompts;
    }

    public async Task ForgetPerson(string userId)
    {
        if (state.State.Entries.RemoveAll(s => s.Entry.AuthorId == userId) > 0)
        {
            await SaveAsync();
        }
    }

    /// <summary>
    /// Who reads an entry: its author always; a team entry the participants in the team it was written in, as that team
    /// is now (someone who moves on no longer reads it); a moderators' entry the moderators. Nobody else: not observers,
    /// not platform admins (who may read the cohort) — reflections are personal, and the admins' report counts only tags.
    /// </summary>
    public static bool MayRead(Cohort cohort, string readerId, Reflection entry)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.AuthorId == readerId)
        {
            return true;
        }

        var reader = cohort.People.Find(p => p.UserId == readerId);
        return entry.Visibility switch
        {
            ReflectionVisibility.Team => reader is { Role: CohortRole.Participant }
                && cohort.Teams.Exists(t => t.Id == entry.TeamId && t.MemberIds.Contains(readerId)),
            ReflectionVisibility.Moderators => reader is { Role: CohortRole.Moderator },
            _ => false,
        };
    }

    /// <summary>A team's shared reflection has a document id of its own, the same for every caller and every activation.</summary>
    public static Guid TeamReflectionId(Guid cohortId, string teamId) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"team-reflection/{cohortId:N}/{teamId}"))[..16]);

    private async Task SaveAsync()
    {
        await state.WriteStateAsync();
        var tallies = state.State.Entries.SelectMany(s => s.Entry.Barriers.Select(b => (Tag: b, s.PartnershipId)))
            .GroupBy(t => t).Select(g => new BarrierTally(g.Key.Tag, g.Key.PartnershipId, g.Count()))
            .OrderBy(t => t.Tag).ThenBy(t => t.PartnershipId).ToImmutableArray();
        await GrainFactory.GetGrain<IBarrierReportTrustedGrain>(0).PutCohort(Id, tallies);
    }

    private async Task<Cohort> CohortAsync(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return (await GrainFactory.GetGrain<ICohortGrain>(Id).GetSnapshot(actor)).Cohort;
    }

    private static void Defined<T>(T value, string field) where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw FieldRules.Invalid(field, "Ukendt værdi.", "Unknown value.");
        }
    }
}
