using System.Collections.Immutable;
using Hub.Contracts.Common;
using Hub.Contracts.Partnerships;
using Microsoft.Extensions.Options;

namespace Hub.Grains.Partnerships;

/// <summary>
/// The admins' directory of partnerships: the door (only admins search; only partnerships put their own line) in
/// front of a table that holds the lines (<see cref="IPartnershipDirectoryStore"/>). What the table cannot know —
/// who is connected now — comes from <see cref="ILivePartnershipsGrain"/> for the rows of the page only.
/// <para>
/// Until decision 017 the lines lived in this grain's own state, one row for all partnerships. The first
/// activation after the upgrade moves them into the table and clears that state, so the move happens once, in
/// place, before the grain answers anything; a crash half-way repeats it (putting a line is idempotent).
/// </para>
/// </summary>
public sealed class PartnershipDirectoryGrain(
    [PersistentState("partnership-directory", GrainStorage.Name)] IPersistentState<PartnershipDirectoryState> state,
    IPartnershipDirectoryStore store,
    IOptions<DirectoryOptions> options,
    TimeProvider clock) : Grain, IPartnershipDirectoryTrustedGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.RecordExists && state.State.Partnerships.Count > 0)
        {
            await store.Put([.. state.State.Partnerships.Values], cancellationToken);
            await state.ClearStateAsync(cancellationToken);
        }

        await base.OnActivateAsync(cancellationToken);
    }

    public Task Put(PartnershipListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return store.Put([listing]);
    }

    public async Task<DirectoryPage> Search(Actor actor, DirectoryQuery query)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsPlatformAdmin)
        {
            throw new HubRefusedException(ErrorCodes.Forbidden, "Kun for administratorer. / Admins only.");
        }

        if (query is null || query.Page < 1 || query.PageSize is < 1 or > DirectoryQuery.MaxPageSize
            || query.Text is { Length: > DirectoryQuery.MaxTextLength }
            || !Enum.IsDefined(query.Sort) || (query.Area is { } area && !Enum.IsDefined(area))
            || (query.Status is { } status && !Enum.IsDefined(status)))
        {
            throw new HubRefusedException(ErrorCodes.Validation, "Ugyldig søgning. / Invalid search.");
        }

        var days = options.Value.DormantAfterDays;
        var dormantBefore = clock.GetUtcNow() - TimeSpan.FromDays(days);
        var (rows, total) = await store.Search(query, dormantBefore);
        var live = await GrainFactory.GetGrain<ILivePartnershipsGrain>(0).Now([.. rows.Select(r => r.Listing.Id)]);
        return new DirectoryPage(
            [.. rows.Select(r =>
            {
                var now = live.GetValueOrDefault(r.Listing.Id);
                return new DirectoryRow(r.Listing, r.LastActivity, (r.LastActivity ?? r.Listing.CreatedAt) < dormantBefore,
                    now is not null, now?.People ?? 0);
            })],
            total, query.Page, query.PageSize, days);
    }
}

/// <summary>The directory's state before decision 017: read once, moved into the table, then cleared.</summary>
[GenerateSerializer, Alias("hub.PartnershipDirectoryState")]
public sealed class PartnershipDirectoryState
{
    [Id(0)] public Dictionary<Guid, PartnershipListing> Partnerships { get; set; } = [];
}
