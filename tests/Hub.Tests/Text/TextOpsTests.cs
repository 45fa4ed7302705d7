using System.Text.Json;
using Hub.Contracts.Common;
using Hub.Contracts.Live;
using Hub.Contracts.Text;
using Hub.Grains.Text;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Text;

/// <summary>The operations on shared text and the grain's rules for them (web/client/test/textOp.test.ts checks
/// the TypeScript copy the same way).</summary>
[Trait("Tier", "Fast")]
public sealed class TextOpsTests
{
    private static readonly OpId Someone = new("someone", 1);

    private static TextOp Op(params object[] steps) => new([.. steps.Select(s => s switch
    {
        string text => TextComponent.InsertOf(text),
        int n when n > 0 => TextComponent.RetainOf(n),
        int n => TextComponent.DeleteOf(-n),
        _ => throw new ArgumentException("step", nameof(steps)),
    })]);

    [Fact]
    public void Apply_RetainInsertDelete_MakesTheText()
    {
        Assert.Equal("Hej verden!", TextOps.Apply("Hej du!", Op(4, "verden", -2, 1)));
    }

    [Fact]
    public void Apply_OpForAnotherLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => TextOps.Apply("abc", Op(2, "x")));
    }

    [Fact]
    public void Builder_NeighboursOfOneKind_AreMergedAndInsertGoesBeforeDelete()
    {
        var op = new TextOps.Builder().Retain(1).Retain(2).Delete(1).Insert("a").Insert("b").Delete(2).Build();

        Assert.Equal(Op(3, "ab", -3), op);
    }

    [Fact]
    public void Transform_RandomOpsOnRandomTexts_BothOrdersGiveTheSameText()
    {
        var random = new Random(1);
        for (var i = 0; i < 3000; i++)
        {
            var text = TextTestKit.RandomText(random);
            var a = TextTestKit.RandomOp(random, text);
            var b = TextTestKit.RandomOp(random, text);

            var (aPrime, bPrime) = TextOps.Transform(a, b);

            Assert.Equal(TextOps.Apply(TextOps.Apply(text, a), bPrime), TextOps.Apply(TextOps.Apply(text, b), aPrime));
        }
    }

    [Fact]
    public void Transform_TwoInsertsAtOnePlace_TheFirstArgumentsTextComesFirst()
    {
        var earlier = Op(2, "A", 1);
        var later = Op(2, "B", 1);

        var (_, laterAfter) = TextOps.Transform(earlier, later);

        Assert.Equal("abABc", TextOps.Apply(TextOps.Apply("abc", earlier), laterAfter));
    }

    [Fact]
    public void Compose_RandomOps_EqualsApplyingOneAfterTheOther()
    {
        var random = new Random(2);
        for (var i = 0; i < 3000; i++)
        {
            var text = TextTestKit.RandomText(random);
            var a = TextTestKit.RandomOp(random, text);
            var middle = TextOps.Apply(text, a);
            var b = TextTestKit.RandomOp(random, middle);

            Assert.Equal(TextOps.Apply(middle, b), TextOps.Apply(text, TextOps.Compose(a, b)));
        }
    }

    [Fact]
    public void Invert_RandomOps_RestoresTheText()
    {
        var random = new Random(3);
        for (var i = 0; i < 3000; i++)
        {
            var text = TextTestKit.RandomText(random);
            var op = TextTestKit.RandomOp(random, text);

            Assert.Equal(text, TextOps.Apply(TextOps.Apply(text, op), TextOps.Invert(op, text)));
        }
    }

    [Theory]
    [InlineData(3, false, 3)]
    [InlineData(3, true, 5)]
    [InlineData(4, false, 6)]
    [InlineData(1, false, 1)]
    public void TransformIndex_InsertAtOrBeforeTheCaret_MovesItOnlyWhenItShould(int index, bool ownInsert, int expected)
    {
        // "abcdef" → "abcXYdef": an insert at 3.
        Assert.Equal(expected, TextOps.TransformIndex(index, Op(3, "XY", 3), ownInsert));
    }

    [Fact]
    public void TransformIndex_CaretInsideADeletion_GoesToItsStart()
    {
        Assert.Equal(1, TextOps.TransformIndex(3, Op(1, -4, 1), ownInsert: false));
        Assert.Equal(2, TextOps.TransformIndex(6, Op(1, -4, 1), ownInsert: false));
    }

    [Fact]
    public void Json_TextOp_IsAnArrayOfRetainsInsertsAndNegativeDeletes()
    {
        var op = Op(5, "ab😀", -3, 10);

        var json = JsonSerializer.Serialize(op, Json.Options);

        Assert.Equal("[5,\"ab\\uD83D\\uDE00\",-3,10]", json);
        Assert.Equal(op, JsonSerializer.Deserialize<TextOp>(json, Json.Options));
    }

    [Theory]
    [InlineData("[0]")]
    [InlineData("[\"\"]")]
    [InlineData("[1.5]")]
    [InlineData("[true]")]
    [InlineData("{}")]
    public void Json_ZeroEmptyOrOtherSteps_AreMalformed(string json)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<TextOp>(json, Json.Options));
    }

    [Fact]
    public void Edit_TwoConcurrentInsertsAtOnePlace_TheEarlierCommittedGoesFirst()
    {
        var history = TextHistory.Empty;
        var first = SharedText.Edit("abc", history, "f", 0, Op(2, "A", 1), new OpId("one", 1), 1, 100, "text");
        var second = SharedText.Edit(first.Text, first.History, "f", 0, Op(2, "B", 1), new OpId("two", 1), 2, 100, "text");

        Assert.Equal("abABc", second.Text);
        Assert.Equal(Op(3, "B", 1), second.Committed);
    }

    [Fact]
    public void Edit_OnlyTheSameFieldsEdits_AreTransformedOver()
    {
        var other = SharedText.Edit("xyz", TextHistory.Empty, "other", 0, Op("123", 3), Someone, 1, 100, "text");

        var edit = SharedText.Edit("abc", other.History, "f", 0, Op(1, "Q", 2), new OpId("two", 1), 2, 100, "text");

        Assert.Equal("aQbc", edit.Text);
    }

    [Fact]
    public void Edit_HistoryBeyondItsBound_DropsTheOldestAndRefusesOlderBasesAsStale()
    {
        var text = "";
        var history = TextHistory.Empty;
        for (var seq = 1; seq <= TextLimits.HistoryMax + 5; seq++)
        {
            var edit = SharedText.Edit(text, history, "f", seq - 1, Op(text.Length > 0 ? [text.Length, "x"] : ["x"]), new OpId("c", seq), seq, 10_000, "text");
            (text, history) = (edit.Text, edit.History);
        }

        Assert.Equal(TextLimits.HistoryMax, history.Edits.Length);
        Assert.Equal(5, history.From);
        var refused = Assert.Throws<HubRefusedException>(() => SharedText.Edit(text, history, "f", 4, Op("y", 4), Someone, 200, 10_000, "text"));
        Assert.Equal(ErrorCodes.Stale, refused.Code);
        Assert.Equal("y" + text, SharedText.Edit(text, history, "f", 5, Op("y", 5), Someone, 200, 10_000, "text").Text);
    }

    [Theory]
    [MemberData(nameof(RefusedEdits))]
    public void Edit_InvalidEdit_IsRefusedWithItsCode(string text, long baseSeq, TextOp op, int max, string code)
    {
        var refused = Assert.Throws<HubRefusedException>(() => SharedText.Edit(text, TextHistory.Empty, "f", baseSeq, op, Someone, 1, max, "text"));

        Assert.Equal(code, refused.Code);
    }

    public static TheoryData<string, long, TextOp, int, string> RefusedEdits() => new()
    {
        { "abc", 0, Op(3, "defg"), 6, ErrorCodes.Limit },
        { "abc", 0, Op(2, "x"), 100, ErrorCodes.Validation },
        { "abc", 0, Op(4, "x"), 100, ErrorCodes.Validation },
        { "a😀b", 0, Op(2, "x", 2), 100, ErrorCodes.Validation },
        { "a😀b", 0, Op(1, -1, 2), 100, ErrorCodes.Validation },
        { "abc", 0, Op(1, "\uD83D", 2), 100, ErrorCodes.Validation },
        { "abc", 0, Op(1, "\u0007", 2), 100, ErrorCodes.Validation },
        { "abc", 1, Op(1, "x", 2), 100, ErrorCodes.Validation },
        { "abc", -1, Op(1, "x", 2), 100, ErrorCodes.Validation },
        { "abc", 0, new TextOp([new TextComponent(1, "x", 0), TextComponent.RetainOf(2)]), 100, ErrorCodes.Validation },
        { "abc", 0, new TextOp([.. Enumerable.Range(0, TextLimits.StepsMax + 1).Select(_ => TextComponent.InsertOf("x")), TextComponent.RetainOf(3)]), 100_000, ErrorCodes.Limit },
        // Counts whose 32-bit sum wraps around to the text's length: once "abc" became "abcabc", once a throw.
        { "abc", 0, Op(3, -2147483647, -2147483646, 3), 100, ErrorCodes.Validation },
        { "abc", 0, Op(3, int.MaxValue, int.MaxValue, 2), 100, ErrorCodes.Validation },
        { "abc", 0, Op(3, "x", TextLimits.LengthMax + 1), 100, ErrorCodes.Validation },
        { "abc", 0, Op(3, "x", int.MinValue + 1), 100, ErrorCodes.Validation },
        { "abc", 0, new TextOp([TextComponent.RetainOf(3), TextComponent.DeleteOf(int.MinValue)]), 100, ErrorCodes.Validation },
        { "abc", 0, new TextOp([new TextComponent(-1, null, 0), TextComponent.RetainOf(4)]), 100, ErrorCodes.Validation },
        { "", 0, Op(new string('x', (TextLimits.LengthMax / 2) + 1), new string('y', (TextLimits.LengthMax / 2) + 1)), int.MaxValue, ErrorCodes.Limit },
    };

    /// <summary>
    /// Operations with extreme counts, malformed steps and counts chosen so that their 32-bit sum wraps around to
    /// the text's length, sent fresh or concurrent with a committed edit: each is refused with a code, or it
    /// walks exactly the text (summed without overflow) and makes a text of the length it says. Nothing throws
    /// anything else. The TypeScript copy is checked the same way (web/client/test/textOp.test.ts).
    /// </summary>
    [Fact]
    public void Edit_OpsWithExtremeCounts_AreRefusedWithACodeOrFitTheTextExactly()
    {
        var random = new Random(20261203);
        var refusedCount = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var before = TextTestKit.RandomText(random);
            var concurrent = random.Next(3) == 0 ? TextTestKit.RandomOp(random, before) : null;
            var history = concurrent is null ? TextHistory.Empty : SharedText.Append(TextHistory.Empty, new TextEdit(1, new OpId("other", 1), "f", concurrent));
            var text = concurrent is null ? before : TextOps.Apply(before, concurrent);
            var op = TextTestKit.ExtremeOp(random, before);

            SharedTextEdit edit;
            try
            {
                edit = SharedText.Edit(text, history, "f", 0, op, Someone, history.Edits.Length + 1, 10_000_000, "text");
            }
            catch (HubRefusedException refused)
            {
                Assert.Contains(refused.Code, new[] { ErrorCodes.Validation, ErrorCodes.Limit });
                refusedCount++;
                continue;
            }

            Assert.Equal(before.Length, op.Steps.Sum(c => (long)c.Retain + c.Delete));
            Assert.Equal(text.Length, TextOps.BaseLength(edit.Committed));
            Assert.Equal(TextOps.Apply(text, edit.Committed), edit.Text);
            Assert.Equal(edit.Committed.Steps.Sum(c => (long)c.Retain + (c.Insert?.Length ?? 0)), edit.Text.Length);
        }

        // Both outcomes were reached often: the generator is not trivially one-sided.
        Assert.InRange(refusedCount, 2000, 18_000);
    }

    [Fact]
    public void Problem_SoundOps_HaveNoneAndEveryFunctionStaysWithinInt()
    {
        var random = new Random(7);
        for (var i = 0; i < 5000; i++)
        {
            var text = TextTestKit.RandomText(random);
            var op = TextTestKit.ExtremeOp(random, text);
            if (TextOps.Problem(op) is not null)
            {
                Assert.ThrowsAny<ArgumentException>(() => TextOps.Apply(text, op));
                continue;
            }

            // Sound but possibly for another length: a mismatch throws ArgumentException, never anything else.
            if (TextOps.BaseLength(op) != text.Length)
            {
                Assert.Throws<ArgumentException>(() => TextOps.Apply(text, op));
                continue;
            }

            var after = TextOps.Apply(text, op);
            Assert.Equal(TextOps.TargetLength(op), after.Length);
            Assert.Equal(text, TextOps.Apply(after, TextOps.Invert(op, text)));
        }
    }

    [Theory]
    [InlineData("[-2147483648]")]
    [InlineData("[9223372036854775807]")]
    [InlineData("[-9223372036854775808]")]
    [InlineData("[3,-2147483647,-2147483646,3]")]
    public void Json_CountsBeyondTheLimit_AreReadAsUnsoundNeverWrapped(string json)
    {
        var op = JsonSerializer.Deserialize<TextOp>(json, Json.Options)!;

        Assert.Equal(ErrorCodes.Validation, TextOps.Problem(op));
    }

    [Fact]
    public void Edit_LineBreaksTabsAndPairs_AreAccepted()
    {
        var edit = SharedText.Edit("ab", TextHistory.Empty, "f", 0, Op(1, "\r\n\t😀", 1), Someone, 1, 100, "text");

        Assert.Equal("a\r\n\t😀b", edit.Text);
    }
}
