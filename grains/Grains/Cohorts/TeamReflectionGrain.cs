using Hub.Contracts.Cohorts;
using Hub.Contracts.Common;
using Hub.Contracts.Live;
using Hub.Grains.Live;
using Hub.Grains.Text;
using Microsoft.Extensions.Logging;

namespace Hub.Grains.Cohorts;

/// <summary>
/// A team's shared reflection: the live mechanism with one shared text, edited as the agreement's sections are
/// (<see cref="SharedText"/>, decision 004). Access is asked of the cohort on every call, so a participant who moves
/// to another team, or leaves, is out at once: the team's participants read and write, the cohort's moderators read,
/// and nobody else is let in — not an observer, not a platform admin — so no other connection ever receives its text.
/// </summary>
public sealed class TeamReflectionGrain(
    [PersistentState("team-reflection", GrainStorage.Name)] IPersistentState<LiveState<TeamReflection>> state,
    TimeProvider clock,
    ILogger<TeamReflectionGrain> logger)
    : LiveGrain<TeamReflection, TeamReflectionOp, TeamReflectionSnapshot>(state, clock, logger), ITeamReflectionGrain, ITeamReflectionTrustedGrain
{
    public async Task Open(Guid cohortId, string teamId)
    {
        if (Document is null)
        {
            await ResetDocument(new TeamReflection(cohortId, teamId, "", Contracts.Text.TextHistory.Empty, null));
        }
    }

    protected override async ValueTask<LiveAccess> AuthorizeAsync(Actor actor)
    {
        if (Document is null)
        {
            return LiveAccess.None;
        }

        var cohort = await GrainFactory.GetGrain<ICohortTrustedGrain>(Document.CohortId).GetCohort();
        var person = cohort?.People.Find(p => p.UserId == actor.UserId);
        if (person is null)
        {
            return LiveAccess.None;
        }

        if (person.Role == CohortRole.Participant && cohort!.Teams.Exists(t => t.Id == Document.TeamId && t.MemberIds.Contains(actor.UserId)))
        {
            return new LiveAccess(true, true, person.Side);
        }

        return person.Role == CohortRole.Moderator ? new LiveAccess(true, false, null) : LiveAccess.None;
    }

    protected override (TeamReflection Document, TeamReflectionOp Committed) Apply(TeamReflection document, Actor actor, OpId id, long seq,
        TeamReflectionOp op, DateTimeOffset now)
    {
        if (op is not EditTeamReflection edit)
        {
            throw new HubRefusedException(ErrorCodes.Validation, "Ukendt operation. / Unknown operation.", "type");
        }

        var result = SharedText.Edit(document.Text, document.Texts, "text", edit.Base, edit.Op, id, seq, ReflectionLimits.TeamTextMax, "text");
        return (document with { Text = result.Text, Texts = result.History, UpdatedAt = now }, edit with { Base = seq - 1, Op = result.Committed });
    }

    protected override TeamReflectionSnapshot ToSnapshot(TeamReflection document, long seq) => new(seq, document);
}
