// The moderator's agenda editor (issue 13 items 1–2): each step can be edited in place, moved up or down and removed,
// all with native buttons and form fields, so it works from the keyboard. A moved step's button keeps the focus once
// the server's view shows the new order (the list is keyed, but moving a focused node drops its focus).

import { html, nothing, type TemplateResult } from "lit-html";
import { repeat } from "lit-html/directives/repeat.js";
import { t, type TextKey } from "../i18n";
import type { AgendaStep, SessionOp, StaffView, StepKind } from "../generated/contracts";
import { field } from "./widgets";

const STEP_KINDS: readonly StepKind[] = ["text", "poll", "pause"];

export interface AgendaContext {
  submit(op: SessionOp): void;
  go(index: number): void;
  refresh(): void;
  announce(text: string): void;
}

export class AgendaEditor {
  private editing: string | null = null;
  private error: string | null = null;
  /** What to focus once a view newer than `seq` has been drawn. */
  private focus: { selector: string; seq: number } | null = null;

  constructor(private readonly ctx: AgendaContext) {}

  render(s: StaffView): TemplateResult {
    const { steps, currentStep: current } = s.session;
    if (this.editing && !steps.some((step) => step.id === this.editing)) this.editing = null;
    return html`<ol class="session-steps">
      ${repeat(steps, (step) => step.id, (step, i) => (step.id === this.editing ? this.form(s, step) : this.row(s, step, i, current)))}
    </ol>`;
  }

  /** Called after every render: puts the focus where a move or an edit left it. */
  afterRender(root: HTMLElement, seq: number): void {
    if (!this.focus || seq < this.focus.seq) return;
    const target = root.querySelector<HTMLElement>(this.focus.selector);
    this.focus = null;
    target?.focus();
  }

  private row(s: StaffView, step: AgendaStep, i: number, current: number): TemplateResult {
    const last = s.session.steps.length - 1;
    const named = html`<span class="visually-hidden"> »${step.title}«</span>`;
    return html`<li data-step=${step.id} aria-current=${i === current ? "step" : "false"} class=${i === current ? "current" : ""}>
      <span>${step.title}</span> <span class="hint">(${t(`session.stepKind.${step.kind}` as TextKey)}, ${t("session.minutesShort", { count: step.plannedMinutes })})</span>
      ${step.notes ? html`<p class="hint">${t("session.notes")}: ${step.notes}</p>` : nothing}
      ${i === current ? html`<strong>${t("session.now")}</strong>` : html`<button type="button" class="secondary" @click=${() => this.ctx.go(i)}>${t("session.goToStep", { title: step.title })}</button>`}
      <span class="step-tools">
        <button type="button" class="secondary small step-edit" @click=${() => this.edit(s, step.id)}>${t("sessionAgenda.edit")}${named}</button>
        <button type="button" class="secondary small step-up" ?disabled=${i === 0} @click=${() => this.move(s, step, i - 1, "step-up")}>${t("sessionAgenda.up")}${named}</button>
        <button type="button" class="secondary small step-down" ?disabled=${i === last} @click=${() => this.move(s, step, i + 1, "step-down")}>${t("sessionAgenda.down")}${named}</button>
        ${i === current
          ? nothing
          : html`<button type="button" class="secondary small step-remove" @click=${() => this.remove(s, step)}>${t("sessionAgenda.remove")}${named}</button>`}
      </span>
    </li>`;
  }

