// How each committed agreement operation changes the agreement: the same rules as
// grains/Grains/Agreements/AgreementReducer.cs, replayed on the client's confirmed copy so that it stays exactly
// the grain's. Permissions and refusals are the grain's business (it committed the operation); the few checks a
// person benefits from before sending (a section's length) are in text/rules.ts.

import { AGREEMENT_PARTIES, TextLimits, type Agreement, type AgreementOp, type Approval, type Committed, type TextHistory, type WithdrawnApproval } from "./protocol";
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
      const approval: Approval = { party: op.party, userId: committed.actorId, displayName: committed.actorName ?? "", at: committed.at, seq };
      const approvals = [...agreement.approvals, approval].sort((a, b) => AGREEMENT_PARTIES.indexOf(a.party) - AGREEMENT_PARTIES.indexOf(b.party));
      const withdrawn = agreement.withdrawn.filter((w) => w.approval.party !== op.party);
      if (approvals.length < AGREEMENT_PARTIES.length) return { ...agreement, approvals, withdrawn };
      // Both sides have approved this very text: it is frozen as the next version; the draft goes on from it.
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
      const approval = agreement.approvals.find((a) => a.party === op.party);
      if (!approval) return agreement;
      const entry: WithdrawnApproval = { approval, reason: "withdrawn", byUserId: committed.actorId, byName: committed.actorName ?? "", at: committed.at };
      return {
        ...agreement,
        approvals: agreement.approvals.filter((a) => a !== approval),
        withdrawn: [...agreement.withdrawn.filter((w) => w.approval.party !== op.party), entry],
      };
    }
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
      ...withdrawn.filter((w) => w.approval.party !== approval.party),
      { approval, reason: "edited", byUserId: committed.actorId, byName: committed.actorName ?? "", at: committed.at },
    ];
  }
  return { ...agreement, changedSeq: committed.seq, approvals: [], withdrawn };
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
