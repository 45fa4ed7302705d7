using Hub.Contracts.Partnerships;

namespace Hub.Grains.Partnerships;

/// <summary>What only the partnership that made an invitation may tell its link.</summary>
[Alias("hub.IInviteTrustedGrain")]
public interface IInviteTrustedGrain : IInviteGrain
{
    [Alias("Register")]
    Task Register(Guid partnershipId, Guid inviteId);
}
