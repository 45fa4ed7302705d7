using System.Collections.Immutable;

namespace Hub.Contracts.Boards;

/// <summary>
/// The built-in board templates: a new board's columns named for the work and a few first cards, made as ordinary
/// operations by the person who chose the template (so they are in the board's history and everyone sees them arrive).
/// The columns keep the default ids, so "Afsluttet" stays the <c>done</c> column that "Til mig" leaves out.
/// </summary>
public static class BoardTemplates
{
    public const string VolunteerEvent = "frivilligt-arrangement";
    public const string VisitingFriend = "besoegsven-forloeb";
    public const string PartnershipStart = "opstart-af-samarbejde";

    public static readonly ImmutableArray<string> Ids = [VolunteerEvent, VisitingFriend, PartnershipStart];

    /// <summary>The template's operations, in order; an unknown id has none.</summary>
    public static ImmutableArray<BoardOp> Ops(string id) => id switch
    {
        VolunteerEvent => Make(("Idéer", "Forberedelse", "På dagen", "Afsluttet"),
            ("planned", "Find dato og sted"), ("planned", "Inviter frivillige"), ("planned", "Lav en invitation til borgerne"),
            ("doing", "Tjekliste til dagen"), ("ideas", "Sig tak til de frivillige")),
        VisitingFriend => Make(("Henvendelser", "Match", "Besøg i gang", "Afsluttet"),
            ("ideas", "Første samtale med borgeren"), ("planned", "Find en besøgsven"), ("planned", "Første besøg sammen"),
            ("doing", "Opfølgning efter tre måneder")),
        PartnershipStart => Make(("Idéer", "Planlagt", "I gang", "Afsluttet"),
            ("planned", "Aftal hvordan vi mødes"), ("planned", "Skriv samarbejdsaftalen"), ("planned", "Del kontaktoplysninger"),
            ("planned", "Første fælles møde")),
        _ => [],
    };

    private static ImmutableArray<BoardOp> Make((string Ideas, string Planned, string Doing, string Done) columns, params (string Column, string Title)[] cards)
    {
        var ops = ImmutableArray.CreateBuilder<BoardOp>();
        ops.Add(new RenameColumn("ideas", columns.Ideas));
        ops.Add(new RenameColumn("planned", columns.Planned));
        ops.Add(new RenameColumn("doing", columns.Doing));
        ops.Add(new RenameColumn("done", columns.Done));
        for (var i = 0; i < cards.Length; i++)
        {
            ops.Add(new AddCard($"t{i + 1}", cards[i].Column, cards[i].Title, null));
        }

        return ops.ToImmutable();
    }
}
