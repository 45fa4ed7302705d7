using System.Globalization;
using System.Text.Json;
using Hub.Contracts.Boards;
using Hub.Contracts.Common;
using Hub.Contracts.Live;
using Hub.Grains.Boards;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Boards;

/// <summary>
/// The board cases of tests/cases/boards/ against <see cref="BoardReducer"/>; the client's boardReducer.ts runs the
/// same files (web/client/test/sharedCases.test.ts). Each op gets the next sequence number and, for a description
/// edit, the base just before it, so what is compared is the rule, not the transformation over concurrent edits.
/// </summary>
[Trait("Tier", "Fast")]
public sealed class BoardRuleCasesTests
{
    public static TheoryData<string, string> Cases() => RuleCases.In("boards");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Apply_SharedCase_GivesTheExpectedBoardOrRefusal(string file, string name)
    {
        var cases = RuleCases.Load("boards", file);
        var c = cases.Case(name);
        var actor = cases.Setting<Actor>(c, "actor");
        var members = cases.Setting<HashSet<string>>(c, "members");
        var now = DateTimeOffset.Parse(cases.Setting<string>(c, "now"), CultureInfo.InvariantCulture);
        var state = cases.Setting(c, "board")!;
        var board = state.Deserialize<Board>(Json.Options)!;
        var expect = c["expect"]!.AsObject();

        long seq = 0;
        foreach (var json in c["ops"]!.AsArray())
        {
            seq++;
            var op = json.Deserialize<BoardOp>(Json.Options)!;
            op = op is EditCardDescription edit ? edit with { Base = seq - 1 } : op;
            try
            {
                board = BoardReducer.Apply(board, actor, new OpId("cases", seq), seq, op, now, members).Board;
            }
            catch (HubRefusedException refused)
            {
                Assert.True(expect.ContainsKey("refused"), $"Refused ({refused.Code}, field {refused.Field ?? "null"}: {refused.Message}); the case expects changes.");
                Assert.Equal((string?)expect["refused"], refused.Code);
                if (expect.ContainsKey("field"))
                {
                    Assert.Equal((string?)expect["field"], refused.Field);
                }

                return;
            }
        }

        Assert.False(expect.ContainsKey("refused"), $"Applied; the case expects a refusal ({expect["refused"]}).");
        var expected = RuleCases.WithChanges(state, expect["changes"]!.AsObject()).AsObject();
        var actual = JsonSerializer.SerializeToNode(board, Json.Options)!.AsObject();
        expected.Remove("texts");
        actual.Remove("texts");
        RuleCases.AssertSame(expected, actual);
    }
}
