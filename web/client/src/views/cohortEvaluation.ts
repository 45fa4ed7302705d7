// A cohort's evaluation (docs/decisions/019): the questionnaire a participant answers on a phone (native radio buttons,
// one column, nothing wider than the screen), and the results moderators and observers see — a dumbbell per item
// (T0, "før forløbet", "nu", split by side), the distributions, the change with its n, each chart with its table and a
// sentence — asked for again every few seconds while the page is open. Moderators also open and close the timepoints
// and set the anonymity threshold here. Aggregates of too few answers arrive withheld and are shown as such.

import { html, nothing, render, type TemplateResult } from "lit-html";
import { repeat } from "lit-html/directives/repeat.js";
import { ApiError } from "../api";
import { formatDateTime, lang, localise, t, type TextKey } from "../i18n";
import type {
  EvaluationChange,
  EvaluationFigure,
  EvaluationGroup,
  EvaluationGroupResult,
  EvaluationResults,
  EvaluationSetup,
  EvaluationTimepoint,
  ItemAnswer,
  Questionnaire,
} from "../protocol";
import { link } from "./shell";
import { barChart, dumbbellChart } from "./widgets";

export interface QuestionnaireActions {
  cohortId: string;
  navigate(path: string): void;
  announce(text: string): void;
  load(): Promise<Questionnaire>;
  answer(timepoint: EvaluationTimepoint, answers: ItemAnswer[]): Promise<Questionnaire>;
}

const SCALE = [1, 2, 3, 4, 5, 0] as const;

function scaleLabel(value: number): string {
  return t(`eval.scale${value}` as TextKey);
}

function message(error: unknown): string {
  return error instanceof ApiError ? localise(error.message) : String(error);
}

