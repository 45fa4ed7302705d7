using Hub.Contracts.Common;
using Hub.Contracts.Partnerships;

namespace Hub.Grains.Partnerships;

[GenerateSerializer, Alias("hub.InviteState")]
public sealed class InviteState
{
    [Id(0)] public Guid PartnershipId { get; set; }
    [Id(1)] public Guid InviteId { get; set; }
}

/// <summary>The link's way in: knows only which partnership and invitation a secret belongs to. Whether the
/// invitation is still usable is the partnership's decision.</summary>
public sealed class InviteGrain(
    [PersistentState("invite", GrainStorage.Name)] IPersistentState<InviteState> state) : Grain, IInviteTrustedGrain
{
    public async Task Register(Guid partnershipId, Guid inviteId)
    {
        if (state.RecordExists)
        {
            throw new HubRefusedException(ErrorCodes.Conflict, "Invitationen findes allerede. / The invitation already exists.");
        }

        (state.State.PartnershipId, state.State.InviteId) = (partnershipId, inviteId);
        await state.WriteStateAsync();
    }

    public Task<InvitePreview> Preview() => Partnership().PreviewInvite(state.State.InviteId);

    public Task<PartnershipSnapshot> Accept(Actor actor, string? verifiedEmail) =>
        Partnership().AcceptInvite(state.State.InviteId, actor, verifiedEmail);

    private IPartnershipTrustedGrain Partnership()
    {
        if (!state.RecordExists)
        {
            throw new HubRefusedException(ErrorCodes.NotFound,
                "Invitationen findes ikke, er brugt eller er udløbet. / The invitation does not exist, is used up or has expired.");
        }

        return GrainFactory.GetGrain<IPartnershipTrustedGrain>(state.State.PartnershipId);
    }
}
