using Hub.Contracts.Partnerships;

namespace Hub.Grains.Users;

[GenerateSerializer, Alias("hub.UserState")]
public sealed class UserState
{
    [Id(0)] public Dictionary<Guid, PartnershipSummary> Partnerships { get; set; } = [];
    [Id(1)] public string? SecurityStamp { get; set; }
}
