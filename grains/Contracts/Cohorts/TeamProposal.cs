using System.Collections.Immutable;
using Hub.Contracts.Partnerships;

namespace Hub.Contracts.Cohorts;

/// <summary>A participant as the team composer sees them: their side and the partnership they come from.</summary>
[GenerateSerializer, Immutable, Alias("hub.team-candidate")]
public sealed record TeamCandidate(
    [property: Id(0)] string UserId,
    [property: Id(1)] Side Side,
    [property: Id(2)] Guid? PartnershipId);

/// <summary>One proposed team. <see cref="Reason"/> says, when it is not mixed, why not (Danish / English).</summary>
[GenerateSerializer, Immutable, Alias("hub.proposed-team")]
public sealed record ProposedTeam(
    [property: Id(0)] CohortTeam Team,
    [property: Id(1)] bool Mixed,
    [property: Id(2)] string? Reason);

/// <summary>The team composer's proposal for a team size and a seed; the same input always gives the same proposal.</summary>
[GenerateSerializer, Immutable, Alias("hub.team-proposal")]
public sealed record TeamProposal(
    [property: Id(0)] int TeamSize,
    [property: Id(1)] int Seed,
    [property: Id(2)] ImmutableArray<ProposedTeam> Teams);
