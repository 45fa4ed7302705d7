using System.Collections.Immutable;
using Hub.Contracts.Agreements;

namespace Hub.Contracts.ForMe;

/// <summary>What waits for one person across their partnerships ("Til mig"): the cards they are responsible for,
/// the agreements waiting for their side's approval, and the invitations they sent that are still open.</summary>
[GenerateSerializer, Immutable, Alias("hub.for-me")]
public sealed record ForMeList(
    [property: Id(0)] ImmutableArray<MyCard> Cards,
    [property: Id(1)] ImmutableArray<WaitingAgreement> Agreements,
    [property: Id(2)] ImmutableArray<OpenInvite> Invites);

/// <summary>A card the person is responsible for (one of its owners), not archived and not in a board's "done"
/// column; <see cref="DueAt"/> is its end, else its start.</summary>
[GenerateSerializer, Immutable, Alias("hub.my-card")]
public sealed record MyCard(
    [property: Id(0)] Guid PartnershipId,
    [property: Id(1)] string PartnershipName,
    [property: Id(2)] Guid BoardId,
    [property: Id(3)] string BoardName,
    [property: Id(4)] string CardId,
    [property: Id(5)] string Title,
    [property: Id(6)] string ColumnTitle,
    [property: Id(7)] DateTimeOffset? DueAt);

/// <summary>An agreement the person may approve for their side, and which waits for it.</summary>
[GenerateSerializer, Immutable, Alias("hub.waiting-agreement")]
public sealed record WaitingAgreement(
    [property: Id(0)] Guid PartnershipId,
    [property: Id(1)] string PartnershipName,
    [property: Id(2)] AgreementParty Party,
    [property: Id(3)] bool OtherSideApproved);

/// <summary>An invitation the person made that can still be used.</summary>
[GenerateSerializer, Immutable, Alias("hub.open-invite")]
public sealed record OpenInvite(
    [property: Id(0)] Guid PartnershipId,
    [property: Id(1)] string PartnershipName,
    [property: Id(2)] Guid InviteId,
    [property: Id(3)] string? AddressedTo,
    [property: Id(4)] DateTimeOffset ExpiresAt);

/// <summary>The person's daily e-mail digest: off unless they turn it on.</summary>
[GenerateSerializer, Immutable, Alias("hub.digest-settings")]
public sealed record DigestSettings(
    [property: Id(0)] bool Enabled,
    [property: Id(1)] string? Email,
    [property: Id(2)] DateTimeOffset? LastSentAt,
    [property: Id(3)] DateTimeOffset? LastCheckedAt);

/// <summary>One digest, for a web node to compose and send: to whom, what waits, and the unsubscribe secret.</summary>
[GenerateSerializer, Immutable, Alias("hub.digest-mail")]
public sealed record DigestMail(
    [property: Id(0)] string To,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] ForMeList Waiting,
    [property: Id(3)] string UnsubscribeToken);

/// <summary>The limits of "Til mig".</summary>
public static class ForMeLimits
{
    /// <summary>A card due within this many days (or overdue) goes into the digest.</summary>
    public const int DigestCardDays = 7;

    /// <summary>An open invitation that expires within this many days goes into the digest.</summary>
    public const int DigestInviteDays = 2;

    /// <summary>The most cards listed (the nearest due first).</summary>
    public const int CardsMax = 200;
}
