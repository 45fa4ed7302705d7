using CsCheck;
using Hub.Contracts.Cohorts;
using Hub.Contracts.Common;
using Hub.Contracts.Partnerships;
using Hub.Grains.Cohorts;

namespace Hub.Tests.Cohorts;

/// <summary>The team composer's promises, as properties over random cohorts (CsCheck), and a few cases by hand.</summary>
[Trait("Tier", "Fast")]
public sealed class TeamComposerTests
{
    private static readonly Guid[] Partnerships = [.. Enumerable.Range(1, 5).Select(i => new Guid(i, 0, 0, new byte[8]))];

    /// <summary>Up to 60 participants, any side, from one of five partnerships or none.</summary>
    private static readonly Gen<TeamCandidate[]> Participants =
        Gen.Select(Gen.Enum<Side>(), Gen.Int[0, Partnerships.Length]).Array[0, 60]
            .Select(people => people.Select((p, i) => new TeamCandidate($"p{i}", p.Item1, p.Item2 == 0 ? null : Partnerships[p.Item2 - 1])).ToArray());

    private static readonly Gen<(TeamCandidate[], int, int)> Cases =
        Gen.Select(Participants, Gen.Int[CohortLimits.TeamSizeMin, 8], Gen.Int);

    [Fact]
    public void Propose_AnyCohort_PlacesEveryoneExactlyOnce() =>
        Cases.Sample((people, size, seed) =>
        {
            var proposal = TeamComposer.Propose(people, size, seed);

            var placed = proposal.Teams.SelectMany(t => t.Team.MemberIds).ToList();
            Assert.Equal(people.Select(p => p.UserId).Order(), placed.Order());
        }, iter: 2000);

    [Fact]
    public void Propose_BothSidesAtLeastAsManyAsTeams_MixesEveryTeam() =>
        Cases.Sample((people, size, seed) =>
        {
            var proposal = TeamComposer.Propose(people, size, seed);

            var staff = people.Count(p => CohortRules.IsStaff(p.Side));
            var civil = people.Length - staff;
            var sides = proposal.Teams.Select(t => t.Team.MemberIds.Select(id => CohortRules.IsStaff(people.Single(p => p.UserId == id).Side)).ToHashSet());
            Assert.All(proposal.Teams.Zip(sides), t => Assert.Equal(t.Second.Count == 2, t.First.Mixed));
            if (staff >= proposal.Teams.Length && civil >= proposal.Teams.Length)
            {
                Assert.All(proposal.Teams, t => Assert.True(t.Mixed, $"{t.Team.Name} is not mixed: {t.Reason}"));
            }
        }, iter: 2000);

    [Fact]
    public void Propose_AnyCohort_KeepsTeamsWithinTheSizeAndSaysWhyATeamIsNotMixed() =>
        Cases.Sample((people, size, seed) =>
        {
            var proposal = TeamComposer.Propose(people, size, seed);

            Assert.Equal((people.Length + size - 1) / size, proposal.Teams.Length);
            Assert.All(proposal.Teams, t => Assert.InRange(t.Team.MemberIds.Count, 1, size));
            if (proposal.Teams.Length > 0)
            {
                Assert.InRange(proposal.Teams.Max(t => t.Team.MemberIds.Count) - proposal.Teams.Min(t => t.Team.MemberIds.Count), 0, 1);
            }

            Assert.All(proposal.Teams, t => Assert.Equal(t.Mixed, t.Reason is null));
        }, iter: 2000);

    [Fact]
    public void Propose_SameSeed_GivesTheSameProposalWhateverTheInputOrder() =>
        Gen.Select(Cases, Gen.Int).Sample((c, shuffleSeed) =>
        {
            var (people, size, seed) = c;
            var shuffled = people.ToArray();
            new Random(shuffleSeed).Shuffle(shuffled);

            var first = TeamComposer.Propose(people, size, seed);
            var second = TeamComposer.Propose(shuffled, size, seed);

            Assert.Equal(Describe(first), Describe(second));
        }, iter: 1000);

    [Fact]
    public void Propose_TwoPartnershipsWithBothSidesEach_KeepsEachPartnershipTogether()
    {
        TeamCandidate[] people =
        [
            new("a1", Side.Municipality, Partnerships[0]), new("a2", Side.VoluntaryOrganisation, Partnerships[0]),
            new("a3", Side.Municipality, Partnerships[0]), new("a4", Side.VolunteerCentre, Partnerships[0]),
            new("b1", Side.Municipality, Partnerships[1]), new("b2", Side.VoluntaryOrganisation, Partnerships[1]),
            new("b3", Side.VoluntaryOrganisation, Partnerships[1]), new("b4", Side.Municipality, Partnerships[1]),
        ];

        foreach (var seed in Enumerable.Range(0, 50))
        {
            var proposal = TeamComposer.Propose(people, 4, seed);

            Assert.Equal(2, proposal.Teams.Length);
            Assert.All(proposal.Teams, t => Assert.Single(t.Team.MemberIds.Select(id => id[0]).Distinct()));
            Assert.All(proposal.Teams, t => Assert.True(t.Mixed));
        }
    }

    [Fact]
    public void Propose_TooFewFromOneSide_NamesTheUnmixedTeamsAndWhy()
    {
        TeamCandidate[] people =
        [
            new("s1", Side.Municipality, null), new("v1", Side.VoluntaryOrganisation, null), new("v2", Side.VoluntaryOrganisation, null),
            new("v3", Side.VolunteerCentre, null), new("v4", Side.VoluntaryOrganisation, null), new("v5", Side.VoluntaryOrganisation, null),
        ];

        var proposal = TeamComposer.Propose(people, 3, seed: 7);

        Assert.Equal(2, proposal.Teams.Length);
        var unmixed = Assert.Single(proposal.Teams, t => !t.Mixed);
        Assert.Contains("Kun fra civilsamfundet", unmixed.Reason);
        Assert.Contains("1 kommunale", unmixed.Reason);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(21)]
    public void Propose_TeamSizeOutOfRange_IsRefused(int size)
    {
        var refused = Assert.Throws<HubRefusedException>(() => TeamComposer.Propose([], size, 1));

        Assert.Equal(ErrorCodes.Validation, refused.Code);
    }

    private static string Describe(TeamProposal proposal) =>
        string.Join(" | ", proposal.Teams.Select(t => $"{t.Team.Id}:{string.Join(",", t.Team.MemberIds)}:{t.Mixed}"));
}
