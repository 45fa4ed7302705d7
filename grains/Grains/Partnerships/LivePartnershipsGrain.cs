using System.Collections.Immutable;

namespace Hub.Grains.Partnerships;

/// <summary>
/// Kept in memory only: what it knows is true for a minute at most, and every active document tells it again within
/// that minute, so after this grain moves (its silo died) it is whole again a minute later. A report older than
/// <see cref="Expiry"/> is from a document whose silo died without saying goodbye, and is forgotten.
/// </summary>
public sealed class LivePartnershipsGrain(TimeProvider clock) : Grain, ILivePartnershipsGrain
{
    /// <summary>Twice the longest time between two reports of an active document.</summary>
    public static readonly TimeSpan Expiry = TimeSpan.FromMinutes(2);

    private readonly Dictionary<Guid, Dictionary<string, (ImmutableArray<string> People, DateTimeOffset At)>> _live = [];

    public Task Report(Guid partnershipId, string document, ImmutableArray<string> people)
    {
        if (!_live.TryGetValue(partnershipId, out var documents))
        {
            _live[partnershipId] = documents = [];
        }

        documents[document] = (people.IsDefault ? [] : people, clock.GetUtcNow());
        return Task.CompletedTask;
    }

    public Task Gone(Guid partnershipId, string document)
    {
        if (_live.TryGetValue(partnershipId, out var documents) && documents.Remove(document) && documents.Count == 0)
        {
            _live.Remove(partnershipId);
        }

        return Task.CompletedTask;
    }

    public Task<ImmutableDictionary<Guid, LivePartnership>> Now(ImmutableArray<Guid> partnershipIds)
    {
        var fresh = clock.GetUtcNow() - Expiry;
        var answer = ImmutableDictionary.CreateBuilder<Guid, LivePartnership>();
        foreach (var id in partnershipIds.IsDefault ? [] : partnershipIds)
        {
            if (!_live.TryGetValue(id, out var documents))
            {
                continue;
            }

            var current = documents.Where(d => d.Value.At >= fresh).ToList();
            if (current.Count > 0)
            {
                answer[id] = new LivePartnership(current.Count, current.SelectMany(d => d.Value.People).Distinct(StringComparer.Ordinal).Count());
            }
        }

        return Task.FromResult(answer.ToImmutable());
    }
}
