// One partnership, in tabs that each fit a screen (decision 020): overview (the details), people (members and the
// one way to invite), boards, agreement, and — for coordinators — the log. The tab is in the address (#people), so
// a reload or a shared link opens the same one. Everyone reads all of it; what only coordinators may do (edit the
// details, change or remove members, invite, the log) is shown to coordinators only, so nobody meets a control that
// would be refused. The invitation and log panels keep their own state across re-renders (a new link is shown once
// and must not vanish). Rows are keyed by person, so a choice made in a row (side, role) stays while the
// partnership changes around it.

import { html, nothing, render, type TemplateResult } from "lit-html";
import { repeat } from "lit-html/directives/repeat.js";
import { api, ApiError } from "../api";
import { isOnlyCoordinator, rightsOf, rolesFor } from "../access";
import { formatDate, localise, t, type TextKey } from "../i18n";
import { BOARD_TEMPLATES, MEMBER_ROLES, SIDES, type Me, type Member, type MemberRole, type PartnershipSnapshot, type Side } from "../protocol";
import type { PartnershipStore } from "../stores/partnershipStore";
import { createAuditPanel, type AuditPanel } from "./auditLog";
import { confirmDialog } from "./confirm";
import { detailsFields, type DetailsFields } from "./detailsForm";
import { createInvitesPanel, type InvitesPanel } from "./invites";
import { link } from "./shell";

export interface PartnershipContext {
  store: PartnershipStore;
  me: Me;
  navigate(path: string): void;
  announce(text: string): void;
}

export interface MountedPartnership {
  /** Renders again (the language changed). */
  refresh(): void;
  dispose(): void;
}

/** The details being edited: the fields are built once, so what is typed survives every render. */
interface Editing {
  fields: DetailsFields;
  version: number;
  error: string | null;
  /** Someone saved first: offer to load their version. */
  conflict: boolean;
  busy: boolean;
}

export const PARTNERSHIP_TABS = ["overview", "people", "boards", "agreement", "log"] as const;
export type PartnershipTab = (typeof PARTNERSHIP_TABS)[number];