  private form(s: StaffView, step: AgendaStep): TemplateResult {
    const id = `edit-${step.id}`;
    return html`<li data-step=${step.id} class="step-editing">
      <form class="session-edit-step" aria-label=${t("sessionAgenda.editing", { title: step.title })} @submit=${(e: Event) => this.save(e, s, step)}>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        ${field(`${id}-title`, t("session.stepTitle"), html`<input id="${id}-title" name="title" maxlength="200" .value=${step.title} />`)}
        ${field(
          `${id}-kind`,
          t("session.stepKind"),
          html`<select id="${id}-kind" name="kind">${STEP_KINDS.map((k) => html`<option value=${k} ?selected=${k === step.kind}>${t(`session.stepKind.${k}` as TextKey)}</option>`)}</select>`,
        )}
        ${field(`${id}-text`, t("session.stepText"), html`<textarea id="${id}-text" name="text" rows="3" maxlength="4000" .value=${step.text}></textarea>`)}
        ${field(`${id}-notes`, t("session.notes"), html`<textarea id="${id}-notes" name="notes" rows="2" maxlength="4000" .value=${step.notes}></textarea>`)}
        ${s.session.polls.length > 0
          ? field(
              `${id}-poll`,
              t("session.stepPoll"),
              html`<select id="${id}-poll" name="poll"><option value="">—</option>${s.session.polls.map((p) => html`<option value=${p.id} ?selected=${p.id === step.pollId}>${p.question}</option>`)}</select>`,
            )
          : nothing}
        ${field(`${id}-minutes`, t("session.plannedMinutes"), html`<input id="${id}-minutes" name="minutes" type="number" min="0" max="600" .value=${String(step.plannedMinutes)} />`)}
        <div class="actions">
          <button type="submit">${t("sessionAgenda.save")}</button>
          <button type="button" class="secondary" @click=${() => this.close(s, step.id)}>${t("cancel")}</button>
        </div>
      </form>
    </li>`;
  }

  private edit(s: StaffView, stepId: string): void {
    this.editing = stepId;
    this.error = null;
    this.focus = { selector: `#edit-${CSS.escape(stepId)}-title`, seq: s.seq };
    this.ctx.refresh();
  }

  private close(s: StaffView, stepId: string): void {
    this.editing = null;
    this.error = null;
    this.focus = { selector: `[data-step="${CSS.escape(stepId)}"] .step-edit`, seq: s.seq };
    this.ctx.refresh();
  }

  private save(event: Event, s: StaffView, step: AgendaStep): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const title = String(data.get("title") ?? "").trim();
    const kind = String(data.get("kind") ?? "text") as StepKind;
    const pollId = String(data.get("poll") ?? "");
    if (title.length === 0) return this.fail(t("session.stepTitleRequired"));
    if (kind === "poll" && !pollId) return this.fail(t("sessionAgenda.pollRequired"));
    this.ctx.submit({
      type: "updateStep",
      stepId: step.id,
      title,
      kind,
      plannedMinutes: Math.max(0, Math.min(600, Number(data.get("minutes") ?? 0) || 0)),
      text: String(data.get("text") ?? "").trim(),
      notes: String(data.get("notes") ?? "").trim(),
      pollId: kind === "poll" ? pollId : null,
    });
    this.ctx.announce(t("sessionAgenda.saved", { title }));
    this.close(s, step.id);
  }

  private fail(message: string): void {
    this.error = message;
    this.ctx.refresh();
  }

  private move(s: StaffView, step: AgendaStep, index: number, button: "step-up" | "step-down"): void {
    this.ctx.submit({ type: "moveStep", stepId: step.id, index });
    // Where the focus goes once the new order is drawn: the same button, or its twin when it is now disabled.
    const edge = (button === "step-up" && index === 0) || (button === "step-down" && index === s.session.steps.length - 1);
    const other = button === "step-up" ? "step-down" : "step-up";
    this.focus = { selector: `[data-step="${CSS.escape(step.id)}"] .${edge ? other : button}`, seq: s.seq + 1 };
    this.ctx.announce(t("sessionAgenda.moved", { title: step.title, place: index + 1, count: s.session.steps.length }));
  }

  private remove(s: StaffView, step: AgendaStep): void {
    if (!confirm(t("sessionAgenda.removeConfirm", { title: step.title }))) return;
    this.ctx.submit({ type: "removeStep", stepId: step.id });
    this.focus = { selector: ".session-steps .step-edit", seq: s.seq + 1 };
    this.ctx.announce(t("sessionAgenda.removed", { title: step.title }));
  }
}
