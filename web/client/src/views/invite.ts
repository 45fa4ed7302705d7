// Joining with an invitation link (/invite/{secret}): which partnership, which side and role; then
// "Bliv medlem" for a signed-in person, or a short form — name, e-mail, password, no MitID — for a new one
// (who then confirms the address by the link mailed to it, and is in), or e-mail and password for someone who
// already has an account. Built for a phone first.

import { html, nothing, render, type TemplateResult } from "lit-html";
import { ApiError } from "../api";
import { formatDay, localise, t, type TextKey } from "../i18n";
import { AccountLimits, PartnershipLimits, type InvitePreview, type MailSent, type Me, type PartnershipSnapshot } from "../protocol";
import { field, hintId } from "./widgets/field";

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
  const root = document.createElement("div");
  root.className = "page narrow invite-page";
  main.replaceChildren(root);
  let state: State = { kind: "loading" };
  let mode: "new" | "existing" = "new";
  let error: { message: string; field: string | null; code: string } | null = null;
  let busy = false;
  let disposed = false;
  const focus = (selector: string) => root.querySelector<HTMLElement>(selector)?.focus();

  const load = async () => {
    try {
      state = { kind: "ready", preview: await actions.preview() };
    } catch (e) {
      state = e instanceof ApiError && e.code === "not_found" ? { kind: "gone" } : { kind: "failed", message: message(e) };
    }
    document.title = `${state.kind === "gone" ? t("inviteGoneTitle") : t("inviteTitle")} — ${t("appName")}`;
    draw();
    focus("h1");
  };

  const submit = async (run: () => Promise<PartnershipSnapshot | MailSent>) => {
    if (busy) return;
    busy = true;
    error = null;
    draw();
    try {
      const answer = await run();
      busy = false;
      if ("members" in answer) {
        actions.joined(answer);
      } else {
        state = { kind: "mailSent", email: answer.email };
        document.title = `${t("checkMailTitle")} — ${t("appName")}`;
        draw();
        focus("h1");
      }
    } catch (e) {
      busy = false;
      error = e instanceof ApiError ? { message: localise(e.message), field: e.field, code: e.code } : { message: String(e), field: null, code: "" };
      if (e instanceof ApiError && e.code === "not_found") state = { kind: "gone" };
      await actions.checkSignedIn().catch(() => undefined);
      draw();
      const target = error.field ? root.querySelector<HTMLElement>(`[name="${error.field}"]`) : null;
      (target ?? root.querySelector<HTMLElement>("#join-error") ?? root.querySelector<HTMLElement>("h1"))?.focus();
    }
  };

  /** The submitted form's named values, read as the submit starts (the form may be gone when the answer comes). */
  const values = (e: SubmitEvent, ...names: string[]) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    return names.map((n) => (form.elements.namedItem(n) as HTMLInputElement).value);
  };

  /** The other form; the e-mail address typed in this one goes along. */
  const switchTo = (next: typeof mode, focusName: string) => () => {
    const email = root.querySelector<HTMLInputElement>("[name=email]")?.value ?? "";
    mode = next;
    error = null;
    draw();
    const carried = root.querySelector<HTMLInputElement>("[name=email]");
    if (carried) carried.value = email;
    focus(`[name=${focusName}]`);
  };

  const page = (): TemplateResult => {
    if (state.kind === "loading") return html`<p role="status">${t("loading")}</p>`;
    if (state.kind === "gone") {
      return html`<section aria-labelledby="invite-title">
        <h1 id="invite-title" tabindex="-1">${t("inviteGoneTitle")}</h1>
        <p class="lead">${t("inviteGoneText")}</p>
        <p><a href="/">${actions.me() ? t("myPartnerships") : t("signIn")}</a></p>
      </section>`;
    }
    if (state.kind === "mailSent") {
      return html`<section class="check-mail" aria-labelledby="invite-title">
        <h1 id="invite-title" tabindex="-1">${t("checkMailTitle")}</h1>
        <p class="lead" role="status">${t("checkMailJoin", { email: state.email })}</p>
        <p>${t("checkMailHelp")}</p>
      </section>`;
    }
    if (state.kind === "failed") {
      return html`<section aria-labelledby="invite-title">
        <h1 id="invite-title" tabindex="-1">${t("inviteTitle")}</h1>
        <p class="error" role="alert">${state.message}</p>
      </section>`;
    }
    const p = state.preview;
    const me = actions.me();
    return html`<section aria-labelledby="invite-title">
      <h1 id="invite-title" tabindex="-1">${t("inviteTitle")}</h1>
      <p class="lead">${t("inviteLead")}</p>
      <dl class="details invite-facts">
        <dt>${t("invitePartnership")}</dt>
        <dd class="invite-partnership">${p.partnershipName}</dd>
        <dt>${t("municipality")}</dt>
        <dd>${p.municipality}</dd>
        <dt>${t("yourSide")}</dt>
        <dd>${t(`side.${p.side}` as TextKey)}</dd>
        <dt>${t("yourRole")}</dt>
        <dd>${t(`role.${p.role}` as TextKey)}</dd>
        <dt>${t("inviteValidUntil")}</dt>
        <dd><time datetime=${p.expiresAt}>${formatDay(p.expiresAt)}</time></dd>
      </dl>
      <p>${t(`roleHelp.${p.role}` as TextKey)}</p>
      ${error ? html`<p class="error" role="alert" id="join-error" tabindex="-1">${error.message}</p>` : nothing}
      ${me ? signedIn(me) : mode === "new" ? newPerson() : existingPerson()}
    </section>`;
  };

  const signedIn = (me: Me): TemplateResult => html`<div class="join">
    <p>${t("joinSignedInAs", { name: me.displayName })}</p>
    <div class="actions"><button type="button" class="wide" ?disabled=${busy} @click=${() => void submit(actions.accept)}>${t("join")}</button></div>
    <p><button type="button" class="link-button" @click=${actions.signOut}>${t("joinNotYou")}</button></p>
  </div>`;

  const newPerson = (): TemplateResult => {
    const invalid = (name: string) => (error?.field === name ? "true" : nothing);
    const join = (e: SubmitEvent) => {
      const [displayName, email, password] = values(e, "displayName", "email", "password") as [string, string, string];
      void submit(() => actions.join(email, displayName, password));
    };
    return html`<div class="join">
      <h2 id="join-title">${t("joinFormTitle")}</h2>
      <p>${t("joinFormLead")}</p>
      <form class="card-form" aria-labelledby="join-title" @submit=${join}>
        ${field(
          "join-name",
          t("displayName"),
          html`<input id="join-name" name="displayName" autocomplete="name" required maxlength=${PartnershipLimits.DisplayNameMax} aria-invalid=${invalid("displayName")} />`,
        )}
        ${field(
          "join-email",
          t("email"),
          html`<input
            id="join-email"
            type="email"
            name="email"
            autocomplete="email"
            inputmode="email"
            required
            maxlength=${AccountLimits.EmailMax}
            aria-invalid=${invalid("email")}
          />`,
        )}
        ${field(
          "join-password",
          t("password"),
          html`<input
            id="join-password"
            type="password"
            name="password"
            autocomplete="new-password"
            required
            minlength=${AccountLimits.PasswordMin}
            maxlength=${AccountLimits.PasswordMax}
            aria-invalid=${invalid("password")}
            aria-describedby=${hintId("join-password")}
          />`,
          t("passwordHint"),
        )}
        <div class="actions"><button type="submit" class="wide" ?disabled=${busy}>${t("join")}</button></div>
      </form>
      <p><button type="button" class="link-button" @click=${switchTo("existing", "email")}>${t("joinHaveAccount")}</button></p>
    </div>`;
  };

  const existingPerson = (): TemplateResult => {
    const signIn = (e: SubmitEvent) => {
      const [email, password] = values(e, "email", "password") as [string, string];
      void submit(() => actions.signInAndJoin(email, password));
    };
    return html`<div class="join">
      <h2 id="join-title">${t("signInTitle")}</h2>
      <form class="card-form" aria-labelledby="join-title" @submit=${signIn}>
        ${field(
          "join-signin-email",
          t("email"),
          html`<input id="join-signin-email" type="email" name="email" autocomplete="email" inputmode="email" required maxlength=${AccountLimits.EmailMax} />`,
        )}
        ${field(
          "join-signin-password",
          t("password"),
          html`<input id="join-signin-password" type="password" name="password" autocomplete="current-password" required maxlength=${AccountLimits.PasswordMax} />`,
        )}
        <div class="actions"><button type="submit" class="wide" ?disabled=${busy}>${t("signIn")} · ${t("join")}</button></div>
      </form>
      <p><button type="button" class="link-button" @click=${switchTo("new", "displayName")}>${t("noAccount")}</button></p>
    </div>`;
  };

  function draw(): void {
    if (!disposed) render(page(), root);
  }

  draw();
  void load();
  return {
    refresh: () => {
      if (state.kind === "gone") document.title = `${t("inviteGoneTitle")} — ${t("appName")}`;
      else document.title = `${t("inviteTitle")} — ${t("appName")}`;
      draw();
    },
    dispose: () => {
      disposed = true;
    },
  };
}

function message(e: unknown): string {
  return e instanceof ApiError ? localise(e.message) : String(e);
}
