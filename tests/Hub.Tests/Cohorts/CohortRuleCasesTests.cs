using System.Globalization;
using System.Text.Json;
using Hub.Contracts.Cohorts;
using Hub.Contracts.Common;
using Hub.Grains.Cohorts;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Cohorts;

/// <summary>
/// The cohort cases of tests/cases/cohorts/ against <see cref="CohortReducer"/>; the client's cohortReducer.ts
/// replays the same operations as committed (web/client/test/sharedCases.test.ts).
/// </summary>
[Trait("Tier", "Fast")]
public sealed class CohortRuleCasesTests
{
    public static TheoryData<string, string> Cases() => RuleCases.In("cohorts");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Apply_SharedCase_GivesTheExpectedCohort(string file, string name)
    {
        var cases = RuleCases.Load("cohorts", file);
        var c = cases.Case(name);
        var people = cases.Setting<Dictionary<string, Person>>(c, "people");
        var at = DateTimeOffset.Parse(cases.Setting<string>(c, "at"), CultureInfo.InvariantCulture);
        var state = cases.Setting(c, "cohort")!;
        var cohort = state.Deserialize<Cohort>(Json.Options)!;

        foreach (var entry in c["ops"]!.AsArray())
        {
            var by = (string)entry!["by"]!;
            var op = entry["op"].Deserialize<CohortOp>(Json.Options)!;
            try
            {
                cohort = CohortReducer.Apply(cohort, new Actor(by, people[by].DisplayName), op, at);
            }
            catch (HubRefusedException refused)
            {
                Assert.Fail($"{op} was refused ({refused.Code}: {refused.Message}); cohort cases hold committed operations only.");
            }
        }

        var expected = RuleCases.WithChanges(state, c["expect"]!["changes"]!.AsObject());
        RuleCases.AssertSame(expected, JsonSerializer.SerializeToNode(cohort, Json.Options));
    }

    public sealed record Person(string DisplayName);
}
