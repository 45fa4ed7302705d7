using System.Collections.Immutable;
using System.Text.Json;
using Hub.Contracts.Text;

namespace Hub.Contracts.Agreements;

/// <summary>The sections of a collaboration agreement (samarbejdsaftale), in the order they are shown.</summary>
public enum AgreementSection
{
    /// <summary>Formål.</summary>
    Purpose,

    /// <summary>Målgruppe, og hvordan den får besked.</summary>
    TargetGroup,

    /// <summary>Roller og opgavefordeling.</summary>
    Roles,

    /// <summary>Grænsen mellem frivilligt og lønnet arbejde.</summary>
    Boundary,

    /// <summary>Tavshedspligt og persondata (with <see cref="Agreement.RecordCheck"/>).</summary>
    Confidentiality,

    /// <summary>Mødeform og videndeling.</summary>
    Meetings,

    /// <summary>Start, slut, og hvordan samarbejdet ophører.</summary>
    StartAndEnd,
}

/// <summary>The side group an approval belongs to: the municipality, or the voluntary side. Since parties are
/// entities (decision 027) approvals are by party (<see cref="Approval.PartyId"/>); this stays for showing old
/// approvals and grouping.</summary>
public enum AgreementParty
{
    Municipality,
    Voluntary,
}

/// <summary>Whether volunteers need a børneattest or straffeattest (police certificate) for the work.</summary>
public enum RecordCheck
{
    Unknown,
    Required,
    NotRequired,
}

/// <summary>Why an approval went away before a version was frozen.</summary>
public enum WithdrawalReason
{
    /// <summary>Someone changed the text after it was approved.</summary>
    Edited,

    /// <summary>The approving side took it back.</summary>
    Withdrawn,
}

/// <summary>
/// A partnership's collaboration agreement as everyone sees it: the current draft (the sections' text and the
/// record-check answer), the approvals it has, the approvals it lost, and the frozen versions. Immutable: the
/// grain replaces it with every operation. Its size does not grow with the number of edits: the texts, a
/// bounded history of recent text operations (<see cref="Texts"/>) and the latest frozen version; earlier
/// versions' texts are kept apart, one stored row each.
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.agreement")]
public sealed record Agreement(
    [property: Id(0)] Guid PartnershipId,
    [property: Id(1)] ImmutableDictionary<AgreementSection, string> Sections,
    [property: Id(2)] RecordCheck RecordCheck,
    [property: Id(3)] ImmutableArray<Approval> Approvals,
    [property: Id(4)] ImmutableArray<WithdrawnApproval> Withdrawn,
    [property: Id(5)] ImmutableArray<AgreementVersionInfo> Versions,
    [property: Id(6)] AgreementVersion? Latest,
    [property: Id(7)] long ChangedSeq,
    [property: Id(8)] TextHistory Texts)
{
    /// <summary>The parties that approve, as the partnership last told them (decision 027): every party to the
    /// promise, the volunteer centre only when it co-signs. A version is frozen when all of them approved one text.</summary>
    [Id(9)] public ImmutableArray<Signer> Signers { get; init; } = [];
}

/// <summary>A party that approves the agreement for itself.</summary>
[GenerateSerializer, Immutable, Alias("hub.signer")]
public sealed record Signer(
    [property: Id(0)] string PartyId,
    [property: Id(1)] string Name,
    [property: Id(2)] Partnerships.Side Side);

/// <summary>One side's approval of the draft as it was at <see cref="Seq"/>.</summary>
[GenerateSerializer, Immutable, Alias("hub.approval")]
public sealed record Approval(
    [property: Id(0)] AgreementParty Party,
    [property: Id(1)] string UserId,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] long Seq)
{
    /// <summary>The party that approved; "" for an approval from before parties were entities (by side only).</summary>
    [Id(5)] public string PartyId { get; init; } = "";

    [Id(6)] public string PartyName { get; init; } = "";
}

/// <summary>An approval the draft lost: who took it away (by editing, or by withdrawing it) and when.</summary>
[GenerateSerializer, Immutable, Alias("hub.withdrawn-approval")]
public sealed record WithdrawnApproval(
    [property: Id(0)] Approval Approval,
    [property: Id(1)] WithdrawalReason Reason,
    [property: Id(2)] string ByUserId,
    [property: Id(3)] string ByName,
    [property: Id(4)] DateTimeOffset At);

/// <summary>A frozen version in the list: its number, when both sides had approved it, and by whom.</summary>
[GenerateSerializer, Immutable, Alias("hub.agreement-version-info")]
public sealed record AgreementVersionInfo(
    [property: Id(0)] int Number,
    [property: Id(1)] long Seq,
    [property: Id(2)] DateTimeOffset FrozenAt,
    [property: Id(3)] ImmutableArray<Approval> Approvals);

/// <summary>A frozen version, whole: what both sides approved.</summary>
[GenerateSerializer, Immutable, Alias("hub.agreement-version")]
public sealed record AgreementVersion(
    [property: Id(0)] int Number,
    [property: Id(1)] long Seq,
    [property: Id(2)] DateTimeOffset FrozenAt,
    [property: Id(3)] ImmutableArray<Approval> Approvals,
    [property: Id(4)] ImmutableDictionary<AgreementSection, string> Sections,
    [property: Id(5)] RecordCheck RecordCheck);

/// <summary>The agreement as of one sequence number.</summary>
[GenerateSerializer, Immutable, Alias("hub.agreement-snapshot")]
public sealed record AgreementSnapshot(
    [property: Id(0)] long Seq,
    [property: Id(1)] Agreement Agreement);

/// <summary>The limits of an agreement; docs/protocol.md states them, and operations beyond them are refused.</summary>
public static class AgreementLimits
{
    /// <summary>The most characters (UTF-16 code units) in one section.</summary>
    public const int SectionMax = 10_000;

    /// <summary>The most frozen versions an agreement keeps.</summary>
    public const int VersionsMax = 200;

    /// <summary>A section's key in the text history and on the wire: its name in camelCase ("targetGroup").</summary>
    public static string Key(AgreementSection section) => JsonNamingPolicy.CamelCase.ConvertName(section.ToString());

    /// <summary>Which side approves for a member of the given side.</summary>
    public static AgreementParty PartyOf(Partnerships.Side side) =>
        side == Partnerships.Side.Municipality ? AgreementParty.Municipality : AgreementParty.Voluntary;
}
