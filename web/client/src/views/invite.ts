// Joining with an invitation link (/invite/{secret}): which partnership, which side and role; then
// "Bliv medlem" for a signed-in person, or a short form — name, e-mail, password, no MitID — for a new one
// (who then confirms the address by the link mailed to it, and is in), or e-mail and password for someone who
// already has an account. Built for a phone first.

import { ApiError } from "../api";
import { formatDay, localise, t, type TextKey } from "../i18n";
import { AccountLimits, PartnershipLimits, type InvitePreview, type MailSent, type Me, type PartnershipSnapshot } from "../protocol";
import { field, h, rerender } from "./dom";

export interface InviteActions {
  me(): Me | null;
  preview(): Promise<InvitePreview>;
  /** A new person: mails a link to the address; following it makes the account and joins. */
  join(email: string, displayName: string, password: string): Promise<MailSent>;
  /** Someone with an account: signs in, then joins. */
  signInAndJoin(email: string, password: string): Promise<PartnershipSnapshot>;
  /** The signed-in person joins. */
  accept(): Promise<PartnershipSnapshot>;
  joined(p: PartnershipSnapshot): void;
  signOut(): void;
  /** After a refusal the person may be signed in anyway (the account was made, the link was used up meanwhile). */
  checkSignedIn(): Promise<void>;
}

export interface MountedInvite {
  refresh(): void;
  dispose(): void;
}

type State =
  | { kind: "loading" }
  | { kind: "gone" }
  | { kind: "failed"; message: string }
  | { kind: "ready"; preview: InvitePreview }
  | { kind: "mailSent"; email: string };

