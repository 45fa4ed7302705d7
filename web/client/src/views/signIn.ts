// Sign in, or create an account: e-mail, name, password — nothing more.

import { ApiError } from "../api";
import { localise, t } from "../i18n";
import { AccountLimits, PartnershipLimits, type Me } from "../protocol";
import { field, h } from "./dom";

export interface SignInProvider {
  displayName: string;
  path: string;
}

export interface SignInActions {
  /** Identity providers staff may sign in with; empty when none is configured. */
  providers(): Promise<SignInProvider[]>;
  signIn(email: string, password: string): Promise<Me>;
  register(email: string, displayName: string, password: string): Promise<Me>;
  done(me: Me): void;
}

export function renderSignIn(main: HTMLElement, actions: SignInActions, mode: "sign-in" | "sign-up" = "sign-in"): void {
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
  const submit = h("button", { type: "submit" }, mode === "sign-in" ? t("signIn") : t("signUp"));

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
          const me = mode === "sign-in" ? await actions.signIn(email.value, password.value) : await actions.register(email.value, displayName.value, password.value);
          actions.done(me);
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
    field(t("password"), password, mode === "sign-up" ? t("passwordHint") : undefined),
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
      h("h1", { id: "signin-title" }, mode === "sign-in" ? t("signInTitle") : t("signUpTitle")),
      h("p", { class: "lead" }, t("intro")),
      mode === "sign-in" ? providers : null,
      form,
      h(
        "p",
        {},
        h(
          "button",
          { type: "button", class: "link-button", onclick: () => renderSignIn(main, actions, mode === "sign-in" ? "sign-up" : "sign-in") },
          mode === "sign-in" ? t("noAccount") : t("haveAccount"),
        ),
      ),
    ),
  );
  email.focus();
}