/** The tab an address names (#people), or the overview. */
export function tabOf(hash: string): PartnershipTab {
  const name = hash.replace(/^#/, "");
  return (PARTNERSHIP_TABS as readonly string[]).includes(name) ? (name as PartnershipTab) : "overview";
}

/** A small form's own state: its refusal, and what it last did. */
interface FormState {
  error: string | null;
  status: string | null;
}

export function mountPartnership(main: HTMLElement, initial: PartnershipSnapshot, ctx: PartnershipContext): MountedPartnership {
  const id = initial.id;
  let p = initial;
  let editing: Editing | null = null;
  let invites: InvitesPanel | null = null;
  let audit: AuditPanel | null = null;
  let membersError: string | null = null;
  let tab = tabOf(location.hash);
  const addBoard: FormState = { error: null, status: null };
  const root = document.createElement("div");
  root.className = "page";
  main.replaceChildren(root);
  const focus = (selector: string) => root.querySelector<HTMLElement>(selector)?.focus();

  const draw = () => {
    document.title = `${p.details.name} — ${t("appName")}`;
    const rights = rightsOf(p, ctx.me.userId);
    if (rights.coordinator) {
      invites ??= createInvitesPanel({ store: ctx.store, partnershipId: id, announce: ctx.announce, changed: () => audit?.reload() });
      audit ??= createAuditPanel({ store: ctx.store, partnershipId: id, partnership: () => p });
    } else {
      invites = null;
      audit = null;
      editing = null;
    }
    render(page(), root);
  };

  const update = (next: PartnershipSnapshot) => {
    p = next;
    draw();
    audit?.reload();
  };

  const startEditing = (details = p.details, version = p.version) => {
    editing = { fields: detailsFields(details), version, error: null, conflict: false, busy: false };
    draw();
    focus(".details-form [name=name]");
  };

  const saveDetails = async (event: Event) => {
    event.preventDefault();
    const form = editing;
    if (!form) return;
    Object.assign(form, { error: null, conflict: false, busy: true });
    draw();
    try {
      const saved = await ctx.store.updateDetails(id, form.fields.read(), form.version);
      editing = null;
      update(saved);
      ctx.announce(t("detailsSaved"));
      focus("#edit-details");
    } catch (e) {
      Object.assign(form, { error: message(e), conflict: e instanceof ApiError && e.code === "conflict", busy: false });
      draw();
      const target = e instanceof ApiError && e.field ? root.querySelector<HTMLElement>(`.details-form [name="${e.field}"]`) : null;
      (target ?? root.querySelector<HTMLElement>(".details-form .error"))?.focus();
    }
  };

  const reloadDetails = async () => {
    try {
      p = await ctx.store.load(id);
      startEditing();
    } catch (e) {
      if (editing) editing.error = message(e);
      draw();
    }
  };

  const changeMember = async (m: Member, row: HTMLElement) => {
    const side = row.querySelector<HTMLSelectElement>("select[name=memberSide]")!.value as Side;
    const role = row.querySelector<HTMLSelectElement>("select[name=memberRole]")!.value as MemberRole;
    if (side === m.side && role === m.role) return;
    membersError = null;
    try {
      update(await ctx.store.changeMember(id, m.userId, { side, role }));
      ctx.announce(t("memberChanged", { name: m.displayName, role: t(`role.${role}` as TextKey).toLowerCase(), side: t(`sideFrom.${side}` as TextKey) }));
    } catch (e) {
      membersError = message(e);
      draw();
    }
  };

  const removeMember = async (m: Member) => {
    const self = m.userId === ctx.me.userId;
    const yes = await confirmDialog({
      title: t("removeTitle", { name: m.displayName }),
      text: self ? t("removeSelfConfirm") : t("removeConfirm"),
      confirm: t("removeMember"),
      danger: true,
    });
    if (!yes) return;
    membersError = null;
    try {
      const next = await ctx.store.removeMember(id, m.userId);
      ctx.announce(t("memberRemoved", { name: m.displayName }));
      if (self) {
        ctx.store.forget(id);
        ctx.navigate("/");
        return;
      }
      update(next);
      focus("#members-title");
    } catch (e) {
      membersError = message(e);
      draw();
    }
  };

  const createBoard = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const name = form.elements.namedItem("boardName") as HTMLInputElement;
    const template = (form.elements.namedItem("boardTemplate") as HTMLSelectElement).value || null;
    addBoard.error = null;
    draw();
    try {
      await ctx.store.addBoard(id, name.value, template);
      name.value = "";
      update(ctx.store.get(id) ?? p);
    } catch (e) {
      addBoard.error = message(e);
      draw();
      name.focus();
    }
  };

  // A live session for this partnership (issue 13): made at once, then run from its own page.
  let startingSession = false;
  let sessionError: string | null = null;
  const startSession = async () => {
    startingSession = true;
    sessionError = null;
    draw();
    try {
      const made = await api.createSession({ title: t("session.defaultTitle", { name: p.details.name }).slice(0, 200), owner: { partnershipId: p.id, cohortId: null, cohortSessionId: null }, askSide: true });
      ctx.navigate(`/sessions/${made.session.id}`);
    } catch (error) {
      sessionError = error instanceof ApiError ? localise(error.message) : String(error);
    } finally {
      startingSession = false;
      draw();
    }
  };

  const tabsFor = (coordinator: boolean): readonly PartnershipTab[] => (coordinator ? PARTNERSHIP_TABS : PARTNERSHIP_TABS.filter((x) => x !== "log"));

  const select = (next: PartnershipTab, focusTab: boolean) => {
    tab = next;
    history.replaceState(history.state, "", next === "overview" ? location.pathname : `#${next}`);
    if (next === "log") audit?.reload();
    draw();
    if (focusTab) focus(`#tab-${next}`);
  };

  /** The tabs pattern of WAI-ARIA: arrows move between tabs (and show them), Home and End go to the ends. */
  const tabKeys = (event: KeyboardEvent, shown: readonly PartnershipTab[]) => {
    const at = shown.indexOf(tab);
    const to =
      event.key === "ArrowRight" ? (at + 1) % shown.length
      : event.key === "ArrowLeft" ? (at - 1 + shown.length) % shown.length
      : event.key === "Home" ? 0
      : event.key === "End" ? shown.length - 1
      : null;
    if (to === null) return;
    event.preventDefault();
    select(shown[to]!, true);
  };

  const page = (): TemplateResult => {
    const rights = rightsOf(p, ctx.me.userId);
    const mine = rights.member;
    const shown = tabsFor(rights.coordinator);
    if (!shown.includes(tab)) tab = "overview";
    return html`<p><a href="/" @click=${link(ctx.navigate, "/")}>← ${t("myPartnerships")}</a></p>
      <h1>${p.details.name}</h1>
      ${mine ? html`<p class="lead">${t("yourPlace", { role: t(`role.${mine.role}` as TextKey).toLowerCase(), side: t(`sideFrom.${mine.side}` as TextKey) })}</p>` : nothing}
      <div class="tabs" role="tablist" aria-label=${t("partnershipTabs")} @keydown=${(e: KeyboardEvent) => tabKeys(e, shown)}>
        ${shown.map(
          (x) => html`<button
            type="button"
            role="tab"
            class="tab"
            id=${`tab-${x}`}
            aria-selected=${x === tab ? "true" : "false"}
            aria-controls=${x === tab ? `panel-${x}` : nothing}
            tabindex=${x === tab ? "0" : "-1"}
            @click=${() => select(x, false)}
          >
            ${t(`tab.${x}` as TextKey)}${x === "people" ? html` <span class="count">${p.members.length}</span>` : x === "boards" ? html` <span class="count">${p.boards.length}</span>` : nothing}
          </button>`,
        )}
      </div>
      <div class="tab-panel" role="tabpanel" id=${`panel-${tab}`} aria-labelledby=${`tab-${tab}`}>${panel(rights)}</div>`;
  };

  const panel = (rights: ReturnType<typeof rightsOf>): TemplateResult => {
    switch (tab) {
      case "overview":
        return html`<section aria-labelledby="details-title">
          <div class="section-head">
            <h2 id="details-title">${t("details")}</h2>
            ${rights.coordinator && !editing
              ? html`<button type="button" class="secondary" id="edit-details" @click=${() => startEditing()}>${t("editDetails")}</button>`
              : nothing}
          </div>
          ${editing ? detailsForm(editing) : detailsList(p)}
        </section>
        ${rights.canWrite
          ? html`<section aria-labelledby="live-session-title">
              <h2 id="live-session-title">${t("session.title")}</h2>
              <p>${t("session.startHint")}</p>
              ${sessionError ? html`<p class="error" role="alert">${sessionError}</p>` : nothing}
              <button type="button" ?disabled=${startingSession} @click=${() => void startSession()}>${t("session.start")}</button>
            </section>`
          : nothing}`;
      case "people":
        return html`<section aria-labelledby="members-title">
            <h2 id="members-title" tabindex="-1">${t("members")}</h2>
            ${membersError ? html`<p class="error" role="alert">${membersError}</p>` : nothing}
            ${rights.coordinator ? manageMembers(p.members, ctx.me, changeMember, removeMember) : readMembers(p.members, ctx.me)}
            ${rights.coordinator ? nothing : html`<p class="muted">${t("readOnlyNote")}</p>`}
          </section>
          ${invites?.element ?? nothing}`;
      case "boards":
        return html`<section aria-labelledby="boards-title">
          <h2 id="boards-title">${t("boards")}</h2>
          <ul class="tiles">
            ${repeat(
              p.boards,
              (b) => b.boardId,
              (b) => html`<li class="tile"><a href="/boards/${b.boardId}" class="tile-link" @click=${link(ctx.navigate, `/boards/${b.boardId}`)}>${b.name}</a></li>`,
            )}
          </ul>
          ${rights.canWrite
            ? html`<form class="inline-form" @submit=${createBoard}>
                ${formError(addBoard.error)}
                <div class="field">
                  <label for="add-board-name">${t("boardName")}</label>
                  <input id="add-board-name" name="boardName" required maxlength="120" />
                </div>
                <div class="field">
                  <label for="add-board-template">${t("boardTemplate")}</label>
                  <select id="add-board-template" name="boardTemplate">
                    <option value="">${t("boardTemplate.none")}</option>
                    ${BOARD_TEMPLATES.map((id) => html`<option value=${id}>${t(`boardTemplate.${id}` as TextKey)}</option>`)}
                  </select>
                </div>
                <button type="submit">${t("addBoard")}</button>
              </form>`
            : nothing}
        </section>`;
      case "agreement":
        return html`<section aria-labelledby="agreement-title">
          <h2 id="agreement-title">${t("agreement.title")}</h2>
          <p>${t("agreement.openHint")}</p>
          <p>${t("agreement.whoApproves")}</p>
          <ul class="tiles">
            <li class="tile">
              <a href="/partnerships/${p.id}/agreement" class="tile-link" @click=${link(ctx.navigate, `/partnerships/${p.id}/agreement`)}>${t("agreement.open")}</a>
            </li>
          </ul>
        </section>`;
      case "log":
        return html`${audit?.element ?? nothing}`;
    }
  };

  /** Coordinators edit the details in place of the list; a "conflict" (someone saved first) offers a reload. */
  const detailsForm = (form: Editing): TemplateResult =>
    html`<form class="card-form details-form" aria-labelledby="details-title" @submit=${saveDetails}>
      <p class="error" role="alert" tabindex="-1" ?hidden=${form.error === null}>${form.error ?? nothing}</p>
      <button type="button" class="secondary" ?hidden=${!form.conflict} @click=${() => void reloadDetails()}>${t("reloadDetails")}</button>
      ${form.fields.template()}
      <div class="actions">
        <button type="submit" ?disabled=${form.busy}>${t("save")}</button>
        <button
          type="button"
          class="secondary"
          @click=${() => {
            editing = null;
            draw();
            focus("#edit-details");
          }}
        >
          ${t("cancel")}
        </button>
      </div>
    </form>`;

  // Others' changes, told by the partnership hub and read by the store: a newer version replaces what is shown
  // (a form being edited keeps what is typed; the rows keep their unsaved choices, see manageMembers).
  const unsubscribe = ctx.store.subscribe(() => {
    const next = ctx.store.get(id);
    if (next && next.version > p.version) {
      update(next);
      invites?.reload();
    }
  });

  draw();
  return {
    refresh: () => {
      // The language changed: the form is built again in the new words, with what was typed in it.
      if (editing) editing = { ...editing, fields: detailsFields(editing.fields.read()) };
      invites?.refresh();
      audit?.refresh();
      draw();
    },
    dispose: () => {
      unsubscribe();
      render(nothing, root);
    },
  };
}

