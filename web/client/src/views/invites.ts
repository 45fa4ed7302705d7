// Coordinators' invitations, one form with one choice (decision 020): send a mail to an address (Hub mails the
// link through its outbox; only that address's account can use it), or make a link (side, role, one person or up
// to N, days it works) and see it once with a copy button. Below, every invitation with its uses and expiry, to
// revoke. The panel keeps its own state, so the one-time link stays on screen while the rest of the partnership
// page re-renders.

import { html, nothing, render, type TemplateResult } from "lit-html";
import { repeat } from "lit-html/directives/repeat.js";
import { ApiError } from "../api";
import { inviteStatus, inviteUrl, parseDays, parseUses } from "../access";
import { formatDay, localise, t, type TextKey } from "../i18n";
import { InviteLimits, MEMBER_ROLES, SIDES, type Invite, type InviteLink, type MemberRole, type Side } from "../protocol";
import type { PartnershipStore } from "../stores/partnershipStore";
import { confirmDialog } from "./confirm";
import { field } from "./widgets/field";

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
  /** Reads the invitations again (someone accepted one). */
  reload(): void;
}

interface Draft {
  how: "email" | "link";
  email: string;
  side: Side;
  role: MemberRole;
  uses: "single" | "many";
  many: string;
  days: string;
}

const DEFAULT_DAYS = 14;

