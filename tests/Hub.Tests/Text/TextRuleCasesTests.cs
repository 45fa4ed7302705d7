using System.Text.Json;
using System.Text.Json.Nodes;
using Hub.Contracts.Common;
using Hub.Contracts.Live;
using Hub.Contracts.Text;
using Hub.Grains.Text;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Text;

/// <summary>The text cases of tests/cases/text/ against <see cref="TextOps"/> and <see cref="SharedText"/>; the
/// client's text/textOp.ts and text/rules.ts run the same files (web/client/test/sharedCases.test.ts).</summary>
[Trait("Tier", "Fast")]
public sealed class TextRuleCasesTests
{
    public static TheoryData<string, string> Cases() => RuleCases.In("text");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Run_SharedCase_GivesTheExpectedOutcome(string file, string name)
    {
        var c = RuleCases.Load("text", file).Case(name);
        var expect = c["expect"]!;

        JsonNode? outcome;
        try
        {
            outcome = Run(c);
        }
        catch (ArgumentException mismatch)
        {
            outcome = new JsonObject { ["fails"] = true };
            Assert.True(expect is JsonObject e && e.ContainsKey("fails"), $"Failed ({mismatch.Message}); the case expects {expect.ToJsonString()}.");
        }
        catch (HubRefusedException refused)
        {
            outcome = new JsonObject { ["refused"] = refused.Code };
        }

        RuleCases.AssertSame(expect, outcome);
    }

    private static JsonObject Run(JsonObject c)
    {
        var kind = (string)c["kind"]!;
        return kind switch
        {
            "apply" => new() { ["text"] = TextOps.Apply(Text(c), Op(c, "op")) },
            "transform" => Transformed(TextOps.Transform(Op(c, "a"), Op(c, "b"))),
            "compose" => new() { ["op"] = Node(TextOps.Compose(Op(c, "a"), Op(c, "b"))) },
            "invert" => new() { ["op"] = Node(TextOps.Invert(Op(c, "op"), Text(c))) },
            "transformIndex" => new() { ["index"] = TextOps.TransformIndex((int)c["index"]!, Op(c, "op"), (bool)c["own"]!) },
            "check" => new() { ["text"] = SharedText.Edit(Text(c), TextHistory.Empty, "f", 0, Op(c, "op"), new OpId("cases", 1), 1, (int)c["max"]!, "text").Text },
            "problem" => new() { ["problem"] = TextOps.Problem(Op(c, "op")) },
            _ => throw new NotSupportedException($"No text case of kind {kind}: tests/cases/README.md lists them."),
        };
    }

    private static JsonObject Transformed((TextOp APrime, TextOp BPrime) result) =>
        new() { ["a"] = Node(result.APrime), ["b"] = Node(result.BPrime) };

    private static string Text(JsonObject c) => (string)c["text"]!;

    private static TextOp Op(JsonObject c, string key) => c[key].Deserialize<TextOp>(Json.Options)!;

    private static JsonNode Node(TextOp op) => JsonSerializer.SerializeToNode(op, Json.Options)!;
}
