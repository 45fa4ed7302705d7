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

/// <summary>A coordinator approves the draft, for their side, as they read it at <see cref="Base"/>; refused
/// when it changed since. The second side's approval freezes the draft as the next version.</summary>
[GenerateSerializer, Immutable, Alias("hub.op.approve")]
public sealed record Approve(
    [property: Id(0)] AgreementParty Party,
    [property: Id(1)] long Base) : AgreementOp;

/// <summary>A coordinator takes their side's approval of the draft back.</summary>
[GenerateSerializer, Immutable, Alias("hub.op.withdraw-approval")]
public sealed record WithdrawApproval([property: Id(0)] AgreementParty Party) : AgreementOp;

/// <summary>
/// Made by the agreement itself when a person deletes their account: their name leaves every approval and
/// withdrawal (shown as "Tidligere deltager"). Clients never send it.
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.op.agreement-forget-person")]
public sealed record ForgetPersonInAgreement([property: Id(0)] string UserId) : AgreementOp;
