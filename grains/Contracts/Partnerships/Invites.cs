using Hub.Contracts.Common;

namespace Hub.Contracts.Partnerships;

/// <summary>What a coordinator asks for: the side and role the invited person gets, how often the link
/// may be used, and how long it lives.</summary>
[GenerateSerializer, Immutable, Alias("hub.invite-request")]
public sealed record InviteRequest(
    [property: Id(0)] Side Side,
    [property: Id(1)] MemberRole Role,
    [property: Id(2)] int MaxUses,
    [property: Id(3)] int ValidDays);

/// <summary>An invitation as the partnership keeps it (never the link itself: only its hash is stored). One sent to
/// an e-mail address (<see cref="AddressedTo"/>) is accepted only by an account whose address is that one, verified.</summary>
[GenerateSerializer, Immutable, Alias("hub.invite")]
public sealed record Invite(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Side Side,
    [property: Id(2)] MemberRole Role,
    [property: Id(3)] int MaxUses,
    [property: Id(4)] int Uses,
    [property: Id(5)] DateTimeOffset ExpiresAt,
    [property: Id(6)] bool Revoked,
    [property: Id(7)] string CreatedBy,
    [property: Id(8)] DateTimeOffset CreatedAt,
    [property: Id(9)] string? AddressedTo = null)
{
    public bool IsUsable(DateTimeOffset now) => !Revoked && Uses < MaxUses && now < ExpiresAt;
}

/// <summary>A new invitation and its secret: the secret goes into the link and is shown only this once.</summary>
[GenerateSerializer, Immutable, Alias("hub.created-invite")]
public sealed record CreatedInvite(
    [property: Id(0)] Invite Invite,
    [property: Id(1)] string Secret);

/// <summary>What the person holding the link may see before joining.</summary>
[GenerateSerializer, Immutable, Alias("hub.invite-preview")]
public sealed record InvitePreview(
    [property: Id(0)] Guid PartnershipId,
    [property: Id(1)] string PartnershipName,
    [property: Id(2)] string Municipality,
    [property: Id(3)] Side Side,
    [property: Id(4)] MemberRole Role,
    [property: Id(5)] DateTimeOffset ExpiresAt);

public static class InviteRules
{
    /// <summary>How long an invitation sent to an e-mail address (adding a member by address) lives.</summary>
    public const int AddressedValidDays = 14;

    public const int MaxUsesMax = 200;
    public const int ValidDaysMax = 60;
}

/// <summary>
/// Maps an invitation link to its partnership. Key: <see cref="Key"/>, the SHA-256 of the link's secret
/// (base64url), so the stored data never contains a usable link. Holding the link is the right to call it.
/// </summary>
[Alias("hub.IInviteGrain")]
public interface IInviteGrain : IGrainWithStringKey
{
    /// <summary>The invitation, or a not_found refusal when it does not exist, was revoked, is used up or expired.</summary>
    [Alias("Preview")]
    Task<InvitePreview> Preview();

    /// <summary>Joins the actor to the partnership with the invitation's side and role. <paramref name="verifiedEmail"/>:
    /// the actor's address when they have proved they read mail there, else null.</summary>
    [Alias("Accept")]
    Task<PartnershipSnapshot> Accept(Actor actor, string? verifiedEmail);

    /// <summary>The key under which a link's secret finds its invitation.</summary>
    public static string Key(string secret) =>
        Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
