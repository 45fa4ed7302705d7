// "Are you sure?" as a modal dialog: the browser's <dialog> keeps focus inside and closes on Esc; focus
// starts on the safe choice and returns to the control that asked.

import { t } from "../i18n";
import { h } from "./dom";

export interface ConfirmOptions {
  title: string;
  text?: string;
  confirm: string;
  cancel?: string;
  /** The confirm button is styled as dangerous (deleting, removing). */
  danger?: boolean;
}

export function confirmDialog(options: ConfirmOptions): Promise<boolean> {
  const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  return new Promise((resolve) => {
    let answer = false;
    const cancel = h("button", { type: "button", class: "secondary", onclick: () => dialog.close() }, options.cancel ?? t("cancel"));
    const confirm = h(
      "button",
      {
        type: "button",
        class: options.danger ? "danger" : null,
        onclick: () => {
          answer = true;
          dialog.close();
        },
      },
      options.confirm,
    );
    const dialog: HTMLDialogElement = h(
      "dialog",
      { class: "confirm", "aria-labelledby": "confirm-title", "aria-describedby": options.text ? "confirm-text" : null },
      h("h2", { id: "confirm-title" }, options.title),
      options.text ? h("p", { id: "confirm-text" }, options.text) : null,
      h("div", { class: "actions" }, confirm, cancel),
    );
    dialog.addEventListener("close", () => {
      dialog.remove();
      if (returnTo?.isConnected) returnTo.focus();
      resolve(answer);
    });
    document.body.appendChild(dialog);
    dialog.showModal();
    cancel.focus();
  });
}
