// The screens around links Hub mails: "check your mail", following a verification link (/verify/{token}), and
// choosing a new password from a reset link (/reset/{token}).

import { html, nothing, render, type TemplateResult } from "lit-html";
import { ApiError } from "../api";
import { localise, t } from "../i18n";
import { AccountLimits, type Me, type Verified } from "../protocol";
import { field, hintId } from "./widgets/field";

/** A screen of its own in `main`: a fresh container, so no render from a screen before it is reused. */
function screen(main: HTMLElement, title: string, content: TemplateResult): HTMLElement {
  document.title = `${title} — ${t("appName")}`;
  const page = document.createElement("div");
  main.replaceChildren(page);
  render(content, page);
  return page;
}

/** After a request that mails a link: what to do now. `text` already names the address. */
export function renderCheckMail(main: HTMLElement, text: string, back: (() => void) | null): void {
  const page = screen(
    main,
    t("checkMailTitle"),
    html`<section class="page narrow check-mail" aria-labelledby="check-mail-title">
      <h1 id="check-mail-title" tabindex="-1">${t("checkMailTitle")}</h1>
      <p class="lead" role="status">${text}</p>
      <p>${t("checkMailHelp")}</p>
      ${back ? html`<p><button type="button" class="link-button" @click=${back}>${t("backToSignIn")}</button></p>` : nothing}
    </section>`,
  );
  page.querySelector<HTMLElement>("h1")?.focus();
}

export interface VerifyActions {
  verify(token: string): Promise<Verified>;
  done(verified: Verified): void;
}

/** Follows a verification link: the account is made and the person signed in (and joined, from an invitation). */
export function renderVerify(main: HTMLElement, token: string, actions: VerifyActions): void {
  screen(main, t("verifying"), html`<p class="page narrow" role="status">${t("verifying")}</p>`);
  actions.verify(token).then(actions.done, (e: unknown) => renderLinkFailed(main, e));
}

export interface ResetActions {
  reset(token: string, password: string): Promise<Me>;
  done(me: Me): void;
}

/** A reset link: a new password, then the person is signed in (and signed out everywhere else). */
export function renderReset(main: HTMLElement, token: string, actions: ResetActions): void {
  let error: string | null = null;
  let busy = false;

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const password = ((event.currentTarget as HTMLFormElement).elements.namedItem("password") as HTMLInputElement).value;
    error = null;
    busy = true;
    draw();
    try {
      actions.done(await actions.reset(token, password));
    } catch (e) {
      if (e instanceof ApiError && e.code === "not_found") {
        renderLinkFailed(main, e);
        return;
      }
      error = e instanceof ApiError ? localise(e.message) : String(e);
      busy = false;
      draw();
      page.querySelector<HTMLElement>("[name=password]")?.focus();
    }
  };

  const content = () => html`<section class="page narrow" aria-labelledby="reset-title">
    <h1 id="reset-title">${t("resetTitle")}</h1>
    <p class="lead">${t("resetLead")}</p>
    <form class="card-form narrow" @submit=${submit}>
      ${error !== null ? html`<p class="error" role="alert">${error}</p>` : nothing}
      ${field(
        "reset-password",
        t("newPassword"),
        html`<input
          id="reset-password"
          type="password"
          name="password"
          autocomplete="new-password"
          required
          minlength=${AccountLimits.PasswordMin}
          maxlength=${AccountLimits.PasswordMax}
          aria-describedby=${hintId("reset-password")}
        />`,
        t("passwordHint"),
      )}
      <div class="actions"><button type="submit" ?disabled=${busy}>${t("saveNewPassword")}</button></div>
    </form>
  </section>`;
  const page = screen(main, t("resetTitle"), content());
  const draw = () => render(content(), page);
  page.querySelector<HTMLElement>("[name=password]")?.focus();
}

function renderLinkFailed(main: HTMLElement, e: unknown): void {
  const gone = e instanceof ApiError && e.code === "not_found";
  const page = screen(
    main,
    t("linkFailedTitle"),
    html`<section class="page narrow" aria-labelledby="link-failed-title">
      <h1 id="link-failed-title" tabindex="-1">${t("linkFailedTitle")}</h1>
      <p class="lead" role="alert">${gone ? t("linkFailedText") : e instanceof ApiError ? localise(e.message) : String(e)}</p>
      <p><a href="/">${t("backToSignIn")}</a></p>
    </section>`,
  );
  page.querySelector<HTMLElement>("h1")?.focus();
}
