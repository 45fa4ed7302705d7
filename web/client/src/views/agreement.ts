// The agreement screen: the seven sections co-edited as shared text (others' carets in their colours, undo and redo
// of one's own edits), the børneattest/straffeattest answer, each side's approval and the buttons for coordinators,
// the approved versions, reading one, and the difference between two (or a version and the draft). The sections'
// textareas are built once and kept (typing must never lose its caret); the rest is rendered again on every change.

import { formatDateTime, lang, localise, t, type TextKey } from "../i18n";
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
  type RecordCheck,
} from "../protocol";
import type { AgreementStore, Announcement } from "../stores/agreementStore";
import { diffWords } from "../text/diff";
import { avatar } from "./board";
import { h, rerender } from "./dom";
import { sharedTextArea, type SharedTextArea } from "./sharedText";
import { link } from "./shell";

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

/** What the person is looking at below the draft: a version open for reading, and a comparison. */
interface Reading {
  open: number | null;
  compare: { from: number; to: number | "draft" } | null;
}

export function mountAgreement(main: HTMLElement, ctx: AgreementViewContext): MountedAgreement {
  const { store } = ctx;
  const top = h("div", { class: "agreement-top" });
  const approval = h("section", { class: "approval", "aria-labelledby": "approval-title" });
  const sectionsRoot = h("div", { class: "agreement-sections" });
  const versions = h("section", { class: "versions", "aria-labelledby": "versions-title" });
  const root = h("div", { class: "page agreement-page" }, top, approval, sectionsRoot, versions);
  main.replaceChildren(root);
  const reading: Reading = { open: null, compare: null };
  const editors = new Map<AgreementSection, { area: SharedTextArea; chrome: HTMLElement; title: HTMLElement; hint: HTMLElement; built: boolean }>();
  let built = false;
  let scheduled = false;

  const buildSections = (agreement: Agreement) => {
    built = true;
    for (const section of AGREEMENT_SECTIONS) {
      const id = `section-${section}`;
      const hintId = `${id}-hint`;
      const area = sharedTextArea({
        id,
        field: section,
        max: AgreementLimits.SectionMax,
        rows: 6,
        disabled: !store.canWrite,
        describedBy: `${hintId} agreement-keys`,
        text: () => store.section(section),
        edit: (op, selection) => store.edit(section, op, selection),
        undo: () => store.undo(section),
        redo: () => store.redo(section),
        caret: (selection) => store.caret(selection ? section : null, selection),
        onText: (listener) => store.onText(listener),
        carets: () => store.carets(section).map((c) => ({ name: c.entry.displayName, colour: c.entry.colour, selection: c.selection })),
      });
      const title = h("label", { for: id, class: "section-title" });
      const hint = h("p", { class: "hint", id: hintId });
      const chrome = h("div", { class: "section-chrome" });
      editors.set(section, { area, chrome, title, hint, built: true });
      sectionsRoot.appendChild(
        h(
          "section",
          { class: "agreement-section", "data-section": section },
          h("h2", { class: "section-heading" }, title),
          hint,
          area.element,
          chrome,
          section === "confidentiality" ? h("div", { class: "record-check", "data-slot": "record-check" }) : null,
        ),
      );
    }
    void agreement;
  };

  // Parts are rendered again only when what they show changed: the approval states are a live region, and
  // re-rendering it on every keystroke would have screen readers read it again and again.
  const signatures = new Map<HTMLElement, string>();
  const update = (container: HTMLElement, signature: unknown, build: () => Node) => {
    const key = JSON.stringify([lang(), signature]);
    if (signatures.get(container) === key) return;
    signatures.set(container, key);
    rerender(container, build);
  };

  const render = () => {
    scheduled = false;
    const agreement = store.view;
    update(top, [store.connection, store.pending.length, store.presenceList, store.refusals, store.failure, agreement === null, store.canWrite, ctx.partnershipName], () =>
      buildTop(ctx, agreement),
    );
    if (store.failure || agreement === null) {
      approval.replaceChildren();
      versions.replaceChildren();
      sectionsRoot.hidden = true;
      return;
    }
    sectionsRoot.hidden = false;
    if (!built) buildSections(agreement);
    document.title = `${t("agreement.title")} — ${ctx.partnershipName || t("appName")}`;
    update(
      approval,
      [agreement.approvals, agreement.withdrawn, agreement.latest?.number, agreement.changedSeq, store.myParty, store.texts.pendingCount > 0, AGREEMENT_PARTIES.map((p) => store.isApproving(p))],
      () => buildApproval(ctx, agreement),
    );
    for (const [section, e] of editors) {
      e.title.textContent = t(`agreement.section.${section}` as TextKey);
      e.hint.textContent = t(`agreement.hint.${section}` as TextKey);
      e.area.setDisabled(!store.canWrite);
      e.area.refreshCarets();
      update(e.chrome, [store.editorsOf(section), agreement.sections[section].length, store.texts.canUndo(section), store.texts.canRedo(section), store.canWrite], () =>
        buildChrome(ctx, section, agreement),
      );
    }
    const slot = sectionsRoot.querySelector<HTMLElement>("[data-slot=record-check]");
    if (slot) update(slot, [agreement.recordCheck, store.canWrite], () => buildRecordCheck(ctx, agreement.recordCheck));
    update(versions, [agreement.versions, reading, reading.compare?.to === "draft" ? [agreement.sections, agreement.recordCheck] : null], () =>
      buildVersions(ctx, agreement, reading, schedule),
    );
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(render);
  };

  const unsubscribe = store.subscribe(schedule);
  const unannounce = store.onAnnouncement((a) => ctx.announce(say(a)));
  render();
  return {
    refresh: () => {
      signatures.clear();
      schedule();
    },
    dispose: () => {
      unsubscribe();
      unannounce();
      editors.forEach((e) => e.area.dispose());
    },
  };
}

