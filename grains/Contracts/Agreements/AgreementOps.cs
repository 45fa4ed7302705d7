using System.Text.Json.Serialization;
using Hub.Contracts.Text;

namespace Hub.Contracts.Agreements;

/// <summary>
/// Every change to an agreement is one of these operations; on the wire each carries a "type" naming it
/// (docs/protocol.md, and the same union in web/client/src/generated/contracts.ts, generated from these records).
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.agreement-op")]
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(EditSection), "editSection")]
[JsonDerivedType(typeof(SetRecordCheck), "setRecordCheck")]
[JsonDerivedType(typeof(Approve), "approve")]
[JsonDerivedType(typeof(WithdrawApproval), "withdrawApproval")]
[JsonDerivedType(typeof(ForgetPersonInAgreement), "forgetPerson")]
[JsonDerivedType(typeof(SetSigners), "setSigners")]
public abstract record AgreementOp;

/// <summary>
/// A change to one section's text, composed against the agreement at sequence number <see cref="Base"/>. The
/// grain transforms it against the section's operations committed after that base and commits the result;
/// the committed operation's base is the sequence number just before its own.
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.op.edit-section")]
public sealed record EditSection(
    [property: Id(0)] AgreementSection Section,
    [property: Id(1)] long Base,
    [property: Id(2)] TextOp Op) : AgreementOp;

[GenerateSerializer, Immutable, Alias("hub.op.set-record-check")]
public sealed record SetRecordCheck([property: Id(0)] RecordCheck Value) : AgreementOp;

/// <summary>A coordinator or contact person of a party approves the draft for that party, as they read it at
/// <see cref="Base"/>; refused when it changed since. The last signing party's approval freezes the draft as the next
/// version (decision 027). (Id 0, the side of the two-sided rule, is retired.)</summary>
[GenerateSerializer, Immutable, Alias("hub.op.approve")]
public sealed record Approve(
    [property: Id(2)] string PartyId,
    [property: Id(1)] long Base) : AgreementOp;

/// <summary>A coordinator or contact person takes their party's approval of the draft back.</summary>
[GenerateSerializer, Immutable, Alias("hub.op.withdraw-approval")]
public sealed record WithdrawApproval([property: Id(1)] string PartyId) : AgreementOp;

/// <summary>Made by the agreement itself when the partnership's parties change: who approves from now on. Approvals
/// of parties no longer signing go. Clients never send it.</summary>
[GenerateSerializer, Immutable, Alias("hub.op.set-signers")]
public sealed record SetSigners([property: Id(0)] System.Collections.Immutable.ImmutableArray<Signer> Signers) : AgreementOp;

/// <summary>
/// Made by the agreement itself when a person deletes their account: their name leaves every approval and
/// withdrawal (shown as "Tidligere deltager"). Clients never send it.
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.op.agreement-forget-person")]
public sealed record ForgetPersonInAgreement([property: Id(0)] string UserId) : AgreementOp;
