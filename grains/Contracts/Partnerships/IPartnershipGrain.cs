using System.Collections.Immutable;
using Hub.Contracts.Common;
using Hub.Contracts.Live;

namespace Hub.Contracts.Partnerships;

/// <summary>One partnership between a municipality and voluntary organisations, as people use it: every call
/// carries the actor and the grain checks it. Key: the partnership id. What only other grains may ask is in
/// <c>Hub.Grains.Partnerships.IPartnershipTrustedGrain</c>, out of the web node's reach.</summary>
[Alias("hub.IPartnershipGrain")]
public interface IPartnershipGrain : IGrainWithGuidKey
{
    /// <summary>Creates the partnership with the actor as its first coordinator, on the given side, and its
    /// first board.</summary>
    [Alias("Create")]
    Task<PartnershipSnapshot> Create(Actor actor, PartnershipDetails details, Side creatorSide);

    /// <summary>Members and platform admins may read; anyone else is refused as if it did not exist.</summary>
    [Alias("Get")]
    Task<PartnershipSnapshot> Get(Actor actor);

    /// <summary>Coordinators change the details. <paramref name="expectedVersion"/> guards against overwriting
    /// someone else's change made since the caller read it; null skips the check.</summary>
    [Alias("UpdateDetails")]
    Task<PartnershipSnapshot> UpdateDetails(Actor actor, PartnershipDetails details, int? expectedVersion);

    /// <summary>Coordinators add a person (or change the side and role of one who is already a member).</summary>
    [Alias("PutMember")]
    Task<PartnershipSnapshot> PutMember(Actor actor, string userId, string displayName, Side side, MemberRole role);

    /// <summary>Coordinators remove a member (not the last coordinator). Their live connections lose the
    /// partnership's boards within seconds.</summary>
    [Alias("RemoveMember")]
    Task<PartnershipSnapshot> RemoveMember(Actor actor, string userId);

    /// <summary>Coordinators create an invitation link; the returned secret is shown once and never stored.</summary>
    [Alias("CreateInvite")]
    Task<CreatedInvite> CreateInvite(Actor actor, InviteRequest request);

    /// <summary>Coordinators invite a person by e-mail address: a single-use invitation only an account with that
    /// address, verified, can accept. The caller mails the secret to the address; nothing says whether it has an account.</summary>
    [Alias("InviteByEmail")]
    Task<CreatedInvite> InviteByEmail(Actor actor, string email, Side side, MemberRole role);

    [Alias("ListInvites")]
    Task<ImmutableArray<Invite>> ListInvites(Actor actor);

    [Alias("RevokeInvite")]
    Task<Invite> RevokeInvite(Actor actor, Guid inviteId);

    /// <summary>Members and coordinators add a board; it starts with the default columns.</summary>
    [Alias("AddBoard")]
    Task<BoardRef> AddBoard(Actor actor, string name);

    /// <summary>A platform admin makes a member the coordinator of a partnership that has none (its only coordinator
    /// deleted their account); refused (conflict) while it has one. Audited.</summary>
    [Alias("AppointCoordinator")]
    Task<PartnershipSnapshot> AppointCoordinator(Actor actor, string userId);

    /// <summary>Puts a member in a party (and on its side). Coordinators for anyone; a member for themselves only
    /// while they belong to none (a partnership from before parties were entities asks them on their next visit).</summary>
    [Alias("SetMemberParty")]
    Task<PartnershipSnapshot> SetMemberParty(Actor actor, string userId, string partyId);

    /// <summary>A member's role in the field (frivilligkoordinator, fagperson …): their own, or anyone's for coordinators.</summary>
    [Alias("SetFieldRole")]
    Task<PartnershipSnapshot> SetFieldRole(Actor actor, string userId, FieldRole fieldRole);

    /// <summary>
    /// A web node watches the partnership for its open pages (renewed every few seconds; forgotten after 30 s
    /// without). Like <c>ILiveGrain.Subscribe</c> it carries no actor of its own: it names the node's connections and
    /// their people, and answers with those that may no longer read, which the node then drops.
    /// </summary>
    [Alias("Watch")]
    Task<ImmutableArray<string>> Watch(IPartnershipObserver observer, ImmutableArray<LiveConnection> connections);

    [Alias("Unwatch")]
    Task Unwatch(IPartnershipObserver observer);
}
