using System.Collections.Immutable;
using Hub.Contracts.Audit;
using Hub.Contracts.Common;
using Hub.Contracts.Partnerships;
using Hub.Grains.Agreements;
using Hub.Grains.Boards;
using Hub.Grains.Users;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Grains.Partnerships;

/// <summary>How often an ended partnership looks whether its retention period is over.</summary>
public sealed class RetentionOptions
{
    public TimeSpan CheckPeriod { get; set; } = TimeSpan.FromHours(6);
}

/// <summary>
/// Parties as entities (decision 027) and the lifecycle with its retention (decision 028): a partnership from before
/// parties had ids gets them on activation; a draft becomes active when the agreement says every signing party
/// approved; an ended one is read-only and, after its retention period, a reminder anonymises its people.
/// </summary>
public sealed partial class PartnershipGrain : IRemindable
{
    /// <summary>Tests put a clock they move under this key; the retention period is days long.</summary>
    public const string ClockKey = "partnerships";

    public const string RetentionReminder = "partnership-retention";

    private TimeProvider LifecycleClock => ServiceProvider.GetKeyedService<TimeProvider>(ClockKey) ?? clock;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        if (Exists && Parties.NeedsMigration(S.Details!, S.Members))
        {
            var (parties, members) = Parties.Migrate(S.Details!, S.Members);
            S.Details = S.Details! with { Parties = parties };
            S.Members = members;
            Touch();
            await state.WriteStateAsync();
            var unmatched = members.Count(m => m.PartyId is null);
            await AuditTrail.Partnership(GrainFactory, Id, clock.GetUtcNow(), AuditActions.PartiesMigrated, SystemActor, $"partnership:{Id}",
                $"{parties.Length} parties, {unmatched} members to choose");
        }
    }

    private static Actor SystemActor { get; } = new(Boards.BoardReducer.SystemUserId, "Hub");

    public async Task<PartnershipSnapshot> SetMemberParty(Actor actor, string userId, string partyId)
    {
        EnsureCanRead(actor);
        var member = S.Members.Find(m => m.UserId == userId)
            ?? throw new HubRefusedException(ErrorCodes.NotFound, "Personen er ikke med i partnerskabet. / The person is not a member.", "userId");
        var isCoordinator = S.Members.Exists(m => m.UserId == actor.UserId && m.Role == MemberRole.Coordinator);
        if (!isCoordinator && !(actor.UserId == userId && member.PartyId is null))
        {
            throw new HubRefusedException(ErrorCodes.Forbidden,
                "Kun koordinatorer kan flytte en deltager til en anden part. / Only coordinators can move a member to another party.");
        }

        var party = S.Details!.Parties.FirstOrDefault(p => p.PartyId == partyId)
            ?? throw new HubRefusedException(ErrorCodes.Validation, "Parten findes ikke. / The party does not exist.", "partyId");
        var moved = member with { PartyId = party.PartyId, Side = party.Side };
        if (moved == member)
        {
            return Snapshot();
        }

        await SetMember(moved, actor, AuditActions.PartyChosen);
        return Snapshot();
    }

    public async Task<PartnershipSnapshot> SetFieldRole(Actor actor, string userId, FieldRole fieldRole)
    {
        EnsureCanRead(actor);
        PartnershipRules.Defined(fieldRole, "fieldRole");
        var member = S.Members.Find(m => m.UserId == userId)
            ?? throw new HubRefusedException(ErrorCodes.NotFound, "Personen er ikke med i partnerskabet. / The person is not a member.", "userId");
        if (actor.UserId != userId && !S.Members.Exists(m => m.UserId == actor.UserId && m.Role == MemberRole.Coordinator))
        {
            throw new HubRefusedException(ErrorCodes.Forbidden, "Kun koordinatorer kan gøre det. / Only coordinators can do that.");
        }

        if (member.FieldRole != fieldRole)
        {
            S.Members = [.. S.Members.Select(m => m.UserId == userId ? m with { FieldRole = fieldRole } : m)];
            Touch();
            await state.WriteStateAsync();
            Publish();
        }

        return Snapshot();
    }

    public async Task AgreementApproved(int version)
    {
        if (!Exists || S.Details!.Status != PartnershipStatus.Draft)
        {
            return;
        }

        S.Details = S.Details with { Status = PartnershipStatus.Active };
        Touch();
        await state.WriteStateAsync();
        Publish();
        await PublishSummaries();
        await ListInDirectory();
        await AuditTrail.Partnership(GrainFactory, Id, clock.GetUtcNow(), AuditActions.StatusChanged, SystemActor, $"partnership:{Id}",
            $"{PartnershipStatus.Draft} → {PartnershipStatus.Active} (agreement version {version})");
    }

    /// <summary>Draft, active and paused move freely among themselves (a draft becomes active by itself when every
    /// party approved, and coordinators may say so earlier); ended is final.</summary>
    private static void EnsureStatusChange(PartnershipStatus from, PartnershipStatus to)
    {
        if (from == PartnershipStatus.Ended && to != PartnershipStatus.Ended)
        {
            throw new HubRefusedException(ErrorCodes.Ended,
                "Partnerskabet er afsluttet og kan ikke startes igen; opret et nyt. / The partnership has ended and cannot be restarted; create a new one.",
                "status");
        }
    }

    private async Task ScheduleRetention()
    {
        var period = ServiceProvider.GetService<Microsoft.Extensions.Options.IOptions<RetentionOptions>>()?.Value.CheckPeriod ?? TimeSpan.FromHours(6);
        await this.RegisterOrUpdateReminder(RetentionReminder, period, period);
    }

    /// <summary>
    /// Ticks while the partnership is ended and not yet purged; the partnership's own clock, not Orleans' timer,
    /// decides when the retention period is over (it can change while the partnership waits).
    /// </summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != RetentionReminder)
        {
            return;
        }

        if (Exists && S.PurgedAt is null && S.EndedAt is { } ended)
        {
            if (LifecycleClock.GetUtcNow() < ended.AddDays(S.Details!.RetentionDays))
            {
                return;
            }

            await Purge();
        }

        if (await this.GetReminder(RetentionReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>
    /// The retention period is over: every member's name leaves the boards and the agreement (as when they delete
    /// their account), the partnership leaves their lists, its invitations go, and only platform admins can still
    /// see that it existed, with its boards' anonymous content. Each step is idempotent, so a purge cut short by a
    /// crash is finished by the next tick: the purge is marked only after the last step.
    /// </summary>
    private async Task Purge()
    {
        var people = S.Members.Select(m => m.UserId).ToList();
        foreach (var userId in people)
        {
            await Task.WhenAll(S.Boards.Select(b => GrainFactory.GetGrain<IBoardTrustedGrain>(b.BoardId).ForgetPerson(userId)));
            await GrainFactory.GetGrain<IAgreementTrustedGrain>(Id).ForgetPerson(userId);
            await GrainFactory.GetGrain<IUserTrustedGrain>(userId).RemovePartnership(Id);
        }

        S.Members = [];
        S.Invites = [];
        S.Details = S.Details! with { Parties = [.. S.Details.Parties.Select(p => p with { Contacts = [] })] };
        S.PurgedAt = LifecycleClock.GetUtcNow();
        Touch();
        await state.WriteStateAsync();
        Publish();
        await LiveDocumentsMembersChanged();
        await ListInDirectory();
        await AuditTrail.Partnership(GrainFactory, Id, clock.GetUtcNow(), AuditActions.PartnershipPurged, SystemActor, $"partnership:{Id}",
            $"{people.Count} members anonymised after {S.Details.RetentionDays} days");
    }

    /// <summary>The creator's party: the first of their side, or a new one named for the municipality or the kind.</summary>
    private static ImmutableArray<Party> WithPartyFor(ImmutableArray<Party> parties, Side side, string municipality) =>
        parties.Any(p => p.Side == side) ? parties : parties.Add(Parties.New(Parties.DefaultName(side, municipality), side, parties));
}

/// <summary>Pure rules for parties: ids, matching members to parties, and migrating free-text parties.</summary>
public static class Parties
{
    /// <summary>Gives every party without an id one: the id of the existing party of the same name and kind, or a new one.</summary>
    public static ImmutableArray<Party> Normalise(ImmutableArray<Party> incoming, ImmutableArray<Party> existing)
    {
        var result = ImmutableArray.CreateBuilder<Party>();
        var known = existing.IsDefault ? [] : existing;
        foreach (var party in incoming)
        {
            var contacts = party.Contacts.IsDefault ? [] : party.Contacts.Distinct().ToImmutableArray();
            var id = party.PartyId ?? "";
            if (id.Length == 0)
            {
                id = known.FirstOrDefault(p => p.Name == party.Name && p.Side == party.Side && !result.Any(r => r.PartyId == p.PartyId))?.PartyId ?? "";
            }

            if (id.Length == 0)
            {
                id = NewId([.. result, .. known]);
            }

            result.Add(party with { PartyId = id, Contacts = contacts, CoSigns = party.Side == Side.VolunteerCentre && party.CoSigns });
        }

        return result.ToImmutable();
    }

    public static Party New(string name, Side side, ImmutableArray<Party> others) => new(name, side) { PartyId = NewId(others) };

    public static string DefaultName(Side side, string municipality) => side switch
    {
        Side.Municipality => municipality,
        Side.VolunteerCentre => "Frivilligcenter",
        _ => "Frivillig organisation",
    };

    /// <summary>The party a member of this side belongs to when there is exactly one such party; else null (they choose).</summary>
    public static string? Only(ImmutableArray<Party> parties, Side side)
    {
        var ofSide = parties.Where(p => p.Side == side).Take(2).ToList();
        return ofSide.Count == 1 ? ofSide[0].PartyId : null;
    }

    public static void EnsureContactsAreMembers(ImmutableArray<Party> parties, IReadOnlyCollection<Member> members)
    {
        foreach (var party in parties)
        {
            foreach (var contact in party.Contacts)
            {
                if (!members.Any(m => m.UserId == contact && m.Role != MemberRole.Observer))
                {
                    throw new HubRefusedException(ErrorCodes.Validation,
                        "En kontaktperson skal være deltager (ikke kun læser). / A contact person must be a member (not only an observer).", "parties");
                }
            }
        }
    }

    public static bool NeedsMigration(PartnershipDetails details, IReadOnlyCollection<Member> members) =>
        details.Parties.IsDefault || details.Parties.Any(p => string.IsNullOrEmpty(p.PartyId) || p.Contacts.IsDefault)
        || members.Any(m => m.PartyId is null && Only(details.Parties, m.Side) is not null)
        || members.Any(m => m.PartyId is null && !details.Parties.Any(p => p.Side == m.Side));

    /// <summary>
    /// A partnership from before parties were entities: a party per distinct free-text name and kind (ids given), a
    /// party for every side that has members but no party (named for the municipality or the kind), and every member
    /// put in the only party of their side; members of a side with several parties stay without one and choose.
    /// </summary>
    public static (ImmutableArray<Party> Parties, List<Member> Members) Migrate(PartnershipDetails details, IReadOnlyCollection<Member> members)
    {
        var distinct = (details.Parties.IsDefault ? [] : details.Parties)
            .Select(p => p with { Contacts = p.Contacts.IsDefault ? [] : p.Contacts, PartyId = p.PartyId ?? "" })
            .DistinctBy(p => (p.Name.Trim(), p.Side)).ToImmutableArray();
        var parties = Normalise(distinct, []);
        foreach (var side in members.Select(m => m.Side).Distinct().Where(s => !parties.Any(p => p.Side == s)).Order())
        {
            parties = parties.Add(New(DefaultName(side, details.Municipality), side, parties));
        }

        var migrated = members.Select(m => m.PartyId is { } p && parties.Any(x => x.PartyId == p) ? m : m with { PartyId = Only(parties, m.Side) }).ToList();
        return (parties, migrated);
    }

    private static string NewId(IEnumerable<Party> taken)
    {
        var used = taken.Select(p => p.PartyId).ToHashSet();
        for (var n = 1; ; n++)
        {
            var id = $"p{n}";
            if (!used.Contains(id))
            {
                return id;
            }
        }
    }
}
