// A person's avatar: a coloured circle with initials. The colour is the server's (presence), set through the CSSOM
// (cssProps), which the CSP allows.

import { html } from "lit-html";
import type { PresenceEntry } from "../../protocol";
import { cssProps } from "./cssProps";

/** Only a colour the server could have sent is used; anything else leaves the avatar's own colour from the CSS. */
const COLOUR = /^#[0-9a-fA-F]{6}$/;

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? parts[0]![0]! + parts[parts.length - 1]![0]! : (parts[0] ?? "?").slice(0, 2);
  return letters.toUpperCase();
}

/** `size` "small" for the avatars beside a card or a section; decorative (the name is always written next to it). */
export function avatar(person: Pick<PresenceEntry, "displayName" | "colour">, size: "" | "small" = "") {
  return html`<span class="avatar ${size}" aria-hidden="true" ${cssProps(COLOUR.test(person.colour) ? { "background-color": person.colour } : {})}>${initials(person.displayName)}</span>`;
}
