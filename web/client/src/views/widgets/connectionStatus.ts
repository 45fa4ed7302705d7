// The live connection's state and how many of the person's changes wait for the server; a polite status region.

import { html, nothing } from "lit-html";
import type { ConnectionState } from "../../connection";
import { t, type TextKey } from "../../i18n";

export function connectionStatus(state: ConnectionState, pending: number) {
  return html`<p class="connection connection-${state}" role="status" data-state=${state}>
    <span class="dot" aria-hidden="true"></span>${t(`conn.${state}` as TextKey)}${pending > 0
      ? html`<span class="pending"> · ${t("pendingCount", { count: pending })}</span>`
      : nothing}
  </p>`;
}
