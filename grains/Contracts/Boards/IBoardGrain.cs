using System.Collections.Immutable;
using Hub.Contracts.Common;
using Hub.Contracts.Partnerships;
using Hub.Contracts.Live;

namespace Hub.Contracts.Boards;

/// <summary>One board of a partnership. Key: the board id.</summary>
[Alias("hub.IBoardGrain")]
public interface IBoardGrain : ILiveGrain<BoardOp, BoardSnapshot>
{
    /// <summary>Called once by the partnership that owns the board; sets up the default columns.</summary>
    [Alias("Initialize")]
    Task Initialize(Guid partnershipId, string name);

    /// <summary>The partnership's members changed, to these: access is checked with them from now on, and the open
    /// connections of anyone who may no longer read are revoked at once.</summary>
    [Alias("MembersChanged")]
    Task MembersChanged(ImmutableArray<Member> members);

    /// <summary>A person deleted their account: anonymise them on this board (a committed operation, so
    /// every open client sees it too).</summary>
    [Alias("ForgetPerson")]
    Task ForgetPerson(string userId);

    /// <summary>The current board for a reader (members of the partnership and platform admins).</summary>
    [Alias("GetSnapshot")]
    Task<BoardSnapshot> GetSnapshot(Actor actor);
}

/// <summary>A web node's subscription to boards.</summary>
[Alias("hub.IBoardObserver")]
public interface IBoardObserver : ILiveObserver<BoardOp>;
