// A live session's summary (/sessions/{id}/summary, moderators only; issue 13 item 7): every step's planned and
// actual minutes and every poll's result as a table, printable (the print style hides buttons and the site's frame),
// with each poll's CSV beside it. Counts only: names are in a named poll's CSV, never on this page.

import { html, nothing, render, type TemplateResult } from "lit-html";
import { repeat } from "lit-html/directives/repeat.js";
import { ApiError } from "../api";
import { lang, localise, t, type TextKey } from "../i18n";
import type { PollReport, SessionReport, StepReport } from "../generated/contracts";
import type { MountedSession } from "./session";

export interface SummaryContext {
  sessionId: string;
  report(id: string): Promise<SessionReport>;
}

/** Minutes for the summary's table: whole minutes, a step shorter than a minute shown as "< 1". */
export function minutesOf(seconds: number): string {
  if (seconds <= 0) return "0";
  if (seconds < 60) return "< 1";
  return String(Math.round(seconds / 60));
}

function number(value: number): string {
  return value.toLocaleString(lang() === "da" ? "da-DK" : "en-GB", { maximumFractionDigits: 2 });
}

function stepsTable(steps: readonly StepReport[]): TemplateResult {
  const planned = steps.reduce((sum, s) => sum + s.plannedMinutes, 0);
  const actual = steps.reduce((sum, s) => sum + s.actualSeconds, 0);
  return html`<table class="data session-report-steps">
    <caption>${t("sessionReport.agenda")}</caption>
    <thead><tr><th scope="col">${t("sessionReport.step")}</th><th scope="col">${t("session.stepKind")}</th><th scope="col">${t("sessionReport.planned")}</th><th scope="col">${t("sessionReport.actual")}</th></tr></thead>
    <tbody>
      ${repeat(
        steps,
        (s) => s.stepId,
        (s) => html`<tr><th scope="row">${s.title}</th><td>${t(`session.stepKind.${s.kind}` as TextKey)}</td><td>${s.plannedMinutes}</td><td>${s.visits === 0 ? t("sessionReport.notReached") : minutesOf(s.actualSeconds)}</td></tr>`,
      )}
    </tbody>
    <tfoot><tr><th scope="row">${t("sessionReport.total")}</th><td></td><td>${planned}</td><td>${minutesOf(actual)}</td></tr></tfoot>
  </table>`;
}

function pollTable(sessionId: string, report: PollReport): TemplateResult {
  const { poll, tally } = report;
  const caption = html`<caption>${poll.question} <span class="hint">(${t("session.answers", { count: tally.answers })}${poll.anonymous ? html`, ${t("sessionReport.anonymous")}` : nothing})</span></caption>`;
  let table: TemplateResult;
  if (poll.kind === "single" || poll.kind === "multiple") {
    table = html`<table class="data">${caption}
      <thead><tr><th scope="col">${t("session.option")}</th><th scope="col">${t("session.votes")}</th></tr></thead>
      <tbody>${poll.options.map((o, i) => html`<tr><th scope="row">${o}</th><td>${tally.options[i] ?? 0}</td></tr>`)}</tbody>
    </table>`;
  } else if (poll.kind === "scale") {
    const values = Array.from({ length: poll.scaleMax - poll.scaleMin + 1 }, (_, i) => poll.scaleMin + i);
    table = html`<table class="data">${caption}
      <thead><tr><th scope="col">${t("sessionReport.statement")}</th>${values.map((v) => html`<th scope="col">${v}</th>`)}<th scope="col">${t("session.skip")}</th><th scope="col">${t("sessionReport.averageHeading")}</th></tr></thead>
      <tbody>
        ${poll.statements.map((statement, s) => {
          const st = tally.scale[s];
          return html`<tr><th scope="row">${statement}</th>${values.map((_, i) => html`<td>${st?.counts[i] ?? 0}</td>`)}<td>${st?.skipped ?? 0}</td><td>${st?.average != null ? number(st.average) : "–"}</td></tr>`;
        })}
      </tbody>
    </table>`;
  } else {
    table = html`<table class="data">${caption}
      <thead><tr><th scope="col">${poll.kind === "wordCloud" ? t("sessionReport.wordHeading") : t("sessionReport.textHeading")}</th><th scope="col">${t("sessionReport.count")}</th></tr></thead>
      <tbody>${repeat(tally.ranked, (r) => r.text, (r) => html`<tr><th scope="row">${r.text}</th><td>${r.count}</td></tr>`)}</tbody>
    </table>`;
  }
  return html`<section class="session-report-poll" aria-label=${poll.question}>
    ${table}
    <p><a class="button secondary small" href="/api/sessions/${sessionId}/polls/${encodeURIComponent(poll.id)}/export.csv" download>${t("sessionReport.csv", { question: poll.question })}</a></p>
  </section>`;
}

export function mountSessionSummary(main: HTMLElement, ctx: SummaryContext): MountedSession {
  const root = document.createElement("div");
  root.className = "page session-report";
  main.replaceChildren(root);
  let report: SessionReport | null = null;
  let error: string | null = null;

  const page = (): TemplateResult => {
    if (error) return html`<h1>${t("sessionReport.title")}</h1><p class="error" role="alert">${error}</p>`;
    if (!report) return html`<p role="status">${t("loading")}</p>`;
    document.title = `${t("sessionReport.title")}: ${report.title} — ${t("appName")}`;
    const when = new Date(report.createdAt).toLocaleString(lang() === "da" ? "da-DK" : "en-GB", { dateStyle: "long", timeStyle: "short" });
    return html`<h1>${t("sessionReport.title")}: ${report.title}</h1>
      <p>${t("sessionReport.held", { when })} · ${t("session.people", { count: report.participants })}${report.closedAt ? nothing : html` · ${t("sessionReport.stillOpen")}`}</p>
      <p class="actions">
        <a class="button secondary" href="/sessions/${report.sessionId}">${t("sessionReport.back")}</a>
        <button type="button" class="secondary" @click=${() => window.print()}>${t("sessionReport.print")}</button>
      </p>
      ${report.steps.length === 0 ? html`<p>${t("session.noSteps")}</p>` : stepsTable(report.steps)}
      <h2>${t("session.polls")}</h2>
      ${report.polls.length === 0 ? html`<p>${t("sessionReport.noPolls")}</p>` : repeat(report.polls, (p) => p.poll.id, (p) => pollTable(report!.sessionId, p))}`;
  };

  const refresh = () => render(page(), root);
  let disposed = false;
  ctx
    .report(ctx.sessionId)
    .then((r) => {
      report = r;
      if (!disposed) refresh();
    })
    .catch((e: unknown) => {
      error = e instanceof ApiError ? localise(e.message) : String(e);
      if (!disposed) refresh();
    });
  refresh();
  return { refresh, dispose: () => (disposed = true) };
}
