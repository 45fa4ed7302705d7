// A cohort's reflections (docs/decisions/023): a participant writes one after a session or an assignment — an answer
// per prompt, who may read it (only me, my team, the moderators) and any barriers it met — and reads what they may;
// moderators read what was written for them and change the prompts. The server filters every entry for the reader,
// so this page shows what it is given and nothing is hidden here.

import { html, render, type TemplateResult } from "lit-html";
import { repeat } from "lit-html/directives/repeat.js";
import { ApiError } from "../api";
import { formatDateTime, localise, t, type TextKey } from "../i18n";
import { newClientId } from "../connection";
import type { BarrierTag, CohortSnapshot, Reflection, ReflectionDraft, ReflectionsView, ReflectionSubject, ReflectionVisibility } from "../protocol";
import { link } from "./shell";

export const BARRIERS: readonly BarrierTag[] = ["time", "money", "governance", "management", "language", "other"];
const VISIBILITIES: readonly ReflectionVisibility[] = ["private", "team", "moderators"];

export interface ReflectionActions {
  cohortId: string;
  userId: string;
  navigate(path: string): void;
  announce(text: string): void;
  cohort(): Promise<CohortSnapshot>;
  load(): Promise<ReflectionsView>;
  write(draft: ReflectionDraft): Promise<Reflection>;
  remove(id: string): Promise<void>;
  setPrompts(prompts: string[]): Promise<string[]>;
}

export const barrierName = (b: BarrierTag): string => t(`barrier.${b}` as TextKey);

function message(error: unknown): string {
  return error instanceof ApiError ? localise(error.message) : String(error);
}

