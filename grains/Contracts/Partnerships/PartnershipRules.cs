using Hub.Contracts.Common;

namespace Hub.Contracts.Partnerships;

/// <summary>
/// The limits and required fields of a partnership. The grain enforces them; the web checks them first
/// only to answer faster. Messages are Danish first, then English.
/// </summary>
public static class PartnershipRules
{
    public const int NameMax = 120;
    public const int MunicipalityMax = 80;
    public const int PartyNameMax = 120;
    public const int PartiesMax = 12;
    public const int LongTextMax = 4000;
    public const int MembersMax = 200;
    public const int DisplayNameMax = 80;
    public const int ContactsMax = 10;
    public const int PartyIdMax = 40;

    /// <summary>Days an ended partnership stays readable before its personal data goes (decision 028).</summary>
    public const int RetentionDaysDefault = 365;
    public const int RetentionDaysMin = 0;
    public const int RetentionDaysMax = 3650;

    public static void Validate(PartnershipDetails? details)
    {
        if (details is null)
        {
            throw Invalid("details", "Oplysningerne mangler.", "The details are missing.");
        }

        Required(details.Name, "name", "Navn", "Name", NameMax);
        Required(details.Municipality, "municipality", "Kommune", "Municipality", MunicipalityMax);
        Defined(details.Area, "area");
        Defined(details.Status, "status");
        Optional(details.Purpose, "purpose", "Formål", "Purpose", LongTextMax);
        Optional(details.TargetGroup, "targetGroup", "Målgruppe", "Target group", LongTextMax);
        Optional(details.SharedGoals, "sharedGoals", "Fælles mål", "Shared goals", LongTextMax);
        Optional(details.MunicipalityGoals, "municipalityGoals", "Kommunens mål", "The municipality's goals", LongTextMax);
        Optional(details.VoluntaryGoals, "voluntaryGoals", "De frivilliges mål", "The volunteers' goals", LongTextMax);

        if (details.Parties.IsDefault)
        {
            throw Invalid("parties", "Parterne mangler.", "The parties are missing.");
        }

        if (details.Parties.Length > PartiesMax)
        {
            throw Invalid("parties", $"Højst {PartiesMax} parter.", $"At most {PartiesMax} parties.");
        }

        foreach (var party in details.Parties)
        {
            Required(party?.Name, "parties", "Partens navn", "A party's name", PartyNameMax);
            Defined(party!.Side, "parties");
            if (party.PartyId is null || party.PartyId.Length > PartyIdMax || party.PartyId.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-'))
            {
                throw Invalid("parties", "Ugyldig part.", "Invalid party.");
            }

            if (party.Contacts.IsDefault || party.Contacts.Length > ContactsMax || party.Contacts.Any(string.IsNullOrWhiteSpace))
            {
                throw Invalid("parties", $"Højst {ContactsMax} kontaktpersoner pr. part.", $"At most {ContactsMax} contact persons per party.");
            }
        }

        if (details.Parties.Where(p => p.PartyId.Length > 0).GroupBy(p => p.PartyId).Any(g => g.Count() > 1))
        {
            throw Invalid("parties", "To parter har samme id.", "Two parties have the same id.");
        }

        if (details.RetentionDays is < RetentionDaysMin or > RetentionDaysMax)
        {
            throw Invalid("retentionDays", $"Opbevaring skal være {RetentionDaysMin}–{RetentionDaysMax} dage.",
                $"Retention must be {RetentionDaysMin}–{RetentionDaysMax} days.");
        }

        if (details.StartsOn is { } start && details.EndsOn is { } end && end < start)
        {
            throw Invalid("endsOn", "Slutdatoen ligger før startdatoen.", "The end date is before the start date.");
        }
    }

    public static void ValidateDisplayName(string? displayName) =>
        Required(displayName, "displayName", "Navn", "Name", DisplayNameMax);

    public static void Defined<TEnum>(TEnum value, string field) where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw Invalid(field, $"Ukendt værdi for {field}.", $"Unknown value for {field}.");
        }
    }

    private static void Required(string? value, string field, string daName, string enName, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw Invalid(field, $"{daName} skal udfyldes.", $"{enName} is required.");
        }

        Optional(value, field, daName, enName, max);
    }

    private static void Optional(string? value, string field, string daName, string enName, int max)
    {
        if (value is null)
        {
            throw Invalid(field, $"{daName} mangler.", $"{enName} is missing.");
        }

        if (value.Length > max)
        {
            throw Invalid(field, $"{daName} må højst være {max} tegn.", $"{enName} may be at most {max} characters.");
        }

        if (!TextRules.IsWellFormed(value) || value.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            throw Invalid(field, $"{daName} indeholder ugyldige tegn.", $"{enName} contains invalid characters.");
        }
    }

    private static HubRefusedException Invalid(string field, string danish, string english) =>
        new(ErrorCodes.Validation, $"{danish} / {english}", field);
}
