// The agreement screen: the seven sections co-edited as shared text (others' carets in their colours, undo and redo
// of one's own edits), the børneattest/straffeattest answer, each side's approval and the buttons for coordinators,
// the approved versions, reading one, and the difference between two (or a version and the draft). The whole
// screen is one lit template rendered on every change: lit keeps the sections' textareas (typing never loses its
// caret) and touches only what changed, so the approval states are not read out again at every keystroke.

import { html, nothing, render, type TemplateResult } from "lit-html";
import { live } from "lit-html/directives/live.js";
import { repeat } from "lit-html/directives/repeat.js";
import { formatDateTime, localise, t, type TextKey } from "../i18n";
import {
  AGREEMENT_PARTIES,
  AGREEMENT_SECTIONS,
  AgreementLimits,
  RECORD_CHECKS,
  type Agreement,
  type AgreementParty,
  type AgreementSection,
  type AgreementVersion,
  type Me,
} from "../protocol";
import { partyOf, type AgreementStore, type Announcement } from "../stores/agreementStore";
import { confirmDialog } from "./confirm";
import { diffWords } from "../text/diff";
import { apply as applyOp, diffOp } from "../text/textOp";
import { SharedTextEditor } from "./sharedText";
import { link } from "./shell";
import { avatar, connectionStatus, presenceRow } from "./widgets";

export interface AgreementViewContext {
  store: AgreementStore;
  me: Me;
  partnershipName: string;
  navigate(path: string): void;
  announce(text: string): void;
}

export interface MountedAgreement {
  refresh(): void;
  dispose(): void;
}

type Compared = { from: number; to: number | "draft" };

/** Runs a change that withdraws approvals only after the person said yes (or `no` after a no); false when nothing
 * needs asking. */
type Guard = (then: () => void, no?: () => void) => boolean;

/** Typed text the person chose not to send because it would withdraw an approval: kept beside the section until they
 * send it anyway or discard it (docs/decisions/024-everyday-use.md). */
type Drafts = Map<AgreementSection, string[]>;

/** The screen's own state: a version open for reading, a comparison, and versions read from the grain. */
class Reading {
  open: number | null = null;
  compare: Compared | null = null;
  /** Versions asked of the grain (not at hand): the ones that failed say why. */
  private readonly asked = new Set<number>();
  private readonly failures = new Map<number, string>();

  constructor(
    private readonly store: AgreementStore,
    private readonly changed: () => void,
  ) {}

  /** The version if it is at hand, else null (and it is asked for; the screen renders again when it comes). */
  version(number: number): AgreementVersion | null {
    const now = this.store.versionNow(number);
    if (now || this.asked.has(number)) return now;
    this.asked.add(number);
    this.store.version(number).then(
      () => this.changed(),
      (error: unknown) => {
        this.failures.set(number, localise(error instanceof Error ? error.message : String(error)));
        this.changed();
      },
    );
    return null;
  }

  /** The person asks again (opens a version, compares): versions that failed are asked for once more. */
  again(): void {
    for (const n of this.failures.keys()) this.asked.delete(n);
    this.failures.clear();
  }

  failure(...numbers: number[]): string | null {
    for (const n of numbers) {
      const f = this.failures.get(n);
      if (f !== undefined) return f;
    }
    return null;
  }
}