/** An announcement in words: sections, sides and answers named in the reader's language. */
export function say(a: Announcement): string {
  const params: Record<string, string> = { ...a.params };
  if (params.section) params.section = t(`agreement.section.${params.section}` as TextKey);
  if (params.party) params.party = t(`agreement.partyIn.${params.party}` as TextKey);
  if (params.value) params.value = t(`agreement.recordCheck.${params.value}` as TextKey);
  return t(a.key, params);
}

function buildTop(ctx: AgreementViewContext, agreement: Agreement | null): Node {
  const { store } = ctx;
  const state = store.connection;
  const pending = store.pending.length;
  const back = `/partnerships/${store.partnershipId}`;
  return h(
    "div",
    {},
    h("p", { class: "crumbs" }, h("a", { href: back, onclick: link(ctx.navigate, back) }, `← ${ctx.partnershipName || t("back")}`)),
    h("h1", {}, t("agreement.title")),
    h("p", { class: "lead" }, t("agreement.intro")),
    h(
      "div",
      { class: "status-row" },
      h(
        "p",
        { class: `connection connection-${state}`, role: "status", "data-state": state },
        h("span", { class: "dot", "aria-hidden": "true" }),
        t(`conn.${state}` as TextKey),
        pending > 0 ? h("span", { class: "pending" }, ` · ${t("pendingCount", { count: pending })}`) : null,
      ),
      h(
        "div",
        { class: "presence" },
        h("h2", { class: "presence-title", id: "presence-title" }, t("whoIsHere")),
        h(
          "ul",
          { "aria-labelledby": "presence-title", class: "presence-list" },
          store.presenceList.map((p) =>
            h(
              "li",
              { class: "presence-entry", "data-user-id": p.userId },
              avatar(p),
              h("span", { class: "presence-name" }, p.userId === ctx.me.userId ? `${p.displayName} (${t("you")})` : p.displayName),
            ),
          ),
        ),
      ),
    ),
    store.failure ? h("p", { class: "error", role: "alert" }, t("agreement.failed", { reason: localise(store.failure.message) })) : null,
    agreement === null && !store.failure ? h("p", { role: "status" }, t("loading")) : null,
    agreement !== null && !store.canWrite ? h("p", { class: "notice" }, t("agreement.readOnly")) : null,
    store.refusals.length > 0
      ? h(
          "ul",
          { class: "notices", role: "alert" },
          store.refusals.map((r) =>
            h(
              "li",
              { class: "notice" },
              h("span", {}, t("refused", { reason: localise(r.message) })),
              h("button", { type: "button", class: "secondary small", "data-key": `dismiss-${r.id}`, onclick: () => store.dismiss(r.id) }, t("dismiss")),
            ),
          ),
        )
      : null,
    h("p", { class: "hint", id: "agreement-keys" }, t("agreement.keys")),
  );
}

