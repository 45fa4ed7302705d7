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

    /// <summary>The board's recent operations, newest first (at most <see cref="BoardLimits.HistoryMax"/>), with who
    /// made them by name, for a reader; refused as not found for anyone else.</summary>
    [Alias("History")]
    Task<ImmutableArray<Committed<BoardOp>>> History(Actor actor);

    /// <summary>Makes a new, empty board into one of the <see cref="BoardTemplates"/>, as operations by the actor (who
    /// must be able to write). A board that has cards is refused (conflict); a retry finds its operations done.</summary>
    [Alias("ApplyTemplate")]
    Task ApplyTemplate(Actor actor, string template);
}

/// <summary>A web node's subscription to boards.</summary>
[Alias("hub.IBoardObserver")]
public interface IBoardObserver : ILiveObserver<BoardOp>;
