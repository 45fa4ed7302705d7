using System.Globalization;
using System.Text.Json;
using Hub.Contracts.Agreements;
using Hub.Contracts.Common;
using Hub.Contracts.Live;
using Hub.Grains.Agreements;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Agreements;

/// <summary>
/// The agreement cases of tests/cases/agreements/ against <see cref="AgreementReducer"/>; the client's
/// agreementReducer.ts replays the same operations as committed (web/client/test/sharedCases.test.ts). Op number i
/// is committed as the file's seq + i, its base (for a section edit) the seq just before it, so nothing is transformed.
/// </summary>
[Trait("Tier", "Fast")]
public sealed class AgreementRuleCasesTests
{
    public static TheoryData<string, string> Cases() => RuleCases.In("agreements");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Apply_SharedCase_GivesTheExpectedAgreement(string file, string name)
    {
        var cases = RuleCases.Load("agreements", file);
        var c = cases.Case(name);
        var people = cases.Setting<Dictionary<string, Person>>(c, "people");
        var at = DateTimeOffset.Parse(cases.Setting<string>(c, "at"), CultureInfo.InvariantCulture);
        var seq = cases.Setting<long>(c, "seq");
        var state = cases.Setting(c, "agreement")!;
        var agreement = state.Deserialize<Agreement>(Json.Options)!;

        foreach (var entry in c["ops"]!.AsArray())
        {
            seq++;
            var by = (string)entry!["by"]!;
            var op = entry["op"].Deserialize<AgreementOp>(Json.Options)!;
            op = op is EditSection edit ? edit with { Base = seq - 1 } : op;
            try
            {
                agreement = AgreementReducer.Apply(agreement, new Actor(by, people[by].DisplayName), people[by].ApprovesFor.ToHashSet(), new OpId("cases", seq), seq, op, at).Agreement;
            }
            catch (HubRefusedException refused)
            {
                Assert.Fail($"Op {seq} was refused ({refused.Code}: {refused.Message}); agreement cases hold committed operations only.");
            }
        }

        var expected = RuleCases.WithChanges(state, c["expect"]!["changes"]!.AsObject());
        RuleCases.AssertSame(expected, JsonSerializer.SerializeToNode(agreement, Json.Options));
    }

    public sealed record Person(string DisplayName, string[] ApprovesFor);
}
