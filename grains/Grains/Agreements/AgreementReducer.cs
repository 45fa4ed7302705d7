using System.Collections.Immutable;
using Hub.Contracts.Agreements;
using Hub.Contracts.Common;
using Hub.Contracts.Live;
using Hub.Contracts.Text;
using Hub.Grains.Text;

namespace Hub.Grains.Agreements;

/// <summary>
/// How each agreement operation changes an agreement, or why it may not. Pure, like the board's reducer:
/// the grain runs it in its synchronous step, and clients replay committed operations with the same rules
/// (web/client/src/agreementReducer.ts).
/// </summary>
public static class AgreementReducer
{
    public static Agreement New(Guid partnershipId) => new(
        partnershipId,
        Enum.GetValues<AgreementSection>().ToImmutableDictionary(s => s, _ => ""),
        RecordCheck.Unknown,
        [],
        [],
        [],
        null,
        0,
        TextHistory.Empty);

    /// <summary>
    /// Applies one operation that becomes number <paramref name="seq"/>. Returns the agreement after it and the
    /// operation as committed (a section edit transformed against what was committed since its base).
    /// </summary>
    /// <param name="approvesFor">The parties the actor may approve for (decision 027): their own party, when they
    /// are a coordinator or one of its contact persons; empty for everyone else.</param>
    public static (Agreement Agreement, AgreementOp Committed) Apply(Agreement agreement, Actor actor, IReadOnlySet<string> approvesFor, OpId id, long seq, AgreementOp op, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(actor);
        return op switch
        {
            EditSection o => Edit(agreement, actor, id, seq, o, now),
            SetRecordCheck o => SetRecordCheck(agreement, actor, seq, o, now),
            Approve o => (Approve(agreement, actor, approvesFor, seq, o, now), o),
            WithdrawApproval o => (Withdraw(agreement, actor, approvesFor, o, now), o),
            SetSigners o when actor.UserId == Boards.BoardReducer.SystemUserId => (WithSigners(agreement, o.Signers), o),
            SetSigners => throw new HubRefusedException(ErrorCodes.Forbidden, "Kun Hub selv kan det. / Only Hub itself can do that."),
            ForgetPersonInAgreement o when actor.UserId == Boards.BoardReducer.SystemUserId => (Forget(agreement, o.UserId), o),
            ForgetPersonInAgreement => throw new HubRefusedException(ErrorCodes.Forbidden, "Kun Hub selv kan det. / Only Hub itself can do that."),
            null => throw Invalid("op", "Operationen mangler.", "The operation is missing."),
            _ => throw Invalid("type", "Ukendt operation.", "Unknown operation."),
        };
    }

