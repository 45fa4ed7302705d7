// Sign in, or create an account: e-mail, name, password — nothing more; the account is made when the link
// mailed to the address is followed. Or ask for a link to choose a new password.

import { ApiError } from "../api";
import { localise, t } from "../i18n";
import { AccountLimits, PartnershipLimits, type MailSent, type Me } from "../protocol";
import { field, h } from "./dom";
import { renderCheckMail } from "./emailLinks";

export interface SignInProvider {
  displayName: string;
  path: string;
}

export interface SignInActions {
  /** Identity providers staff may sign in with; empty when none is configured. */
  providers(): Promise<SignInProvider[]>;
  signIn(email: string, password: string): Promise<Me>;
  /** Mails a verification link; the account exists once it is followed. */
  register(email: string, displayName: string, password: string): Promise<MailSent>;
  /** Mails a reset link, if the address has an account (the answer is the same either way). */
  forgotPassword(email: string): Promise<MailSent>;
  done(me: Me): void;
}

export type SignInMode = "sign-in" | "sign-up" | "forgot";

export function renderSignIn(main: HTMLElement, actions: SignInActions, mode: SignInMode = "sign-in"): void {
  const error = h("p", { class: "error", role: "alert", hidden: true });
  const email = h("input", { type: "email", name: "email", autocomplete: "email", required: true, maxlength: AccountLimits.EmailMax });
  const password = h("input", {
    type: "password",
    name: "password",
    autocomplete: mode === "sign-in" ? "current-password" : "new-password",
    required: true,
    minlength: mode === "sign-up" ? AccountLimits.PasswordMin : null,
    maxlength: AccountLimits.PasswordMax,
  });
  const displayName = h("input", { type: "text", name: "displayName", autocomplete: "name", required: true, maxlength: PartnershipLimits.DisplayNameMax });
  const submit = h("button", { type: "submit" }, mode === "sign-in" ? t("signIn") : mode === "sign-up" ? t("signUp") : t("sendLink"));
  const again = () => renderSignIn(main, actions, "sign-in");

  const form = h(
    "form",
    {
      class: "card-form narrow",
      novalidate: false,
      onsubmit: async (event: Event) => {
        event.preventDefault();
        error.hidden = true;
        submit.disabled = true;
        try {
          if (mode === "sign-in") {
            actions.done(await actions.signIn(email.value, password.value));
          } else if (mode === "sign-up") {
            const sent = await actions.register(email.value, displayName.value, password.value);
            renderCheckMail(main, t("checkMailRegistered", { email: sent.email }), again);
          } else {
            const sent = await actions.forgotPassword(email.value);
            renderCheckMail(main, t("checkMailReset", { email: sent.email }), again);
          }
        } catch (e) {
          error.textContent = e instanceof ApiError ? localise(e.message) : String(e);
          error.hidden = false;
          const target = e instanceof ApiError && e.field ? form.querySelector<HTMLElement>(`[name="${e.field}"]`) : null;
          (target ?? error).focus?.();
        } finally {
          submit.disabled = false;
        }
      },
    },
    error,
    field(t("email"), email),
    mode === "sign-up" ? field(t("displayName"), displayName) : null,
    mode === "forgot" ? null : field(t("password"), password, mode === "sign-up" ? t("passwordHint") : undefined),
    h("div", { class: "actions" }, submit),
  );

  // Staff sign in through their identity provider (a MitID broker or the municipality's login), when one is set up.
  const providers = h("div", { class: "providers" });
  void actions.providers().then((list) =>
    providers.replaceChildren(
      ...list.map((p) => {
        const returnUrl = location.pathname === "/" ? "/" : location.pathname;
        return h("p", {}, h("a", { class: "button", href: `${p.path}?returnUrl=${encodeURIComponent(returnUrl)}` }, `${t("signInWith")} ${p.displayName}`));
      }),
      ...(list.length > 0 ? [h("p", { class: "hint" }, t("orWithEmail"))] : []),
    ),
  ).catch(() => undefined);

  main.replaceChildren(
    h(
      "section",
      { class: "page narrow", "aria-labelledby": "signin-title" },
      h("h1", { id: "signin-title" }, mode === "sign-in" ? t("signInTitle") : mode === "sign-up" ? t("signUpTitle") : t("forgotTitle")),
      h("p", { class: "lead" }, mode === "forgot" ? t("forgotLead") : t("intro")),
      mode === "sign-in" ? providers : null,
      form,
      mode === "sign-in"
        ? h("p", {}, h("button", { type: "button", class: "link-button", "data-key": "forgot", onclick: () => renderSignIn(main, actions, "forgot") }, t("forgotPassword")))
        : null,
      h(
        "p",
        {},
        h(
          "button",
          { type: "button", class: "link-button", onclick: () => renderSignIn(main, actions, mode === "sign-in" ? "sign-up" : "sign-in") },
          mode === "sign-in" ? t("noAccount") : mode === "sign-up" ? t("haveAccount") : t("backToSignIn"),
        ),
      ),
    ),
  );
  email.focus();
}
