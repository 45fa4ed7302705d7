// "Are you sure?" as a modal dialog: the browser's <dialog> keeps focus inside and closes on Esc; focus
// starts on the safe choice and returns to the control that asked.

import { html, nothing, render } from "lit-html";
import { createRef, ref } from "lit-html/directives/ref.js";
import { t } from "../i18n";

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
    const dialog = document.createElement("dialog");
    dialog.className = "confirm";
    dialog.setAttribute("aria-labelledby", "confirm-title");
    if (options.text) dialog.setAttribute("aria-describedby", "confirm-text");
    const cancel = createRef<HTMLButtonElement>();
    const yes = () => {
      answer = true;
      dialog.close();
    };
    render(
      html`<h2 id="confirm-title">${options.title}</h2>
        ${options.text ? html`<p id="confirm-text">${options.text}</p>` : nothing}
        <div class="actions">
          <button type="button" class=${options.danger ? "danger" : nothing} @click=${yes}>${options.confirm}</button>
          <button type="button" class="secondary" ${ref(cancel)} @click=${() => dialog.close()}>${options.cancel ?? t("cancel")}</button>
        </div>`,
      dialog,
    );
    dialog.addEventListener("close", () => {
      dialog.remove();
      if (returnTo?.isConnected) returnTo.focus();
      resolve(answer);
    });
    document.body.appendChild(dialog);
    dialog.showModal();
    cancel.value!.focus();
  });
}
