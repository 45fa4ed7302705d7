// A person's avatar: a coloured circle with initials. The colour is the server's (presence), set through the CSSOM,
// which the CSP allows; lit's styleMap is not used, as its first render writes a style attribute, which the CSP blocks.

import { html, nothing, render, type ElementPart } from "lit-html";
import { Directive, directive, type PartInfo } from "lit-html/directive.js";
import type { PresenceEntry } from "../../protocol";

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? parts[0]![0]! + parts[parts.length - 1]![0]! : (parts[0] ?? "?").slice(0, 2);
  return letters.toUpperCase();
}

class BackgroundDirective extends Directive {
  constructor(part: PartInfo) {
    super(part);
  }

  render(_colour: string): typeof nothing {
    return nothing;
  }

  override update(part: ElementPart, [colour]: [string]): typeof nothing {
    const style = (part.element as HTMLElement).style;
    if (/^#[0-9a-fA-F]{6}$/.test(colour)) style.backgroundColor = colour;
    else style.removeProperty("background-color");
    return nothing;
  }
}

const background = directive(BackgroundDirective);

/** `size` "small" for the avatars beside a card or a section; decorative (the name is always written next to it). */
export function avatar(person: Pick<PresenceEntry, "displayName" | "colour">, size: "" | "small" = "") {
  return html`<span class="avatar ${size}" aria-hidden="true" ${background(person.colour)}>${initials(person.displayName)}</span>`;
}

/** The same avatar as an element, for screens still built with dom.ts's `h`. */
export function avatarElement(person: Pick<PresenceEntry, "displayName" | "colour">, size: "" | "small" = ""): HTMLElement {
  const holder = document.createElement("span");
  render(avatar(person, size), holder);
  return holder.firstElementChild as HTMLElement;
}
