// The platform admins' console: the directory of every partnership in Hub (name, place, status, how many take part,
// when its documents last changed, dormant, live now — no people, no content), searched, filtered, sorted and paged
// by the server; each line links to the partnership itself (where an admin's look is written into its log) and to
// its grain inspector; and the account events (sign-ins, failures, lockouts, new and deleted accounts) one day at a time.

import { html, nothing, render, type TemplateResult } from "lit-html";
import { repeat } from "lit-html/directives/repeat.js";
import { ApiError, type DirectorySearch } from "../api";
import { describeAudit } from "../audit";
import { formatDate, formatDateTime, localise, t, type TextKey } from "../i18n";
import { PARTNERSHIP_AREAS, PARTNERSHIP_STATUSES, type AuditEntry, type DirectoryPage } from "../protocol";
import { link } from "./shell";
import { auditTable } from "./widgets/auditTable";
import { field } from "./widgets/field";

export interface AdminActions {
  directory(search: DirectorySearch): Promise<DirectoryPage>;
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
  let partnerships: Loaded<DirectoryPage> = { state: "loading" };
  let search: DirectorySearch = { text: "", area: "", status: "", dormant: false, sort: "name", descending: false, page: 1 };
  let searchRequest = 0;
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

  const loadDirectory = async () => {
    const mine = ++searchRequest;
    partnerships = { state: "loading" };
    draw();
    try {
      const value = await actions.directory(search);
      if (mine === searchRequest) partnerships = { state: "done", value };
    } catch (e) {
      if (mine === searchRequest) partnerships = failed(e);
    }
    draw();
  };

