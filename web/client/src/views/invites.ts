// Coordinators' invitations: make a link (side, role, one person or up to N, days it works), see it once
// with a copy button, list every invitation with its uses and expiry, and revoke one. The panel keeps its
// own state, so the one-time link stays on screen while the rest of the partnership page re-renders.

import { ApiError } from "../api";
import { inviteStatus, inviteUrl, parseDays, parseUses } from "../access";
import { formatDay, localise, t, type TextKey } from "../i18n";
import { InviteLimits, MEMBER_ROLES, SIDES, type Invite, type InviteLink, type MemberRole, type Side } from "../protocol";
import type { PartnershipStore } from "../stores/partnershipStore";
import { confirmDialog } from "./confirm";
import { field, h, rerender } from "./dom";

export interface InvitesContext {
  store: PartnershipStore;
  partnershipId: string;
  announce(text: string): void;
  /** Something was created or revoked (the log has a new entry). */
  changed(): void;
}

export interface InvitesPanel {
  readonly element: HTMLElement;
  /** Renders again (the language changed). */
  refresh(): void;
}

interface Draft {
  side: Side;
  role: MemberRole;
  uses: "single" | "many";
  many: string;
  days: string;
}

const DEFAULT_DAYS = 14;

export function createInvitesPanel(ctx: InvitesContext): InvitesPanel {
  const element = h("section", { class: "invites", "aria-labelledby": "invites-title" });
  const draft: Draft = { side: "voluntaryOrganisation", role: "member", uses: "single", many: "10", days: String(DEFAULT_DAYS) };
  let invites: Invite[] | null = null;
  let created: InviteLink | null = null;
  let formError: { message: string; field: string | null } | null = null;
  let listError: string | null = null;
  let copyStatus = "";
  let busy = false;

  const render = () => rerender(element, build);

  const load = async () => {
    try {
      invites = await ctx.store.invites(ctx.partnershipId);
      listError = null;
    } catch (e) {
      listError = message(e);
    }
    render();
  };

  const create = async () => {
    const maxUses = parseUses(draft.uses, draft.many, InviteLimits.MaxUsesMax);
    const validDays = parseDays(draft.days, InviteLimits.ValidDaysMax);
    if (maxUses === null) formError = { message: t("inviteUsesInvalid", { max: InviteLimits.MaxUsesMax }), field: "maxUses" };
    else if (validDays === null) formError = { message: t("inviteDaysInvalid", { max: InviteLimits.ValidDaysMax }), field: "validDays" };
    else formError = null;
    if (formError || maxUses === null || validDays === null) {
      render();
      focusField(formError?.field ?? null);
      return;
    }
    busy = true;
    render();
    try {
      created = await ctx.store.createInvite(ctx.partnershipId, { side: draft.side, role: draft.role, maxUses, validDays });
      copyStatus = "";
      busy = false;
      invites = [created.invite, ...(invites ?? []).filter((i) => i.id !== created!.invite.id)];
      render();
      // Straight to the link: it is what the coordinator came for, and a screen reader reads its heading.
      element.querySelector<HTMLInputElement>("#invite-link")?.focus();
      element.querySelector<HTMLInputElement>("#invite-link")?.select();
      ctx.announce(t("inviteCreatedTitle"));
      ctx.changed();
    } catch (e) {
      busy = false;
      formError = { message: message(e), field: e instanceof ApiError ? e.field : null };
      render();
      focusField(formError.field);
    }
  };

  const revoke = async (invite: Invite, what: string) => {
    const yes = await confirmDialog({ title: t("revokeTitle"), text: t("revokeConfirm", { what }), confirm: t("revokeInvite"), danger: true });
    if (!yes) return;
    try {
      const revoked = await ctx.store.revokeInvite(ctx.partnershipId, invite.id);
      invites = (invites ?? []).map((i) => (i.id === revoked.id ? revoked : i));
      listError = null;
      ctx.announce(t("inviteRevoked"));
      ctx.changed();
    } catch (e) {
      listError = message(e);
    }
    render();
  };

  const copy = async () => {
    const input = element.querySelector<HTMLInputElement>("#invite-link");
    if (!input) return;
    try {
      await navigator.clipboard.writeText(input.value);
      copyStatus = t("copied");
    } catch {
      // No clipboard permission: select the text so the person can copy it themselves.
      input.focus();
      input.select();
      copyStatus = t("copyFailed");
    }
    render();
  };

  const focusField = (name: string | null) => {
    const target = (name && element.querySelector<HTMLElement>(`[name="${name}"]`)) || element.querySelector<HTMLElement>("#invite-error");
    target?.focus();
  };

  const describeInvite = (i: Invite) => `${t(`side.${i.side}` as TextKey)}, ${t(`role.${i.role}` as TextKey).toLowerCase()}`;

  const build = (): Node => {
    const sideSelect = h(
      "select",
      { name: "side", "data-key": "invite-side", onchange: (e: Event) => (draft.side = (e.target as HTMLSelectElement).value as Side) },
      SIDES.map((s) => h("option", { value: s, selected: s === draft.side }, t(`side.${s}` as TextKey))),
    );
    const roleSelect = h(
      "select",
      { name: "role", "data-key": "invite-role", onchange: (e: Event) => (draft.role = (e.target as HTMLSelectElement).value as MemberRole) },
      MEMBER_ROLES.map((r) => h("option", { value: r, selected: r === draft.role }, t(`role.${r}` as TextKey))),
    );
    const usesRadio = (value: Draft["uses"], label: string) =>
      h(
        "label",
        { class: "choice" },
        h("input", {
          type: "radio",
          name: "uses",
          value,
          checked: draft.uses === value,
          "data-key": `invite-uses-${value}`,
          onchange: () => {
            draft.uses = value;
            render();
          },
        }),
        label,
      );
    const invalid = (name: string) => (formError?.field === name ? "true" : null);
    const many = h("input", {
      type: "number",
      name: "maxUses",
      inputmode: "numeric",
      min: 2,
      max: InviteLimits.MaxUsesMax,
      value: draft.many,
      "data-key": "invite-many",
      "aria-invalid": invalid("maxUses"),
      oninput: (e: Event) => (draft.many = (e.target as HTMLInputElement).value),
    });
    const days = h("input", {
      type: "number",
      name: "validDays",
      inputmode: "numeric",
      min: 1,
      max: InviteLimits.ValidDaysMax,
      value: draft.days,
      "data-key": "invite-days",
      "aria-invalid": invalid("validDays"),
      oninput: (e: Event) => (draft.days = (e.target as HTMLInputElement).value),
    });

    const form = h(
      "form",
      {
        class: "card-form",
        "aria-labelledby": "new-invite-title",
        novalidate: true,
        onsubmit: (e: Event) => {
          e.preventDefault();
          if (!busy) void create();
        },
      },
      h("h3", { id: "new-invite-title" }, t("newInvite")),
      formError ? h("p", { class: "error", role: "alert", id: "invite-error", tabindex: "-1" }, formError.message) : null,
      h("div", { class: "grid-2" }, field(t("inviteSide"), sideSelect), field(t("inviteRole"), roleSelect)),
      h(
        "div",
        { class: "grid-2" },
        h(
          "fieldset",
          { class: "uses" },
          h("legend", {}, t("inviteUses")),
          usesRadio("single", t("inviteSingle")),
          usesRadio("many", t("inviteMany")),
          draft.uses === "many" ? field(t("inviteManyCount", { max: InviteLimits.MaxUsesMax }), many) : null,
        ),
        field(t("inviteDays", { max: InviteLimits.ValidDaysMax }), days),
      ),
      h("div", { class: "actions" }, h("button", { type: "submit", disabled: busy, "data-key": "invite-create" }, t("createInvite"))),
    );

    const link = created ? inviteUrl(created.path, location.origin) : null;
    const result =
      created && link
        ? h(
            "div",
            { class: "invite-result", role: "region", "aria-labelledby": "invite-result-title" },
            h("h3", { id: "invite-result-title" }, t("inviteCreatedTitle")),
            h("p", {}, `${describeInvite(created.invite)} · ${created.invite.maxUses === 1 ? t("auditOneUse") : t("auditManyUses", { count: created.invite.maxUses })} · ${t("inviteValidUntil").toLowerCase()} ${formatDay(created.invite.expiresAt)}`),
            h("p", { class: "warning-text", id: "invite-once" }, t("inviteCreatedText")),
            h(
              "div",
              { class: "copy-row" },
              h("label", { for: "invite-link", class: "visually-hidden" }, t("inviteLinkLabel")),
              h("input", { id: "invite-link", readonly: true, value: link, "aria-describedby": "invite-once", "data-key": "invite-link", onfocus: (e: Event) => (e.target as HTMLInputElement).select() }),
              h("button", { type: "button", "data-key": "invite-copy", onclick: () => void copy() }, t("copyLink")),
            ),
            h("p", { class: "copy-status", role: "status" }, copyStatus),
          )
        : null;

    const now = new Date();
    const list =
      invites === null
        ? listError
          ? null
          : h("p", { role: "status" }, t("loading"))
        : invites.length === 0
          ? h("p", {}, t("noInvites"))
          : h(
              "table",
              { class: "data invite-list" },
              h(
                "thead",
                {},
                h(
                  "tr",
                  {},
                  h("th", { scope: "col" }, t("inviteWho")),
                  h("th", { scope: "col" }, t("inviteUsed")),
                  h("th", { scope: "col" }, t("inviteValidUntil")),
                  h("th", { scope: "col" }, t("inviteState")),
                  h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, t("actions"))),
                ),
              ),
              h(
                "tbody",
                {},
                invites.map((i) => {
                  const status = inviteStatus(i, now);
                  const what = describeInvite(i);
                  return h(
                    "tr",
                    { "data-invite-id": i.id },
                    h("td", { "data-label": t("inviteWho") }, what),
                    h("td", { "data-label": t("inviteUsed") }, t("inviteUsedCount", { uses: i.uses, max: i.maxUses })),
                    h("td", { "data-label": t("inviteValidUntil") }, formatDay(i.expiresAt)),
                    h("td", { "data-label": t("inviteState") }, h("span", { class: `state state-${status}` }, t(`invite.${status}` as TextKey))),
                    h(
                      "td",
                      { class: "row-actions" },
                      status === "active"
                        ? h(
                            "button",
                            { type: "button", class: "secondary", "data-key": `revoke-${i.id}`, "aria-label": t("revokeInviteLabel", { what }), onclick: () => void revoke(i, what) },
                            t("revokeInvite"),
                          )
                        : null,
                    ),
                  );
                }),
              ),
            );

    return h(
      "div",
      {},
      h("h2", { id: "invites-title" }, t("invitations")),
      h("p", {}, t("invitationsIntro")),
      form,
      result,
      h("h3", {}, t("allInvites")),
      listError ? h("p", { class: "error", role: "alert" }, listError) : null,
      list,
    );
  };

  render();
  void load();
  return { element, refresh: render };
}

function message(e: unknown): string {
  return e instanceof ApiError ? localise(e.message) : String(e);
}

/** The day a link stops working, in the person's own time zone. */
