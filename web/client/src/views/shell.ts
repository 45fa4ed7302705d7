// The frame around every screen: skip link, header with navigation and language, the main landmark, and
// the polite live region that announces other people's changes.

import { lang, setLang, t } from "../i18n";
import type { Me } from "../protocol";
import { h } from "./dom";

export interface Shell {
  main: HTMLElement;
  announce(text: string): void;
  renderHeader(me: Me | null): void;
}

export function createShell(root: HTMLElement, navigate: (path: string) => void, signOut: () => void): Shell {
  const header = h("header", { class: "site-header" });
  const main = h("main", { id: "main", tabindex: "-1" });
  const live = h("div", { class: "visually-hidden", "aria-live": "polite", "aria-atomic": "false", id: "announcer" });
  root.replaceChildren(h("a", { class: "skip-link", href: "#main" }, t("skipToContent")), header, main, live);

  const renderHeader = (me: Me | null): void => {
    const skip = root.querySelector(".skip-link");
    if (skip) skip.textContent = t("skipToContent");
    header.replaceChildren(
      h(
        "div",
        { class: "header-inner" },
        h("a", { href: "/", class: "brand", onclick: link(navigate, "/") }, t("appName")),
        h(
          "nav",
          { "aria-label": t("appName") },
          me ? h("a", { href: "/", onclick: link(navigate, "/") }, t("myPartnerships")) : null,
          me ? h("a", { href: "/account", onclick: link(navigate, "/account") }, t("account")) : null,
          me?.isAdmin ? h("a", { href: "/admin", onclick: link(navigate, "/admin") }, t("admin")) : null,
        ),
        h(
          "div",
          { class: "header-tools" },
          me ? h("span", { class: "who" }, t("signedInAs", { name: me.displayName })) : null,
          h(
            "button",
            {
              type: "button",
              class: "secondary",
              lang: lang() === "da" ? "en" : "da",
              "aria-label": t("languageLabel"),
              onclick: () => setLang(lang() === "da" ? "en" : "da"),
            },
            t("language"),
          ),
          me ? h("button", { type: "button", class: "secondary", onclick: signOut }, t("signOut")) : null,
        ),
      ),
    );
  };
  renderHeader(null);

  return {
    main,
    announce(text: string) {
      // A new node per message: screen readers announce additions to a polite region; keep the last few.
      live.appendChild(h("p", {}, text));
      while (live.childElementCount > 5) live.firstElementChild?.remove();
    },
    // null means signed out (or the account deleted): the header then offers nothing of a signed-in person.
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