export function mountInvite(main: HTMLElement, actions: InviteActions): MountedInvite {
  const root = h("div", { class: "page narrow invite-page" });
  main.replaceChildren(root);
  let state: State = { kind: "loading" };
  let mode: "new" | "existing" = "new";
  let error: { message: string; field: string | null; code: string } | null = null;
  let busy = false;
  let disposed = false;

  const render = () => {
    if (!disposed) rerender(root, build);
  };

  const load = async () => {
    try {
      state = { kind: "ready", preview: await actions.preview() };
    } catch (e) {
      state = e instanceof ApiError && e.code === "not_found" ? { kind: "gone" } : { kind: "failed", message: message(e) };
    }
    document.title = `${state.kind === "gone" ? t("inviteGoneTitle") : t("inviteTitle")} — ${t("appName")}`;
    render();
    root.querySelector<HTMLElement>("h1")?.focus();
  };

  const submit = async (run: () => Promise<PartnershipSnapshot | MailSent>) => {
    if (busy) return;
    busy = true;
    error = null;
    render();
    try {
      const answer = await run();
      busy = false;
      if ("members" in answer) {
        actions.joined(answer);
      } else {
        state = { kind: "mailSent", email: answer.email };
        document.title = `${t("checkMailTitle")} — ${t("appName")}`;
        render();
        root.querySelector<HTMLElement>("h1")?.focus();
      }
    } catch (e) {
      busy = false;
      error = e instanceof ApiError ? { message: localise(e.message), field: e.field, code: e.code } : { message: String(e), field: null, code: "" };
      if (e instanceof ApiError && e.code === "not_found") state = { kind: "gone" };
      await actions.checkSignedIn().catch(() => undefined);
      render();
      const target = error.field ? root.querySelector<HTMLElement>(`[name="${error.field}"]`) : null;
      (target ?? root.querySelector<HTMLElement>("#join-error") ?? root.querySelector<HTMLElement>("h1"))?.focus();
    }
  };

  const build = (): Node => {
    if (state.kind === "loading") return h("p", { role: "status" }, t("loading"));
    if (state.kind === "gone") {
      return h(
        "section",
        { "aria-labelledby": "invite-title" },
        h("h1", { id: "invite-title", tabindex: "-1" }, t("inviteGoneTitle")),
        h("p", { class: "lead" }, t("inviteGoneText")),
        h("p", {}, h("a", { href: "/" }, actions.me() ? t("myPartnerships") : t("signIn"))),
      );
    }
    if (state.kind === "mailSent") {
      return h(
        "section",
        { class: "check-mail", "aria-labelledby": "invite-title" },
        h("h1", { id: "invite-title", tabindex: "-1" }, t("checkMailTitle")),
        h("p", { class: "lead", role: "status" }, t("checkMailJoin", { email: state.email })),
        h("p", {}, t("checkMailHelp")),
      );
    }
    if (state.kind === "failed") {
      return h(
        "section",
        { "aria-labelledby": "invite-title" },
        h("h1", { id: "invite-title", tabindex: "-1" }, t("inviteTitle")),
        h("p", { class: "error", role: "alert" }, state.message),
      );
    }
    const p = state.preview;
    const me = actions.me();
    const role = t(`role.${p.role}` as TextKey);
    return h(
      "section",
      { "aria-labelledby": "invite-title" },
      h("h1", { id: "invite-title", tabindex: "-1" }, t("inviteTitle")),
      h("p", { class: "lead" }, t("inviteLead")),
      h(
        "dl",
        { class: "details invite-facts" },
        h("dt", {}, t("invitePartnership")),
        h("dd", { class: "invite-partnership" }, p.partnershipName),
        h("dt", {}, t("municipality")),
        h("dd", {}, p.municipality),
        h("dt", {}, t("yourSide")),
        h("dd", {}, t(`side.${p.side}` as TextKey)),
        h("dt", {}, t("yourRole")),
        h("dd", {}, role),
        h("dt", {}, t("inviteValidUntil")),
        h("dd", {}, h("time", { datetime: p.expiresAt }, formatDay(p.expiresAt))),
      ),
      h("p", {}, t(`roleHelp.${p.role}` as TextKey)),
      error ? h("p", { class: "error", role: "alert", id: "join-error", tabindex: "-1" }, error.message) : null,
      me ? signedIn(me) : mode === "new" ? newPerson() : existingPerson(),
    );
  };

  const signedIn = (me: Me): Node =>
    h(
      "div",
      { class: "join" },
      h("p", {}, t("joinSignedInAs", { name: me.displayName })),
      h("div", { class: "actions" }, h("button", { type: "button", class: "wide", disabled: busy, "data-key": "join", onclick: () => void submit(actions.accept) }, t("join"))),
      h("p", {}, h("button", { type: "button", class: "link-button", onclick: actions.signOut }, t("joinNotYou"))),
    );

  const newPerson = (): Node => {
    const invalid = (name: string) => (error?.field === name ? "true" : null);
    const displayName = h("input", { name: "displayName", autocomplete: "name", required: true, maxlength: PartnershipLimits.DisplayNameMax, "data-key": "join-name", "data-draft": "", "aria-invalid": invalid("displayName") });
    const email = h("input", { type: "email", name: "email", autocomplete: "email", inputmode: "email", required: true, maxlength: AccountLimits.EmailMax, "data-key": "join-email", "data-draft": "", "aria-invalid": invalid("email") });
    const password = h("input", { type: "password", name: "password", autocomplete: "new-password", required: true, minlength: AccountLimits.PasswordMin, maxlength: AccountLimits.PasswordMax, "data-key": "join-password", "data-draft": "", "aria-invalid": invalid("password") });
    return h(
      "div",
      { class: "join" },
      h("h2", { id: "join-title" }, t("joinFormTitle")),
      h("p", {}, t("joinFormLead")),
      h(
        "form",
        {
          class: "card-form",
          "aria-labelledby": "join-title",
          onsubmit: (e: Event) => {
            e.preventDefault();
            void submit(() => actions.join(email.value, displayName.value, password.value));
          },
        },
        field(t("displayName"), displayName),
        field(t("email"), email),
        field(t("password"), password, t("passwordHint")),
        h("div", { class: "actions" }, h("button", { type: "submit", class: "wide", disabled: busy }, t("join"))),
      ),
      h(
        "p",
        {},
        h(
          "button",
          {
            type: "button",
            class: "link-button",
            "data-key": "join-have-account",
            onclick: () => {
              mode = "existing";
              error = null;
              render();
              root.querySelector<HTMLElement>("[name=email]")?.focus();
            },
          },
          t("joinHaveAccount"),
        ),
      ),
    );
  };

  const existingPerson = (): Node => {
    const email = h("input", { type: "email", name: "email", autocomplete: "email", inputmode: "email", required: true, maxlength: AccountLimits.EmailMax, "data-key": "join-email", "data-draft": "" });
    const password = h("input", { type: "password", name: "password", autocomplete: "current-password", required: true, maxlength: AccountLimits.PasswordMax, "data-key": "join-signin-password" });
    return h(
      "div",
      { class: "join" },
      h("h2", { id: "join-title" }, t("signInTitle")),
      h(
        "form",
        {
          class: "card-form",
          "aria-labelledby": "join-title",
          onsubmit: (e: Event) => {
            e.preventDefault();
            void submit(() => actions.signInAndJoin(email.value, password.value));
          },
        },
        field(t("email"), email),
        field(t("password"), password),
        h("div", { class: "actions" }, h("button", { type: "submit", class: "wide", disabled: busy }, `${t("signIn")} · ${t("join")}`)),
      ),
      h(
        "p",
        {},
        h(
          "button",
          {
            type: "button",
            class: "link-button",
            "data-key": "join-new",
            onclick: () => {
              mode = "new";
              error = null;
              render();
              root.querySelector<HTMLElement>("[name=displayName]")?.focus();
            },
          },
          t("noAccount"),
        ),
      ),
    );
  };

  render();
  void load();
  return {
    refresh: () => {
      if (state.kind === "gone") document.title = `${t("inviteGoneTitle")} — ${t("appName")}`;
      else document.title = `${t("inviteTitle")} — ${t("appName")}`;
      render();
    },
    dispose: () => {
      disposed = true;
    },
  };
}

function message(e: unknown): string {
  return e instanceof ApiError ? localise(e.message) : String(e);
}
