using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Hub.Contracts.Evaluations;

namespace Hub.Grains.Evaluations;

/// <summary>One respondent's answers as the evaluation keeps them: under a pseudonym, never a name.</summary>
[GenerateSerializer, Alias("hub.EvaluationRespondent")]
public sealed class Respondent
{
    [Id(0)] public EvaluationGroup Group { get; set; }

    [Id(1)] public Dictionary<EvaluationTimepoint, List<ItemAnswer>> Answers { get; set; } = [];

    [Id(2)] public Dictionary<string, SessionReaction> Reactions { get; set; } = [];
}

/// <summary>
/// The evaluation's pure parts: the pseudonym, and the aggregates with their anonymity threshold. Pure, so the
/// threshold is tested without a cluster, and every reader (screen, API, CSV) gets the same withheld figures.
/// </summary>
public static class EvaluationMath
{
    /// <summary>
    /// A person's pseudonym in one cohort: an HMAC of their user id with the cohort's secret. Stable, so T0, T1 and
    /// T2 pair up; without the secret (which never leaves the grain) it names no one, and it differs between cohorts.
    /// </summary>
    public static string Pseudonym(byte[] secret, string userId) =>
        Convert.ToBase64String(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(userId)).AsSpan(0, 16))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>
    /// Aggregates answers (0: "ved ikke", 1–5: the scale). The distribution is withheld when fewer than
    /// <paramref name="threshold"/> answered; the mean needs that many answers on the scale, so "ved ikke" cannot
    /// shrink the group it is taken over below the threshold.
    /// </summary>
    public static EvaluationFigure Figure(IReadOnlyCollection<int> values, int threshold)
    {
        if (values.Count < threshold)
        {
            return Withheld;
        }

        var scale = values.Where(v => v is >= 1 and <= EvaluationLimits.ScaleMax).ToList();
        var counts = Enumerable.Range(1, EvaluationLimits.ScaleMax).Select(v => scale.Count(x => x == v)).ToImmutableArray();
        return new EvaluationFigure(values.Count, values.Count(v => v == 0), scale.Count >= threshold ? Round(scale.Average()) : null, counts, false);
    }

    /// <summary>The change of those who answered on the scale both times, paired: withheld under the threshold.</summary>
    public static EvaluationChange Change(IReadOnlyCollection<(int From, int To)> pairs, int threshold)
    {
        var scale = pairs.Where(p => p.From is >= 1 and <= EvaluationLimits.ScaleMax && p.To is >= 1 and <= EvaluationLimits.ScaleMax).ToList();
        if (scale.Count < threshold)
        {
            return new EvaluationChange(0, null, null, null, true);
        }

        var from = scale.Average(p => p.From);
        var to = scale.Average(p => p.To);
        return new EvaluationChange(scale.Count, Round(from), Round(to), Round(to - from), false);
    }

    public static EvaluationFigure Withheld { get; } = new(0, 0, null, [], true);

    /// <summary>Every item's figures split by side, for the chosen items in order.</summary>
    public static ImmutableArray<EvaluationItemResult> Items(IEnumerable<EvaluationItem> chosen, IReadOnlyCollection<Respondent> respondents, int threshold) =>
    [
        .. chosen.Select(item => new EvaluationItemResult(item.Id, item.LabelDa, item.LabelEn,
        [
            .. Enum.GetValues<EvaluationGroup>().Select(group =>
            {
                var mine = respondents.Where(r => r.Group == group).ToList();
                ItemAnswer? At(Respondent r, EvaluationTimepoint t) =>
                    r.Answers.TryGetValue(t, out var list) ? list.Find(a => a.ItemId == item.Id) : null;
                int[] Now(EvaluationTimepoint t) => [.. mine.Select(r => At(r, t)).OfType<ItemAnswer>().Select(a => a.Now)];
                return new EvaluationGroupResult(group,
                    Figure(Now(EvaluationTimepoint.T0), threshold),
                    Figure([.. mine.Select(r => At(r, EvaluationTimepoint.T1)?.Before).OfType<int>()], threshold),
                    Figure(Now(EvaluationTimepoint.T1), threshold),
                    Figure(Now(EvaluationTimepoint.T2), threshold),
                    Change([.. mine.Select(r => (From: At(r, EvaluationTimepoint.T0), To: At(r, EvaluationTimepoint.T1)))
                        .Where(p => p.From is not null && p.To is not null).Select(p => (p.From!.Now, p.To!.Now))], threshold),
                    Change([.. mine.Select(r => At(r, EvaluationTimepoint.T1)).OfType<ItemAnswer>()
                        .Where(a => a.Before is not null).Select(a => (a.Before!.Value, a.Now))], threshold));
            }),
        ])),
    ];

    private static double Round(double value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
