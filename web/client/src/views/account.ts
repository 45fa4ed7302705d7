// "Min konto": who Hub thinks you are, changing your password, your data as a file, and deleting your account —
// explained in plain words first, then confirmed twice (the password, then "are you quite sure?").

import { ApiError } from "../api";
import { localise, t } from "../i18n";
import { AccountLimits, type Me } from "../protocol";
import { confirmDialog } from "./confirm";
import { field, h, rerender } from "./dom";

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
  const root = h("div", { class: "page narrow account-page" });
  main.replaceChildren(root);
  let dataStatus = "";
  let dataError = "";
  let deleting = false;
  let deleteError: { message: string } | null = null;
  let busy = false;
  let passwordStatus = "";
  let passwordError: { message: string; field: string | null } | null = null;

  const render = () => {
    document.title = `${t("account")} — ${t("appName")}`;
    rerender(root, build);
  };

  const download = async () => {
    dataError = "";
    dataStatus = t("loading");
    render();
    try {
      const data = await actions.myData();
      const file = `hub-data-${new Date().toISOString().slice(0, 10)}.json`;
      saveJson(data, file);
      dataStatus = t("dataDownloaded", { file });
    } catch (e) {
      dataStatus = "";
      dataError = message(e);
    }
    render();
  };

  const remove = async (password: string) => {
    const sure = await confirmDialog({ title: t("deleteAgainTitle"), text: t("deleteAgainText"), confirm: t("deleteForever"), danger: true });
    if (!sure) return;
    busy = true;
    deleteError = null;
    render();
    try {
      await actions.deleteAccount(password);
      actions.deleted();
    } catch (e) {
      busy = false;
      deleteError = { message: message(e) };
      render();
      root.querySelector<HTMLElement>("[name=password]")?.focus();
    }
  };

  const changePassword = async (current: string, next: string) => {
    passwordStatus = "";
    passwordError = null;
    render();
    try {
      await actions.changePassword(current, next);
      passwordStatus = t("passwordChanged");
      render();
      root.querySelector<HTMLElement>(".password-status")?.focus();
    } catch (e) {
      passwordError = { message: message(e), field: e instanceof ApiError ? e.field : null };
      render();
      root.querySelector<HTMLElement>(`[name=${passwordError.field === "newPassword" || passwordError.field === "password" ? "newPassword" : "currentPassword"}]`)?.focus();
    }
  };

  const passwordForm = (): Node => {
    const current = h("input", { type: "password", name: "currentPassword", autocomplete: "current-password", required: true, maxlength: AccountLimits.PasswordMax, "data-key": "current-password" });
    const next = h("input", { type: "password", name: "newPassword", autocomplete: "new-password", required: true, minlength: AccountLimits.PasswordMin, maxlength: AccountLimits.PasswordMax, "data-key": "new-password" });
    return h(
      "section",
      { "aria-labelledby": "password-title" },
      h("h2", { id: "password-title" }, t("changePasswordTitle")),
      h("p", {}, t("changePasswordLead")),
      h(
        "form",
        {
          class: "card-form",
          "aria-labelledby": "password-title",
          onsubmit: (e: Event) => {
            e.preventDefault();
            void changePassword(current.value, next.value);
          },
        },
        passwordError ? h("p", { class: "error", role: "alert" }, passwordError.message) : null,
        field(t("currentPassword"), current),
        field(t("newPassword"), next, t("passwordHint")),
        h("div", { class: "actions" }, h("button", { type: "submit", "data-key": "change-password" }, t("saveNewPassword"))),
      ),
      h("p", { role: "status", class: "password-status", tabindex: "-1" }, passwordStatus),
    );
  };

  const build = (): Node => {
    const me = actions.me;
    const password = h("input", {
      type: "password",
      name: "password",
      autocomplete: "current-password",
      required: true,
      maxlength: AccountLimits.PasswordMax,
      "data-key": "delete-password",
      "data-draft": "",
      "aria-invalid": deleteError ? "true" : null,
    });
    return h(
      "div",
      {},
      h("h1", { id: "account-title", tabindex: "-1" }, t("account")),
      h("p", { class: "lead" }, t("accountIntro")),
      h("dl", { class: "details" }, h("dt", {}, t("name")), h("dd", {}, me.displayName), h("dt", {}, t("email")), h("dd", {}, me.email)),
      passwordForm(),
      h(
        "section",
        { "aria-labelledby": "data-title" },
        h("h2", { id: "data-title" }, t("myDataTitle")),
        h("p", {}, t("myDataText")),
        h("button", { type: "button", "data-key": "download-data", onclick: () => void download() }, t("downloadData")),
        h("p", { role: "status", class: "data-status" }, dataStatus),
        dataError ? h("p", { class: "error", role: "alert" }, dataError) : null,
      ),
      h(
        "section",
        { class: "danger-zone", "aria-labelledby": "delete-title" },
        h("h2", { id: "delete-title" }, t("deleteAccountTitle")),
        h("p", {}, t("deleteAccountLead")),
        h("ul", {}, h("li", {}, t("deleteFact1")), h("li", {}, t("deleteFact2")), h("li", {}, t("deleteFact3")), h("li", {}, t("deleteFact4"))),
        h("p", {}, t("deleteCoordinatorTip")),
        deleting
          ? h(
              "form",
              {
                class: "card-form",
                "aria-labelledby": "delete-title",
                onsubmit: (e: Event) => {
                  e.preventDefault();
                  if (!busy) void remove(password.value);
                },
              },
              deleteError ? h("p", { class: "error", role: "alert" }, deleteError.message) : null,
              field(t("deletePassword"), password),
              h(
                "div",
                { class: "actions" },
                h("button", { type: "submit", class: "danger", disabled: busy, "data-key": "delete-confirm" }, t("deleteConfirm")),
                h(
                  "button",
                  {
                    type: "button",
                    class: "secondary",
                    onclick: () => {
                      deleting = false;
                      deleteError = null;
                      render();
                      root.querySelector<HTMLElement>("[data-key=delete-start]")?.focus();
                    },
                  },
                  t("cancel"),
                ),
              ),
            )
          : h(
              "button",
              {
                type: "button",
                class: "secondary danger-text",
                "data-key": "delete-start",
                onclick: () => {
                  deleting = true;
                  render();
                  root.querySelector<HTMLElement>("[name=password]")?.focus();
                },
              },
              t("deleteStart"),
            ),
      ),
    );
  };

  render();
  return { refresh: render, dispose: () => undefined };
}

/** The page shown after the account is deleted (the person is signed out). */
export function renderAccountDeleted(main: HTMLElement): void {
  document.title = `${t("accountDeletedTitle")} — ${t("appName")}`;
  main.replaceChildren(
    h(
      "div",
      { class: "page narrow" },
      h("h1", { tabindex: "-1" }, t("accountDeletedTitle")),
      h("p", { class: "lead" }, t("accountDeletedText")),
      h("p", {}, h("a", { href: "/" }, t("signIn"))),
    ),
  );
  main.querySelector<HTMLElement>("h1")?.focus();
}

/** Offers a JSON value as a file download (a blob URL: no inline script, nothing leaves the page). */
function saveJson(data: unknown, fileName: string): void {
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const a = h("a", { href: url, download: fileName, class: "visually-hidden" });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function message(e: unknown): string {
  return e instanceof ApiError ? localise(e.message) : String(e);
}