export function createInvitesPanel(ctx: InvitesContext): InvitesPanel {
  const element = document.createElement("section");
  element.className = "invites";
  element.setAttribute("aria-labelledby", "invites-title");
  // What the form holds, read as it changes: the number field comes and goes with the choice of "many".
  const draft: Draft = { how: "email", email: "", side: "voluntaryOrganisation", role: "member", uses: "single", many: "10", days: String(DEFAULT_DAYS) };
  let invites: Invite[] | null = null;
  let created: InviteLink | null = null;
  let formError: { message: string; field: string | null } | null = null;
  let listError: string | null = null;
  let copyStatus = "";
  let sentStatus = "";
  let busy = false;
  // The form opens on request and the list shows the open invitations first: the people tab stays short.
  let formOpen = false;
  let showAll = false;

  const load = async () => {
    try {
      invites = await ctx.store.invites(ctx.partnershipId);
      listError = null;
    } catch (e) {
      listError = message(e);
    }
    draw();
  };

  /** Mails the person an invitation; they become a member when they accept it. */
  const send = async () => {
    const email = draft.email.trim();
    formError = email ? null : { message: t("inviteEmailMissing"), field: "email" };
    if (formError) {
      draw();
      focusField("email");
      return;
    }
    busy = true;
    sentStatus = "";
    draw();
    try {
      const sent = await ctx.store.addMember(ctx.partnershipId, { email, side: draft.side, role: draft.role });
      busy = false;
      draft.email = "";
      created = null;
      sentStatus = t("memberInvited", { email });
      invites = [sent, ...(invites ?? []).filter((i) => i.id !== sent.id)];
      draw();
      ctx.announce(sentStatus);
      ctx.changed();
    } catch (e) {
      busy = false;
      formError = { message: message(e), field: e instanceof ApiError ? e.field : null };
      draw();
      focusField(formError.field ?? "email");
    }
  };

  const create = async () => {
    const maxUses = parseUses(draft.uses, draft.many, InviteLimits.MaxUsesMax);
    const validDays = parseDays(draft.days, InviteLimits.ValidDaysMax);
    if (maxUses === null) formError = { message: t("inviteUsesInvalid", { max: InviteLimits.MaxUsesMax }), field: "maxUses" };
    else if (validDays === null) formError = { message: t("inviteDaysInvalid", { max: InviteLimits.ValidDaysMax }), field: "validDays" };
    else formError = null;
    if (formError || maxUses === null || validDays === null) {
      draw();
      focusField(formError?.field ?? null);
      return;
    }
    busy = true;
    draw();
    try {
      const made = await ctx.store.createInvite(ctx.partnershipId, { side: draft.side, role: draft.role, maxUses, validDays });
      created = made;
      copyStatus = "";
      sentStatus = "";
      busy = false;
      invites = [made.invite, ...(invites ?? []).filter((i) => i.id !== made.invite.id)];
      draw();
      // Straight to the link: it is what the coordinator came for, and a screen reader reads its heading.
      const link = element.querySelector<HTMLInputElement>("#invite-link");
      link?.focus();
      link?.select();
      ctx.announce(t("inviteCreatedTitle"));
      ctx.changed();
    } catch (e) {
      busy = false;
      formError = { message: message(e), field: e instanceof ApiError ? e.field : null };
      draw();
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
    draw();
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
    draw();
  };

  const focusField = (name: string | null) => {
    const target = (name && element.querySelector<HTMLElement>(`[name="${name}"]`)) || element.querySelector<HTMLElement>("#invite-error");
    target?.focus();
  };

  const describeInvite = (i: Invite) =>
    `${i.addressedTo ? `${i.addressedTo}: ` : ""}${t(`side.${i.side}` as TextKey)}, ${t(`role.${i.role}` as TextKey).toLowerCase()}`;

  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    if (!busy) void (draft.how === "email" ? send() : create());
  };

  const form = (): TemplateResult => {
    const invalid = (name: string) => (formError?.field === name ? "true" : nothing);
    const usesRadio = (value: Draft["uses"], label: string) =>
      html`<label class="choice"
        ><input
          type="radio"
          name="uses"
          value=${value}
          .checked=${draft.uses === value}
          @change=${() => {
            draft.uses = value;
            draw();
          }}
        />${label}</label
      >`;
    const howRadio = (value: Draft["how"], label: string) =>
      html`<label class="choice"
        ><input
          type="radio"
          name="how"
          value=${value}
          .checked=${draft.how === value}
          @change=${() => {
            draft.how = value;
            formError = null;
            draw();
          }}
        />${label}</label
      >`;
    const byMail = draft.how === "email";
    return html`<form class="card-form" aria-labelledby="new-invite-title" novalidate @submit=${submit}>
      <h3 id="new-invite-title">${t("newInvite")}</h3>
      ${formError ? html`<p class="error" role="alert" id="invite-error" tabindex="-1">${formError.message}</p>` : nothing}
      <fieldset class="how">
        <legend>${t("inviteHow")}</legend>
        ${howRadio("email", t("inviteByEmail"))} ${howRadio("link", t("inviteByLink"))}
      </fieldset>
      ${byMail
        ? html`<div class="field">
            <label for="invite-email">${t("email")}</label>
            <input
              id="invite-email"
              type="email"
              name="email"
              autocomplete="off"
              .value=${draft.email}
              aria-invalid=${invalid("email")}
              aria-describedby="invite-email-hint"
              @input=${(e: Event) => (draft.email = (e.target as HTMLInputElement).value)}
            />
            <p class="hint" id="invite-email-hint">${t("inviteEmailHint", { days: InviteLimits.AddressedValidDays })}</p>
          </div>`
        : nothing}
      <div class="grid-2">
        ${field(
          "invite-side",
          t("inviteSide"),
          html`<select id="invite-side" name="side" @change=${(e: Event) => (draft.side = (e.target as HTMLSelectElement).value as Side)}>
            ${SIDES.map((s) => html`<option value=${s} ?selected=${s === draft.side}>${t(`side.${s}` as TextKey)}</option>`)}
          </select>`,
        )}
        ${field(
          "invite-role",
          t("inviteRole"),
          html`<select id="invite-role" name="role" @change=${(e: Event) => (draft.role = (e.target as HTMLSelectElement).value as MemberRole)}>
            ${MEMBER_ROLES.map((r) => html`<option value=${r} ?selected=${r === draft.role}>${t(`role.${r}` as TextKey)}</option>`)}
          </select>`,
        )}
      </div>
      ${byMail ? nothing : linkChoices(invalid, usesRadio)}
      <div class="actions"><button type="submit" ?disabled=${busy}>${byMail ? t("sendInvite") : t("createInvite")}</button></div>
      <p role="status" class="invite-sent">${sentStatus}</p>
    </form>`;
  };

  const linkChoices = (invalid: (name: string) => string | typeof nothing, usesRadio: (value: Draft["uses"], label: string) => TemplateResult): TemplateResult =>
    html`<div class="grid-2">
        <fieldset class="uses">
          <legend>${t("inviteUses")}</legend>
          ${usesRadio("single", t("inviteSingle"))} ${usesRadio("many", t("inviteMany"))}
          ${draft.uses === "many"
            ? field(
                "invite-many",
                t("inviteManyCount", { max: InviteLimits.MaxUsesMax }),
                html`<input
                  id="invite-many"
                  type="number"
                  name="maxUses"
                  inputmode="numeric"
                  min="2"
                  max=${InviteLimits.MaxUsesMax}
                  value=${draft.many}
                  aria-invalid=${invalid("maxUses")}
                  @input=${(e: Event) => (draft.many = (e.target as HTMLInputElement).value)}
                />`,
              )
            : nothing}
        </fieldset>
        ${field(
          "invite-days",
          t("inviteDays", { max: InviteLimits.ValidDaysMax }),
          html`<input
            id="invite-days"
            type="number"
            name="validDays"
            inputmode="numeric"
            min="1"
            max=${InviteLimits.ValidDaysMax}
            value=${draft.days}
            aria-invalid=${invalid("validDays")}
            @input=${(e: Event) => (draft.days = (e.target as HTMLInputElement).value)}
          />`,
        )}
      </div>`;

  const result = (made: InviteLink): TemplateResult => {
    const link = inviteUrl(made.path, location.origin);
    const uses = made.invite.maxUses === 1 ? t("auditOneUse") : t("auditManyUses", { count: made.invite.maxUses });
    return html`<div class="invite-result" role="region" aria-labelledby="invite-result-title">
      <h3 id="invite-result-title">${t("inviteCreatedTitle")}</h3>
      <p>${describeInvite(made.invite)} · ${uses} · ${t("inviteValidUntil").toLowerCase()} ${formatDay(made.invite.expiresAt)}</p>
      <p class="warning-text" id="invite-once">${t("inviteCreatedText")}</p>
      <div class="copy-row">
        <label for="invite-link" class="visually-hidden">${t("inviteLinkLabel")}</label>
        <input id="invite-link" readonly .value=${link} aria-describedby="invite-once" @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
        <button type="button" @click=${() => void copy()}>${t("copyLink")}</button>
      </div>
      <p class="copy-status" role="status">${copyStatus}</p>
    </div>`;
  };

  const list = (): TemplateResult | typeof nothing => {
    if (invites === null) return listError ? nothing : html`<p role="status">${t("loading")}</p>`;
    if (invites.length === 0) return html`<p>${t("noInvites")}</p>`;
    const now = new Date();
    const closed = invites.filter((i) => inviteStatus(i, now) !== "active").length;
    const shown = showAll ? invites : invites.filter((i) => inviteStatus(i, now) === "active");
    const more =
      closed > 0
        ? html`<button
            type="button"
            class="secondary small"
            aria-expanded=${showAll ? "true" : "false"}
            @click=${() => {
              showAll = !showAll;
              draw();
            }}
          >
            ${showAll ? t("hideClosedInvites") : t("showClosedInvites", { count: closed })}
          </button>`
        : nothing;
    if (shown.length === 0) return html`<p>${t("noOpenInvites")}</p>${more}`;
    return html`<table class="data invite-list">
      <thead>
        <tr>
          <th scope="col">${t("inviteWho")}</th>
          <th scope="col">${t("inviteUsed")}</th>
          <th scope="col">${t("inviteValidUntil")}</th>
          <th scope="col">${t("inviteState")}</th>
          <th scope="col"><span class="visually-hidden">${t("actions")}</span></th>
        </tr>
      </thead>
      <tbody>
        ${repeat(
          shown,
          (i) => i.id,
          (i) => {
            const status = inviteStatus(i, now);
            const what = describeInvite(i);
            return html`<tr data-invite-id=${i.id}>
              <td data-label=${t("inviteWho")}>${what}</td>
              <td data-label=${t("inviteUsed")}>${t("inviteUsedCount", { uses: i.uses, max: i.maxUses })}</td>
              <td data-label=${t("inviteValidUntil")}>${formatDay(i.expiresAt)}</td>
              <td data-label=${t("inviteState")}><span class=${`state state-${status}`}>${t(`invite.${status}` as TextKey)}</span></td>
              <td class="row-actions">
                ${status === "active"
                  ? html`<button type="button" class="secondary" aria-label=${t("revokeInviteLabel", { what })} @click=${() => void revoke(i, what)}>
                      ${t("revokeInvite")}
                    </button>`
                  : nothing}
              </td>
            </tr>`;
          },
        )}
      </tbody>
    </table>${more}`;
  };

  const toggleForm = () => {
    formOpen = !formOpen;
    draw();
    if (formOpen) element.querySelector<HTMLInputElement>("input[name=how]:checked")?.focus();
  };

  function draw(): void {
    render(
      html`<div class="section-head">
          <h2 id="invites-title">${t("invitations")}</h2>
          <button type="button" id="invite-open" aria-expanded=${formOpen ? "true" : "false"} aria-controls=${formOpen ? "invite-form" : nothing} @click=${toggleForm}>
            ${t("newInvite")}
          </button>
        </div>
        ${formOpen ? html`<div id="invite-form"><p>${t("invitationsIntro")}</p>${form()}</div>` : nothing} ${created ? result(created) : nothing}
        <p role="status" class="invite-sent">${formOpen ? nothing : sentStatus}</p>
        <h3>${t("openInvites")}</h3>
        ${listError ? html`<p class="error" role="alert">${listError}</p>` : nothing} ${list()}`,
      element,
    );
  }

  draw();
  void load();
  return { element, refresh: draw, reload: () => void load() };
}

function message(e: unknown): string {
  return e instanceof ApiError ? localise(e.message) : String(e);
}