function buildChrome(ctx: AgreementViewContext, section: AgreementSection, agreement: Agreement): Node {
  const { store } = ctx;
  const name = t(`agreement.section.${section}` as TextKey);
  const writers = store.editorsOf(section);
  const canWrite = store.canWrite;
  return h(
    "div",
    { class: "section-tools" },
    h(
      "p",
      { class: "writers" },
      writers.length > 0
        ? [writers.map((w) => avatar(w, "small")), h("span", {}, t("agreement.writingHere", { names: writers.map((w) => w.displayName).join(", ") }))]
        : null,
    ),
    h("p", { class: "counter" }, t("agreement.chars", { count: agreement.sections[section].length, max: AgreementLimits.SectionMax })),
    canWrite
      ? h(
          "div",
          { class: "undo-redo" },
          h(
            "button",
            { type: "button", class: "secondary small", "data-key": `undo-${section}`, "aria-label": t("agreement.undoLabel", { section: name }), disabled: !store.texts.canUndo(section) || null, onclick: () => store.undo(section) },
            t("agreement.undo"),
          ),
          h(
            "button",
            { type: "button", class: "secondary small", "data-key": `redo-${section}`, "aria-label": t("agreement.redoLabel", { section: name }), disabled: !store.texts.canRedo(section) || null, onclick: () => store.redo(section) },
            t("agreement.redo"),
          ),
        )
      : null,
  );
}

function buildRecordCheck(ctx: AgreementViewContext, value: RecordCheck): Node {
  const { store } = ctx;
  return h(
    "fieldset",
    { class: "record-check-field" },
    h("legend", {}, t("agreement.recordCheck.legend")),
    RECORD_CHECKS.map((v) => {
      const id = `record-check-${v}`;
      return h(
        "span",
        { class: "radio" },
        h("input", { type: "radio", name: "recordCheck", id, value: v, "data-key": id, checked: v === value, disabled: !store.canWrite || null, onchange: () => store.setRecordCheck(v) }),
        h("label", { for: id }, t(`agreement.recordCheck.${v}` as TextKey)),
      );
    }),
  );
}

function buildApproval(ctx: AgreementViewContext, agreement: Agreement): Node {
  const { store } = ctx;
  const mine = store.myParty;
  const latest = agreement.latest;
  const unchanged = latest !== null && agreement.changedSeq <= latest.seq;
  const waiting = store.texts.pendingCount > 0;
  return h(
    "div",
    {},
    h("h2", { id: "approval-title" }, t("agreement.approval.title")),
    h("p", { class: "draft-state" }, latest ? t("agreement.draftAfter", { number: latest.number }) : t("agreement.firstDraft")),
    h("p", { class: "hint" }, t("agreement.approval.intro")),
    h(
      "ul",
      { class: "approvals" },
      AGREEMENT_PARTIES.map((party) => {
        const given = agreement.approvals.find((a) => a.party === party);
        const lost = agreement.withdrawn.find((w) => w.approval.party === party);
        const state = given
          ? t("agreement.approvedBy", { name: given.displayName, when: formatDateTime(given.at) })
          : t("agreement.notApproved");
        return h(
          "li",
          { class: `approval-state ${given ? "approved" : "open"}`, "data-party": party },
          h("strong", {}, `${t(`agreement.party.${party}` as TextKey)}: `),
          h("span", { class: "approval-text" }, state),
          !given && lost
            ? h(
                "p",
                { class: "withdrawn" },
                lost.reason === "edited"
                  ? t("agreement.lostEdited", { name: lost.approval.displayName, by: lost.byName, when: formatDateTime(lost.at) })
                  : t("agreement.lostWithdrawn", { by: lost.byName, when: formatDateTime(lost.at) }),
              )
            : null,
          mine === party ? approvalButton(ctx, party, given !== undefined, unchanged ? latest!.number : null, waiting) : null,
        );
      }),
    ),
  );
}

