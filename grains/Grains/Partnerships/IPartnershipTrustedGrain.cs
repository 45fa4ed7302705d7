using System.Collections.Immutable;
using Hub.Contracts.Common;
using Hub.Contracts.Partnerships;

namespace Hub.Grains.Partnerships;

/// <summary>
/// What only other grains may ask of a partnership: these calls carry no actor, because the caller has checked
/// one already (the invite grain holds the link; the user grain forgets its own person) or needs none (a board
/// reading the members to check its actors). Declared here, not in Hub.Contracts, so a web node cannot call them.
/// </summary>
[Alias("hub.IPartnershipTrustedGrain")]
public interface IPartnershipTrustedGrain : IPartnershipGrain
{
    /// <summary>Called by the invite grain: checks the invitation once more and adds the person.</summary>
    [Alias("AcceptInvite")]
    Task<PartnershipSnapshot> AcceptInvite(Guid inviteId, Actor actor, string? verifiedEmail);

    /// <summary>What an invitation shows before it is accepted (refused when it is no longer usable).</summary>
    [Alias("PreviewInvite")]
    Task<InvitePreview> PreviewInvite(Guid inviteId);

    /// <summary>A person deleted their account: remove them and anonymise their traces on every board.</summary>
    [Alias("ForgetPerson")]
    Task ForgetPerson(string userId);

    /// <summary>Every member: the partnership's boards ask, to decide who may read and write.</summary>
    [Alias("GetMembers")]
    Task<ImmutableArray<Member>> GetMembers();

    /// <summary>The boards, first the default one: a training cohort puts its teams' assignment cards there.</summary>
    [Alias("GetBoards")]
    Task<ImmutableArray<BoardRef>> GetBoards();

    /// <summary>What the partnership's boards and agreement need to decide access: members, parties, and whether it ended.</summary>
    [Alias("GetAccess")]
    Task<PartnershipAccess> GetAccess();

    /// <summary>The agreement froze a version every signing party approved: a draft partnership becomes active.</summary>
    [Alias("AgreementApproved")]
    Task AgreementApproved(int version);
}

/// <summary>Members, parties and status, as the partnership's live documents check access with them.</summary>
[GenerateSerializer, Immutable, Alias("hub.partnership-access")]
public sealed record PartnershipAccess(
    [property: Id(0)] ImmutableArray<Member> Members,
    [property: Id(1)] ImmutableArray<Party> Parties,
    [property: Id(2)] bool Ended)
{
    public static PartnershipAccess None { get; } = new([], [], false);
}