export function mountAgreement(main: HTMLElement, ctx: AgreementViewContext): MountedAgreement {
  const { store } = ctx;
  const root = document.createElement("div");
  root.className = "page agreement-page";
  main.replaceChildren(root);
  let scheduled = false;
  let disposed = false;
  const schedule = () => {
    if (scheduled || disposed) return;
    scheduled = true;
    queueMicrotask(draw);
  };
  const reading = new Reading(store, schedule);
  // Any change of the draft withdraws every approval (AgreementReducer). The person is asked once per set of
  // approvals — for typing, undo and redo alike; the change they made waits for the answer and is made then. Typed
  // text refused on "no" is not lost: it stays beside the section, unsent, to send anyway or discard.
  let agreedFor = "";
  let asking = false;
  const approvalsKey = (a: Agreement) => a.approvals.map((x) => `${x.partyId || x.party}:${x.seq}`).join(",");
  const drafts: Drafts = new Map();
  const guard: Guard = (then, no) => {
    const a = store.view;
    if (!a || a.approvals.length === 0 || approvalsKey(a) === agreedFor) return false;
    if (asking) return true;
    asking = true;
    const key = approvalsKey(a);
    const parties = a.approvals.map((x) => x.partyName || t(`agreement.partyIn.${x.party}` as TextKey));
    void confirmDialog({
      title: t("agreement.withdrawTitle"),
      text: parties.length > 1 ? t("agreement.withdrawBoth") : t("agreement.withdrawOne", { party: parties[0]! }),
      confirm: t("agreement.withdrawGo"),
      cancel: t("agreement.withdrawKeep"),
    }).then((yes) => {
      asking = false;
      if (yes) {
        agreedFor = key;
        then();
      } else {
        no?.();
      }
      schedule();
    });
    return true;
  };
  const editors = new Map(
    AGREEMENT_SECTIONS.map((section) => [
      section,
      new SharedTextEditor({
        id: `section-${section}`,
        field: section,
        max: AgreementLimits.SectionMax,
        rows: 6,
        describedBy: `section-${section}-hint agreement-keys`,
        text: () => store.section(section),
        edit: (op, selection) => {
          const before = store.section(section);
          // Asked first: the textarea goes back, and the same edit is made after a yes if nothing changed meanwhile.
          const keep = () => drafts.set(section, [...(drafts.get(section) ?? []), applyOp(before, op)]);
          if (guard(() => (store.section(section) === before ? store.edit(section, op, selection) : keep()), keep)) return false;
          return store.edit(section, op, selection);
        },
        undo: () => void (guard(() => store.undo(section)) || store.undo(section)),
        redo: () => void (guard(() => store.redo(section)) || store.redo(section)),
        caret: (selection) => store.caret(selection ? section : null, selection),
        onText: (listener) => store.onText(listener),
        carets: () => store.carets(section).map((c) => ({ name: c.entry.displayName, colour: c.entry.colour, selection: c.selection })),
      }),
    ]),
  );
  // The sections appear with the first agreement and then stay (hidden while there is none): a textarea that left
  // the page would take the person's caret with it.
  let shown = false;

  function draw(): void {
    scheduled = false;
    if (disposed) return;
    const agreement = store.view;
    const usable = !store.failure && agreement !== null;
    if (usable) {
      shown = true;
      document.title = `${t("agreement.title")} — ${ctx.partnershipName || t("appName")}`;
    }
    render(
      html`${top(ctx, agreement)}
        <div class="agreement-sections" ?hidden=${!usable}>
          ${shown ? repeat(AGREEMENT_SECTIONS, (s) => s, (s) => sectionPart(ctx, s, editors.get(s)!, store.view, guard, drafts, schedule)) : nothing}
        </div>
        <section class="approval" aria-labelledby="approval-title">${usable ? approval(ctx, agreement) : nothing}</section>
        <section class="versions" aria-labelledby="versions-title">${usable ? versions(ctx, agreement, reading, schedule) : nothing}</section>`,
      root,
    );
    for (const editor of editors.values()) editor.refreshCarets();
  }

  const unsubscribe = store.subscribe(schedule);
  const unannounce = store.onAnnouncement((a) => ctx.announce(say(a)));
  draw();
  return {
    refresh: schedule,
    dispose: () => {
      disposed = true;
      unsubscribe();
      unannounce();
      editors.forEach((e) => e.dispose());
    },
  };
}

/** An announcement in words: sections, sides and answers named in the reader's language. */
export function say(a: Announcement): string {
  const params: Record<string, string> = { ...a.params };
  if (params.section) params.section = t(`agreement.section.${params.section}` as TextKey);
  // Approvals from before parties were entities name a side; since then they name the party itself.
  if (params.party === "municipality" || params.party === "voluntary") params.party = t(`agreement.partyIn.${params.party}` as TextKey);
  if (params.value) params.value = t(`agreement.recordCheck.${params.value}` as TextKey);
  return t(a.key, params);
}

