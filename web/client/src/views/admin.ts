// The platform admins' console: every partnership in Hub (name, place, status, how many take part — no people,
// no content), each a link to the partnership itself, where an admin's look is written into its log; and the
// account events (sign-ins, failures, lockouts, new and deleted accounts) one day at a time.

import { html, nothing, render, type TemplateResult } from "lit-html";
import { repeat } from "lit-html/directives/repeat.js";
import { ApiError } from "../api";
import { describeAudit } from "../audit";
import { formatDate, localise, t, type TextKey } from "../i18n";
import type { AuditEntry, PartnershipListing } from "../protocol";
import { link } from "./shell";
import { auditTable } from "./widgets/auditTable";
import { field } from "./widgets/field";

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
  const root = document.createElement("div");
  root.className = "page admin-page";
  main.replaceChildren(root);
  let partnerships: Loaded<PartnershipListing[]> = { state: "loading" };
  let day = today();
  let events: Loaded<AuditEntry[]> = { state: "loading" };
  let request = 0;
  let disposed = false;

  const failed = (e: unknown) => ({ state: "failed" as const, message: e instanceof ApiError ? localise(e.message) : String(e) });

  const loadEvents = async () => {
    const mine = ++request;
    events = { state: "loading" };
    draw();
    try {
      const value = await actions.accountEvents(day);
      if (mine === request) events = { state: "done", value };
    } catch (e) {
      if (mine === request) events = failed(e);
    }
    draw();
  };

  const dayChosen = (e: Event) => {
    const value = (e.target as HTMLInputElement).value;
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
      day = value;
      void loadEvents();
    }
  };

  const partnershipsPart = (): TemplateResult => {
    if (partnerships.state === "loading") return html`<p role="status">${t("loading")}</p>`;
    if (partnerships.state === "failed") return html`<p class="error" role="alert">${partnerships.message}</p>`;
    const list = partnerships.value;
    if (list.length === 0) return html`<p>${t("adminNoPartnerships")}</p>`;
    const columns = [t("adminName"), t("adminMunicipality"), t("adminArea"), t("adminStatus"), t("adminMembers")] as const;
    return html`<p>${t("adminPartnershipsCount", { count: list.length })}</p>
      <table class="data">
        <thead>
          <tr>${columns.map((title) => html`<th scope="col">${title}</th>`)}</tr>
        </thead>
        <tbody>
          ${repeat(
            list,
            (p) => p.id,
            (p) => html`<tr>
              <td data-label=${columns[0]}>
                <a href=${`/partnerships/${p.id}`} @click=${link(actions.navigate, `/partnerships/${p.id}`)}>${p.name}</a>
                · <a href=${`/admin/inspect/partnerships/${p.id}`} @click=${link(actions.navigate, `/admin/inspect/partnerships/${p.id}`)}
                  >${t("inspect.link")}<span class="visually-hidden">: ${p.name}</span></a>
              </td>
              <td data-label=${columns[1]}>${p.municipality}</td>
              <td data-label=${columns[2]}>${t(`area.${p.area}` as TextKey)}</td>
              <td data-label=${columns[3]}>${t(`status.${p.status}` as TextKey)}</td>
              <td data-label=${columns[4]}>${String(p.members)}</td>
            </tr>`,
          )}
        </tbody>
      </table>`;
  };

  const eventsPart = (): TemplateResult => {
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
    // Polite: the count of the day just chosen is read out without moving focus from the date field.
    return html`<p class="audit-status" role="status">${status}</p>
      ${events.state === "failed" ? html`<p class="error" role="alert">${events.message}</p>` : nothing}
      ${lines.length > 0 ? auditTable(lines) : nothing}`;
  };

  function draw(): void {
    if (disposed) return;
    document.title = `${t("admin")} — ${t("appName")}`;
    render(
      html`<h1 tabindex="-1">${t("admin")}</h1>
        <p>${t("adminIntro")}</p>
        <section aria-labelledby="admin-partnerships">
          <h2 id="admin-partnerships">${t("adminPartnerships")}</h2>
          ${partnershipsPart()}
        </section>
        <section aria-labelledby="admin-events">
          <h2 id="admin-events">${t("adminAccountEvents")}</h2>
          <p>${t("adminAccountEventsIntro")}</p>
          <div class="inline-form">
            ${field("admin-day", t("adminDay"), html`<input id="admin-day" type="date" name="day" value=${day} max=${today()} @change=${dayChosen} />`)}
          </div>
          ${eventsPart()}
        </section>`,
      root,
    );
  }

  draw();
  root.querySelector<HTMLElement>("h1")?.focus();
  void (async () => {
    try {
      partnerships = { state: "done", value: await actions.partnerships() };
    } catch (e) {
      partnerships = failed(e);
    }
    draw();
  })();
  void loadEvents();

  return {
    refresh: draw,
    dispose: () => {
      disposed = true;
    },
  };
}

/** The account events are kept by UTC day. */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}
