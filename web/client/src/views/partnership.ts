// One partnership: its boards, its details, its members. Everyone reads all of it; what only coordinators
// may do (edit the details, change or remove members, add one by e-mail, invitations, the log) is shown to
// coordinators only, so nobody meets a control that would be refused. The invitation and log panels keep
// their own state across re-renders (a new link is shown once and must not vanish).

import { ApiError } from "../api";
import { isOnlyCoordinator, rightsOf, rolesFor } from "../access";
import { formatDate, localise, t, type TextKey } from "../i18n";
import { MEMBER_ROLES, SIDES, type Me, type Member, type MemberRole, type PartnershipSnapshot, type Side } from "../protocol";
import type { PartnershipStore } from "../stores/partnershipStore";
import { createAuditPanel, type AuditPanel } from "./auditLog";
import { confirmDialog } from "./confirm";
import { detailsFields } from "./detailsForm";
import { field, h, rerender } from "./dom";
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

export function mountPartnership(main: HTMLElement, initial: PartnershipSnapshot, ctx: PartnershipContext): MountedPartnership {
  const id = initial.id;
  let p = initial;
  let editing: (DetailsForm & { version: number }) | null = null;
  let invites: InvitesPanel | null = null;
  let audit: AuditPanel | null = null;
  let membersError: string | null = null;
  const root = h("div", { class: "page" });
  main.replaceChildren(root);

  const render = () => {
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
    rerender(root, build);
  };

  const update = (next: PartnershipSnapshot) => {
    p = next;
    render();
    audit?.reload();
  };

  const actions: PageActions = {
    startEditing: () => {
      editing = { ...detailsForm(p.details, actions), version: p.version };
      render();
      editing.form.querySelector<HTMLElement>("[name=name]")?.focus();
    },
    stopEditing: () => {
      editing = null;
      render();
      root.querySelector<HTMLElement>("[data-key=edit-details]")?.focus();
    },
    saveDetails: async (details) => {
      const saved = await ctx.store.updateDetails(id, details, editing?.version ?? p.version);
      editing = null;
      update(saved);
      ctx.announce(t("detailsSaved"));
      root.querySelector<HTMLElement>("[data-key=edit-details]")?.focus();
    },
    reloadDetails: async () => {
      const fresh = await ctx.store.load(id);
      p = fresh;
      editing = { ...detailsForm(p.details, actions), version: p.version };
      render();
      editing.form.querySelector<HTMLElement>("[name=name]")?.focus();
    },
    changeMember: async (m, side, role) => {
      membersError = null;
      try {
        update(await ctx.store.changeMember(id, m.userId, { side, role }));
        ctx.announce(t("memberChanged", { name: m.displayName, role: t(`role.${role}` as TextKey).toLowerCase(), side: t(`side.${side}` as TextKey) }));
      } catch (e) {
        membersError = message(e);
        render();
      }
    },
    removeMember: async (m) => {
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
        root.querySelector<HTMLElement>("#members-title")?.focus();
      } catch (e) {
        membersError = message(e);
        render();
      }
    },
    addMember: async (email, side, role) => {
      await ctx.store.addMember(id, { email, side, role });
      ctx.announce(t("memberInvited", { email }));
    },
    addBoard: async (name) => {
      await ctx.store.addBoard(id, name);
      return ctx.store.get(id) ?? p;
    },
    show: update,
  };

  const build = (): Node => {
    const rights = rightsOf(p, ctx.me.userId);
    const d = p.details;
    const text = (value: string) => (value.trim() ? value : t("notSet"));
    const row = (label: string, value: string) => [h("dt", {}, label), h("dd", {}, value)];
    const mine = rights.member;
    return h(
      "div",
      {},
      h("p", {}, h("a", { href: "/", onclick: link(ctx.navigate, "/") }, `← ${t("myPartnerships")}`)),
      h("h1", {}, d.name),
      mine ? h("p", { class: "lead" }, t("yourPlace", { role: t(`role.${mine.role}` as TextKey).toLowerCase(), side: t(`side.${mine.side}` as TextKey) })) : null,
      h(
        "section",
        { "aria-labelledby": "boards-title" },
        h("h2", { id: "boards-title" }, t("boards")),
        h(
          "ul",
          { class: "tiles" },
          p.boards.map((b) =>
            h("li", { class: "tile" }, h("a", { href: `/boards/${b.boardId}`, class: "tile-link", onclick: link(ctx.navigate, `/boards/${b.boardId}`) }, b.name)),
          ),
        ),
        rights.canWrite ? addBoardForm(actions) : null,
      ),
      h(
        "section",
        { "aria-labelledby": "agreement-title" },
        h("h2", { id: "agreement-title" }, t("agreement.title")),
        h("p", {}, t("agreement.openHint")),
        h(
          "ul",
          { class: "tiles" },
          h(
            "li",
            { class: "tile" },
            h("a", { href: `/partnerships/${p.id}/agreement`, class: "tile-link", onclick: link(ctx.navigate, `/partnerships/${p.id}/agreement`) }, t("agreement.open")),
          ),
        ),
      ),
      h(
        "section",
        { "aria-labelledby": "details-title" },
        h(
          "div",
          { class: "section-head" },
          h("h2", { id: "details-title" }, t("details")),
          rights.coordinator && !editing
            ? h("button", { type: "button", class: "secondary", "data-key": "edit-details", onclick: actions.startEditing }, t("editDetails"))
            : null,
        ),
        editing
          ? editing.form
          : h(
              "dl",
              { class: "details" },
              row(t("municipality"), d.municipality),
              row(t("area"), t(`area.${d.area}` as TextKey)),
              row(t("status"), t(`status.${d.status}` as TextKey)),
              row(t("startsOn"), d.startsOn ? formatDate(d.startsOn) : t("notSet")),
              row(t("endsOn"), d.endsOn ? formatDate(d.endsOn) : t("notSet")),
              row(t("purpose"), text(d.purpose)),
              row(t("targetGroup"), text(d.targetGroup)),
              row(t("sharedGoals"), text(d.sharedGoals)),
              row(t("municipalityGoals"), text(d.municipalityGoals)),
              row(t("voluntaryGoals"), text(d.voluntaryGoals)),
              row(t("parties"), d.parties.length ? d.parties.map((x) => `${x.name} (${t(`side.${x.side}` as TextKey)})`).join(", ") : t("notSet")),
            ),
      ),
      h(
        "section",
        { "aria-labelledby": "members-title" },
        h("h2", { id: "members-title", tabindex: "-1" }, t("members")),
        membersError ? h("p", { class: "error", role: "alert" }, membersError) : null,
        rights.coordinator ? manageMembers(p.members, ctx.me, actions) : readMembers(p.members, ctx.me),
        rights.coordinator ? addMemberForm(actions) : h("p", { class: "muted" }, t("readOnlyNote")),
      ),
      invites?.element,
      audit?.element,
    );
  };

  render();
  return {
    refresh: () => {
      // The language changed: the form is built again in the new words, with what was typed in it.
      if (editing) editing = { ...detailsForm(editing.read(), actions), version: editing.version };
      invites?.refresh();
      audit?.refresh();
      render();
    },
    dispose: () => undefined,
  };
}