function top(ctx: AgreementViewContext, agreement: Agreement | null): TemplateResult {
  const { store } = ctx;
  const back = `/partnerships/${store.partnershipId}`;
  return html`<div>
    <p class="crumbs"><a href=${back} @click=${link(ctx.navigate, back)}>← ${ctx.partnershipName || t("back")}</a></p>
    <h1>${t("agreement.title")}</h1>
    <p class="lead">${t("agreement.intro")}</p>
    <div class="status-row">${connectionStatus(ctx.store.connection, ctx.store.pending.length)}${presenceRow(ctx.store.presenceList, ctx.me.userId)}</div>
    ${store.failure ? html`<p class="error" role="alert">${t("agreement.failed", { reason: localise(store.failure.message) })}</p>` : nothing}
    ${agreement === null && !store.failure ? html`<p role="status">${t("loading")}</p>` : nothing}
    ${agreement !== null && !store.canWrite ? html`<p class="notice">${t("agreement.readOnly")}</p>` : nothing}
    ${store.refusals.length > 0
      ? html`<ul class="notices" role="alert">
          ${repeat(
            store.refusals,
            (r) => r.id,
            (r) =>
              html`<li class="notice">
                <span>${t("refused", { reason: localise(r.message) })}</span>
                <button type="button" class="secondary small" @click=${() => store.dismiss(r.id)}>${t("dismiss")}</button>
              </li>`,
          )}
        </ul>`
      : nothing}
    <p class="hint" id="agreement-keys">${t("agreement.keys")}</p>
  </div>`;
}

function sectionPart(ctx: AgreementViewContext, section: AgreementSection, editor: SharedTextEditor, agreement: Agreement | null, guard: Guard,
  drafts: Drafts, changed: () => void): TemplateResult {
  const id = `section-${section}`;
  return html`<section class="agreement-section" data-section=${section}>
    <h2 class="section-heading"><label for=${id} class="section-title">${t(`agreement.section.${section}` as TextKey)}</label></h2>
    <p class="hint" id=${`${id}-hint`}>${t(`agreement.hint.${section}` as TextKey)}</p>
    ${editor.template(!ctx.store.canWrite)}
    <div class="section-chrome">${agreement ? sectionTools(ctx, section, agreement, guard) : nothing}</div>
    ${unsent(ctx, section, drafts, changed)}
    ${section === "confidentiality" && agreement ? html`<div class="record-check">${recordCheck(ctx, agreement, guard)}</div>` : nothing}
  </section>`;
}

/** The section's unsent drafts: what was typed when the person chose not to withdraw an approval. Sending one is the
 * explicit yes: it replaces the section's text as it is now with the draft. */
function unsent(ctx: AgreementViewContext, section: AgreementSection, drafts: Drafts, changed: () => void): TemplateResult | typeof nothing {
  const list = drafts.get(section) ?? [];
  if (list.length === 0) return nothing;
  const drop = (index: number) => {
    const left = list.filter((_, i) => i !== index);
    if (left.length === 0) drafts.delete(section);
    else drafts.set(section, left);
    changed();
  };
  const send = (index: number) => {
    const now = ctx.store.section(section);
    if (ctx.store.edit(section, diffOp(now, list[index]!))) drop(index);
  };
  const name = t(`agreement.section.${section}` as TextKey);
  return html`<div class="unsent-drafts" role="region" aria-label=${t("agreement.unsentLabel", { section: name })}>
    ${list.map(
      (text, i) => html`<div class="unsent-draft">
        <p><strong>${t("agreement.unsentTitle")}</strong> ${t("agreement.unsentLead")}</p>
        <pre class="unsent-text">${text}</pre>
        <div class="actions">
          <button type="button" class="secondary small" @click=${() => send(i)}>${t("agreement.unsentSend")}</button>
          <button type="button" class="secondary small" @click=${() => drop(i)}>${t("agreement.unsentDiscard")}</button>
        </div>
      </div>`,
    )}
  </div>`;
}

function sectionTools(ctx: AgreementViewContext, section: AgreementSection, agreement: Agreement, guard: Guard): TemplateResult {
  const { store } = ctx;
  const name = t(`agreement.section.${section}` as TextKey);
  const writers = store.editorsOf(section);
  return html`<div class="section-tools">
    <p class="writers">
      ${writers.length > 0
        ? html`${writers.map((w) => avatar(w, "small"))}<span>${t("agreement.writingHere", { names: writers.map((w) => w.displayName).join(", ") })}</span>`
        : nothing}
    </p>
    <p class="counter">${t("agreement.chars", { count: agreement.sections[section].length, max: AgreementLimits.SectionMax })}</p>
    ${store.canWrite
      ? html`<div class="undo-redo">
          <button
            type="button"
            class="secondary small"
            aria-label=${t("agreement.undoLabel", { section: name })}
            ?disabled=${!store.texts.canUndo(section)}
            @click=${() => guard(() => store.undo(section)) || store.undo(section)}
          >${t("agreement.undo")}</button>
          <button
            type="button"
            class="secondary small"
            aria-label=${t("agreement.redoLabel", { section: name })}
            ?disabled=${!store.texts.canRedo(section)}
            @click=${() => guard(() => store.redo(section)) || store.redo(section)}
          >${t("agreement.redo")}</button>
        </div>`
      : nothing}
  </div>`;
}

