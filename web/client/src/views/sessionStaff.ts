// The session's facilitators (issue 13 item 1): who runs it, and for the owner a way to add co-facilitators from the
// people of the partnership or cohort (the grain checks whom, and takes their names from there). Co-facilitators run
// everything except changing the code and adding others.

import { html, nothing, type TemplateResult } from "lit-html";
import { repeat } from "lit-html/directives/repeat.js";
import { ApiError } from "../api";
import { localise, t, type TextKey } from "../i18n";
import type { SessionOp, SessionRole, SessionStaff, StaffView } from "../generated/contracts";
import { field } from "./widgets";

export interface StaffPanelContext {
  role(): SessionRole | null;
  candidates(sessionId: string): Promise<SessionStaff[]>;
  submit(op: SessionOp): void;
  refresh(): void;
  announce(text: string): void;
}

export class StaffPanel {
  private candidates: SessionStaff[] | null = null;
  private loading = false;
  private error: string | null = null;

  constructor(private readonly ctx: StaffPanelContext) {}

  render(s: StaffView): TemplateResult {
    const owner = this.ctx.role() === "moderator";
    return html`<section aria-labelledby="staff-title" class="session-panel">
      <h2 id="staff-title">${t("sessionStaff.title")}</h2>
      <ul class="session-staff">
        ${repeat(s.session.staff, (p) => p.userId, (p) => html`<li>${p.displayName} <span class="hint">(${t(`sessionStaff.role.${p.role}` as TextKey)})</span></li>`)}
      </ul>
      ${owner
        ? html`<details @toggle=${(e: Event) => (e.target as HTMLDetailsElement).open && void this.load(s)}>
            <summary>${t("sessionStaff.add")}</summary>
            ${this.form(s)}
          </details>`
        : nothing}
    </section>`;
  }

  private form(s: StaffView): TemplateResult {
    if (this.error) return html`<p class="error" role="alert">${this.error}</p>`;
    if (this.candidates === null) return html`<p role="status">${t("loading")}</p>`;
    const left = this.candidates.filter((c) => !s.session.staff.some((x) => x.userId === c.userId));
    if (left.length === 0) return html`<p>${t("sessionStaff.none")}</p>`;
    return html`<form class="inline-form" @submit=${(e: Event) => this.add(e)}>
      ${field(
        "co-facilitator",
        t("sessionStaff.person"),
        html`<select id="co-facilitator" name="userId" aria-describedby="co-facilitator-hint">${left.map((c) => html`<option value=${c.userId}>${c.displayName}</option>`)}</select>`,
        t("sessionStaff.hint"),
      )}
      <button type="submit">${t("sessionStaff.addButton")}</button>
    </form>`;
  }

  private async load(s: StaffView): Promise<void> {
    if (this.loading) return;
    this.loading = true;
    try {
      this.candidates = await this.ctx.candidates(s.session.id);
      this.error = null;
    } catch (e) {
      this.error = e instanceof ApiError ? localise(e.message) : String(e);
    } finally {
      this.loading = false;
      this.ctx.refresh();
    }
  }

  private add(event: Event): void {
    event.preventDefault();
    const userId = String(new FormData(event.target as HTMLFormElement).get("userId") ?? "");
    const person = this.candidates?.find((c) => c.userId === userId);
    if (!person) return;
    this.ctx.submit({ type: "addCoFacilitator", userId, displayName: person.displayName });
    this.ctx.announce(t("sessionStaff.added", { name: person.displayName }));
  }
}
