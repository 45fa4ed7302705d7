// The partnership's audit trail for coordinators: one month at a time (the trail is kept by month), newest
// first, in plain words. The count is announced when a month has loaded.

import { html, nothing, render } from "lit-html";
import { repeat } from "lit-html/directives/repeat.js";
import { ApiError } from "../api";
import { auditMonths, describeAudit, monthKey, monthName, type AuditLine } from "../audit";
import { localise, t } from "../i18n";
import type { AuditEntry, PartnershipSnapshot } from "../protocol";
import type { PartnershipStore } from "../stores/partnershipStore";
import { auditTable } from "./widgets/auditTable";
import { field } from "./widgets/field";

export interface AuditContext {
  store: PartnershipStore;
  partnershipId: string;
  /** The partnership as it is now: its creation bounds the months, its members name the people. */
  partnership(): PartnershipSnapshot;
}

export interface AuditPanel {
  readonly element: HTMLElement;
  /** Reads the month again (something was just logged). */
  reload(): void;
  refresh(): void;
}

export function createAuditPanel(ctx: AuditContext): AuditPanel {
  const element = document.createElement("section");
  element.className = "audit";
  element.setAttribute("aria-labelledby", "audit-title");
  let month = monthKey(new Date());
  let entries: AuditEntry[] | null = null;
  let error: string | null = null;
  let loadedMonth = "";
  let request = 0;

  const load = async () => {
    const mine = ++request;
    entries = null;
    error = null;
    draw();
    try {
      const result = await ctx.store.audit(ctx.partnershipId, month);
      if (mine !== request) return; // a newer month was chosen meanwhile
      entries = result;
      loadedMonth = month;
    } catch (e) {
      if (mine !== request) return;
      error = e instanceof ApiError ? localise(e.message) : String(e);
    }
    draw();
  };

  const monthChosen = (e: Event) => {
    month = (e.target as HTMLSelectElement).value;
    void load();
  };

  function draw(): void {
    const p = ctx.partnership();
    const months = auditMonths(p.createdAt);
    if (!months.includes(month)) months.unshift(month);
    const lines: AuditLine[] = entries === null ? [] : [...entries].reverse().map((entry) => describeAudit(entry, p.members));
    const status =
      error !== null
        ? ""
        : entries === null
          ? t("loading")
          : lines.length === 0
            ? t("auditEmpty", { month: monthName(loadedMonth) })
            : t("auditCount", { count: lines.length, month: monthName(loadedMonth) });
    const picker = html`<select id="audit-month" name="month" @change=${monthChosen}>
      ${repeat(
        months,
        (m) => m,
        (m) => html`<option value=${m} ?selected=${m === month}>${monthName(m)}</option>`,
      )}
    </select>`;
    // Polite: the count of the month just chosen is read out without moving focus from the picker.
    render(
      html`<h2 id="audit-title">${t("auditTitle")}</h2>
        <p>${t("auditIntro")}</p>
        <div class="inline-form">${field("audit-month", t("auditMonth"), picker)}</div>
        <p class="audit-status" role="status">${status}</p>
        ${error !== null ? html`<p class="error" role="alert">${error}</p>` : nothing}
        ${lines.length > 0 ? auditTable(lines) : nothing}`,
      element,
    );
  }

  void load();
  return { element, reload: () => void load(), refresh: draw };
}
