// How each committed agreement operation changes the agreement: the same rules as
// grains/Grains/Agreements/AgreementReducer.cs, replayed on the client's confirmed copy so that it stays exactly
// the grain's. Permissions and refusals are the grain's business (it committed the operation); the few checks a
// person benefits from before sending (a section's length) are in text/rules.ts.

import { TextLimits, type Agreement, type AgreementOp, type Approval, type Committed, type TextHistory, type WithdrawnApproval } from "./protocol";
import { FORMER_PARTICIPANT_ID, FORMER_PARTICIPANT_NAME } from "./boardReducer";
import { apply as applyText, isNoop } from "./text/textOp";

export function applyAgreementOp(agreement: Agreement, committed: Committed<AgreementOp>): Agreement {
  const { op, seq } = committed;
  switch (op.type) {
    case "editSection": {
      const next: Agreement = {
        ...agreement,
        sections: { ...agreement.sections, [op.section]: applyText(agreement.sections[op.section], op.op) },
        texts: isNoop(op.op) ? agreement.texts : appendHistory(agreement.texts, { seq, id: committed.id, field: op.section, op: op.op }),
      };
      return isNoop(op.op) ? next : changed(next, committed);
    }
    case "setRecordCheck":
      return op.value === agreement.recordCheck ? agreement : changed({ ...agreement, recordCheck: op.value }, committed);
    case "approve": {
      const signer = agreement.signers.find((s) => s.partyId === op.partyId);
      if (!signer) return agreement;
      const approval: Approval = {
        party: signer.side === "municipality" ? "municipality" : "voluntary",
        userId: committed.actorId,
        displayName: committed.actorName ?? "",
        at: committed.at,
        seq,
        partyId: signer.partyId,
        partyName: signer.name,
      };
      const order = (a: Approval) => signerIndex(agreement, a);
      const approvals = [...agreement.approvals, approval].sort((a, b) => order(a) - order(b));
      const withdrawn = agreement.withdrawn.filter((w) => w.approval.partyId !== op.partyId);
      if (!agreement.signers.every((s) => approvals.some((a) => a.partyId === s.partyId))) return { ...agreement, approvals, withdrawn };
      // Every signing party has approved this very text (decision 027): it is frozen as the next version; the draft goes on from it.
      const number = agreement.versions.length + 1;
      return {
        ...agreement,
        approvals: [],
        withdrawn: [],
        versions: [...agreement.versions, { number, seq, frozenAt: committed.at, approvals }],
        latest: { number, seq, frozenAt: committed.at, approvals, sections: agreement.sections, recordCheck: agreement.recordCheck },
      };
    }
    case "withdrawApproval": {
      const approval = agreement.approvals.find((a) => a.partyId === op.partyId);
      if (!approval) return agreement;
      const entry: WithdrawnApproval = { approval, reason: "withdrawn", byUserId: committed.actorId, byName: committed.actorName ?? "", at: committed.at };
      return {
        ...agreement,
        approvals: agreement.approvals.filter((a) => a !== approval),
        withdrawn: [...agreement.withdrawn.filter((w) => w.approval.partyId !== op.partyId), entry],
      };
    }
    case "setSigners":
      return { ...agreement, signers: op.signers, approvals: agreement.approvals.filter((a) => op.signers.some((s) => s.partyId === a.partyId)) };
    case "forgetPerson":
      return forget(agreement, op.userId);
    default:
      return unknown(op);
  }
}

function unknown(op: never): never {
  throw new Error(`Unknown agreement operation ${JSON.stringify(op)}`);
}

/** The draft changed: it is no longer what anyone approved, and everyone is shown whose approval went. */
function changed(agreement: Agreement, committed: Committed<AgreementOp>): Agreement {
  let withdrawn = agreement.withdrawn;
  for (const approval of agreement.approvals) {
    withdrawn = [
      ...withdrawn.filter((w) => !sameParty(w.approval, approval)),
      { approval, reason: "edited", byUserId: committed.actorId, byName: committed.actorName ?? "", at: committed.at },
    ];
  }
  return { ...agreement, changedSeq: committed.seq, approvals: [], withdrawn };
}

/** Approvals by party id; those from before parties were entities ("") by their side (AgreementReducer.SameParty). */
function sameParty(a: Approval, b: Approval): boolean {
  return a.partyId !== "" || b.partyId !== "" ? a.partyId === b.partyId : a.party === b.party;
}

function signerIndex(agreement: Agreement, approval: Approval): number {
  const index = agreement.signers.findIndex((s) => s.partyId === approval.partyId);
  return index < 0 ? Number.MAX_SAFE_INTEGER : index;
}

export function appendHistory(history: TextHistory, edit: TextHistory["edits"][number]): TextHistory {
  const edits = [...history.edits, edit];
  if (edits.length <= TextLimits.HistoryMax) return { from: history.from, edits };
  const drop = edits.length - TextLimits.HistoryMax;
  return { from: edits[drop - 1]!.seq, edits: edits.slice(drop) };
}

/** A deleted account: its name leaves every approval and withdrawal (AgreementReducer.Forget). */
function forget(agreement: Agreement, userId: string): Agreement {
  const approval = (a: Approval): Approval =>
    a.userId === userId ? { ...a, userId: FORMER_PARTICIPANT_ID, displayName: FORMER_PARTICIPANT_NAME } : a;
  return {
    ...agreement,
    approvals: agreement.approvals.map(approval),
    withdrawn: agreement.withdrawn.map((w) =>
      w.byUserId === userId
        ? { ...w, approval: approval(w.approval), byUserId: FORMER_PARTICIPANT_ID, byName: FORMER_PARTICIPANT_NAME }
        : { ...w, approval: approval(w.approval) },
    ),
    versions: agreement.versions.map((v) => ({ ...v, approvals: v.approvals.map(approval) })),
    latest: agreement.latest ? { ...agreement.latest, approvals: agreement.latest.approvals.map(approval) } : null,
  };
}
