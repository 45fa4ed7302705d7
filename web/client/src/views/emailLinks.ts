// The screens around links Hub mails: "check your mail", following a verification link (/verify/{token}), and
// choosing a new password from a reset link (/reset/{token}).

import { ApiError } from "../api";
import { localise, t } from "../i18n";
import { AccountLimits, type Me, type Verified } from "../protocol";
import { field, h } from "./dom";

/** After a request that mails a link: what to do now. `text` already names the address. */
export function renderCheckMail(main: HTMLElement, text: string, back: (() => void) | null): void {
  document.title = `${t("checkMailTitle")} — ${t("appName")}`;
  main.replaceChildren(
    h(
      "section",
      { class: "page narrow check-mail", "aria-labelledby": "check-mail-title" },
      h("h1", { id: "check-mail-title", tabindex: "-1" }, t("checkMailTitle")),
      h("p", { class: "lead", role: "status" }, text),
      h("p", {}, t("checkMailHelp")),
      back ? h("p", {}, h("button", { type: "button", class: "link-button", onclick: back }, t("backToSignIn"))) : null,
    ),
  );
  main.querySelector<HTMLElement>("h1")?.focus();
}

export interface VerifyActions {
  verify(token: string): Promise<Verified>;
  done(verified: Verified): void;
}

/** Follows a verification link: the account is made and the person signed in (and joined, from an invitation). */
export function renderVerify(main: HTMLElement, token: string, actions: VerifyActions): void {
  document.title = `${t("verifying")} — ${t("appName")}`;
  main.replaceChildren(h("p", { class: "page narrow", role: "status" }, t("verifying")));
  actions.verify(token).then(actions.done, (e: unknown) => renderLinkFailed(main, e));
}

export interface ResetActions {
  reset(token: string, password: string): Promise<Me>;
  done(me: Me): void;
}

/** A reset link: a new password, then the person is signed in (and signed out everywhere else). */
export function renderReset(main: HTMLElement, token: string, actions: ResetActions): void {
  document.title = `${t("resetTitle")} — ${t("appName")}`;
  const error = h("p", { class: "error", role: "alert", hidden: true });
  const password = h("input", {
    type: "password",
    name: "password",
    autocomplete: "new-password",
    required: true,
    minlength: AccountLimits.PasswordMin,
    maxlength: AccountLimits.PasswordMax,
  });
  const submit = h("button", { type: "submit" }, t("saveNewPassword"));
  const form = h(
    "form",
    {
      class: "card-form narrow",
      onsubmit: async (event: Event) => {
        event.preventDefault();
        error.hidden = true;
        submit.disabled = true;
        try {
          actions.done(await actions.reset(token, password.value));
        } catch (e) {
          if (e instanceof ApiError && e.code === "not_found") {
            renderLinkFailed(main, e);
            return;
          }
          error.textContent = e instanceof ApiError ? localise(e.message) : String(e);
          error.hidden = false;
          password.focus();
        } finally {
          submit.disabled = false;
        }
      },
    },
    error,
    field(t("newPassword"), password, t("passwordHint")),
    h("div", { class: "actions" }, submit),
  );
  main.replaceChildren(
    h(
      "section",
      { class: "page narrow", "aria-labelledby": "reset-title" },
      h("h1", { id: "reset-title" }, t("resetTitle")),
      h("p", { class: "lead" }, t("resetLead")),
      form,
    ),
  );
  password.focus();
}

function renderLinkFailed(main: HTMLElement, e: unknown): void {
  document.title = `${t("linkFailedTitle")} — ${t("appName")}`;
  const gone = e instanceof ApiError && e.code === "not_found";
  main.replaceChildren(
    h(
      "section",
      { class: "page narrow", "aria-labelledby": "link-failed-title" },
      h("h1", { id: "link-failed-title", tabindex: "-1" }, t("linkFailedTitle")),
      h("p", { class: "lead", role: "alert" }, gone ? t("linkFailedText") : e instanceof ApiError ? localise(e.message) : String(e)),
      h("p", {}, h("a", { href: "/" }, t("backToSignIn"))),
    ),
  );
  main.querySelector<HTMLElement>("h1")?.focus();
}
