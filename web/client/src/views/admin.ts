// The platform admins' console: every partnership in Hub (name, place, status, how many take part — no people,
// no content), each a link to the partnership itself, where an admin's look is written into its log; and the
// account events (sign-ins, failures, lockouts, new and deleted accounts) one day at a time.

import { ApiError } from "../api";
import { describeAudit } from "../audit";
import { formatDate, formatDateTime, localise, t, type TextKey } from "../i18n";
import type { AuditEntry, PartnershipListing } from "../protocol";
import { field, h, rerender } from "./dom";
import { link } from "./shell";

export interface AdminActions {
  partnerships(): Promise<PartnershipListing[]>;
  accountEvents(day: string): Promise<AuditEntry[]>;
  navigate(path: string): void;
}

export interface MountedAdmin {
  refresh(): void;
  dispose(): void;
}

type Loaded<T> = { state: "loading" } | { state: "done"; value: T } | { state: "failed"; message: string };

export function mountAdmin(main: HTMLElement, actions: AdminActions): MountedAdmin {
  const root = h("div", { class: "page admin-page" });
  main.replaceChildren(root);
  let partnerships: Loaded<PartnershipListing[]> = { state: "loading" };
  let day = today();
  let events: Loaded<AuditEntry[]> = { state: "loading" };
  let request = 0;
  let disposed = false;

  const render = () => {
    if (disposed) return;
    document.title = `${t("admin")} — ${t("appName")}`;
    rerender(root, build);
  };

  const failed = (e: unknown) => ({ state: "failed" as const, message: e instanceof ApiError ? localise(e.message) : String(e) });

  const loadEvents = async () => {
    const mine = ++request;
    events = { state: "loading" };
    render();
    try {
      const value = await actions.accountEvents(day);
      if (mine === request) events = { state: "done", value };
    } catch (e) {
      if (mine === request) events = failed(e);
    }
    render();
  };

  const build = (): Node =>
    h(
      "div",
      {},
      h("h1", { tabindex: "-1", "data-key": "admin-title" }, t("admin")),
      h("p", {}, t("adminIntro")),
      h("section", { "aria-labelledby": "admin-partnerships" }, h("h2", { id: "admin-partnerships" }, t("adminPartnerships")), partnershipsPart()),
      h(
        "section",
        { "aria-labelledby": "admin-events" },
        h("h2", { id: "admin-events" }, t("adminAccountEvents")),
        h("p", {}, t("adminAccountEventsIntro")),
        h(
          "div",
          { class: "inline-form" },
          field(
            t("adminDay"),
            h("input", {
              type: "date",
              name: "day",
              "data-key": "admin-day",
              value: day,
              max: today(),
              onchange: (e: Event) => {
                const value = (e.target as HTMLInputElement).value;
                if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
                  day = value;
                  void loadEvents();
                }
              },
            }),
          ),
        ),
        eventsPart(),
      ),
    );

  const partnershipsPart = (): Node => {
    if (partnerships.state === "loading") return h("p", { role: "status" }, t("loading"));
    if (partnerships.state === "failed") return h("p", { class: "error", role: "alert" }, partnerships.message);
    const list = partnerships.value;
    if (list.length === 0) return h("p", {}, t("adminNoPartnerships"));
    return h(
      "div",
      {},
      h("p", {}, t("adminPartnershipsCount", { count: list.length })),
      h(
        "table",
        { class: "data" },
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            [t("adminName"), t("adminMunicipality"), t("adminArea"), t("adminStatus"), t("adminMembers")].map((title) => h("th", { scope: "col" }, title)),
          ),
        ),
        h(
          "tbody",
          {},
          list.map((p) =>
            h(
              "tr",
              {},
              h(
                "td",
                { "data-label": t("adminName") },
                h("a", { href: `/partnerships/${p.id}`, onclick: link(actions.navigate, `/partnerships/${p.id}`) }, p.name),
              ),
              h("td", { "data-label": t("adminMunicipality") }, p.municipality),
              h("td", { "data-label": t("adminArea") }, t(`area.${p.area}` as TextKey)),
              h("td", { "data-label": t("adminStatus") }, t(`status.${p.status}` as TextKey)),
              h("td", { "data-label": t("adminMembers") }, String(p.members)),
            ),
          ),
        ),
      ),
    );
  };

  const eventsPart = (): Node => {
    const when = formatDate(day);
    const status =
      events.state === "loading"
        ? t("loading")
        : events.state === "done"
          ? events.value.length === 0
            ? t("adminDayEmpty", { day: when })
            : t("adminDayCount", { count: events.value.length, day: when })
          : "";
    const lines = events.state === "done" ? [...events.value].reverse().map((entry) => describeAudit(entry, [])) : [];
    return h(
      "div",
      {},
      // Polite: the count of the day just chosen is read out without moving focus from the date field.
      h("p", { class: "audit-status", role: "status" }, status),
      events.state === "failed" ? h("p", { class: "error", role: "alert" }, events.message) : null,
      lines.length > 0
        ? h(
            "table",
            { class: "data audit-list" },
            h(
              "thead",
              {},
              h("tr", {}, [t("auditWhen"), t("auditWho"), t("auditAction"), t("auditDetail")].map((title) => h("th", { scope: "col" }, title))),
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

  render();
  root.querySelector<HTMLElement>("h1")?.focus();
  void (async () => {
    try {
      partnerships = { state: "done", value: await actions.partnerships() };
    } catch (e) {
      partnerships = failed(e);
    }
    render();
  })();
  void loadEvents();

  return {
    refresh: render,
    dispose: () => {
      disposed = true;
    },
  };
}

/** The account events are kept by UTC day. */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}