interface PageActions {
  startEditing(): void;
  stopEditing(): void;
  saveDetails(details: PartnershipSnapshot["details"]): Promise<void>;
  reloadDetails(): Promise<void>;
  changeMember(member: Member, side: Side, role: MemberRole): Promise<void>;
  removeMember(member: Member): Promise<void>;
  /** Mails the person an invitation; they become a member when they accept it. */
  addMember(email: string, side: Side, role: MemberRole): Promise<void>;
  addBoard(name: string): Promise<PartnershipSnapshot>;
  /** Shows the partnership as it is now. */
  show(next: PartnershipSnapshot): void;
}

function message(e: unknown): string {
  return e instanceof ApiError ? localise(e.message) : String(e);
}

function nameWithYou(m: Member, me: Me): string {
  return m.userId === me.userId ? `${m.displayName} (${t("you")})` : m.displayName;
}

function readMembers(members: readonly Member[], me: Me): HTMLElement {
  return h(
    "table",
    { class: "members data" },
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("name")), h("th", { scope: "col" }, t("side")), h("th", { scope: "col" }, t("role")))),
    h(
      "tbody",
      {},
      members.map((m) =>
        h(
          "tr",
          { "data-user-id": m.userId },
          h("td", { "data-label": t("name") }, nameWithYou(m, me)),
          h("td", { "data-label": t("side") }, t(`side.${m.side}` as TextKey)),
          h("td", { "data-label": t("role") }, t(`role.${m.role}` as TextKey)),
        ),
      ),
    ),
  );
}

/** Coordinators: each row changes side and role (saved with its own button) or removes the person. */
function manageMembers(members: readonly Member[], me: Me, actions: PageActions): HTMLElement {
  return h(
    "table",
    { class: "members data manage" },
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "col" }, t("name")),
        h("th", { scope: "col" }, t("side")),
        h("th", { scope: "col" }, t("role")),
        h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, t("actions"))),
      ),
    ),
    h(
      "tbody",
      {},
      members.map((m) => {
        const only = isOnlyCoordinator(members, m.userId);
        const hintId = `only-${m.userId}`;
        const side = h(
          "select",
          { name: "memberSide", "aria-label": t("memberSideFor", { name: m.displayName }), "data-key": `side-${m.userId}`, "data-draft": "" },
          SIDES.map((s) => h("option", { value: s, selected: s === m.side }, t(`side.${s}` as TextKey))),
        );
        const roles = rolesFor(members, m.userId, MEMBER_ROLES);
        const role = h(
          "select",
          {
            name: "memberRole",
            "aria-label": t("memberRoleFor", { name: m.displayName }),
            "aria-describedby": only ? hintId : null,
            "data-key": `role-${m.userId}`,
            "data-draft": "",
          },
          MEMBER_ROLES.map((r) => h("option", { value: r, selected: r === m.role, disabled: !roles.includes(r) }, t(`role.${r}` as TextKey))),
        );
        return h(
          "tr",
          { "data-user-id": m.userId },
          h("td", { "data-label": t("name") }, nameWithYou(m, me), only ? h("p", { class: "hint", id: hintId }, t("onlyCoordinator")) : null),
          h("td", { "data-label": t("side") }, side),
          h("td", { "data-label": t("role") }, role),
          h(
            "td",
            { class: "row-actions" },
            h(
              "button",
              {
                type: "button",
                "data-key": `save-${m.userId}`,
                "aria-label": t("saveMemberLabel", { name: m.displayName }),
                onclick: () => {
                  if (side.value === m.side && role.value === m.role) return;
                  void actions.changeMember(m, side.value as Side, role.value as MemberRole);
                },
              },
              t("saveMember"),
            ),
            only
              ? null
              : h(
                  "button",
                  { type: "button", class: "secondary danger-text", "data-key": `remove-${m.userId}`, "aria-label": t("removeMemberLabel", { name: m.displayName }), onclick: () => void actions.removeMember(m) },
                  t("removeMember"),
                ),
          ),
        );
      }),
    ),
  );
}

