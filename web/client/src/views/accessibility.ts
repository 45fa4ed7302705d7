// The accessibility statement (tilgængelighedserklæring) at /tilgaengelighed: what is tested, what is known not to
// work well yet, and where to write. It works signed out too: a person who cannot sign in must be able to read it.

import { html, render } from "lit-html";
import { t } from "../i18n";

export const ACCESSIBILITY_PATH = "/tilgaengelighed";

export function renderAccessibility(main: HTMLElement): void {
  document.title = `${t("a11y.title")} — ${t("appName")}`;
  render(
    html`<article class="page narrow statement" aria-labelledby="a11y-title">
      <h1 id="a11y-title" tabindex="-1">${t("a11y.title")}</h1>
      <p class="lead">${t("a11y.lead")}</p>
      <h2>${t("a11y.testedTitle")}</h2>
      <p>${t("a11y.tested")}</p>
      <h2>${t("a11y.gapsTitle")}</h2>
      <ul>
        <li>${t("a11y.gapManual")}</li>
        <li>${t("a11y.gapPhoneEditor")}</li>
        <li>${t("a11y.gapPrint")}</li>
      </ul>
      <h2>${t("a11y.reportTitle")}</h2>
      <p>${t("a11y.report")}</p>
      <p>${t("a11y.complain")}</p>
      <p>${t("a11y.updated")}</p>
    </article>`,
    main,
  );
}
