// Sign in, or create an account: e-mail, name, password — nothing more; the account is made when the link
// mailed to the address is followed. Or ask for a link to choose a new password.

import { html, nothing, render } from "lit-html";
import { repeat } from "lit-html/directives/repeat.js";
import { ApiError } from "../api";
import { localise, t } from "../i18n";
import { AccountLimits, PartnershipLimits, type MailSent, type Me } from "../protocol";
import { renderCheckMail } from "./emailLinks";
import { field, hintId } from "./widgets/field";

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

/** The sign-in page; switching between signing in, signing up and a forgotten password keeps the address typed. */
export function renderSignIn(main: HTMLElement, actions: SignInActions, mode: SignInMode = "sign-in"): void {
  const page = document.createElement("section");
  page.className = "page narrow";
  page.setAttribute("aria-labelledby", "signin-title");
  main.replaceChildren(page);
  let error: string | null = null;
  let busy = false;
  // Staff sign in through their identity provider (a MitID broker or the municipality's login), when one is set up.
  let providers: SignInProvider[] = [];
  const again = () => renderSignIn(main, actions, "sign-in");

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? "";
    const [email, password, displayName] = [value("email"), value("password"), value("displayName")];
    error = null;
    busy = true;
    draw();
    try {
      if (mode === "sign-in") {
        actions.done(await actions.signIn(email, password));
      } else if (mode === "sign-up") {
        const sent = await actions.register(email, displayName, password);
        renderCheckMail(main, t("checkMailRegistered", { email: sent.email }), again);
      } else {
        const sent = await actions.forgotPassword(email);
        renderCheckMail(main, t("checkMailReset", { email: sent.email }), again);
      }
    } catch (e) {
      error = e instanceof ApiError ? localise(e.message) : String(e);
      busy = false;
      draw();
      const target = e instanceof ApiError && e.field ? form.querySelector<HTMLElement>(`[name="${e.field}"]`) : null;
      (target ?? page.querySelector<HTMLElement>(".error"))?.focus();
      return;
    }
    busy = false;
    if (page.isConnected) draw();
  };

  const switchTo = (next: SignInMode) => () => {
    mode = next;
    error = null;
    draw();
    page.querySelector<HTMLElement>("[name=email]")?.focus();
  };

  function draw(): void {
    const returnUrl = location.pathname === "/" ? "/" : location.pathname;
    const title = mode === "sign-in" ? t("signInTitle") : mode === "sign-up" ? t("signUpTitle") : t("forgotTitle");
    const action = mode === "sign-in" ? t("signIn") : mode === "sign-up" ? t("signUp") : t("sendLink");
    render(
      html`<h1 id="signin-title">${title}</h1>
        <p class="lead">${mode === "forgot" ? t("forgotLead") : t("intro")}</p>
        ${mode === "sign-in" && providers.length > 0
          ? html`<div class="providers">
              ${repeat(
                providers,
                (p) => p.path,
                (p) => html`<p><a class="button" href=${`${p.path}?returnUrl=${encodeURIComponent(returnUrl)}`}>${t("signInWith")} ${p.displayName}</a></p>`,
              )}
              <p class="hint">${t("orWithEmail")}</p>
            </div>`
          : nothing}
        <form class="card-form narrow" @submit=${submit}>
          ${error !== null ? html`<p class="error" role="alert" tabindex="-1">${error}</p>` : nothing}
          ${field("signin-email", t("email"), html`<input id="signin-email" type="email" name="email" autocomplete="email" required maxlength=${AccountLimits.EmailMax} />`)}
          ${mode === "sign-up"
            ? field(
                "signin-name",
                t("displayName"),
                html`<input id="signin-name" type="text" name="displayName" autocomplete="name" required maxlength=${PartnershipLimits.DisplayNameMax} />`,
              )
            : nothing}
          ${mode === "forgot"
            ? nothing
            : field(
                "signin-password",
                t("password"),
                html`<input
                  id="signin-password"
                  type="password"
                  name="password"
                  autocomplete=${mode === "sign-in" ? "current-password" : "new-password"}
                  required
                  minlength=${mode === "sign-up" ? AccountLimits.PasswordMin : nothing}
                  maxlength=${AccountLimits.PasswordMax}
                  aria-describedby=${mode === "sign-up" ? hintId("signin-password") : nothing}
                />`,
                mode === "sign-up" ? t("passwordHint") : undefined,
              )}
          <div class="actions"><button type="submit" ?disabled=${busy}>${action}</button></div>
        </form>
        ${mode === "sign-in" ? html`<p><button type="button" class="link-button" @click=${switchTo("forgot")}>${t("forgotPassword")}</button></p>` : nothing}
        <p>
          <button type="button" class="link-button" @click=${switchTo(mode === "sign-in" ? "sign-up" : "sign-in")}>
            ${mode === "sign-in" ? t("noAccount") : mode === "sign-up" ? t("haveAccount") : t("backToSignIn")}
          </button>
        </p>`,
      page,
    );
  }

  draw();
  void actions
    .providers()
    .then((list) => {
      providers = list;
      draw();
    })
    .catch(() => undefined);
  page.querySelector<HTMLElement>("[name=email]")?.focus();
}