function approvalButton(ctx: AgreementViewContext, party: AgreementParty, given: boolean, unchangedSince: number | null, waiting: boolean): Node {
  const { store } = ctx;
  if (store.isApproving(party)) return h("p", { class: "muted" }, t("agreement.sending"));
  if (given) {
    return h("button", { type: "button", class: "secondary", "data-key": `withdraw-${party}`, onclick: () => store.withdraw(party) }, t("agreement.withdraw"));
  }
  const blocked = unchangedSince !== null ? t("agreement.nothingChanged", { number: unchangedSince }) : waiting ? t("agreement.waitForSave") : null;
  return h(
    "div",
    { class: "approve-row" },
    h(
      "button",
      { type: "button", "data-key": `approve-${party}`, disabled: blocked !== null || null, "aria-describedby": blocked ? `approve-why-${party}` : null, onclick: () => store.approve(party) },
      t(`agreement.approve.${party}` as TextKey),
    ),
    blocked ? h("p", { class: "hint", id: `approve-why-${party}` }, blocked) : null,
  );
}

function buildVersions(ctx: AgreementViewContext, agreement: Agreement, reading: Reading, refresh: () => void): Node {
  const list = [...agreement.versions].reverse();
  const names = (v: { approvals: { displayName: string; party: AgreementParty }[] }) =>
    v.approvals.map((a) => `${a.displayName} (${t(`agreement.party.${a.party}` as TextKey)})`).join(` ${t("agreement.and")} `);
  return h(
    "div",
    {},
    h("h2", { id: "versions-title" }, t("agreement.versions.title")),
    list.length === 0
      ? h("p", { class: "muted" }, t("agreement.versions.none"))
      : h(
          "ol",
          { class: "version-list", reversed: true },
          list.map((v) =>
            h(
              "li",
              { "data-version": v.number },
              h("span", {}, t("agreement.versionLine", { number: v.number, when: formatDateTime(v.frozenAt), names: names(v) })),
              h(
                "button",
                {
                  type: "button",
                  class: "secondary small",
                  "data-key": `read-${v.number}`,
                  "aria-expanded": reading.open === v.number ? "true" : "false",
                  onclick: () => {
                    reading.open = reading.open === v.number ? null : v.number;
                    refresh();
                  },
                },
                reading.open === v.number ? t("agreement.close", { number: v.number }) : t("agreement.read", { number: v.number }),
              ),
            ),
          ),
        ),
    reading.open !== null ? versionReader(ctx, reading.open) : null,
    list.length > 0 ? compareForm(ctx, agreement, reading, refresh) : null,
    reading.compare !== null ? comparison(ctx, agreement, reading.compare) : null,
  );
}

/** A slot filled once the version has arrived (it may have to be read from the grain). */
function later(ctx: AgreementViewContext, key: string, fill: (slot: HTMLElement) => Promise<void>, fillNow: ((slot: HTMLElement) => boolean) | null = null): HTMLElement {
  const slot = h("div", { class: "later", "data-later": key, "aria-busy": "true" }, h("p", { class: "muted" }, t("agreement.loadingVersion")));
  if (fillNow?.(slot)) {
    slot.removeAttribute("aria-busy");
    return slot;
  }
  fill(slot)
    .then(() => slot.removeAttribute("aria-busy"))
    .catch((error: unknown) => {
      slot.removeAttribute("aria-busy");
      slot.replaceChildren(h("p", { class: "error", role: "alert" }, localise(error instanceof Error ? error.message : String(error))));
    });
  void ctx;
  return slot;
}

function versionReader(ctx: AgreementViewContext, number: number): Node {
  const fill = (slot: HTMLElement, version: AgreementVersion) =>
    slot.replaceChildren(
      ...AGREEMENT_SECTIONS.map((s) =>
        h("div", { class: "version-section" }, h("h4", {}, t(`agreement.section.${s}` as TextKey)), h("p", { class: "version-text" }, version.sections[s] || t("notSet"))),
      ),
      h("p", {}, h("strong", {}, `${t("agreement.recordCheck.legend")} `), t(`agreement.recordCheck.${version.recordCheck}` as TextKey)),
    );
  return h(
    "section",
    { class: "version-reader", "aria-labelledby": "version-reader-title" },
    h("h3", { id: "version-reader-title" }, t("agreement.version", { number })),
    later(
      ctx,
      `read-${number}`,
      async (slot) => fill(slot, await ctx.store.version(number)),
      (slot) => {
        const version = ctx.store.versionNow(number);
        if (version) fill(slot, version);
        return version !== null;
      },
    ),
  );
}

