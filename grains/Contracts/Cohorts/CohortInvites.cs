using Hub.Contracts.Partnerships;

namespace Hub.Contracts.Cohorts;

/// <summary>What a moderator asks for: the role (and, for participants, the side) the invited person gets, how
/// often the link may be used and how long it lives — the same limits as a partnership's invitations
/// (<see cref="InviteRules"/>).</summary>
[GenerateSerializer, Immutable, Alias("hub.cohort-invite-request")]
public sealed record CohortInviteRequest(
    [property: Id(0)] CohortRole Role,
    [property: Id(1)] Side? Side,
    [property: Id(2)] int MaxUses,
    [property: Id(3)] int ValidDays);

/// <summary>An invitation as the cohort keeps it: never the link itself, only (in the link grain's key) its hash.</summary>
[GenerateSerializer, Immutable, Alias("hub.cohort-invite")]
public sealed record CohortInvite(
    [property: Id(0)] Guid Id,
    [property: Id(1)] CohortRole Role,
    [property: Id(2)] Side? Side,
    [property: Id(3)] int MaxUses,
    [property: Id(4)] int Uses,
    [property: Id(5)] DateTimeOffset ExpiresAt,
    [property: Id(6)] bool Revoked,
    [property: Id(7)] string CreatedBy,
    [property: Id(8)] DateTimeOffset CreatedAt)
{
    public bool IsUsable(DateTimeOffset now) => !Revoked && Uses < MaxUses && now < ExpiresAt;
}

/// <summary>A new invitation and its secret: the secret goes into the link and is shown only this once.</summary>
[GenerateSerializer, Immutable, Alias("hub.created-cohort-invite")]
public sealed record CreatedCohortInvite(
    [property: Id(0)] CohortInvite Invite,
    [property: Id(1)] string Secret);

/// <summary>What the person holding the link may see before joining.</summary>
[GenerateSerializer, Immutable, Alias("hub.cohort-invite-preview")]
public sealed record CohortInvitePreview(
    [property: Id(0)] Guid CohortId,
    [property: Id(1)] string CohortName,
    [property: Id(2)] string Provider,
    [property: Id(3)] CohortRole Role,
    [property: Id(4)] Side? Side,
    [property: Id(5)] DateTimeOffset ExpiresAt);
