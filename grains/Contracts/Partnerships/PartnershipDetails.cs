using System.Collections.Immutable;

namespace Hub.Contracts.Partnerships;

/// <summary>The area of social work a partnership is about (the study's three focus areas, and the rest).</summary>
public enum PartnershipArea
{
    SocialPsychiatry,
    VulnerableAdults,
    Disability,
    Other,
}

public enum PartnershipStatus
{
    Draft,
    Active,
    Paused,
    Ended,
}

/// <summary>Which side of the collaboration a party or a person belongs to.</summary>
public enum Side
{
    Municipality,
    VoluntaryOrganisation,
    VolunteerCentre,
}

/// <summary>
/// An organisation taking part: a municipal unit, a voluntary organisation or a volunteer centre (its kind is its
/// <see cref="Side"/>). Every member belongs to one party, and every party to the promise approves the agreement for
/// itself (decision 027): the municipality unit and each organisation always; the volunteer centre, a broker, only
/// when <see cref="CoSigns"/>. <see cref="PartyId"/> is given by the grain ("" on the way in means a new party, or
/// the existing one of the same name and kind); <see cref="Contacts"/> are member user ids.
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.party")]
public sealed record Party(
    [property: Id(0)] string Name,
    [property: Id(1)] Side Side)
{
    [Id(2)] public string PartyId { get; init; } = "";

    [Id(3)] public ImmutableArray<string> Contacts { get; init; } = [];

    [Id(4)] public bool CoSigns { get; init; }

    /// <summary>Whether the party approves the agreement: every party to the promise, the broker only if it co-signs.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Signs => Side != Side.VolunteerCentre || CoSigns;
}

/// <summary>What a coordinator writes about the partnership; everything but the members.</summary>
[GenerateSerializer, Immutable, Alias("hub.partnership-details")]
public sealed record PartnershipDetails
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public required string Municipality { get; init; }
    [Id(2)] public PartnershipArea Area { get; init; } = PartnershipArea.Other;
    [Id(3)] public ImmutableArray<Party> Parties { get; init; } = [];
    [Id(4)] public string Purpose { get; init; } = "";
    [Id(5)] public string TargetGroup { get; init; } = "";
    [Id(6)] public string SharedGoals { get; init; } = "";
    [Id(7)] public string MunicipalityGoals { get; init; } = "";
    [Id(8)] public string VoluntaryGoals { get; init; } = "";
    [Id(9)] public DateOnly? StartsOn { get; init; }
    [Id(10)] public DateOnly? EndsOn { get; init; }
    [Id(11)] public PartnershipStatus Status { get; init; } = PartnershipStatus.Draft;

    /// <summary>How long an ended partnership stays readable for its coordinators before its personal data is
    /// deleted or anonymised (decision 028).</summary>
    [Id(12)] public int RetentionDays { get; init; } = PartnershipRules.RetentionDaysDefault;
}