/** "3,8" in Danish, "3.8" in English. */
export function decimal(value: number): string {
  return value.toLocaleString(lang() === "da" ? "da-DK" : "en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

function signed(value: number): string {
  return `${value > 0 ? "+" : value < 0 ? "−" : "±"}${decimal(Math.abs(value))}`;
}

function groupName(group: EvaluationGroup): string {
  return group === "staff" ? t("eval.staff") : t("eval.civil");
}

/** "Frivillige: 2,4 → 3,8 (+1,4; n = 12)", or that it is withheld. */
export function changeSentence(group: EvaluationGroup, change: EvaluationChange, withheld: string): string {
  if (change.withheld || change.from === null || change.to === null || change.delta === null) return `${groupName(group)}: ${withheld}`;
  return `${groupName(group)}: ${decimal(change.from)} → ${decimal(change.to)} (${signed(change.delta)}; n = ${change.n})`;
}

export async function renderQuestionnaire(main: HTMLElement, actions: QuestionnaireActions): Promise<void> {
  let questionnaire: Questionnaire;
  try {
    questionnaire = await actions.load();
  } catch (error) {
    render(html`<h1>${t("eval.questionnaire")}</h1><p class="error" role="alert">${message(error)}</p>`, main);
    return;
  }

  let error: string | null = null;
  let busy = false;
  const back = `/cohorts/${actions.cohortId}`;

  const radios = (name: string, legend: string, chosen: number | null | undefined): TemplateResult => html`<fieldset class="scale">
    <legend>${legend}</legend>
    ${SCALE.map(
      (value) => html`<label class="scale-option"><input type="radio" name=${name} value=${String(value)} ?checked=${chosen === value} />
        <span>${value === 0 ? scaleLabel(0) : `${value} · ${scaleLabel(value)}`}</span></label>`,
    )}
  </fieldset>`;

  const submit = async (event: Event) => {
    event.preventDefault();
    const open = questionnaire.open;
    if (open === null) return;
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const answers: ItemAnswer[] = [];
    const missing: string[] = [];
    for (const item of questionnaire.items) {
      const now = data.get(`now-${item.id}`);
      const before = data.get(`before-${item.id}`);
      if (now === null && before === null) continue;
      if (now === null || (open === "t1" && before === null)) {
        missing.push(lang() === "da" ? item.textDa : item.textEn);
        continue;
      }
      answers.push({ itemId: item.id, now: Number(now), before: open === "t1" ? Number(before) : null });
    }
    error = missing.length > 0 ? t("eval.bothNeeded") : answers.length === 0 ? t("eval.answerSome") : null;
    if (error) {
      draw();
      main.querySelector<HTMLElement>(".error")?.focus();
      return;
    }
    busy = true;
    draw();
    try {
      questionnaire = await actions.answer(open, answers);
      actions.announce(t("eval.thanks"));
      error = null;
    } catch (e) {
      error = message(e);
    }
    busy = false;
    draw();
  };

  const draw = () => {
    const q = questionnaire;
    const text = (item: { textDa: string; textEn: string }) => (lang() === "da" ? item.textDa : item.textEn);
    const mine = (id: string) => q.answers.find((a) => a.itemId === id);
    render(
      html`<p><a href=${back} @click=${link(actions.navigate, back)}>← ${q.cohortName}</a></p>
        <h1>${t("eval.questionnaire")}</h1>
        ${q.open === null
          ? html`<p>${t("eval.noneOpen")}</p>`
          : html`<p>${t(`eval.intro.${q.open}` as TextKey)}</p>
              ${q.answers.length > 0 ? html`<p class="notice" role="status">${t("eval.answered")}</p>` : nothing}
              <form class="questionnaire" @submit=${submit}>
                ${repeat(
                  q.items,
                  (item) => item.id,
                  (item, index) => html`<section class="question" aria-labelledby=${`q-${item.id}`}>
                    <h2 id=${`q-${item.id}`}>${index + 1}. ${text(item)}</h2>
                    ${q.open === "t1" ? radios(`before-${item.id}`, t("eval.before"), mine(item.id)?.before) : nothing}
                    ${radios(`now-${item.id}`, q.open === "t1" ? t("eval.now") : t("eval.yourAnswer"), mine(item.id)?.now)}
                  </section>`,
                )}
                ${error ? html`<p class="error" role="alert" tabindex="-1">${error}</p>` : nothing}
                <div class="actions"><button type="submit" ?disabled=${busy}>${t("eval.send")}</button></div>
              </form>`}`,
      main,
    );
  };
  draw();
}

export interface ResultsActions {
  cohortId: string;
  navigate(path: string): void;
  announce(text: string): void;
  results(): Promise<EvaluationResults>;
  /** Null for someone who may not set the evaluation up (an observer). */
  setup(): Promise<EvaluationSetup | null>;
  setTimepoint(timepoint: EvaluationTimepoint, open: boolean): Promise<EvaluationSetup>;
  setThreshold(threshold: number, followUpDays: number): Promise<EvaluationSetup>;
  csvPath: string;
}

/** How often the results page asks again while it is open (decision 019: live by asking). */
export const RESULTS_REFRESH_MS = 3000;

function figureText(figure: EvaluationFigure, withheld: string): string {
  if (figure.withheld) return withheld;
  return figure.mean === null ? `n = ${figure.n}` : `${decimal(figure.mean)} (n = ${figure.n})`;
}

function groupBlock(g: EvaluationGroupResult, results: EvaluationResults): TemplateResult {
  const timepoints: [string, EvaluationFigure][] = [
    [t("eval.t0"), g.t0],
    [t("eval.before"), g.before],
    [t("eval.now"), g.t1],
    [t("eval.t2"), g.t2],
  ];
  return html`<h3>${groupName(g.group)}</h3>
    ${timepoints.map(([name, f]) =>
      f.withheld || f.n === 0
        ? html`<p class="withheld">${name}: ${results.withheldText}</p>`
        : barChart({
            caption: `${groupName(g.group)} — ${name}`,
            summary: `${groupName(g.group)}, ${name}: ${figureText(f, results.withheldText)}; ${t("eval.dontKnow")}: ${f.dontKnow}`,
            labelHeading: t("eval.answer"),
            valueHeading: t("eval.count"),
            max: f.n,
            rows: [
              ...f.counts.map((count, i) => ({ key: String(i + 1), label: `${i + 1} · ${scaleLabel(i + 1)}`, value: count })),
              { key: "0", label: scaleLabel(0), value: f.dontKnow },
            ],
          }),
    )}`;
}

export function mountResults(main: HTMLElement, actions: ResultsActions): () => void {
  let results: EvaluationResults | null = null;
  let setup: EvaluationSetup | null = null;
  let error: string | null = null;
  let closed = false;
  let timer: number | undefined;
  const back = `/cohorts/${actions.cohortId}`;

  const refresh = async () => {
    try {
      const next = await actions.results();
      if (closed) return;
      if (results === null || next.version !== results.version) {
        results = next;
        draw();
      }
    } catch (e) {
      if (closed) return;
      error = message(e);
      draw();
    }
    if (!closed) timer = window.setTimeout(() => void refresh(), RESULTS_REFRESH_MS);
  };

  const act = async (work: () => Promise<EvaluationSetup>, done: string) => {
    try {
      setup = await work();
      error = null;
      actions.announce(done);
    } catch (e) {
      error = message(e);
    }
    draw();
  };

  const saveThreshold = (event: Event) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    void act(() => actions.setThreshold(Number(data.get("threshold")), Number(data.get("followUpDays"))), t("eval.saved"));
  };

  const controls = (s: EvaluationSetup): TemplateResult => html`<section class="eval-setup" aria-labelledby="eval-setup">
    <h2 id="eval-setup">${t("eval.setup")}</h2>
    <ul class="plain">
      ${s.timepoints.map((w) => {
        const name = t(`eval.${w.timepoint}` as TextKey);
        const isOpen = w.openedAt !== null && w.closedAt === null;
        return html`<li>
          <strong>${name}</strong>: ${isOpen ? t("eval.isOpen") : w.closedAt ? t("eval.closedAt", { when: formatDateTime(w.closedAt) }) : t("eval.notOpened")}
          ${w.timepoint === "t2"
            ? s.followUpDueAt
              ? html` · ${t("eval.followUpDue", { when: formatDateTime(s.followUpDueAt) })}`
              : nothing
            : html`<button type="button" class="secondary small" @click=${() => void act(() => actions.setTimepoint(w.timepoint, !isOpen), isOpen ? t("eval.closedNow", { name }) : t("eval.openedNow", { name }))}>
                ${isOpen ? t("eval.close", { name }) : t("eval.open", { name })}
              </button>`}
        </li>`;
      })}
    </ul>
    <p>${t("eval.respondents", { n: s.respondents })}</p>
    <form class="inline-form" @submit=${saveThreshold}>
      <label>${t("eval.threshold")} <input type="number" name="threshold" min="3" max="50" required .value=${String(s.settings.threshold)} /></label>
      <label>${t("eval.followUpDays")} <input type="number" name="followUpDays" min="1" max="730" required .value=${String(s.settings.followUpDays)} /></label>
      <button type="submit" class="secondary">${t("eval.save")}</button>
    </form>
  </section>`;

  const draw = () => {
    if (closed) return;
    const r = results;
    const name = (item: { labelDa: string; labelEn: string }) => (lang() === "da" || !item.labelEn ? item.labelDa : item.labelEn);
    render(
      html`<p><a href=${back} @click=${link(actions.navigate, back)}>← ${t("cohort.title")}</a></p>
        <h1>${t("eval.results")}</h1>
        ${error ? html`<p class="error" role="alert">${error}</p>` : nothing}
        ${setup ? controls(setup) : nothing}
        ${r === null
          ? html`<p role="status">${t("loading")}</p>`
          : html`<p>${t("eval.thresholdNote", { n: r.threshold })} <a href=${actions.csvPath} download>${t("eval.csv")}</a></p>
              ${repeat(
                r.items,
                (item) => item.itemId,
                (item) => html`<section class="eval-item" aria-labelledby=${`item-${item.itemId}`}>
                  <h2 id=${`item-${item.itemId}`}>${name(item)}</h2>
                  ${dumbbellChart({
                    caption: t("eval.dumbbellCaption", { item: name(item) }),
                    summary: item.groups.map((g) => changeSentence(g.group, g.change, r.withheldText)).join(" "),
                    labelHeading: t("eval.side"),
                    extraHeadings: [t("eval.change"), "n"],
                    min: 1,
                    max: 5,
                    format: decimal,
                    rows: item.groups.map((g) => ({
                      key: g.group,
                      label: groupName(g.group),
                      withheld: g.t0.withheld && g.before.withheld && g.t1.withheld ? r.withheldText : undefined,
                      points: [
                        { key: "t0", label: t("eval.t0"), value: g.t0.mean, shape: "circle" as const },
                        { key: "before", label: t("eval.before"), value: g.before.mean, shape: "square" as const },
                        { key: "t1", label: t("eval.now"), value: g.t1.mean, shape: "diamond" as const },
                      ],
                      extra: g.change.withheld || g.change.delta === null ? [r.withheldText, ""] : [signed(g.change.delta), String(g.change.n)],
                    })),
                  })}
                  <details>
                    <summary>${t("eval.distribution")}</summary>
                    ${item.groups.map((g) => groupBlock(g, r))}
                  </details>
                </section>`,
              )}`}`,
      main,
    );
  };

  draw();
  void actions
    .setup()
    .then((s) => {
      setup = s;
      draw();
    })
    .catch(() => undefined);
  void refresh();
  return () => {
    closed = true;
    window.clearTimeout(timer);
  };
}