function compareForm(ctx: AgreementViewContext, agreement: Agreement, reading: Reading, refresh: () => void): Node {
  const numbers = agreement.versions.map((v) => v.number);
  const newest = numbers[numbers.length - 1]!;
  const from = h(
    "select",
    { id: "compare-from", "data-key": "compare-from" },
    numbers.map((n) => h("option", { value: String(n), selected: n === (reading.compare?.from ?? newest) }, t("agreement.version", { number: n }))),
  );
  const to = h(
    "select",
    { id: "compare-to", "data-key": "compare-to" },
    h("option", { value: "draft", selected: (reading.compare?.to ?? "draft") === "draft" }, t("agreement.compare.draft")),
    numbers.map((n) => h("option", { value: String(n), selected: reading.compare?.to === n }, t("agreement.version", { number: n }))),
  );
  return h(
    "form",
    {
      class: "compare-form",
      "aria-labelledby": "compare-title",
      onsubmit: (e: Event) => {
        e.preventDefault();
        reading.compare = { from: Number(from.value), to: to.value === "draft" ? "draft" : Number(to.value) };
        refresh();
      },
    },
    h("h3", { id: "compare-title" }, t("agreement.compare.title")),
    h("div", { class: "compare-row" }, h("label", { for: "compare-from" }, t("agreement.compare.from")), from, h("label", { for: "compare-to" }, t("agreement.compare.to")), to),
    h("button", { type: "submit", "data-key": "compare-show" }, t("agreement.compare.show")),
  );
}

type Comparable = Pick<AgreementVersion, "sections" | "recordCheck">;

function comparison(ctx: AgreementViewContext, agreement: Agreement, what: { from: number; to: number | "draft" }): Node {
  const label = (x: number | "draft") => (x === "draft" ? t("agreement.compare.draft") : t("agreement.version", { number: x }));
  const key = `compare-${what.from}-${what.to}`;
  const { store } = ctx;
  return h(
    "section",
    { class: "comparison", "aria-labelledby": "comparison-title" },
    h("h3", { id: "comparison-title" }, t("agreement.compare.heading", { from: label(what.from), to: label(what.to) })),
    h("p", { class: "hint" }, t("agreement.compare.legend")),
    later(
      ctx,
      key,
      async (slot) => fillComparison(slot, await store.version(what.from), what.to === "draft" ? agreement : await store.version(what.to)),
      (slot) => {
        const before = store.versionNow(what.from);
        const after = what.to === "draft" ? agreement : store.versionNow(what.to);
        if (!before || !after) return false;
        fillComparison(slot, before, after);
        return true;
      },
    ),
  );
}

function fillComparison(slot: HTMLElement, before: Comparable, after: Comparable): void {
  const parts: Node[] = [];
  let changes = 0;
  for (const s of AGREEMENT_SECTIONS) {
    const diff = diffWords(before.sections[s], after.sections[s]);
    const changed = diff.some((d) => d.kind !== "same");
    if (changed) changes++;
    parts.push(
      h(
        "div",
        { class: "diff-section", "data-section": s, "data-changed": changed ? "true" : "false" },
        h("h4", {}, t(`agreement.section.${s}` as TextKey)),
        changed
          ? h(
              "p",
              { class: "diff-text" },
              diff.map((d) =>
                d.kind === "same"
                  ? d.text
                  : d.kind === "added"
                    ? h("ins", {}, h("span", { class: "visually-hidden" }, `[${t("agreement.compare.added")} `), d.text, h("span", { class: "visually-hidden" }, "]"))
                    : h("del", {}, h("span", { class: "visually-hidden" }, `[${t("agreement.compare.removed")} `), d.text, h("span", { class: "visually-hidden" }, "]")),
              ),
            )
          : h("p", { class: "muted" }, t("agreement.compare.unchanged")),
      ),
    );
  }
  if (before.recordCheck !== after.recordCheck) {
    changes++;
    parts.push(
      h(
        "p",
        { class: "diff-section", "data-section": "recordCheck", "data-changed": "true" },
        h("strong", {}, `${t("agreement.recordCheck.legend")} `),
        h("del", {}, t(`agreement.recordCheck.${before.recordCheck}` as TextKey)),
        " ",
        h("ins", {}, t(`agreement.recordCheck.${after.recordCheck}` as TextKey)),
      ),
    );
  }
  slot.replaceChildren(...(changes === 0 ? [h("p", {}, t("agreement.compare.none"))] : parts));
}
