// The admins' barrier report (issue 15 item 8, docs/decisions/023): how many partnerships note each barrier, and how
// many cohort reflections are tagged with it (from how many partnerships) — counts only, never a word of a reflection.

import { html, render } from "lit-html";
import { ApiError } from "../api";
import { localise, t } from "../i18n";
import type { BarrierReport } from "../protocol";
import { barrierName } from "./cohortReflections";
import { link } from "./shell";
import { barChart } from "./widgets/barChart";

export interface BarrierActions {
  report(): Promise<BarrierReport>;
  navigate(path: string): void;
}

export async function renderBarrierReport(main: HTMLElement, actions: BarrierActions): Promise<void> {
  const root = document.createElement("div");
  root.className = "page admin-page barriers-page";
  main.replaceChildren(root);
  document.title = `${t("barrierReport.title")} — ${t("appName")}`;
  const draw = (report: BarrierReport | null, error: string | null) =>
    render(
      html`<h1 tabindex="-1">${t("barrierReport.title")}</h1>
        <p><a href="/admin" @click=${link(actions.navigate, "/admin")}>${t("clusterBack")}</a></p>
        <p>${t("barrierReport.intro")}</p>
        ${error ? html`<p class="error" role="alert">${error}</p>` : null}
        ${report === null
          ? error ? null : html`<p role="status">${t("loading")}</p>`
          : html`${barChart({
              caption: t("barrierReport.notes"),
              summary: t("barrierReport.notesSummary", { n: report.partnerships }),
              labelHeading: t("barrierReport.barrier"),
              valueHeading: t("barrierReport.partnerships"),
              rows: report.rows.map((r) => ({ key: r.tag, label: barrierName(r.tag), value: r.partnershipNotes })),
            })}
            ${barChart({
              caption: t("barrierReport.reflections"),
              summary: t("barrierReport.reflectionsSummary", { n: report.cohorts }),
              labelHeading: t("barrierReport.barrier"),
              valueHeading: t("barrierReport.count"),
              rows: report.rows.map((r) => ({
                key: r.tag,
                label: barrierName(r.tag),
                value: r.reflections,
                display: t("barrierReport.fromPartnerships", { n: r.reflections, p: r.reflectionPartnerships }),
              })),
            })}`}`,
      root,
    );
  draw(null, null);
  root.querySelector<HTMLElement>("h1")?.focus();
  try {
    draw(await actions.report(), null);
  } catch (e) {
    draw(null, e instanceof ApiError ? localise(e.message) : String(e));
  }
}
