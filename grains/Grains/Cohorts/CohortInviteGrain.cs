using Hub.Contracts.Cohorts;
using Hub.Contracts.Common;

namespace Hub.Grains.Cohorts;

[GenerateSerializer, Alias("hub.CohortInviteState")]
public sealed class CohortInviteState
{
    [Id(0)] public Guid CohortId { get; set; }
    [Id(1)] public Guid InviteId { get; set; }
}

/// <summary>A cohort link's way in, as <see cref="Partnerships.InviteGrain"/> is a partnership's: knows only which cohort
/// and invitation a secret belongs to. Whether the invitation is still usable is the cohort's decision.</summary>
public sealed class CohortInviteGrain(
    [PersistentState("cohort-invite", GrainStorage.Name)] IPersistentState<CohortInviteState> state) : Grain, ICohortInviteGrain, ICohortInviteTrustedGrain
{
    public async Task Register(Guid cohortId, Guid inviteId)
    {
        if (state.RecordExists)
        {
            throw new HubRefusedException(ErrorCodes.Conflict, "Invitationen findes allerede. / The invitation already exists.");
        }

        (state.State.CohortId, state.State.InviteId) = (cohortId, inviteId);
        await state.WriteStateAsync();
    }

    public Task<CohortInvitePreview> Preview() => Cohort().PreviewInvite(state.State.InviteId);

    public Task<CohortSummary> Accept(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return Cohort().AcceptInvite(state.State.InviteId, actor);
    }

    private ICohortTrustedGrain Cohort()
    {
        if (!state.RecordExists)
        {
            throw new HubRefusedException(ErrorCodes.NotFound,
                "Invitationen findes ikke, er brugt eller er udløbet. / The invitation does not exist, is used up or has expired.");
        }

        return GrainFactory.GetGrain<ICohortTrustedGrain>(state.State.CohortId);
    }
}