function recordCheck(ctx: AgreementViewContext, agreement: Agreement, guard: Guard): TemplateResult {
  const { store } = ctx;
  return html`<fieldset class="record-check-field">
    <legend>${t("agreement.recordCheck.legend")}</legend>
    ${RECORD_CHECKS.map((v) => {
      const id = `record-check-${v}`;
      return html`<span class="radio">
        <input
          type="radio"
          name="recordCheck"
          id=${id}
          value=${v}
          .checked=${live(v === agreement.recordCheck)}
          ?disabled=${!store.canWrite}
          @change=${() => {
            if (!guard(() => store.setRecordCheck(v))) store.setRecordCheck(v);
          }}
        /><label for=${id}>${t(`agreement.recordCheck.${v}` as TextKey)}</label>
      </span>`;
    })}
  </fieldset>`;
}

function approval(ctx: AgreementViewContext, agreement: Agreement): TemplateResult {
  const { store } = ctx;
  const latest = agreement.latest;
  const unchangedSince = latest !== null && agreement.changedSeq <= latest.seq ? latest.number : null;
  const waiting = store.texts.pendingCount > 0;
  return html`<div>
    <h2 id="approval-title">${t("agreement.approval.title")}</h2>
    <p class="draft-state">${latest ? t("agreement.draftAfter", { number: latest.number }) : t("agreement.firstDraft")}</p>
    <p class="hint">${t("agreement.approval.intro")}</p>
    <p class="who-approves" id="who-approves">${t("agreement.whoApproves")} ${store.myParty === null ? whoCan(ctx) : nothing}</p>
    <ul class="approvals">
      ${repeat(
        agreement.signers,
        (signer) => signer.partyId,
        (signer) => {
          const party = signer.partyId;
          const given = agreement.approvals.find((a) => a.partyId === party);
          const lost = agreement.withdrawn.find((w) => w.approval.partyId === party);
          return html`<li class=${`approval-state ${given ? "approved" : "open"}`} data-party=${party}>
            <strong>${signer.name}: </strong><span class="approval-text"
              >${given ? t("agreement.approvedBy", { name: given.displayName, when: formatDateTime(given.at) }) : t("agreement.notApproved")}</span
            >${!given && lost
              ? html`<p class="withdrawn">
                  ${lost.reason === "edited"
                    ? t("agreement.lostEdited", { name: lost.approval.displayName, by: lost.byName, when: formatDateTime(lost.at) })
                    : t("agreement.lostWithdrawn", { by: lost.byName, when: formatDateTime(lost.at) })}
                </p>`
              : nothing}${store.myParty === party ? approvalButton(ctx, party, signer.name, given !== undefined, unchangedSince, waiting, isBlank(agreement)) : nothing}
          </li>`;
        },
      )}
    </ul>
  </div>`;
}

/** The coordinators who can approve, with their party: said to someone who cannot, so they know whom to ask. */
function whoCan(ctx: AgreementViewContext): string {
  const coordinators = [...ctx.store.members.values()].filter((m) => m.role === "coordinator");
  if (coordinators.length === 0) return t("agreement.noCoordinators");
  const partyName = (m: (typeof coordinators)[number]) =>
    ctx.store.parties.find((p) => p.partyId === m.partyId)?.name ?? t(`agreement.partyIn.${partyOf(m.side)}` as TextKey);
  const names = coordinators.map((m) => `${m.displayName} (${partyName(m)})`).join(", ");
  return t("agreement.youCannotApprove", { names });
}

function isBlank(agreement: Agreement): boolean {
  return AGREEMENT_SECTIONS.every((s) => agreement.sections[s].trim() === "");
}