function message(e: unknown): string {
  return e instanceof ApiError ? localise(e.message) : String(e);
}

function formError(error: string | null): TemplateResult {
  return html`<p class="error" role="alert" ?hidden=${error === null}>${error ?? nothing}</p>`;
}

function nameWithYou(m: Member, me: Me): string {
  return m.userId === me.userId ? `${m.displayName} (${t("you")})` : m.displayName;
}

function detailsList(p: PartnershipSnapshot): TemplateResult {
  const d = p.details;
  const text = (value: string) => (value.trim() ? value : t("notSet"));
  const row = (label: string, value: string) => html`<dt>${label}</dt><dd>${value}</dd>`;
  return html`<dl class="details">
    ${row(t("municipality"), d.municipality)} ${row(t("area"), t(`area.${d.area}` as TextKey))} ${row(t("status"), t(`status.${d.status}` as TextKey))}
    ${row(t("startsOn"), d.startsOn ? formatDate(d.startsOn) : t("notSet"))} ${row(t("endsOn"), d.endsOn ? formatDate(d.endsOn) : t("notSet"))}
    ${row(t("purpose"), text(d.purpose))} ${row(t("targetGroup"), text(d.targetGroup))} ${row(t("sharedGoals"), text(d.sharedGoals))}
    ${row(t("municipalityGoals"), text(d.municipalityGoals))} ${row(t("voluntaryGoals"), text(d.voluntaryGoals))}
    ${row(t("parties"), d.parties.length ? d.parties.map((x) => `${x.name} (${t(`side.${x.side}` as TextKey)})`).join(", ") : t("notSet"))}
  </dl>`;
}

