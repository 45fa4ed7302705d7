using System.Collections.Immutable;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using Hub.Contracts.Evaluations;
using Hub.Web.Accounts;

namespace Hub.Web.Cohorts;

public sealed record ChooseItemsRequest(ImmutableArray<string> ItemIds);

public sealed record AnswerRequest(EvaluationTimepoint Timepoint, ImmutableArray<ItemAnswer> Answers);

/// <summary>
/// A cohort's evaluation (docs/decisions/019-cohort-evaluation.md): thin translations into calls on the cohort's
/// evaluation grain, made as the caller, which decides who may do what. The CSV has the same aggregates as the
/// screen, with the same figures withheld.
/// </summary>
public static class EvaluationEndpoints
{
    public static IEndpointRouteBuilder MapCohortEvaluations(this IEndpointRouteBuilder routes)
    {
        var evaluation = routes.MapGroup("/api/cohorts/{id:guid}/evaluation").RequireAuthorization();
        evaluation.MapGet("/setup", (Guid id, ClaimsPrincipal user, IGrainFactory grains) => Grain(grains, id).GetSetup(user.ToActor()));
        evaluation.MapPut("/items", (Guid id, ChooseItemsRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
            Grain(grains, id).ChooseItems(user.ToActor(), request.ItemIds));
        evaluation.MapPost("/items", (Guid id, EvaluationItemDraft draft, ClaimsPrincipal user, IGrainFactory grains) =>
            Grain(grains, id).AddItem(user.ToActor(), draft));
        evaluation.MapPut("/settings", (Guid id, EvaluationSettings settings, ClaimsPrincipal user, IGrainFactory grains) =>
            Grain(grains, id).SetSettings(user.ToActor(), settings));
        evaluation.MapPost("/timepoints/{timepoint}/open", (Guid id, EvaluationTimepoint timepoint, ClaimsPrincipal user, IGrainFactory grains) =>
            Grain(grains, id).SetTimepoint(user.ToActor(), timepoint, true));
        evaluation.MapPost("/timepoints/{timepoint}/close", (Guid id, EvaluationTimepoint timepoint, ClaimsPrincipal user, IGrainFactory grains) =>
            Grain(grains, id).SetTimepoint(user.ToActor(), timepoint, false));
        evaluation.MapGet("/questionnaire", (Guid id, ClaimsPrincipal user, IGrainFactory grains) => Grain(grains, id).GetQuestionnaire(user.ToActor()));
        evaluation.MapPost("/answers", (Guid id, AnswerRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
            Grain(grains, id).Answer(user.ToActor(), request.Timepoint, request.Answers));
        evaluation.MapPost("/reactions", (Guid id, SessionReaction reaction, ClaimsPrincipal user, IGrainFactory grains) =>
            Grain(grains, id).React(user.ToActor(), reaction));
        evaluation.MapGet("/results", (Guid id, ClaimsPrincipal user, IGrainFactory grains) => Grain(grains, id).GetResults(user.ToActor()));
        evaluation.MapGet("/results.csv", async (Guid id, ClaimsPrincipal user, IGrainFactory grains) =>
            Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Csv(await Grain(grains, id).GetResults(user.ToActor())))).ToArray(),
                "text/csv; charset=utf-8", $"evaluering-{id}.csv"));
        return routes;
    }

    /// <summary>
    /// One row per item, side and figure, in Danish (the report's language), semicolon-separated with decimal commas
    /// as Danish spreadsheets expect. A withheld figure's row says so in its own column and has no numbers.
    /// </summary>
    public static string Csv(EvaluationResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var da = CultureInfo.GetCultureInfo("da-DK");
        var csv = new StringBuilder("spørgsmål;side;mål;n;ved ikke;gennemsnit;1;2;3;4;5;bemærkning\r\n");
        string Number(double? value) => value is { } v ? v.ToString("0.00", da) : "";
        string Cell(string text) => text.IndexOfAny([';', '"', '\r', '\n']) >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
        void Figure(string item, string side, string measure, EvaluationFigure f) => csv.Append(f.Withheld
            ? $"{Cell(item)};{side};{measure};;;;;;;;;{results.WithheldText}\r\n"
            : $"{Cell(item)};{side};{measure};{f.N};{f.DontKnow};{Number(f.Mean)};{string.Join(';', f.Counts)};\r\n");
        void Change(string item, string side, string measure, EvaluationChange c) => csv.Append(c.Withheld
            ? $"{Cell(item)};{side};{measure};;;;;;;;;{results.WithheldText}\r\n"
            : $"{Cell(item)};{side};{measure};{c.N};;{Number(c.Delta)};;;;;;{Number(c.From)} → {Number(c.To)}\r\n");

        foreach (var item in results.Items)
        {
            foreach (var g in item.Groups)
            {
                var side = g.Group == EvaluationGroup.Staff ? "medarbejdere" : "frivillige";
                Figure(item.LabelDa, side, "T0", g.T0);
                Figure(item.LabelDa, side, "T1 før forløbet", g.Before);
                Figure(item.LabelDa, side, "T1 nu", g.T1);
                Figure(item.LabelDa, side, "T2", g.T2);
                Change(item.LabelDa, side, "ændring T0→T1", g.Change);
                Change(item.LabelDa, side, "ændring før→nu (T1)", g.RetroChange);
            }
        }

        foreach (var r in results.Reactions)
        {
            var session = $"møde {r.StartsAt:yyyy-MM-dd HH:mm}";
            Figure(session, "alle", "tilfredshed", r.Satisfaction);
            Figure(session, "alle", "relevans", r.Relevance);
        }

        return csv.ToString();
    }

    private static ICohortEvaluationGrain Grain(IGrainFactory grains, Guid id) => grains.GetGrain<ICohortEvaluationGrain>(id);
}