  const searched = (e: SubmitEvent) => {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? "");
    const sort = text("sort");
    search = {
      text: text("q"),
      area: (PARTNERSHIP_AREAS as readonly string[]).includes(text("area")) ? (text("area") as DirectorySearch["area"]) : "",
      status: (PARTNERSHIP_STATUSES as readonly string[]).includes(text("status")) ? (text("status") as DirectorySearch["status"]) : "",
      dormant: form.get("dormant") === "on",
      sort: sort === "municipality" || sort === "members" || sort === "lastActivity" ? sort : "name",
      descending: text("direction") === "desc",
      page: 1,
    };
    void loadDirectory();
  };

  const toPage = (page: number) => () => {
    search = { ...search, page };
    void loadDirectory();
  };

  const yesNo = (value: boolean) => (value ? t("adminYes") : t("adminNo"));

  const searchForm = (): TemplateResult => html`<form class="directory-search" role="search" aria-label=${t("adminDirectorySearch")} @submit=${searched}>
    ${field("directory-q", t("adminDirectoryText"), html`<input id="directory-q" name="q" type="search" maxlength="200" .value=${search.text} />`)}
    ${field(
      "directory-area",
      t("adminArea"),
      html`<select id="directory-area" name="area">
        <option value="" ?selected=${search.area === ""}>${t("adminAll")}</option>
        ${PARTNERSHIP_AREAS.map((a) => html`<option value=${a} ?selected=${search.area === a}>${t(`area.${a}` as TextKey)}</option>`)}
      </select>`,
    )}
    ${field(
      "directory-status",
      t("adminStatus"),
      html`<select id="directory-status" name="status">
        <option value="" ?selected=${search.status === ""}>${t("adminAll")}</option>
        ${PARTNERSHIP_STATUSES.map((s) => html`<option value=${s} ?selected=${search.status === s}>${t(`status.${s}` as TextKey)}</option>`)}
      </select>`,
    )}
    ${field(
      "directory-sort",
      t("adminSortBy"),
      html`<select id="directory-sort" name="sort">
        ${(["name", "municipality", "members", "lastActivity"] as const).map(
          (key) => html`<option value=${key} ?selected=${search.sort === key}>${t(`adminSort.${key}` as TextKey)}</option>`,
        )}
      </select>`,
    )}
    ${field(
      "directory-direction",
      t("adminSortDirection"),
      html`<select id="directory-direction" name="direction">
        <option value="asc" ?selected=${!search.descending}>${t("adminAscending")}</option>
        <option value="desc" ?selected=${search.descending}>${t("adminDescending")}</option>
      </select>`,
    )}
    <label class="checkbox"><input type="checkbox" name="dormant" .checked=${search.dormant} /> ${t("adminDormantOnly")}</label>
    <button type="submit">${t("adminSearch")}</button>
  </form>`;

  const partnershipsPart = (): TemplateResult => {
    if (partnerships.state === "loading") return html`<p role="status">${t("loading")}</p>`;
    if (partnerships.state === "failed") return html`<p class="error" role="alert">${partnerships.message}</p>`;
    const found = partnerships.value;
    const pages = Math.max(1, Math.ceil(found.total / found.pageSize));
    const columns = [
      t("adminName"),
      t("adminMunicipality"),
      t("adminArea"),
      t("adminStatus"),
      t("adminMembers"),
      t("adminLastActivity"),
      t("adminDormant", { days: found.dormantAfterDays }),
      t("adminActiveNow"),
      t("adminConnectedNow"),
      t("adminInspect"),
    ] as const;
    return html`<p role="status">${t("adminDirectoryCount", { count: found.total })}</p>
      ${found.rows.length === 0
        ? html`<p>${t("adminNoPartnerships")}</p>`
        : html`<table class="data directory">
            <thead>
              <tr>${columns.map((title) => html`<th scope="col">${title}</th>`)}</tr>
            </thead>
            <tbody>
              ${repeat(
                found.rows,
                (r) => r.listing.id,
                (r) => {
                  const p = r.listing;
                  const inspect = `/admin/inspect/partnerships/${p.id}`;
                  return html`<tr class=${r.dormant ? "dormant" : ""}>
                    <td data-label=${columns[0]}><a href=${`/partnerships/${p.id}`} @click=${link(actions.navigate, `/partnerships/${p.id}`)}>${p.name}</a></td>
                    <td data-label=${columns[1]}>${p.municipality}</td>
                    <td data-label=${columns[2]}>${t(`area.${p.area}` as TextKey)}</td>
                    <td data-label=${columns[3]}>${t(`status.${p.status}` as TextKey)}</td>
                    <td data-label=${columns[4]}>${String(p.members)}</td>
                    <td data-label=${columns[5]}>${r.lastActivity ? formatDateTime(r.lastActivity) : t("adminNoActivity")}</td>
                    <td data-label=${columns[6]}>${yesNo(r.dormant)}</td>
                    <td data-label=${columns[7]}>${yesNo(r.activeNow)}</td>
                    <td data-label=${columns[8]}>${String(r.connectedNow)}</td>
                    <td data-label=${columns[9]}>
                      <a href=${inspect} @click=${link(actions.navigate, inspect)}>${t("adminInspectLink", { name: p.name })}</a>
                    </td>
                  </tr>`;
                },
              )}
            </tbody>
          </table>`}
      <nav class="pager" aria-label=${t("adminPages")}>
        <button type="button" ?disabled=${found.page <= 1} @click=${toPage(found.page - 1)}>${t("adminPrevious")}</button>
        <span>${t("adminPageOf", { page: found.page, pages })}</span>
        <button type="button" ?disabled=${found.page >= pages} @click=${toPage(found.page + 1)}>${t("adminNext")}</button>
      </nav>`;
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
        <p><a href="/admin/cluster" @click=${link(actions.navigate, "/admin/cluster")}>${t("adminClusterLink")}</a></p>
        <p><a href="/admin/barrierer" @click=${link(actions.navigate, "/admin/barrierer")}>${t("barrierReport.link")}</a></p>
        <section aria-labelledby="admin-partnerships">
          <h2 id="admin-partnerships">${t("adminPartnerships")}</h2>
          ${searchForm()} ${partnershipsPart()}
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
  void loadDirectory();
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
