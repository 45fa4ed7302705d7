// "Min konto": who Hub thinks you are, changing your password, your data as a file, and deleting your account —
// explained in plain words first, then confirmed twice (the password, then "are you quite sure?").

import { html, nothing, render } from "lit-html";
import { ApiError } from "../api";
import { localise, t } from "../i18n";
import { AccountLimits, type Me } from "../protocol";
import { confirmDialog } from "./confirm";
import { field, hintId } from "./widgets/field";

export interface AccountActions {
  me: Me;
  myData(): Promise<unknown>;
  /** Needs the current password; every other session ends. */
  changePassword(currentPassword: string, newPassword: string): Promise<Me>;
  deleteAccount(password: string): Promise<void>;
  /** The account is gone and the person signed out. */
  deleted(): void;
}

export interface MountedAccount {
  refresh(): void;
  dispose(): void;
}

export function mountAccount(main: HTMLElement, actions: AccountActions): MountedAccount {
  const root = document.createElement("div");
  root.className = "page narrow account-page";
  main.replaceChildren(root);
  let dataStatus = "";
  let dataError = "";
  let deleting = false;
  let deleteError: string | null = null;
  let busy = false;
  let passwordStatus = "";
  let passwordError: { message: string; field: string | null } | null = null;
  const focus = (selector: string) => root.querySelector<HTMLElement>(selector)?.focus();

  const download = async () => {
    dataError = "";
    dataStatus = t("loading");
    draw();
    try {
      const data = await actions.myData();
      const file = `hub-data-${new Date().toISOString().slice(0, 10)}.json`;
      saveJson(data, file);
      dataStatus = t("dataDownloaded", { file });
    } catch (e) {
      dataStatus = "";
      dataError = message(e);
    }
    draw();
  };

  const remove = async (e: SubmitEvent) => {
    e.preventDefault();
    if (busy) return;
    const password = value(e, "password");
    const sure = await confirmDialog({ title: t("deleteAgainTitle"), text: t("deleteAgainText"), confirm: t("deleteForever"), danger: true });
    if (!sure) return;
    busy = true;
    deleteError = null;
    draw();
    try {
      await actions.deleteAccount(password);
      actions.deleted();
    } catch (e) {
      busy = false;
      deleteError = message(e);
      draw();
      focus("#delete-password");
    }
  };

  const changePassword = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    passwordStatus = "";
    passwordError = null;
    draw();
    try {
      await actions.changePassword(value(e, "currentPassword"), value(e, "newPassword"));
      form.reset();
      passwordStatus = t("passwordChanged");
      draw();
      focus(".password-status");
    } catch (e) {
      passwordError = { message: message(e), field: e instanceof ApiError ? e.field : null };
      draw();
      focus(passwordError.field === "newPassword" || passwordError.field === "password" ? "#new-password" : "#current-password");
    }
  };

  const startDeleting = () => {
    deleting = true;
    draw();
    focus("#delete-password");
  };

  const stopDeleting = () => {
    deleting = false;
    deleteError = null;
    draw();
    focus("#delete-start");
  };

  const passwordForm = () => html`<section aria-labelledby="password-title">
    <h2 id="password-title">${t("changePasswordTitle")}</h2>
    <p>${t("changePasswordLead")}</p>
    <form class="card-form" aria-labelledby="password-title" @submit=${changePassword}>
      ${passwordError ? html`<p class="error" role="alert">${passwordError.message}</p>` : nothing}
      ${field(
        "current-password",
        t("currentPassword"),
        html`<input id="current-password" type="password" name="currentPassword" autocomplete="current-password" required maxlength=${AccountLimits.PasswordMax} />`,
      )}
      ${field(
        "new-password",
        t("newPassword"),
        html`<input
          id="new-password"
          type="password"
          name="newPassword"
          autocomplete="new-password"
          required
          minlength=${AccountLimits.PasswordMin}
          maxlength=${AccountLimits.PasswordMax}
          aria-describedby=${hintId("new-password")}
        />`,
        t("passwordHint"),
      )}
      <div class="actions"><button type="submit">${t("saveNewPassword")}</button></div>
    </form>
    <p role="status" class="password-status" tabindex="-1">${passwordStatus}</p>
  </section>`;

  const deleteForm = () => html`<form class="card-form" aria-labelledby="delete-title" @submit=${remove}>
    ${deleteError ? html`<p class="error" role="alert">${deleteError}</p>` : nothing}
    ${field(
      "delete-password",
      t("deletePassword"),
      html`<input
        id="delete-password"
        type="password"
        name="password"
        autocomplete="current-password"
        required
        maxlength=${AccountLimits.PasswordMax}
        aria-invalid=${deleteError ? "true" : nothing}
      />`,
    )}
    <div class="actions">
      <button type="submit" class="danger" ?disabled=${busy}>${t("deleteConfirm")}</button>
      <button type="button" class="secondary" @click=${stopDeleting}>${t("cancel")}</button>
    </div>
  </form>`;

  function draw(): void {
    document.title = `${t("account")} — ${t("appName")}`;
    const me = actions.me;
    render(
      html`<h1 id="account-title" tabindex="-1">${t("account")}</h1>
        <p class="lead">${t("accountIntro")}</p>
        <dl class="details">
          <dt>${t("name")}</dt>
          <dd>${me.displayName}</dd>
          <dt>${t("email")}</dt>
          <dd>${me.email}</dd>
        </dl>
        ${passwordForm()}
        <section aria-labelledby="data-title">
          <h2 id="data-title">${t("myDataTitle")}</h2>
          <p>${t("myDataText")}</p>
          <button type="button" @click=${() => void download()}>${t("downloadData")}</button>
          <p role="status" class="data-status">${dataStatus}</p>
          ${dataError ? html`<p class="error" role="alert">${dataError}</p>` : nothing}
        </section>
        <section class="danger-zone" aria-labelledby="delete-title">
          <h2 id="delete-title">${t("deleteAccountTitle")}</h2>
          <p>${t("deleteAccountLead")}</p>
          <ul>
            <li>${t("deleteFact1")}</li>
            <li>${t("deleteFact2")}</li>
            <li>${t("deleteFact3")}</li>
            <li>${t("deleteFact4")}</li>
          </ul>
          <p>${t("deleteCoordinatorTip")}</p>
          ${deleting
            ? deleteForm()
            : html`<button type="button" id="delete-start" class="secondary danger-text" @click=${startDeleting}>${t("deleteStart")}</button>`}
        </section>`,
      root,
    );
  }

  draw();
  return { refresh: draw, dispose: () => undefined };
}

/** A named control's value in the form that was submitted. */
function value(e: SubmitEvent, name: string): string {
  return ((e.currentTarget as HTMLFormElement).elements.namedItem(name) as HTMLInputElement).value;
}

/** The page shown after the account is deleted (the person is signed out). */
export function renderAccountDeleted(main: HTMLElement): void {
  document.title = `${t("accountDeletedTitle")} — ${t("appName")}`;
  const page = document.createElement("div");
  page.className = "page narrow";
  main.replaceChildren(page);
  render(
    html`<h1 tabindex="-1">${t("accountDeletedTitle")}</h1>
      <p class="lead">${t("accountDeletedText")}</p>
      <p><a href="/">${t("signIn")}</a></p>`,
    page,
  );
  page.querySelector<HTMLElement>("h1")?.focus();
}

/** Offers a JSON value as a file download (a blob URL: no inline script, nothing leaves the page). */
function saveJson(data: unknown, fileName: string): void {
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.className = "visually-hidden";
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function message(e: unknown): string {
  return e instanceof ApiError ? localise(e.message) : String(e);
}
