// The frame around every screen: skip link, header with navigation and language, the main landmark, a footer
// with the accessibility statement, and the polite live region that announces other people's changes.

import { html, nothing, render } from "lit-html";
import { lang, setLang, t } from "../i18n";
import type { Me } from "../protocol";
import { ACCESSIBILITY_PATH } from "./accessibility";

export interface Shell {
  main: HTMLElement;
  announce(text: string): void;
  renderHeader(me: Me | null): void;
}

/** The mark beside the name (the favicon's drawing, public/favicon.svg): people joined at one point. Decorative. */
const logo = html`<svg class="logo" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false">
  <rect width="32" height="32" rx="7" fill="#0b5cad" />
  <g stroke="#fff" stroke-width="2.4" stroke-linecap="round"><line x1="16" y1="16" x2="8" y2="9" /><line x1="16" y1="16" x2="24" y2="9" /><line x1="16" y1="16" x2="16" y2="25" /></g>
  <g fill="#fff"><circle cx="16" cy="16" r="4.5" /><circle cx="8" cy="9" r="3" /><circle cx="24" cy="9" r="3" /><circle cx="16" cy="25" r="3" /></g>
</svg>`;

export function createShell(root: HTMLElement, navigate: (path: string) => void, signOut: () => void): Shell {
  const frame = (me: Me | null) => html`<a class="skip-link" href="#main">${t("skipToContent")}</a>
    <header class="site-header">
      <div class="header-inner">
        <a href="/" class="brand" @click=${link(navigate, "/")}>${logo}${t("appName")}</a>
        <nav aria-label=${t("appName")}>
          ${me ? html`<a href="/" @click=${link(navigate, "/")}>${t("myPartnerships")}</a>` : nothing}
          ${me ? html`<a href="/til-mig" @click=${link(navigate, "/til-mig")}>${t("forMe.title")}</a>` : nothing}
          ${me ? html`<a href="/cohorts" @click=${link(navigate, "/cohorts")}>${t("cohort.mine")}</a>` : nothing}
          ${me ? html`<a href="/account" @click=${link(navigate, "/account")}>${t("account")}</a>` : nothing}
          ${me?.isAdmin ? html`<a href="/admin" @click=${link(navigate, "/admin")}>${t("admin")}</a>` : nothing}
        </nav>
        <div class="header-tools">
          ${me ? html`<span class="who">${t("signedInAs", { name: me.displayName })}</span>` : nothing}
          <button type="button" class="secondary" @click=${() => setLang(lang() === "da" ? "en" : "da")}>
            <span lang=${lang() === "da" ? "en" : "da"}>${t("language")}</span><span class="visually-hidden"> (${t("languageLabel")})</span>
          </button>
          ${me ? html`<button type="button" class="secondary" @click=${signOut}>${t("signOut")}</button>` : nothing}
        </div>
      </div>
    </header>
    <main id="main" tabindex="-1"></main>
    <footer class="site-footer">
      <a href=${ACCESSIBILITY_PATH} @click=${link(navigate, ACCESSIBILITY_PATH)}>${t("a11y.link")}</a>
    </footer>
    <div class="visually-hidden" aria-live="polite" aria-atomic="false" id="announcer"></div>`;

  // null means signed out (or the account deleted): the header then offers nothing of a signed-in person.
  // main and the live region are in the template without bindings, so lit never touches them again.
  const renderHeader = (me: Me | null): void => {
    render(frame(me), root);
  };
  renderHeader(null);
  const main = root.querySelector<HTMLElement>("#main")!;
  const live = root.querySelector<HTMLElement>("#announcer")!;

  return {
    main,
    announce(text: string) {
      // A new node per message: screen readers announce additions to a polite region; keep the last few.
      const p = document.createElement("p");
      p.textContent = text;
      live.appendChild(p);
      while (live.childElementCount > 5) live.firstElementChild?.remove();
    },
    renderHeader,
  };
}

/** A click handler for in-app links: history navigation instead of a page load (modifier keys still open tabs). */
export function link(navigate: (path: string) => void, path: string): (event: Event) => void {
  return (event: Event) => {
    const e = event as MouseEvent;
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    event.preventDefault();
    navigate(path);
  };
}
