using System.Collections.Immutable;
using Hub.Contracts.Common;
using Hub.Contracts.Live;

namespace Hub.Contracts.Boards;

/// <summary>One board of a partnership, as people use it (what its partnership tells it is in
/// <c>Hub.Grains.Boards.IBoardTrustedGrain</c>). Key: the board id.</summary>
[Alias("hub.IBoardGrain")]
public interface IBoardGrain : ILiveGrain<BoardOp, BoardSnapshot>
{
    /// <summary>The current board for a reader (members of the partnership and platform admins).</summary>
    [Alias("GetSnapshot")]
    Task<BoardSnapshot> GetSnapshot(Actor actor);

    /// <summary>The cards whose title, description, place, tasks or labels contain <paramref name="query"/> (ignoring case), for a reader; refused as not found for anyone else.</summary>
    [Alias("Search")]
    Task<ImmutableArray<CardSearchHit>> Search(Actor actor, string query);
}

/// <summary>A web node's subscription to boards.</summary>
[Alias("hub.IBoardObserver")]
public interface IBoardObserver : ILiveObserver<BoardOp>;
