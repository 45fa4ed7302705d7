using System.Collections.Immutable;

namespace Hub.Contracts.Evaluations;

/// <summary>
/// The items Hub ships: mutual knowledge between volunteers and municipal staff, each mirrored so that each side is
/// asked about the other in its own words (the study behind Hub, ../shared/vision.md). Ids are stable: answers refer
/// to them.
/// </summary>
public static class ItemBank
{
    public static ImmutableArray<EvaluationItem> Items { get; } =
    [
        new("contact", "Hvem man kontakter", "Whom to contact",
            "Jeg ved, hvem i kommunen jeg skal kontakte om vores samarbejde.",
            "I know whom in the municipality to contact about our collaboration.",
            "Jeg ved, hvem i foreningen jeg skal kontakte om vores samarbejde.",
            "I know whom in the association to contact about our collaboration.", false),
        new("organisation", "Hvordan den anden side er organiseret", "How the other side is organised",
            "Jeg ved, hvordan kommunen er organiseret, og hvem der træffer beslutningerne.",
            "I know how the municipality is organised and who makes the decisions.",
            "Jeg ved, hvordan foreningen organiserer sine frivillige.",
            "I know how the association organises its volunteers.", false),
        new("conditions", "Den anden sides vilkår", "The other side's conditions",
            "Jeg kender de regler og rammer, kommunens medarbejdere arbejder under.",
            "I know the rules and limits municipal staff work within.",
            "Jeg kender de vilkår, frivillige arbejder under (tid, lyst, ingen løn).",
            "I know the conditions volunteers work under (time, motivation, no pay).", false),
        new("expectations", "Forventninger", "Expectations",
            "Jeg ved, hvad kommunen forventer af os som forening.",
            "I know what the municipality expects of us as an association.",
            "Jeg ved, hvad foreningen forventer af os som kommune.",
            "I know what the association expects of us as a municipality.", false),
        new("trust", "Tillid", "Trust",
            "Jeg har tillid til, at kommunen holder det, vi aftaler.",
            "I trust the municipality to keep what we agree on.",
            "Jeg har tillid til, at foreningen holder det, vi aftaler.",
            "I trust the association to keep what we agree on.", false),
        new("together", "At løse en opgave sammen", "Solving a task together",
            "Jeg ved, hvordan vi sammen med kommunen kan løse en konkret opgave.",
            "I know how we can solve a concrete task together with the municipality.",
            "Jeg ved, hvordan vi sammen med foreningen kan løse en konkret opgave.",
            "I know how we can solve a concrete task together with the association.", false),
    ];
}
