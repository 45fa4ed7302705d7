using System.Collections.Immutable;
using System.Text.Json;
using Hub.Contracts.Common;
using Hub.Contracts.Live;
using Hub.Contracts.Partnerships;
using Hub.Contracts.Users;
using Hub.Grains.Partnerships;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Partnerships;

/// <summary>
/// The partnership grain on a two-silo cluster with Hub's real storage: what coordinators, members and
/// outsiders may do, what is refused (and that a refusal changes nothing), and that everything written
/// comes back from storage after a deactivation and after the whole cluster restarts.
/// </summary>
public abstract class PartnershipGrainTests<TCluster>(TCluster cluster) : IClassFixture<TCluster> where TCluster : GrainCluster
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private readonly Actor _coordinator = NewActor("Mette fra kommunen");

    private IGrainFactory Grains => cluster.Grains;

    public static TheoryData<string> InvalidDetailCases => [.. InvalidDetails.Keys];

    public static TheoryData<string> InvalidMemberCases => [.. InvalidMembers.Keys];

    [Fact]
    public async Task Create_ValidDetails_ReturnsSnapshotWithCreatorAsOnlyCoordinator()
    {
        var id = Guid.NewGuid();
        var details = ValidDetails();

        var created = await Grains.GetGrain<IPartnershipGrain>(id).Create(_coordinator, details, Side.Municipality);

        Assert.Equal(id, created.Id);
        // The parties come back as they were given, each with an id of its own (decision 027); a new partnership is a
        // draft until every party has approved its agreement (decision 028).
        AssertSame(details with { Parties = created.Details.Parties, Status = PartnershipStatus.Draft }, created.Details);
        Assert.Equal(details.Parties.Select(p => (p.Name, p.Side)), created.Details.Parties.Select(p => (p.Name, p.Side)));
        Assert.Equal(["p1", "p2", "p3"], created.Details.Parties.Select(p => p.PartyId));
        var member = Assert.Single(created.Members);
        Assert.Equal((_coordinator.UserId, _coordinator.DisplayName, Side.Municipality, MemberRole.Coordinator),
            (member.UserId, member.DisplayName, member.Side, member.Role));
        Assert.Equal(1, created.Version);
        Assert.Equal(created.CreatedAt, created.UpdatedAt);
    }

    [Fact]
    public async Task Get_Member_ReturnsWhatCreateReturned()
    {
        var (grain, created) = await CreateAsync();

        var read = await grain.Get(_coordinator);

        AssertSame(created, read);
    }

    [Fact]
    public async Task Create_ExistingPartnership_IsRefusedAsConflictAndKeepsTheFirst()
    {
        var (grain, created) = await CreateAsync();

        var refused = await Assert.ThrowsAsync<HubRefusedException>(
            () => grain.Create(NewActor("Anden"), ValidDetails() with { Name = "Overtaget" }, Side.VolunteerCentre));

        Assert.Equal(ErrorCodes.Conflict, refused.Code);
        AssertSame(created, await grain.Get(_coordinator));
    }

    [Fact]
    public async Task UpdateDetails_Coordinator_ChangesDetailsAndBumpsVersion()
    {
        var (grain, created) = await CreateAsync();
        var changed = created.Details with { Purpose = "Fælles aktiviteter hver uge", Status = PartnershipStatus.Paused };

        var updated = await grain.UpdateDetails(_coordinator, changed, expectedVersion: created.Version);

        AssertSame(changed, updated.Details);
        Assert.Equal(created.Version + 1, updated.Version);
        Assert.True(updated.UpdatedAt >= created.UpdatedAt);
        AssertSame(updated, await grain.Get(_coordinator));
    }

    [Fact]
    public async Task PutMember_NewPerson_AddsThemAndTheyCanRead()
    {
        var (grain, created) = await CreateAsync();
        var volunteer = NewActor("Jonas frivillig");

        var updated = await grain.PutMember(_coordinator, volunteer.UserId, volunteer.DisplayName, Side.VoluntaryOrganisation, MemberRole.Member);

        Assert.Equal(created.Version + 1, updated.Version);
        var member = Assert.Single(updated.Members, m => m.UserId == volunteer.UserId);
        Assert.Equal((Side.VoluntaryOrganisation, MemberRole.Member), (member.Side, member.Role));
        AssertSame(updated, await grain.Get(volunteer));
        Assert.Equal(member, Assert.Single(await Grains.GetGrain<IPartnershipTrustedGrain>(created.Id).GetMembers(), m => m.UserId == volunteer.UserId));
    }

    [Fact]
    public async Task PutMember_ExistingMember_ChangesSideAndRoleAndKeepsJoinedAt()
    {
        var (grain, _) = await CreateAsync();
        var person = NewActor("Sara");
        var added = await grain.PutMember(_coordinator, person.UserId, person.DisplayName, Side.VoluntaryOrganisation, MemberRole.Observer);

        var changed = await grain.PutMember(_coordinator, person.UserId, "Sara J.", Side.VolunteerCentre, MemberRole.Coordinator);

        Assert.Equal(2, changed.Members.Length);
        var before = added.Members.Single(m => m.UserId == person.UserId);
        var after = changed.Members.Single(m => m.UserId == person.UserId);
        Assert.Equal(("Sara J.", Side.VolunteerCentre, MemberRole.Coordinator, before.JoinedAt),
            (after.DisplayName, after.Side, after.Role, after.JoinedAt));
    }

    [Theory]
    [MemberData(nameof(InvalidDetailCases))]
    public async Task Create_InvalidDetails_IsRefusedNamingTheFieldAndCreatesNothing(string invalid)
    {
        var (field, spoil) = InvalidDetails[invalid];
        var grain = Grains.GetGrain<IPartnershipGrain>(Guid.NewGuid());

        var refused = await Assert.ThrowsAsync<HubRefusedException>(
            () => grain.Create(_coordinator, spoil(ValidDetails()), Side.Municipality));

        Assert.Equal((ErrorCodes.Validation, field), (refused.Code, refused.Field));
        Assert.Contains(" / ", refused.Message, StringComparison.Ordinal);
        var afterwards = await Assert.ThrowsAsync<HubRefusedException>(() => grain.Get(_coordinator));
        Assert.Equal(ErrorCodes.NotFound, afterwards.Code);
        Assert.Empty(await Grains.GetGrain<IUserGrain>(_coordinator.UserId).GetPartnerships(_coordinator));
    }

    [Theory]
    [MemberData(nameof(InvalidDetailCases))]
    public async Task UpdateDetails_InvalidDetails_IsRefusedNamingTheFieldAndChangesNothing(string invalid)
    {
        var (field, spoil) = InvalidDetails[invalid];
        var (grain, created) = await CreateAsync();

        var refused = await Assert.ThrowsAsync<HubRefusedException>(
            () => grain.UpdateDetails(_coordinator, spoil(created.Details), created.Version));

        Assert.Equal((ErrorCodes.Validation, field), (refused.Code, refused.Field));
        AssertSame(created, await grain.Get(_coordinator));
    }

    [Theory]
    [MemberData(nameof(InvalidMemberCases))]
    public async Task PutMember_InvalidMember_IsRefusedNamingTheFieldAndChangesNothing(string invalid)
    {
        var (field, member) = InvalidMembers[invalid];
        var (grain, created) = await CreateAsync();
        // The case "the last coordinator steps down" needs the coordinator's own id.
        var userId = member.UserId == "<coordinator>" ? _coordinator.UserId : member.UserId;

        var refused = await Assert.ThrowsAsync<HubRefusedException>(
            () => grain.PutMember(_coordinator, userId, member.DisplayName, member.Side, member.Role));

        Assert.Equal((ErrorCodes.Validation, field), (refused.Code, refused.Field));
        AssertSame(created, await grain.Get(_coordinator));
    }

    [Fact]
    public async Task Get_NonMember_IsRefusedExactlyLikeAPartnershipThatDoesNotExist()
    {
        var (grain, _) = await CreateAsync();
        var missing = Grains.GetGrain<IPartnershipGrain>(Guid.NewGuid());

        var outsider = await Assert.ThrowsAsync<HubRefusedException>(() => grain.Get(NewActor("Udenforstående")));
        var nothing = await Assert.ThrowsAsync<HubRefusedException>(() => missing.Get(_coordinator));

        Assert.Equal(ErrorCodes.NotFound, outsider.Code);
        Assert.Equal((nothing.Code, nothing.Message), (outsider.Code, outsider.Message));
    }

    [Fact]
    public async Task Get_PlatformAdmin_ReadsWithoutBeingAMember()
    {
        var (grain, created) = await CreateAsync();

        var read = await grain.Get(NewActor("Admin") with { IsPlatformAdmin = true });

        AssertSame(created, read);
    }

    [Fact]
    public async Task Directory_ListsEveryPartnershipForAdminsOnly_WithItsNameAndNumberOfMembersKeptUpToDate()
    {
        var (grain, created) = await CreateAsync(name: "Fællesskabet i Nordby");
        var volunteer = NewActor("Frivillig");
        await grain.PutMember(_coordinator, volunteer.UserId, volunteer.DisplayName, Side.VoluntaryOrganisation, MemberRole.Member);
        await grain.UpdateDetails(_coordinator, created.Details with { Name = "Fællesskabet i Sydby", Status = PartnershipStatus.Active }, null);
        var directory = Grains.GetGrain<IPartnershipDirectoryGrain>(IPartnershipDirectoryGrain.Key);

        var query = new DirectoryQuery("Sydby", null, null, false, DirectorySort.Name, false, 1, 50);
        var listed = (await directory.Search(NewActor("Admin") with { IsPlatformAdmin = true }, query)).Rows.Single(r => r.Listing.Id == created.Id).Listing;
        var refused = await Assert.ThrowsAsync<HubRefusedException>(() => directory.Search(_coordinator, query));

        Assert.Equal(("Fællesskabet i Sydby", created.Details.Municipality, PartnershipStatus.Active, 2), (listed.Name, listed.Municipality, listed.Status, listed.Members));
        Assert.Equal(ErrorCodes.Forbidden, refused.Code);
    }

    [Fact]
    public async Task UpdateDetails_NonMember_IsRefusedAsNotFoundAndChangesNothing()
    {
        var (grain, created) = await CreateAsync();

        var refused = await Assert.ThrowsAsync<HubRefusedException>(
            () => grain.UpdateDetails(NewActor("Udenforstående"), created.Details with { Name = "Kapret" }, null));

        Assert.Equal(ErrorCodes.NotFound, refused.Code);
        AssertSame(created, await grain.Get(_coordinator));
    }

    [Fact]
    public async Task UpdateDetails_MemberWhoIsNotCoordinator_IsRefusedAsForbiddenAndChangesNothing()
    {
        var (grain, _) = await CreateAsync();
        var member = NewActor("Jonas frivillig");
        var withMember = await grain.PutMember(_coordinator, member.UserId, member.DisplayName, Side.VoluntaryOrganisation, MemberRole.Member);

        var refused = await Assert.ThrowsAsync<HubRefusedException>(
            () => grain.UpdateDetails(member, withMember.Details with { Purpose = "Noget andet" }, withMember.Version));

        Assert.Equal(ErrorCodes.Forbidden, refused.Code);
        AssertSame(withMember, await grain.Get(_coordinator));
    }

    [Fact]
    public async Task PutMember_MemberWhoIsNotCoordinator_IsRefusedAsForbiddenAndChangesNothing()
    {
        var (grain, _) = await CreateAsync();
        var observer = NewActor("Observatør");
        var withObserver = await grain.PutMember(_coordinator, observer.UserId, observer.DisplayName, Side.Municipality, MemberRole.Observer);

        var refused = await Assert.ThrowsAsync<HubRefusedException>(
            () => grain.PutMember(observer, observer.UserId, observer.DisplayName, Side.Municipality, MemberRole.Coordinator));

        Assert.Equal(ErrorCodes.Forbidden, refused.Code);
        AssertSame(withObserver, await grain.Get(_coordinator));
    }

    [Fact]
    public async Task UpdateDetails_StaleExpectedVersion_IsRefusedAsConflictAndKeepsTheFirstChange()
    {
        var (grain, created) = await CreateAsync();
        var first = await grain.UpdateDetails(_coordinator, created.Details with { Purpose = "Først" }, created.Version);

        var refused = await Assert.ThrowsAsync<HubRefusedException>(
            () => grain.UpdateDetails(_coordinator, created.Details with { Purpose = "Bagefter, på et gammelt grundlag" }, created.Version));

        Assert.Equal(ErrorCodes.Conflict, refused.Code);
        AssertSame(first, await grain.Get(_coordinator));
    }

    [Fact]
    public async Task GetPartnerships_EachMember_ListsTheirPartnershipsWithTheirOwnRoleAndSide()
    {
        var coordinator = NewActor("Koordinator");
        var volunteer = NewActor("Frivillig");
        var (first, _) = await CreateAsync(coordinator, "A · Bisidderordning");
        var (second, _) = await CreateAsync(coordinator, "B · Væresteder");
        await second.PutMember(coordinator, volunteer.UserId, volunteer.DisplayName, Side.VoluntaryOrganisation, MemberRole.Member);

        var coordinatorsList = await Grains.GetGrain<IUserGrain>(coordinator.UserId).GetPartnerships(coordinator);
        var volunteersList = await Grains.GetGrain<IUserGrain>(volunteer.UserId).GetPartnerships(volunteer);

        Assert.Equal([(first.GetPrimaryKey(), "A · Bisidderordning", MemberRole.Coordinator, Side.Municipality),
                      (second.GetPrimaryKey(), "B · Væresteder", MemberRole.Coordinator, Side.Municipality)],
            coordinatorsList.Select(p => (p.Id, p.Name, p.Role, p.Side)));
        var only = Assert.Single(volunteersList);
        Assert.Equal((second.GetPrimaryKey(), MemberRole.Member, Side.VoluntaryOrganisation), (only.Id, only.Role, only.Side));
    }

    [Fact]
    public async Task UpdateDetails_NameAndStatusChanged_EveryMembersListShowsThem()
    {
        var (grain, created) = await CreateAsync();
        var member = NewActor("Jonas frivillig");
        var withMember = await grain.PutMember(_coordinator, member.UserId, member.DisplayName, Side.VoluntaryOrganisation, MemberRole.Member);

        await grain.UpdateDetails(_coordinator, withMember.Details with { Name = "Nyt navn", Status = PartnershipStatus.Ended }, null);

        foreach (var person in new[] { _coordinator, member })
        {
            var summary = Assert.Single(await Grains.GetGrain<IUserGrain>(person.UserId).GetPartnerships(person));
            Assert.Equal((created.Id, "Nyt navn", PartnershipStatus.Ended), (summary.Id, summary.Name, summary.Status));
        }
    }

    [Fact]
    public async Task Get_AfterDeactivation_ReturnsTheStoredState()
    {
        var (grain, created) = await CreateAsync();
        var member = NewActor("Jonas frivillig");
        await grain.PutMember(_coordinator, member.UserId, member.DisplayName, Side.VoluntaryOrganisation, MemberRole.Member);
        var written = await grain.UpdateDetails(_coordinator, created.Details with { SharedGoals = "Flere frivillige" }, null);

        Assert.True(cluster.Cluster.TryGetGrainContext(grain.GetGrainId(), out _));
        await cluster.Cluster.DeactivateAsync(grain);
        await Eventually.UntilAsync("the partnership grain is deactivated", TimeSpan.FromSeconds(30),
            () => Task.FromResult(!cluster.Cluster.TryGetGrainContext(grain.GetGrainId(), out _)));

        AssertSame(written, await grain.Get(member));
    }

    [Fact]
    public async Task Get_AfterClusterRestart_ReturnsTheStoredStateAndEveryMembersList()
    {
        var (grain, created) = await CreateAsync();
        var member = NewActor("Jonas frivillig");
        await grain.PutMember(_coordinator, member.UserId, member.DisplayName, Side.VoluntaryOrganisation, MemberRole.Observer);
        var written = await grain.UpdateDetails(_coordinator, created.Details with { TargetGroup = "Unge med angst" }, null);
        var lists = await Task.WhenAll(new[] { _coordinator, member }.Select(p => Grains.GetGrain<IUserGrain>(p.UserId).GetPartnerships(p)));

        await cluster.RestartAsync();

        // References belong to a client: after the restart, ask the new one.
        AssertSame(written, await Grains.GetGrain<IPartnershipGrain>(created.Id).Get(member));
        var listsAfter = await Task.WhenAll(new[] { _coordinator, member }.Select(p => Grains.GetGrain<IUserGrain>(p.UserId).GetPartnerships(p)));
        AssertSame(lists, listsAfter);
        var written2 = await Grains.GetGrain<IPartnershipGrain>(created.Id).UpdateDetails(_coordinator, written.Details with { Purpose = "Efter genstart" }, written.Version);
        Assert.Equal(written.Version + 1, written2.Version);
    }

    [Fact]
    public async Task Watch_ThenDetailsMembersAndBoardsChange_TellsTheWatcherEachNewVersion()
    {
        var (grain, created) = await CreateAsync();
        var watcher = new RecordingWatcher();
        var reference = Grains.CreateObjectReference<IPartnershipObserver>(watcher);
        await grain.Watch(reference, []);
        var member = NewActor("Jonas frivillig");

        var details = await grain.UpdateDetails(_coordinator, created.Details with { Purpose = "Gåture" }, null);
        var added = await grain.PutMember(_coordinator, member.UserId, member.DisplayName, Side.VoluntaryOrganisation, MemberRole.Member);
        var promoted = await grain.PutMember(_coordinator, member.UserId, member.DisplayName, Side.VoluntaryOrganisation, MemberRole.Coordinator);
        await grain.AddBoard(_coordinator, "Sommerfest");
        var afterBoard = await grain.Get(_coordinator);
        var removed = await grain.RemoveMember(_coordinator, member.UserId);

        int[] expected = [details.Version, added.Version, promoted.Version, afterBoard.Version, removed.Version];
        await Eventually.UntilAsync("every change told", TimeSpan.FromSeconds(10), () => Task.FromResult(watcher.Versions.Length >= expected.Length));
        Assert.Equal(expected, watcher.Versions);
        Assert.All(watcher.Ids, id => Assert.Equal(created.Id, id));
    }

    [Fact]
    public async Task Watch_ConnectionsOfAMemberAnOutsiderAndARemovedMember_AnswersTheTwoWhoMayNotRead()
    {
        var (grain, _) = await CreateAsync();
        var member = NewActor("Jonas frivillig");
        var removed = NewActor("Karen tidligere");
        await grain.PutMember(_coordinator, member.UserId, member.DisplayName, Side.VoluntaryOrganisation, MemberRole.Member);
        await grain.PutMember(_coordinator, removed.UserId, removed.DisplayName, Side.VoluntaryOrganisation, MemberRole.Member);
        await grain.RemoveMember(_coordinator, removed.UserId);
        var reference = Grains.CreateObjectReference<IPartnershipObserver>(new RecordingWatcher());

        var revoked = await grain.Watch(reference, [
            new LiveConnection("c-coordinator", _coordinator), new LiveConnection("c-member", member),
            new LiveConnection("c-outsider", NewActor("Udefra")), new LiveConnection("c-removed", removed)]);

        Assert.Equal(["c-outsider", "c-removed"], revoked.Order());
    }

    /// <summary>A web node's watch, recorded.</summary>
    private sealed class RecordingWatcher : IPartnershipObserver
    {
        private readonly List<(Guid Id, int Version)> _told = [];

        public ImmutableArray<int> Versions
        {
            get
            {
                lock (_told)
                {
                    return [.. _told.Select(t => t.Version)];
                }
            }
        }

        public ImmutableArray<Guid> Ids
        {
            get
            {
                lock (_told)
                {
                    return [.. _told.Select(t => t.Id)];
                }
            }
        }

        public Task Changed(Guid partnershipId, int version)
        {
            lock (_told)
            {
                _told.Add((partnershipId, version));
            }

            return Task.CompletedTask;
        }
    }

    private async Task<(IPartnershipGrain Grain, PartnershipSnapshot Created)> CreateAsync(Actor? creator = null, string? name = null)
    {
        var grain = Grains.GetGrain<IPartnershipGrain>(Guid.NewGuid());
        var details = name is null ? ValidDetails() : ValidDetails() with { Name = name };
        return (grain, await grain.Create(creator ?? _coordinator, details, Side.Municipality));
    }

    private static Actor NewActor(string displayName) => new(Guid.NewGuid().ToString("N"), displayName);

    private static PartnershipDetails ValidDetails() => new()
    {
        Name = "Sammen om socialpsykiatrien",
        Municipality = "Aarhus Kommune",
        Area = PartnershipArea.SocialPsychiatry,
        Parties =
        [
            new Party("Socialpsykiatrien Aarhus", Side.Municipality),
            new Party("Foreningen Bisidderne", Side.VoluntaryOrganisation),
            new Party("Frivilligcenter Aarhus", Side.VolunteerCentre),
        ],
        Purpose = "At borgere i socialpsykiatrien får et fællesskab uden for tilbuddet.",
        TargetGroup = "Voksne i bostøtte",
        SharedGoals = "Et fast ugentligt tilbud",
        MunicipalityGoals = "Færre ensomme borgere",
        VoluntaryGoals = "Flere aktive frivillige",
        StartsOn = new DateOnly(2026, 1, 1),
        EndsOn = new DateOnly(2026, 12, 31),
        Status = PartnershipStatus.Active,
    };

    /// <summary>Records holding arrays compare by reference, and every grain call copies: compare as JSON.</summary>
    private static void AssertSame<T>(T expected, T actual) =>
        Assert.Equal(JsonSerializer.Serialize(expected, Json), JsonSerializer.Serialize(actual, Json));

    private static readonly Dictionary<string, (string Field, Func<PartnershipDetails, PartnershipDetails> Spoil)> InvalidDetails = new()
    {
        ["name blank"] = ("name", d => d with { Name = "   " }),
        ["name too long"] = ("name", d => d with { Name = new string('n', PartnershipRules.NameMax + 1) }),
        ["municipality empty"] = ("municipality", d => d with { Municipality = "" }),
        ["municipality too long"] = ("municipality", d => d with { Municipality = new string('m', PartnershipRules.MunicipalityMax + 1) }),
        ["area unknown"] = ("area", d => d with { Area = (PartnershipArea)42 }),
        ["status unknown"] = ("status", d => d with { Status = (PartnershipStatus)42 }),
        ["purpose too long"] = ("purpose", d => d with { Purpose = new string('p', PartnershipRules.LongTextMax + 1) }),
        ["target group too long"] = ("targetGroup", d => d with { TargetGroup = new string('t', PartnershipRules.LongTextMax + 1) }),
        ["shared goals too long"] = ("sharedGoals", d => d with { SharedGoals = new string('s', PartnershipRules.LongTextMax + 1) }),
        ["too many parties"] = ("parties", d => d with
        {
            Parties = [.. Enumerable.Range(0, PartnershipRules.PartiesMax + 1).Select(i => new Party($"Forening {i}", Side.VoluntaryOrganisation))],
        }),
        ["party without name"] = ("parties", d => d with { Parties = [new Party(" ", Side.Municipality)] }),
        ["party name too long"] = ("parties", d => d with { Parties = [new Party(new string('f', PartnershipRules.PartyNameMax + 1), Side.Municipality)] }),
        ["party side unknown"] = ("parties", d => d with { Parties = [new Party("Forening", (Side)42)] }),
        ["ends before it starts"] = ("endsOn", d => d with { StartsOn = new DateOnly(2026, 6, 1), EndsOn = new DateOnly(2026, 5, 31) }),
    };

    private static readonly Dictionary<string, (string Field, Member Member)> InvalidMembers = new()
    {
        ["no person"] = ("userId", new Member(" ", "Navn", Side.Municipality, MemberRole.Member, default)),
        ["no name"] = ("displayName", new Member("someone", "", Side.Municipality, MemberRole.Member, default)),
        ["name too long"] = ("displayName", new Member("someone", new string('d', PartnershipRules.DisplayNameMax + 1), Side.Municipality, MemberRole.Member, default)),
        ["side unknown"] = ("side", new Member("someone", "Navn", (Side)42, MemberRole.Member, default)),
        ["role unknown"] = ("role", new Member("someone", "Navn", Side.Municipality, (MemberRole)42, default)),
        ["last coordinator steps down"] = ("role", new Member("<coordinator>", "Mette", Side.Municipality, MemberRole.Member, default)),
    };
}

[Trait("Tier", "Fast")]
public sealed class PartnershipGrainOnSqliteTests(SqliteGrainCluster cluster) : PartnershipGrainTests<SqliteGrainCluster>(cluster);

public sealed class PartnershipGrainOnPostgresTests(PostgresGrainCluster cluster) : PartnershipGrainTests<PostgresGrainCluster>(cluster);
