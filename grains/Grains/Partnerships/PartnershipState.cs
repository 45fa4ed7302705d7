using Hub.Contracts.Partnerships;

namespace Hub.Grains.Partnerships;

/// <summary>The partnership as stored. Private to its grain: callers get a <see cref="PartnershipSnapshot"/>.</summary>
[GenerateSerializer, Alias("hub.PartnershipState")]
public sealed class PartnershipState
{
    [Id(0)] public PartnershipDetails? Details { get; set; }
    [Id(1)] public List<Member> Members { get; set; } = [];
    [Id(2)] public List<BoardRef> Boards { get; set; } = [];
    [Id(3)] public int Version { get; set; }
    [Id(4)] public DateTimeOffset CreatedAt { get; set; }
    [Id(5)] public DateTimeOffset UpdatedAt { get; set; }
    [Id(6)] public List<Invite> Invites { get; set; } = [];
    [Id(7)] public DateTimeOffset? EndedAt { get; set; }
    [Id(8)] public DateTimeOffset? PurgedAt { get; set; }
}
