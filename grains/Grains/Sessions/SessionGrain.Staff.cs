using System.Collections.Immutable;
using Hub.Contracts.Cohorts;
using Hub.Contracts.Common;
using Hub.Contracts.Partnerships;
using Hub.Contracts.Sessions;

namespace Hub.Grains.Sessions;

/// <summary>
/// Co-facilitators: the owner adds them from the people of the session's partnership or cohort (issue 13 item 1).
/// The reducer decides that only the owner may; this decides whom, since only the grain can ask the partnership or
/// cohort — and it takes the name from there, not from the page.
/// </summary>
public sealed partial class SessionGrain
{
    public async Task<ImmutableArray<SessionStaff>> CoFacilitatorCandidates(Actor actor)
    {
        if (await EnsureStaffAsync(actor) != SessionRole.Moderator)
        {
            throw new HubRefusedException(ErrorCodes.Forbidden, "Kun mødets ejer kan det. / Only the session's owner can do that.");
        }

        var session = Document!;
        return [.. (await EligibleAsync(actor)).Where(p => SessionReducer.RoleOf(session, p.UserId) is null && !session.Participants.Any(x => x.Id == p.UserId))];
    }

    /// <summary>The operation as it may be applied: an owner's AddCoFacilitator names someone eligible, with the name
    /// the partnership or cohort has for them; null when that person is not eligible. Anything else unchanged (the
    /// reducer refuses a co-facilitator or participant adding anyone).</summary>
    private async Task<SessionOp?> VetAsync(Actor actor, SessionOp op)
    {
        if (op is not AddCoFacilitator add || Document is not { } session || SessionReducer.RoleOf(session, actor.UserId) != SessionRole.Moderator)
        {
            return op;
        }

        var person = (await EligibleAsync(actor)).FirstOrDefault(p => p.UserId == add.UserId);
        return person is null ? null : add with { DisplayName = person.DisplayName };
    }

    /// <summary>The people who may co-facilitate, asked as the owner (a member of what the session belongs to).</summary>
    private async Task<ImmutableArray<SessionStaff>> EligibleAsync(Actor owner)
    {
        var by = Document!.Owner;
        if (by.CohortId is { } cohortId)
        {
            var cohort = await EnsureCohortReaderAsync(GrainFactory, cohortId, owner);
            return [.. cohort.People.Where(p => p.Role != CohortRole.Observer).Select(p => new SessionStaff(p.UserId, p.DisplayName, SessionRole.CoFacilitator))];
        }

        var partnership = await EnsurePartnershipMemberAsync(GrainFactory, by.PartnershipId!.Value, owner);
        return [.. partnership.Members.Where(m => m.Role != MemberRole.Observer).Select(m => new SessionStaff(m.UserId, m.DisplayName, SessionRole.CoFacilitator))];
    }
}
