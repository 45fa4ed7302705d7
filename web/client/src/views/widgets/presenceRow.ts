// Who is here: one entry per open connection, keyed by it, with avatar and name; the screen may add what a person is
// doing (the card they edit), shown as a tooltip and read out to screen readers.

import { html, nothing } from "lit-html";
import { repeat } from "lit-html/directives/repeat.js";
import { t } from "../../i18n";
import type { PresenceEntry } from "../../protocol";
import { avatar } from "./avatar";

export interface PresenceNote {
  /** The tooltip: the whole sentence ("Anna is editing 'Walk'"). */
  title: string;
  /** Read after the name by screen readers (", editing Walk"). */
  spoken: string;
}

export function presenceRow(people: readonly PresenceEntry[], meId: string, note: (person: PresenceEntry) => PresenceNote | null = () => null) {
  return html`<div class="presence">
    <h2 class="presence-title" id="presence-title">${t("whoIsHere")}</h2>
    <ul aria-labelledby="presence-title" class="presence-list">
      ${repeat(
        people,
        (p) => p.connectionId,
        (p) => {
          const n = note(p);
          return html`<li class="presence-entry" title=${n?.title ?? p.displayName} data-user-id=${p.userId}>
            ${avatar(p)}<span class="presence-name">${p.userId === meId ? `${p.displayName} (${t("you")})` : p.displayName}</span>${n
              ? html`<span class="visually-hidden">${n.spoken}</span>`
              : nothing}
          </li>`;
        },
      )}
    </ul>
  </div>`;
}