    /// <summary>The parties that approve from now on; an approval of a party that no longer signs goes (no version is
    /// frozen by this: the next approval does it).</summary>
    public static Agreement WithSigners(Agreement agreement, System.Collections.Immutable.ImmutableArray<Signer> signers)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        var set = signers.IsDefault ? [] : signers;
        return agreement with
        {
            Signers = set,
            Approvals = [.. agreement.Approvals.Where(a => set.Any(s => s.PartyId == a.PartyId))],
        };
    }

    /// <summary>A deleted account leaves approvals and withdrawals as "Tidligere deltager".</summary>
    public static Agreement Forget(Agreement agreement, string userId)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        return agreement with
        {
            Approvals = [.. agreement.Approvals.Select(a => Forget(a, userId))],
            Withdrawn = [.. agreement.Withdrawn.Select(w => w.ByUserId == userId
                ? w with { Approval = Forget(w.Approval, userId), ByUserId = Boards.BoardReducer.FormerParticipantId, ByName = Boards.BoardReducer.FormerParticipantName }
                : w with { Approval = Forget(w.Approval, userId) })],
            Versions = [.. agreement.Versions.Select(v => v with { Approvals = [.. v.Approvals.Select(a => Forget(a, userId))] })],
            Latest = agreement.Latest is { } latest ? Forget(latest, userId) : null,
        };
    }

    public static AgreementVersion Forget(AgreementVersion version, string userId)
    {
        ArgumentNullException.ThrowIfNull(version);
        return version with { Approvals = [.. version.Approvals.Select(a => Forget(a, userId))] };
    }

    private static Approval Forget(Approval approval, string userId) => approval.UserId == userId
        ? approval with { UserId = Boards.BoardReducer.FormerParticipantId, DisplayName = Boards.BoardReducer.FormerParticipantName }
        : approval;

    private static (Agreement, AgreementOp) Edit(Agreement agreement, Actor actor, OpId id, long seq, EditSection op, DateTimeOffset now)
    {
        Defined(op.Section, "section");
        var edit = SharedText.Edit(agreement.Sections[op.Section], agreement.Texts, AgreementLimits.Key(op.Section), op.Base, op.Op, id, seq,
            AgreementLimits.SectionMax, "section");
        var next = agreement with { Sections = agreement.Sections.SetItem(op.Section, edit.Text), Texts = edit.History };
        if (!TextOps.IsNoop(edit.Committed))
        {
            next = Changed(next, actor, seq, now);
        }

        return (next, op with { Base = seq - 1, Op = edit.Committed });
    }

    private static (Agreement, AgreementOp) SetRecordCheck(Agreement agreement, Actor actor, long seq, SetRecordCheck op, DateTimeOffset now)
    {
        Defined(op.Value, "value");
        return (op.Value == agreement.RecordCheck ? agreement : Changed(agreement with { RecordCheck = op.Value }, actor, seq, now), op);
    }

    /// <summary>The draft changed: it is no longer what anyone approved, and everyone is shown whose approval went.</summary>
    private static Agreement Changed(Agreement agreement, Actor actor, long seq, DateTimeOffset now)
    {
        var withdrawn = agreement.Withdrawn;
        foreach (var approval in agreement.Approvals)
        {
            withdrawn = [.. withdrawn.Where(w => !SameParty(w.Approval, approval)), new WithdrawnApproval(approval, WithdrawalReason.Edited, actor.UserId, actor.DisplayName, now)];
        }

        return agreement with { ChangedSeq = seq, Approvals = [], Withdrawn = withdrawn };
    }

    private static Agreement Approve(Agreement agreement, Actor actor, IReadOnlySet<string> approvesFor, long seq, Approve op, DateTimeOffset now)
    {
        var signer = agreement.Signers.FirstOrDefault(s => s.PartyId == op.PartyId)
            ?? throw Invalid("partyId", "Parten godkender ikke aftalen.", "That party does not approve the agreement.");
        if (!approvesFor.Contains(op.PartyId))
        {
            throw new HubRefusedException(ErrorCodes.Forbidden,
                "Kun en koordinator eller kontaktperson fra parten kan godkende for den. / Only a coordinator or contact person of the party can approve for it.", "partyId");
        }

        if (op.Base < 0 || op.Base >= seq)
        {
            throw Invalid("base", "Ugyldig base for godkendelsen.", "Invalid base for the approval.");
        }

        if (op.Base < agreement.ChangedSeq)
        {
            throw new HubRefusedException(ErrorCodes.Conflict,
                "Aftalen er ændret, siden du læste den; læs den igen, før du godkender. / " +
                "The agreement changed since you read it; read it again before you approve.", "base");
        }

        if (agreement.Approvals.Any(a => a.PartyId == op.PartyId))
        {
            throw new HubRefusedException(ErrorCodes.Conflict, "Jeres part har allerede godkendt udkastet. / Your party has already approved the draft.", "partyId");
        }

        if (agreement.Latest is { } latest && agreement.ChangedSeq <= latest.Seq)
        {
            throw new HubRefusedException(ErrorCodes.Conflict,
                $"Intet er ændret siden version {latest.Number}. / Nothing has changed since version {latest.Number}.");
        }

        if (agreement.Sections.Values.All(string.IsNullOrWhiteSpace))
        {
            throw Invalid("sections", "Aftalen er tom.", "The agreement is empty.");
        }

        var approval = new Approval(AgreementLimits.PartyOf(signer.Side), actor.UserId, actor.DisplayName, now, seq) { PartyId = signer.PartyId, PartyName = signer.Name };
        var approvals = agreement.Approvals.Add(approval).Sort((a, b) => SignerIndex(agreement, a).CompareTo(SignerIndex(agreement, b)));
        var withdrawn = agreement.Withdrawn.RemoveAll(w => w.Approval.PartyId == op.PartyId);
        if (!agreement.Signers.All(s => approvals.Any(a => a.PartyId == s.PartyId)))
        {
            return agreement with { Approvals = approvals, Withdrawn = withdrawn };
        }

        if (agreement.Versions.Length >= AgreementLimits.VersionsMax)
        {
            throw new HubRefusedException(ErrorCodes.Limit,
                $"Højst {AgreementLimits.VersionsMax} godkendte versioner. / At most {AgreementLimits.VersionsMax} approved versions.");
        }

        // Every signing party has approved this very text: freeze it as the next version; the draft goes on from it.
        var number = agreement.Versions.Length + 1;
        var version = new AgreementVersion(number, seq, now, approvals, agreement.Sections, agreement.RecordCheck);
        return agreement with
        {
            Approvals = [],
            Withdrawn = [],
            Versions = agreement.Versions.Add(new AgreementVersionInfo(number, seq, now, approvals)),
            Latest = version,
        };
    }

    private static Agreement Withdraw(Agreement agreement, Actor actor, IReadOnlySet<string> approvesFor, WithdrawApproval op, DateTimeOffset now)
    {
        if (!approvesFor.Contains(op.PartyId ?? ""))
        {
            throw new HubRefusedException(ErrorCodes.Forbidden,
                "Kun en koordinator eller kontaktperson fra parten kan trække godkendelsen tilbage. / Only a coordinator or contact person of the party can withdraw its approval.", "partyId");
        }

        var approval = agreement.Approvals.FirstOrDefault(a => a.PartyId == op.PartyId)
            ?? throw new HubRefusedException(ErrorCodes.Conflict, "Jeres part har ikke godkendt udkastet. / Your party has not approved the draft.", "partyId");
        return agreement with
        {
            Approvals = agreement.Approvals.Remove(approval),
            Withdrawn = [.. agreement.Withdrawn.Where(w => w.Approval.PartyId != op.PartyId), new WithdrawnApproval(approval, WithdrawalReason.Withdrawn, actor.UserId, actor.DisplayName, now)],
        };
    }

    /// <summary>Approvals by party id; those from before parties were entities ("") by their side.</summary>
    private static bool SameParty(Approval a, Approval b) => a.PartyId.Length > 0 || b.PartyId.Length > 0 ? a.PartyId == b.PartyId : a.Party == b.Party;

    private static int SignerIndex(Agreement agreement, Approval approval)
    {
        for (var i = 0; i < agreement.Signers.Length; i++)
        {
            if (agreement.Signers[i].PartyId == approval.PartyId)
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    private static void Defined<TEnum>(TEnum value, string field) where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw Invalid(field, "Ukendt værdi.", "Unknown value.");
        }
    }

    private static HubRefusedException Invalid(string field, string danish, string english) =>
        new(ErrorCodes.Validation, $"{danish} / {english}", field);
}