function approvalButton(ctx: AgreementViewContext, party: string, partyName: string, given: boolean, unchangedSince: number | null, waiting: boolean, blank: boolean): TemplateResult {
  const { store } = ctx;
  if (store.isApproving(party)) return html`<p class="muted">${t("agreement.sending")}</p>`;
  if (given) return html`<button type="button" class="secondary" @click=${() => store.withdraw(party)}>${t("agreement.withdraw")}</button>`;
  const blocked = blank
    ? t("agreement.blankDraft")
    : unchangedSince !== null
      ? t("agreement.nothingChanged", { number: unchangedSince })
      : waiting
        ? t("agreement.waitForSave")
        : null;
  const why = `approve-why-${party}`;
  return html`<div class="approve-row">
    <button type="button" ?disabled=${blocked !== null} aria-describedby=${blocked ? why : nothing} @click=${() => store.approve(party)}>
      ${t("agreement.approveFor", { party: partyName })}
    </button>
    ${blocked ? html`<p class="hint" id=${why}>${blocked}</p>` : nothing}
  </div>`;
}

function versions(ctx: AgreementViewContext, agreement: Agreement, reading: Reading, changed: () => void): TemplateResult {
  const list = [...agreement.versions].reverse();
  const names = (v: { approvals: { displayName: string; party: AgreementParty; partyName: string }[] }) =>
    v.approvals.map((a) => `${a.displayName} (${a.partyName || t(`agreement.party.${a.party}` as TextKey)})`).join(` ${t("agreement.and")} `);
  const toggle = (number: number) => () => {
    reading.open = reading.open === number ? null : number;
    reading.again();
    changed();
  };
  return html`<div>
    <h2 id="versions-title">${t("agreement.versions.title")}</h2>
    ${list.length === 0
      ? html`<p class="muted">${t("agreement.versions.none")}</p>`
      : html`<ol class="version-list" reversed>
          ${repeat(
            list,
            (v) => v.number,
            (v) =>
              html`<li data-version=${v.number}>
                <span>${t("agreement.versionLine", { number: v.number, when: formatDateTime(v.frozenAt), names: names(v) })}</span>
                <button type="button" class="secondary small" aria-expanded=${reading.open === v.number ? "true" : "false"} @click=${toggle(v.number)}>
                  ${reading.open === v.number ? t("agreement.close", { number: v.number }) : t("agreement.read", { number: v.number })}
                </button>
              </li>`,
          )}
        </ol>`}
    ${reading.open !== null ? versionReader(ctx, reading, reading.open) : nothing}
    ${list.length > 0 ? compareForm(agreement, reading, changed) : nothing}
    ${reading.compare !== null ? comparison(agreement, reading, reading.compare) : nothing}
  </div>`;
}

/** A version's place while it is read from the grain: busy, then the version, or why it could not be read. */
function later(content: TemplateResult | null, failure: string | null): TemplateResult {
  const busy = content === null && failure === null;
  return html`<div class="later" aria-busy=${busy ? "true" : nothing}>
    ${content ?? (failure !== null ? html`<p class="error" role="alert">${failure}</p>` : html`<p class="muted">${t("agreement.loadingVersion")}</p>`)}
  </div>`;
}

/** A version to read, and to print: the print stylesheet shows only this, with whose approval made it. */
function versionReader(ctx: AgreementViewContext, reading: Reading, number: number): TemplateResult {
  const version = reading.version(number);
  return html`<section class="version-reader" aria-labelledby="version-reader-title">
    <div class="section-head">
      <h3 id="version-reader-title">${t("agreement.version", { number })}</h3>
      ${version ? html`<button type="button" class="secondary small" @click=${() => window.print()}>${t("agreement.print", { number })}</button>` : nothing}
    </div>
    ${later(
      version
        ? html`<p class="print-only print-title">${t("agreement.title")} — ${ctx.partnershipName}</p>
            <p class="version-approvals">${version.approvals
              .map((a) => t("agreement.approvedFor", { name: a.displayName, party: a.partyName || t(`agreement.partyIn.${a.party}` as TextKey), when: formatDateTime(a.at) }))
              .join(" · ")}</p>
            ${AGREEMENT_SECTIONS.map(
              (s) => html`<div class="version-section">
                <h4>${t(`agreement.section.${s}` as TextKey)}</h4>
                <p class="version-text">${version.sections[s] || t("notSet")}</p>
              </div>`,
            )}
            <p><strong>${t("agreement.recordCheck.legend")} </strong>${t(`agreement.recordCheck.${version.recordCheck}` as TextKey)}</p>`
        : null,
      reading.failure(number),
    )}
  </section>`;
}