interface DetailsForm {
  form: HTMLFormElement;
  read(): PartnershipSnapshot["details"];
}

/** Coordinators edit the details in place of the list; a "conflict" (someone saved first) offers a reload. */
function detailsForm(initial: PartnershipSnapshot["details"], actions: PageActions): DetailsForm {
  const error = h("p", { class: "error", role: "alert", hidden: true, tabindex: "-1" });
  const reload = h("button", { type: "button", class: "secondary", hidden: true }, t("reloadDetails"));
  const fields = detailsFields(initial);
  const submit = h("button", { type: "submit" }, t("save"));
  const form: HTMLFormElement = h(
    "form",
    {
      class: "card-form",
      "aria-labelledby": "details-title",
      onsubmit: async (event: Event) => {
        event.preventDefault();
        error.hidden = true;
        reload.hidden = true;
        submit.disabled = true;
        try {
          await actions.saveDetails(fields.read());
        } catch (e) {
          error.textContent = message(e);
          error.hidden = false;
          reload.hidden = !(e instanceof ApiError && e.code === "conflict");
          const target = e instanceof ApiError && e.field ? form.querySelector<HTMLElement>(`[name="${e.field}"]`) : null;
          (target ?? error).focus();
        } finally {
          submit.disabled = false;
        }
      },
    },
    error,
    reload,
    fields.nodes,
    h("div", { class: "actions" }, submit, h("button", { type: "button", class: "secondary", onclick: actions.stopEditing }, t("cancel"))),
  );
  reload.addEventListener("click", () => {
    actions.reloadDetails().catch((e: unknown) => {
      error.textContent = message(e);
      error.hidden = false;
    });
  });
  return { form, read: fields.read };
}

function addMemberForm(actions: PageActions): HTMLFormElement {
  const error = h("p", { class: "error", role: "alert", hidden: true });
  const status = h("p", { role: "status", class: "add-member-status" });
  const email = h("input", { type: "email", name: "email", required: true, autocomplete: "off", "data-key": "add-member-email", "data-draft": "" });
  const side = h("select", { name: "side" }, SIDES.map((s) => h("option", { value: s }, t(`side.${s}` as TextKey))));
  const role = h("select", { name: "role" }, MEMBER_ROLES.map((r) => h("option", { value: r, selected: r === "member" }, t(`role.${r}` as TextKey))));
  return h(
    "form",
    {
      class: "card-form",
      "aria-labelledby": "add-member-title",
      onsubmit: async (event: Event) => {
        event.preventDefault();
        error.hidden = true;
        try {
          const invited = email.value.trim();
          await actions.addMember(invited, side.value as Side, role.value as MemberRole);
          email.value = "";
          status.textContent = t("memberInvited", { email: invited });
        } catch (e) {
          error.textContent = message(e);
          error.hidden = false;
          email.focus();
        }
      },
    },
    h("h3", { id: "add-member-title" }, t("addMember")),
    error,
    h("div", { class: "grid-3" }, field(t("email"), email, t("addMemberHint")), field(t("side"), side), field(t("role"), role)),
    h("div", { class: "actions" }, h("button", { type: "submit" }, t("addMember"))),
    status,
  );
}

function addBoardForm(actions: PageActions): HTMLFormElement {
  const error = h("p", { class: "error", role: "alert", hidden: true });
  const name = h("input", { name: "boardName", required: true, maxlength: 120, "data-key": "add-board-name", "data-draft": "" });
  return h(
    "form",
    {
      class: "inline-form",
      onsubmit: async (event: Event) => {
        event.preventDefault();
        error.hidden = true;
        try {
          const next = await actions.addBoard(name.value);
          name.value = "";
          actions.show(next);
        } catch (e) {
          error.textContent = message(e);
          error.hidden = false;
          name.focus();
        }
      },
    },
    error,
    field(t("boardName"), name),
    h("button", { type: "submit" }, t("addBoard")),
  );
}