function readMembers(members: readonly Member[], me: Me): TemplateResult {
  return html`<table class="members data">
    <thead>
      <tr><th scope="col">${t("name")}</th><th scope="col">${t("side")}</th><th scope="col">${t("role")}</th></tr>
    </thead>
    <tbody>
      ${repeat(
        members,
        (m) => m.userId,
        (m) => html`<tr data-user-id=${m.userId}>
          <td data-label=${t("name")}>${nameWithYou(m, me)}</td>
          <td data-label=${t("side")}>${t(`side.${m.side}` as TextKey)}</td>
          <td data-label=${t("role")}>${t(`role.${m.role}` as TextKey)}</td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}

/**
 * Coordinators: each row changes side and role (saved with its own button) or removes the person. The choices are
 * `selected` attributes, not bound values: a choice made but not yet saved stays while others' changes arrive.
 */
function manageMembers(members: readonly Member[], me: Me, change: (m: Member, row: HTMLElement) => Promise<void>, remove: (m: Member) => Promise<void>): TemplateResult {
  return html`<table class="members data manage">
    <thead>
      <tr>
        <th scope="col">${t("name")}</th><th scope="col">${t("side")}</th><th scope="col">${t("role")}</th>
        <th scope="col"><span class="visually-hidden">${t("actions")}</span></th>
      </tr>
    </thead>
    <tbody>
      ${repeat(
        members,
        (m) => m.userId,
        (m) => {
          const only = isOnlyCoordinator(members, m.userId);
          const hintId = `only-${m.userId}`;
          const roles = rolesFor(members, m.userId, MEMBER_ROLES);
          return html`<tr data-user-id=${m.userId}>
            <td data-label=${t("name")}>${nameWithYou(m, me)}${only ? html`<p class="hint" id=${hintId}>${t("onlyCoordinator")}</p>` : nothing}</td>
            <td data-label=${t("side")}>
              <select name="memberSide" aria-label=${t("memberSideFor", { name: m.displayName })}>
                ${SIDES.map((s) => html`<option value=${s} ?selected=${s === m.side}>${t(`side.${s}` as TextKey)}</option>`)}
              </select>
            </td>
            <td data-label=${t("role")}>
              <select name="memberRole" aria-label=${t("memberRoleFor", { name: m.displayName })} aria-describedby=${only ? hintId : nothing}>
                ${MEMBER_ROLES.map((r) => html`<option value=${r} ?selected=${r === m.role} ?disabled=${!roles.includes(r)}>${t(`role.${r}` as TextKey)}</option>`)}
              </select>
            </td>
            <td class="row-actions">
              <button type="button" aria-label=${t("saveMemberLabel", { name: m.displayName })} @click=${(e: Event) => void change(m, (e.currentTarget as HTMLElement).closest("tr")!)}>
                ${t("saveMember")}
              </button>
              ${only
                ? nothing
                : html`<button type="button" class="secondary danger-text" aria-label=${t("removeMemberLabel", { name: m.displayName })} @click=${() => void remove(m)}>
                    ${t("removeMember")}
                  </button>`}
            </td>
          </tr>`;
        },
      )}
    </tbody>
  </table>`;
}
