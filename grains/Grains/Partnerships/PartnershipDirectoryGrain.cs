using System.Collections.Immutable;
using Hub.Contracts.Common;
using Hub.Contracts.Partnerships;

namespace Hub.Grains.Partnerships;

/// <summary>
/// The admins' directory of partnerships. Written only when a partnership's name, place, status or number of
/// members changes, which is rare next to everything else Hub does; a line is about a hundred bytes, so even
/// ten thousand partnerships keep the row at about a megabyte.
/// </summary>
public sealed class PartnershipDirectoryGrain(
    [PersistentState("partnership-directory", GrainStorage.Name)] IPersistentState<PartnershipDirectoryState> state) : Grain, IPartnershipDirectoryTrustedGrain
{
    public async Task Put(PartnershipListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        if (state.State.Partnerships.TryGetValue(listing.Id, out var existing) && existing == listing)
        {
            return;
        }

        state.State.Partnerships[listing.Id] = listing;
        await state.WriteStateAsync();
    }

    public Task<ImmutableArray<PartnershipListing>> List(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsPlatformAdmin)
        {
            throw new HubRefusedException(ErrorCodes.Forbidden, "Kun for administratorer. / Admins only.");
        }

        return Task.FromResult(state.State.Partnerships.Values
            .OrderBy(p => p.Municipality, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase)
            .ToImmutableArray());
    }
}

[GenerateSerializer, Alias("hub.PartnershipDirectoryState")]
public sealed class PartnershipDirectoryState
{
    [Id(0)] public Dictionary<Guid, PartnershipListing> Partnerships { get; set; } = [];
}
