// The partnership's audit trail for coordinators: one month at a time (the trail is kept by month), newest
// first, in plain words. The count is announced when a month has loaded.

import { ApiError } from "../api";
import { auditMonths, describeAudit, monthKey, monthName, type AuditLine } from "../audit";
import { formatDateTime, localise, t } from "../i18n";
import type { AuditEntry, PartnershipSnapshot } from "../protocol";
import type { PartnershipStore } from "../stores/partnershipStore";
import { field, h, rerender } from "./dom";

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
  const element = h("section", { class: "audit", "aria-labelledby": "audit-title" });
  let month = monthKey(new Date());
  let entries: AuditEntry[] | null = null;
  let error: string | null = null;
  let loadedMonth = "";
  let request = 0;

  const render = () => rerender(element, build);

  const load = async () => {
    const mine = ++request;
    entries = null;
    error = null;
    render();
    try {
      const result = await ctx.store.audit(ctx.partnershipId, month);
      if (mine !== request) return; // a newer month was chosen meanwhile
      entries = result;
      loadedMonth = month;
    } catch (e) {
      if (mine !== request) return;
      error = e instanceof ApiError ? localise(e.message) : String(e);
    }
    render();
  };

  const build = (): Node => {
    const p = ctx.partnership();
    const months = auditMonths(p.createdAt);
    if (!months.includes(month)) months.unshift(month);
    const picker = h(
      "select",
      {
        name: "month",
        "data-key": "audit-month",
        onchange: (e: Event) => {
          month = (e.target as HTMLSelectElement).value;
          void load();
        },
      },
      months.map((m) => h("option", { value: m, selected: m === month }, monthName(m))),
    );
    const lines: AuditLine[] = entries === null ? [] : [...entries].reverse().map((entry) => describeAudit(entry, p.members));
    const status =
      error !== null
        ? ""
        : entries === null
          ? t("loading")
          : lines.length === 0
            ? t("auditEmpty", { month: monthName(loadedMonth) })
            : t("auditCount", { count: lines.length, month: monthName(loadedMonth) });
    return h(
      "div",
      {},
      h("h2", { id: "audit-title" }, t("auditTitle")),
      h("p", {}, t("auditIntro")),
      h("div", { class: "inline-form" }, field(t("auditMonth"), picker)),
      // Polite: the count of the month just chosen is read out without moving focus from the picker.
      h("p", { class: "audit-status", role: "status" }, status),
      error !== null ? h("p", { class: "error", role: "alert" }, error) : null,
      lines.length > 0
        ? h(
            "table",
            { class: "data audit-list" },
            h(
              "thead",
              {},
              h(
                "tr",
                {},
                h("th", { scope: "col" }, t("auditWhen")),
                h("th", { scope: "col" }, t("auditWho")),
                h("th", { scope: "col" }, t("auditAction")),
                h("th", { scope: "col" }, t("auditDetail")),
              ),
            ),
            h(
              "tbody",
              {},
              lines.map((line) =>
                h(
                  "tr",
                  {},
                  h("td", { "data-label": t("auditWhen") }, h("time", { datetime: line.at }, formatDateTime(line.at))),
                  h("td", { "data-label": t("auditWho") }, line.who),
                  h("td", { "data-label": t("auditAction") }, line.action),
                  h("td", { "data-label": t("auditDetail") }, line.what),
                ),
              ),
            ),
          )
        : null,
    );
  };

  void load();
  return { element, reload: () => void load(), refresh: render };
}
