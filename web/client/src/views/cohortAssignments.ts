// Practice assignments: a moderator writes one (instructions, due date, what volunteers do / what staff do) and gives
// it — one card per team on the team's board. The status matrix (team × assignment) follows the boards live: each
// board reports its assignment cards' moves to the cohort, whose push redraws this. Status is always written out,
// never colour alone.

import { html, nothing, type TemplateResult } from "lit-html";
import { repeat } from "lit-html/directives/repeat.js";
import { newId } from "../ids";
import { formatDate, localise, t, type TextKey } from "../i18n";
import { CohortLimits, type AssignmentGiven, type AssignmentStatus, type Cohort, type CohortAssignment } from "../protocol";
import type { CohortStore } from "../stores/cohortStore";
import { errorText } from "./cohortTeams";
import { field } from "./widgets";

export interface AssignmentsContext {
  store: CohortStore;
  redraw(): void;
  announce(text: string): void;
}

export class AssignmentsSection {
  private formError: string | null = null;
  private giving = new Set<string>();
  private results = new Map<string, { given?: AssignmentGiven; error?: string }>();

  constructor(private readonly ctx: AssignmentsContext) {}

  render(cohort: Cohort): TemplateResult {
    const moderator = this.ctx.store.isModerator;
    const assignments = cohort.assignments ?? [];
    return html`<section aria-labelledby="cohort-assignments">
      <h2 id="cohort-assignments">${t("cohort.assignments")}</h2>
      ${assignments.length === 0
        ? html`<p>${t("cohort.noAssignments")}</p>`
        : html`<ul class="cohort-assignments">
            ${repeat(
              assignments,
              (a) => a.id,
              (a) => this.assignment(cohort, a, moderator),
            )}
          </ul>`}
      ${assignments.length > 0 && cohort.teams.length > 0 ? matrix(cohort, assignments) : nothing}
      ${moderator ? this.form(cohort) : nothing}
    </section>`;
  }

  private assignment(cohort: Cohort, a: CohortAssignment, moderator: boolean): TemplateResult {
    const module = cohort.modules.find((m) => m.id === a.moduleId)?.title;
    const result = this.results.get(a.id);
    const skipped = result?.given?.teams.filter((team) => team.reason) ?? [];
    return html`<li class="card-form cohort-assignment" data-assignment=${a.id}>
      <h3>${a.title}</h3>
      <p class="muted">${[module ? `${t("cohort.module")}: ${module}` : "", a.dueOn ? `${t("cohort.due")}: ${formatDate(a.dueOn)}` : ""].filter(Boolean).join(" · ")}</p>
      ${a.instructions ? html`<p class="assignment-text">${a.instructions}</p>` : nothing}
      ${a.volunteerTasks ? html`<p class="assignment-text"><span class="muted">${t("cohort.volunteerTasks")}:</span> ${a.volunteerTasks}</p>` : nothing}
      ${a.staffTasks ? html`<p class="assignment-text"><span class="muted">${t("cohort.staffTasks")}:</span> ${a.staffTasks}</p>` : nothing}
      <p>${a.cards.length === 0 ? t("cohort.notGiven") : t("cohort.givenTo", { count: a.cards.length })}</p>
      ${moderator
        ? html`<div class="actions">
            <button type="button" ?disabled=${this.giving.has(a.id)} @click=${() => void this.give(a)}>${t("cohort.give")}</button>
          </div>`
        : nothing}
      ${result?.error ? html`<p class="error" role="alert">${result.error}</p>` : nothing}
      ${skipped.length > 0
        ? html`<ul class="warning-text">
            ${skipped.map((team) => html`<li>${cohort.teams.find((x) => x.id === team.teamId)?.name ?? team.teamId}: ${localise(team.reason ?? "")}</li>`)}
          </ul>`
        : nothing}
    </li>`;
  }