function compareForm(agreement: Agreement, reading: Reading, changed: () => void): TemplateResult {
  const numbers = agreement.versions.map((v) => v.number);
  const newest = numbers[numbers.length - 1]!;
  const from = reading.compare?.from ?? newest;
  const to = reading.compare?.to ?? "draft";
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLSelectElement).value;
    reading.compare = { from: Number(value("from")), to: value("to") === "draft" ? "draft" : Number(value("to")) };
    reading.again();
    changed();
  };
  return html`<form class="compare-form" aria-labelledby="compare-title" @submit=${submit}>
    <h3 id="compare-title">${t("agreement.compare.title")}</h3>
    <div class="compare-row">
      <label for="compare-from">${t("agreement.compare.from")}</label>
      <select id="compare-from" name="from">
        ${repeat(
          numbers,
          (n) => n,
          (n) => html`<option value=${String(n)} ?selected=${n === from}>${t("agreement.version", { number: n })}</option>`,
        )}
      </select>
      <label for="compare-to">${t("agreement.compare.to")}</label>
      <select id="compare-to" name="to">
        <option value="draft" ?selected=${to === "draft"}>${t("agreement.compare.draft")}</option>
        ${repeat(
          numbers,
          (n) => n,
          (n) => html`<option value=${String(n)} ?selected=${to === n}>${t("agreement.version", { number: n })}</option>`,
        )}
      </select>
    </div>
    <button type="submit">${t("agreement.compare.show")}</button>
  </form>`;
}

type Comparable = Pick<AgreementVersion, "sections" | "recordCheck">;

function comparison(agreement: Agreement, reading: Reading, what: Compared): TemplateResult {
  const label = (x: number | "draft") => (x === "draft" ? t("agreement.compare.draft") : t("agreement.version", { number: x }));
  const before = reading.version(what.from);
  const after = what.to === "draft" ? agreement : reading.version(what.to);
  const failure = reading.failure(what.from, ...(what.to === "draft" ? [] : [what.to]));
  return html`<section class="comparison" aria-labelledby="comparison-title">
    <h3 id="comparison-title">${t("agreement.compare.heading", { from: label(what.from), to: label(what.to) })}</h3>
    <p class="hint">${t("agreement.compare.legend")}</p>
    ${later(before && after ? differences(before, after) : null, failure)}
  </section>`;
}

function differences(before: Comparable, after: Comparable): TemplateResult {
  const parts = AGREEMENT_SECTIONS.map((s) => {
    const diff = diffWords(before.sections[s], after.sections[s]);
    return { section: s, diff, changed: diff.some((d) => d.kind !== "same") };
  });
  const checkChanged = before.recordCheck !== after.recordCheck;
  if (!checkChanged && parts.every((p) => !p.changed)) return html`<p>${t("agreement.compare.none")}</p>`;
  const marked = (kind: "added" | "removed", text: string) =>
    html`<span class="visually-hidden">[${t(`agreement.compare.${kind}`)} </span>${text}<span class="visually-hidden">]</span>`;
  return html`${parts.map(
      (p) => html`<div class="diff-section" data-section=${p.section} data-changed=${p.changed ? "true" : "false"}>
        <h4>${t(`agreement.section.${p.section}` as TextKey)}</h4>
        ${p.changed
          ? html`<p class="diff-text">${p.diff.map((d) =>
              d.kind === "same" ? d.text : d.kind === "added" ? html`<ins>${marked("added", d.text)}</ins>` : html`<del>${marked("removed", d.text)}</del>`,
            )}</p>`
          : html`<p class="muted">${t("agreement.compare.unchanged")}</p>`}
      </div>`,
    )}${checkChanged
      ? html`<p class="diff-section" data-section="recordCheck" data-changed="true">
          <strong>${t("agreement.recordCheck.legend")} </strong><del>${t(`agreement.recordCheck.${before.recordCheck}` as TextKey)}</del>
          <ins>${t(`agreement.recordCheck.${after.recordCheck}` as TextKey)}</ins>
        </p>`
      : nothing}`;
}
