using Hub.Contracts.Evaluations;
using Hub.Grains.Evaluations;
using Hub.Web.Cohorts;

namespace Hub.Tests.Evaluations;

/// <summary>The evaluation's pure rules: the anonymity threshold, "ved ikke" counted but never averaged, pairing,
/// the pseudonym, and the CSV that withholds exactly what the screen withholds.</summary>
[Trait("Tier", "Fast")]
public sealed class EvaluationMathTests
{
    [Theory]
    [InlineData(3, 2)]
    [InlineData(5, 4)]
    [InlineData(5, 0)]
    public void Figure_FewerAnswersThanTheThreshold_IsWithheldWithNoNumbers(int threshold, int answers)
    {
        var figure = EvaluationMath.Figure([.. Enumerable.Repeat(4, answers)], threshold);

        Assert.True(figure.Withheld);
        Assert.Equal((0, 0, (double?)null), (figure.N, figure.DontKnow, figure.Mean));
        Assert.Empty(figure.Counts);
    }

    [Fact]
    public void Figure_DontKnow_IsCountedButNeverAveraged()
    {
        var figure = EvaluationMath.Figure([0, 0, 2, 4, 4, 5, 5], 5);

        Assert.Equal((7, 2, 4.0), (figure.N, figure.DontKnow, figure.Mean));
        Assert.Equal([0, 1, 0, 2, 2], figure.Counts.ToArray());
    }

    [Fact]
    public void Figure_EnoughAnswersButTooFewOnTheScale_ShowsTheDistributionWithoutAMean()
    {
        var figure = EvaluationMath.Figure([0, 0, 0, 3, 5], 5);

        Assert.False(figure.Withheld);
        Assert.Null(figure.Mean);
        Assert.Equal(3, figure.DontKnow);
    }

    [Fact]
    public void Change_PairsWithDontKnowOnEitherSide_AreLeftOut()
    {
        var change = EvaluationMath.Change([(2, 4), (3, 4), (2, 3), (0, 5), (4, 0)], 3);

        Assert.Equal(new EvaluationChange(3, 2.33, 3.67, 1.33, false), change);
        Assert.True(EvaluationMath.Change([(2, 4), (3, 4), (0, 3)], 3).Withheld);
    }

    [Fact]
    public void Pseudonym_SamePersonAndSecret_IsStableAndNamesNoOne()
    {
        byte[] secret = [.. Enumerable.Range(0, 32).Select(i => (byte)i)];
        byte[] other = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

        var first = EvaluationMath.Pseudonym(secret, "u123");

        Assert.Equal(first, EvaluationMath.Pseudonym(secret, "u123"));
        Assert.NotEqual(first, EvaluationMath.Pseudonym(secret, "u124"));
        Assert.NotEqual(first, EvaluationMath.Pseudonym(other, "u123"));
        Assert.DoesNotContain("u123", first, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_WithheldFigures_CarryTheTextAndNoNumbers()
    {
        var shown = EvaluationMath.Figure([2, 3, 4], 3);
        var results = new EvaluationResults(Guid.NewGuid(), 1, 3, EvaluationLimits.WithheldText,
        [
            new EvaluationItemResult("contact", "Hvem; man kontakter", "Whom to contact",
            [
                new(EvaluationGroup.Civil, shown, EvaluationMath.Withheld, shown, EvaluationMath.Withheld,
                    new EvaluationChange(3, 2.4, 3.8, 1.4, false), EvaluationMath.Change([], 3)),
            ]),
        ], []);

        var lines = EvaluationEndpoints.Csv(results).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("\"Hvem; man kontakter\";frivillige;T0;3;0;3,00;0;1;1;1;0;", lines[1]);
        Assert.Equal("\"Hvem; man kontakter\";frivillige;T1 før forløbet;;;;;;;;;For få svar til at vise", lines[2]);
        Assert.Equal("\"Hvem; man kontakter\";frivillige;ændring T0→T1;3;;1,40;;;;;;2,40 → 3,80", lines[5]);
        Assert.EndsWith(";For få svar til at vise", lines[6], StringComparison.Ordinal);
    }
}
