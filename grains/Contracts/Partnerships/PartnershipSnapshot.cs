using System.Collections.Immutable;

namespace Hub.Contracts.Partnerships;

public enum MemberRole
{
    Coordinator,
    Member,
    Observer,
}

/// <summary>The role a person has in the field, shown next to their access role and used in filters; free to choose.</summary>
public enum FieldRole
{
    None,
    Frivilligkoordinator,
    Fagperson,
    Frivilligkonsulent,
    FrivilligcenterKonsulent,
    Leder,
}

/// <summary>A member. <see cref="PartyId"/> is the party they belong to; null only for a member of a partnership
/// from before parties were entities whose party could not be told from their side (they are asked to choose).</summary>
[GenerateSerializer, Immutable, Alias("hub.member")]
public sealed record Member(
    [property: Id(0)] string UserId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] Side Side,
    [property: Id(3)] MemberRole Role,
    [property: Id(4)] DateTimeOffset JoinedAt)
{
    [Id(5)] public string? PartyId { get; init; }

    [Id(6)] public FieldRole FieldRole { get; init; }
}

[GenerateSerializer, Immutable, Alias("hub.board-ref")]
public sealed record BoardRef(
    [property: Id(0)] Guid BoardId,
    [property: Id(1)] string Name);

/// <summary>What callers get of a partnership: an immutable copy, never the grain's own state.</summary>
[GenerateSerializer, Immutable, Alias("hub.partnership")]
public sealed record PartnershipSnapshot(
    [property: Id(0)] Guid Id,
    [property: Id(1)] PartnershipDetails Details,
    [property: Id(2)] ImmutableArray<Member> Members,
    [property: Id(3)] ImmutableArray<BoardRef> Boards,
    [property: Id(4)] int Version,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] DateTimeOffset UpdatedAt)
{
    /// <summary>When the partnership ended (read-only from then); null while it has not.</summary>
    [Id(7)] public DateTimeOffset? EndedAt { get; init; }

    /// <summary>When its personal data was deleted or anonymised, after the retention period.</summary>
    [Id(8)] public DateTimeOffset? PurgedAt { get; init; }
}

/// <summary>One line in a person's list of partnerships.</summary>
[GenerateSerializer, Immutable, Alias("hub.partnership-summary")]
public sealed record PartnershipSummary(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Municipality,
    [property: Id(3)] PartnershipArea Area,
    [property: Id(4)] PartnershipStatus Status,
    [property: Id(5)] MemberRole Role,
    [property: Id(6)] Side Side);