  private form(cohort: Cohort): TemplateResult {
    return html`<form class="card-form" @submit=${(e: Event) => this.add(e)} aria-labelledby="cohort-add-assignment">
      <h3 id="cohort-add-assignment">${t("cohort.addAssignment")}</h3>
      ${this.formError ? html`<p class="error" role="alert">${this.formError}</p>` : nothing}
      ${field("assignment-title", t("cohort.assignmentTitle"), html`<input id="assignment-title" name="title" required maxlength=${CohortLimits.AssignmentTitleMax} autocomplete="off" />`)}
      ${field(
        "assignment-module",
        t("cohort.assignmentModule"),
        html`<select id="assignment-module" name="moduleId">
          <option value="">${t("cohort.noModule")}</option>
          ${cohort.modules.map((m) => html`<option value=${m.id}>${m.title}</option>`)}
        </select>`,
      )}
      ${field("assignment-due", t("cohort.due"), html`<input id="assignment-due" name="dueOn" type="date" />`)}
      ${field("assignment-instructions", t("cohort.instructions"), html`<textarea id="assignment-instructions" name="instructions" rows="3" maxlength=${CohortLimits.InstructionsMax}></textarea>`)}
      ${field("assignment-volunteers", t("cohort.volunteerTasks"), html`<textarea id="assignment-volunteers" name="volunteerTasks" rows="2" maxlength=${CohortLimits.TasksMax}></textarea>`)}
      ${field("assignment-staff", t("cohort.staffTasks"), html`<textarea id="assignment-staff" name="staffTasks" rows="2" maxlength=${CohortLimits.TasksMax}></textarea>`)}
      <div class="actions"><button type="submit">${t("cohort.addAssignment")}</button></div>
    </form>`;
  }

  private add(event: Event): void {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const title = String(data.get("title") ?? "").trim();
    if (title === "") {
      this.formError = t("cohort.assignmentTitleRequired");
      this.ctx.redraw();
      form.querySelector<HTMLElement>("[name=title]")?.focus();
      return;
    }
    const ok = this.ctx.store.submit({
      type: "addAssignment",
      assignmentId: newId("assignment"),
      moduleId: String(data.get("moduleId") ?? "") || null,
      title,
      instructions: String(data.get("instructions") ?? ""),
      dueOn: String(data.get("dueOn") ?? "") || null,
      volunteerTasks: String(data.get("volunteerTasks") ?? ""),
      staffTasks: String(data.get("staffTasks") ?? ""),
    });
    if (ok) {
      this.formError = null;
      form.reset();
      form.querySelector<HTMLElement>("[name=title]")?.focus();
    }
  }

  /** "Giv opgaven": safe to press again — the grain derives each card's id, so nothing is placed twice. */
  private async give(a: CohortAssignment): Promise<void> {
    this.giving.add(a.id);
    this.ctx.redraw();
    try {
      const given = await this.ctx.store.giveAssignment(a.id);
      this.results.set(a.id, { given });
      this.ctx.announce(t("cohort.given", { count: given.teams.filter((team) => team.cardId).length }));
    } catch (e) {
      this.results.set(a.id, { error: errorText(e) });
    }
    this.giving.delete(a.id);
    this.ctx.redraw();
  }
}

const STATUS_KEYS: Record<AssignmentStatus, TextKey> = {
  notStarted: "cohort.status.notStarted",
  inProgress: "cohort.status.inProgress",
  done: "cohort.status.done",
  cardRemoved: "cohort.status.cardRemoved",
};

/** Team × assignment: the status each team's card has on its board, written out (a class only adds colour). */
function matrix(cohort: Cohort, assignments: CohortAssignment[]): TemplateResult {
  return html`<div class="table-scroll" tabindex="0" role="region" aria-labelledby="cohort-matrix-caption">
    <table class="assignment-matrix">
      <caption id="cohort-matrix-caption">${t("cohort.matrix")}</caption>
      <thead>
        <tr>
          <th scope="col">${t("cohort.team")}</th>
          ${assignments.map((a) => html`<th scope="col">${a.title}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${repeat(
          cohort.teams,
          (team) => team.id,
          (team) => html`<tr data-team=${team.id}>
            <th scope="row">${team.name}</th>
            ${assignments.map((a) => {
              const card = a.cards.find((c) => c.teamId === team.id);
              return card
                ? html`<td class="status status-${card.status}" data-status=${card.status}>
                    ${t(STATUS_KEYS[card.status])}${card.columnTitle && card.status !== "cardRemoved" ? html` <span class="muted">(${card.columnTitle})</span>` : nothing}
                  </td>`
                : html`<td class="status" data-status="none">${t("cohort.status.none")}</td>`;
            })}
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
