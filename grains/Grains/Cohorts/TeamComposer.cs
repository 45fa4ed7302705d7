using Hub.Contracts.Cohorts;
using Hub.Contracts.Common;

namespace Hub.Grains.Cohorts;

/// <summary>
/// Proposes teams from a cohort's participants. Pure and deterministic: the same participants (in any order), team
/// size and seed give the same proposal. What it aims for, in this order:
/// <list type="number">
/// <item>no team larger than the size asked for, and team sizes differing by at most one
/// (⌈participants / size⌉ teams);</item>
/// <item>every team mixed — at least one from the municipality and one from civil society
/// (<see cref="CohortRules.IsStaff"/>) — which is possible exactly when each side has at least as many people as
/// there are teams; a team that cannot be mixed says why;</item>
/// <item>people from the same partnership together: each team is seeded with a pair from one partnership where
/// there is one, and the others join the team that already has most of their partnership.</item>
/// </list>
/// </summary>
public static class TeamComposer
{
    public static TeamProposal Propose(IEnumerable<TeamCandidate> candidates, int teamSize, int seed)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (teamSize is < CohortLimits.TeamSizeMin or > CohortLimits.TeamSizeMax)
        {
            throw new HubRefusedException(ErrorCodes.Validation,
                $"Holdstørrelsen skal være {CohortLimits.TeamSizeMin}–{CohortLimits.TeamSizeMax}. / The team size must be {CohortLimits.TeamSizeMin}–{CohortLimits.TeamSizeMax}.",
                "teamSize");
        }

        // Sorted first, so the order the caller happened to list people in changes nothing; then shuffled by the seed.
        var random = new Random(seed);
        var people = candidates.DistinctBy(c => c.UserId).OrderBy(c => c.UserId, StringComparer.Ordinal).ToArray();
        random.Shuffle(people);
        if (people.Length == 0)
        {
            return new TeamProposal(teamSize, seed, []);
        }

        var count = (people.Length + teamSize - 1) / teamSize;
        var capacity = Enumerable.Range(0, count).Select(i => (people.Length / count) + (i < people.Length % count ? 1 : 0)).ToArray();
        var teams = Enumerable.Range(0, count).Select(_ => new List<TeamCandidate>()).ToArray();

        // Seeding: one staff–civil pair per team, from within one partnership where possible (round by round, so one
        // partnership does not seed every team), then across partnerships.
        var staff = people.Where(p => CohortRules.IsStaff(p.Side)).ToList();
        var civil = people.Where(p => !CohortRules.IsStaff(p.Side)).ToList();
        var pairs = new List<(TeamCandidate Staff, TeamCandidate Civil)>();
        var partnerships = people.Where(p => p.PartnershipId is not null).Select(p => p.PartnershipId!.Value).Distinct().ToList();
        for (var added = true; added;)
        {
            added = false;
            foreach (var partnership in partnerships)
            {
                var s = staff.Find(p => p.PartnershipId == partnership);
                var c = civil.Find(p => p.PartnershipId == partnership);
                if (s is not null && c is not null)
                {
                    pairs.Add((s, c));
                    staff.Remove(s);
                    civil.Remove(c);
                    added = true;
                }
            }
        }

        while (staff.Count > 0 && civil.Count > 0)
        {
            pairs.Add((staff[0], civil[0]));
            staff.RemoveAt(0);
            civil.RemoveAt(0);
        }

        // Teams are seeded largest capacity first, so a team of one (only when there are fewer than two people per
        // team) is the one left unmixed.
        var seeded = 0;
        foreach (var team in Enumerable.Range(0, count).OrderByDescending(i => capacity[i]).ThenBy(i => i))
        {
            if (seeded == pairs.Count || capacity[team] < 2)
            {
                break;
            }

            teams[team].Add(pairs[seeded].Staff);
            teams[team].Add(pairs[seeded].Civil);
            seeded++;
        }

        var rest = pairs.Skip(seeded).SelectMany(p => new[] { p.Staff, p.Civil }).Concat(staff).Concat(civil)
            // Bigger partnerships first, so they find room together; people without one last, as fillers.
            .GroupBy(p => p.PartnershipId)
            .OrderBy(g => g.Key is null ? 1 : 0).ThenByDescending(g => g.Count())
            .SelectMany(g => g);
        foreach (var person in rest)
        {
            var team = Enumerable.Range(0, count).Where(i => teams[i].Count < capacity[i])
                .OrderByDescending(i => person.PartnershipId is null ? 0 : teams[i].Count(p => p.PartnershipId == person.PartnershipId))
                .ThenBy(i => teams[i].Count(p => CohortRules.IsStaff(p.Side) == CohortRules.IsStaff(person.Side)))
                .ThenBy(i => teams[i].Count)
                .ThenBy(i => i)
                .First();
            teams[team].Add(person);
        }

        var staffTotal = people.Count(p => CohortRules.IsStaff(p.Side));
        var civilTotal = people.Length - staffTotal;
        return new TeamProposal(teamSize, seed, [.. teams.Select((members, i) => Proposed(i, members, count, staffTotal, civilTotal))]);
    }

    private static ProposedTeam Proposed(int index, List<TeamCandidate> members, int count, int staffTotal, int civilTotal)
    {
        var team = new CohortTeam($"team-{index + 1}", $"Hold {index + 1}", [.. members.Select(m => m.UserId)]);
        var hasStaff = members.Exists(m => CohortRules.IsStaff(m.Side));
        var hasCivil = members.Exists(m => !CohortRules.IsStaff(m.Side));
        if (hasStaff && hasCivil)
        {
            return new ProposedTeam(team, true, null);
        }

        string reason;
        if (members.Count < 2)
        {
            reason = "Holdet har kun én deltager: der er for få deltagere til så mange hold. / The team has one participant only: there are too few participants for this many teams.";
        }
        else if (hasStaff)
        {
            reason = $"Kun kommunale medarbejdere: der er {civilTotal} fra civilsamfundet til {count} hold. / Municipal staff only: there are {civilTotal} from civil society for {count} teams.";
        }
        else
        {
            reason = $"Kun fra civilsamfundet: der er {staffTotal} kommunale medarbejdere til {count} hold. / Civil society only: there are {staffTotal} municipal staff for {count} teams.";
        }

        return new ProposedTeam(team, false, reason);
    }
}