export async function renderReflections(main: HTMLElement, actions: ReflectionActions): Promise<void> {
  const root = document.createElement("div");
  root.className = "page reflections-page";
  main.replaceChildren(root);
  let view: ReflectionsView | null = null;
  let cohort: CohortSnapshot["cohort"] | null = null;
  let error: string | null = null;

  const back = `/cohorts/${actions.cohortId}`;
  const role = () => cohort?.people.find((p) => p.userId === actions.userId)?.role ?? null;

  const subjects = (): { value: string; label: string }[] => [
    ...(cohort?.sessions ?? []).map((s) => ({ value: `session:${s.id}`, label: `${t("reflection.session")}: ${formatDateTime(s.startsAt)}` })),
    ...(cohort?.assignments ?? []).map((a) => ({ value: `assignment:${a.id}`, label: `${t("reflection.assignment")}: ${a.title}` })),
  ];

  const submit = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const [subject, subjectId] = String(data.get("subject") ?? "").split(":") as [ReflectionSubject, string];
    const draft: ReflectionDraft = {
      id: `r${newClientId()}`.slice(0, 40),
      subject,
      subjectId,
      visibility: String(data.get("visibility")) as ReflectionVisibility,
      answers: (view?.prompts ?? []).map((_, i) => String(data.get(`answer-${i}`) ?? "")),
      barriers: BARRIERS.filter((b) => data.get(`barrier-${b}`) !== null),
    };
    try {
      await actions.write(draft);
      form.reset();
      actions.announce(t("reflection.saved"));
      error = null;
      await load();
    } catch (e) {
      error = message(e);
      draw();
    }
  };

  const savePrompts = async (event: Event) => {
    event.preventDefault();
    const text = String(new FormData(event.currentTarget as HTMLFormElement).get("prompts") ?? "");
    try {
      await actions.setPrompts(text.split("\n").map((line) => line.trim()).filter((line) => line.length > 0));
      actions.announce(t("reflection.promptsSaved"));
      error = null;
      await load();
    } catch (e) {
      error = message(e);
      draw();
    }
  };

  const remove = async (id: string) => {
    try {
      await actions.remove(id);
      actions.announce(t("reflection.removed"));
      await load();
    } catch (e) {
      error = message(e);
      draw();
    }
  };

  const writeForm = (v: ReflectionsView): TemplateResult => {
    const options = subjects();
    if (options.length === 0) return html`<p>${t("reflection.nothingYet")}</p>`;
    return html`<form class="reflection-form" @submit=${submit}>
      <h2>${t("reflection.write")}</h2>
      <label for="reflection-subject">${t("reflection.about")}</label>
      <select id="reflection-subject" name="subject" required>
        ${options.map((o) => html`<option value=${o.value}>${o.label}</option>`)}
      </select>
      ${v.prompts.map((p, i) => html`<label for=${`reflection-answer-${i}`}>${localise(p)}</label>
        <textarea id=${`reflection-answer-${i}`} name=${`answer-${i}`} rows="3" maxlength="4000"></textarea>`)}
      <fieldset>
        <legend>${t("reflection.visibility")}</legend>
        ${VISIBILITIES.map((vis) => html`<label class="choice"><input type="radio" name="visibility" value=${vis}
          ?checked=${vis === "private"} ?disabled=${vis === "team" && v.teamReflectionId === null} /> ${t(`reflection.vis.${vis}` as TextKey)}</label>`)}
      </fieldset>
      <fieldset>
        <legend>${t("reflection.barriers")}</legend>
        ${BARRIERS.map((b) => html`<label class="choice"><input type="checkbox" name=${`barrier-${b}`} /> ${barrierName(b)}</label>`)}
      </fieldset>
      <button type="submit">${t("reflection.save")}</button>
    </form>`;
  };

  const promptsForm = (v: ReflectionsView): TemplateResult => html`<form class="prompts-form" @submit=${savePrompts}>
    <h2>${t("reflection.prompts")}</h2>
    <label for="reflection-prompts">${t("reflection.promptsHelp")}</label>
    <textarea id="reflection-prompts" name="prompts" rows="4">${v.prompts.join("\n")}</textarea>
    <button type="submit">${t("reflection.savePrompts")}</button>
  </form>`;

  const entry = (r: Reflection): TemplateResult => html`<li class="reflection">
    <h3>${r.authorName} · ${formatDateTime(r.writtenAt)}</h3>
    <p class="muted">${t(`reflection.vis.${r.visibility}` as TextKey)}${r.barriers.length > 0
      ? html` · ${t("reflection.barriers")}: ${r.barriers.map(barrierName).join(", ")}`
      : null}</p>
    <dl>
      ${r.prompts.map((p, i) => (r.answers[i] ? html`<dt>${localise(p)}</dt><dd>${r.answers[i]}</dd>` : null))}
    </dl>
    ${r.authorId === actions.userId
      ? html`<button type="button" class="secondary" @click=${() => void remove(r.id)}>${t("reflection.remove")}</button>`
      : null}
  </li>`;

  function draw(): void {
    const v = view;
    render(
      html`<h1 tabindex="-1">${t("reflection.title")}</h1>
        <p><a href=${back} @click=${link(actions.navigate, back)}>${t("reflection.back")}</a></p>
        <p>${t("reflection.intro")}</p>
        ${error ? html`<p class="error" role="alert">${error}</p>` : null}
        ${v === null
          ? html`<p role="status">${t("loading")}</p>`
          : html`${role() === "participant" ? writeForm(v) : null} ${role() === "moderator" ? promptsForm(v) : null}
              <h2>${t("reflection.read")}</h2>
              ${v.entries.length === 0
                ? html`<p>${t("reflection.none")}</p>`
                : html`<ul class="reflections">${repeat(v.entries, (r) => r.id, entry)}</ul>`}`}`,
      root,
    );
  }

  async function load(): Promise<void> {
    try {
      [view, cohort] = await Promise.all([actions.load(), actions.cohort().then((s) => s.cohort)]);
    } catch (e) {
      error = message(e);
    }
    draw();
  }

  document.title = `${t("reflection.title")} — ${t("appName")}`;
  draw();
  root.querySelector<HTMLElement>("h1")?.focus();
  await load();
}
