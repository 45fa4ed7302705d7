// Attendance: an overview (participant × session, written out: til stede, forsinket, afbud, fravær, ikke markeret,
// ikke tilmeldt), a moderator's marking of one session (status and a note, which only moderators see: the grain keeps
// notes out of the document), the check-in code to show in the room, and a participant's check-in with it.

import { html, nothing, type TemplateResult } from "lit-html";
import { repeat } from "lit-html/directives/repeat.js";
import { formatDateTime, t, type TextKey } from "../i18n";
import { ATTENDANCE_STATUSES, CohortLimits, type AttendanceStatus, type CheckInCode, type Cohort, type CohortMember, type CohortSession } from "../protocol";
import type { CohortStore } from "../stores/cohortStore";
import { errorText } from "./cohortTeams";
import { field } from "./widgets";

export interface AttendanceContext {
  store: CohortStore;
  redraw(): void;
  announce(text: string): void;
}

type Standing = AttendanceStatus | "unmarked" | "notEnrolled";

/** CohortRules.StandingOf: a session that ended before the person enrolled is "ikke tilmeldt", never absent. */
export function standingOf(cohort: Cohort, session: CohortSession, person: CohortMember): Standing {
  if (Date.parse(session.endsAt) <= Date.parse(person.enrolledAt)) return "notEnrolled";
  return cohort.attendance.find((a) => a.sessionId === session.id && a.userId === person.userId)?.status ?? "unmarked";
}

const standingText = (standing: Standing): string => t(`cohort.attendance.${standing}` as TextKey);

export class AttendanceSection {
  private sessionId: string | null = null;
  private code: CheckInCode | null = null;
  private codeError: string | null = null;
  private checkInResult: { ok: boolean; text: string } | null = null;
  private saved: string | null = null;

  constructor(private readonly ctx: AttendanceContext) {}

  render(cohort: Cohort): TemplateResult {
    const { store } = this.ctx;
    const moderator = store.isModerator;
    const participants = cohort.people.filter((p) => p.role === "participant");
    const me = cohort.people.find((p) => p.userId === store.me.userId);
    if (cohort.sessions.length === 0) {
      return html`<section aria-labelledby="cohort-attendance"><h2 id="cohort-attendance">${t("cohort.attendance")}</h2><p>${t("cohort.noSessions")}</p></section>`;
    }
    return html`<section aria-labelledby="cohort-attendance">
      <h2 id="cohort-attendance">${t("cohort.attendance")}</h2>
      ${me?.role === "participant" ? this.checkInForm() : nothing}
      ${participants.length === 0 ? html`<p>${t("cohort.nobody")}</p>` : overview(cohort, participants)}
      ${moderator && participants.length > 0 ? this.marking(cohort, participants) : nothing}
    </section>`;
  }

  private checkInForm(): TemplateResult {
    return html`<form class="card-form check-in" @submit=${(e: Event) => void this.checkIn(e)} aria-labelledby="cohort-check-in">
      <h3 id="cohort-check-in">${t("cohort.checkIn")}</h3>
      ${field("check-in-code", t("cohort.checkInCode"), html`<input id="check-in-code" name="code" required maxlength="12" autocomplete="off" autocapitalize="characters" aria-describedby="check-in-code-hint" />`, t("cohort.checkInHint"))}
      <div class="actions"><button type="submit">${t("cohort.checkIn")}</button></div>
      ${this.checkInResult ? html`<p class=${this.checkInResult.ok ? "success-text" : "error"} role=${this.checkInResult.ok ? "status" : "alert"}>${this.checkInResult.text}</p>` : nothing}
    </form>`;
  }

  private marking(cohort: Cohort, participants: CohortMember[]): TemplateResult {
    const session = cohort.sessions.find((s) => s.id === this.sessionId) ?? cohort.sessions[0]!;
    return html`<div class="card-form attendance-marking" role="region" aria-labelledby="cohort-marking">
      <h3 id="cohort-marking">${t("cohort.markAttendance")}</h3>
      ${field(
        "marking-session",
        t("cohort.session"),
        html`<select id="marking-session" @change=${(e: Event) => {
          this.sessionId = (e.target as HTMLSelectElement).value;
          this.code = null;
          this.codeError = null;
          this.ctx.redraw();
        }}>
          ${cohort.sessions.map((s) => html`<option value=${s.id} ?selected=${s.id === session.id}>${formatDateTime(s.startsAt)}</option>`)}
        </select>`,
      )}
      <div class="actions">
        <button type="button" class="secondary" @click=${() => void this.showCode(session.id)}>${t("cohort.showCode")}</button>
      </div>
      ${this.codeError ? html`<p class="error" role="alert">${this.codeError}</p>` : nothing}
      ${this.code && this.code.sessionId === session.id
        ? html`<div class="check-in-code" role="status">
            <p>${t("cohort.codeIs")}</p>
            <p class="code-display">${this.code.code}</p>
            <p class="muted">${t("cohort.codeValid", { from: formatDateTime(this.code.validFrom), until: formatDateTime(this.code.validUntil) })}</p>
          </div>`
        : nothing}
      <ul class="marking-list">
        ${repeat(
          participants,
          (p) => `${session.id} ${p.userId}`,
          (p) => this.markRow(cohort, session, p),
        )}
      </ul>
      <p class="copy-status" role="status">${this.saved ?? ""}</p>
    </div>`;
  }

  private markRow(cohort: Cohort, session: CohortSession, person: CohortMember): TemplateResult {
    const standing = standingOf(cohort, session, person);
    const key = `${session.id}-${person.userId}`;
    if (standing === "notEnrolled") {
      return html`<li class="marking-row"><span>${person.displayName}</span> <span class="muted">${standingText(standing)}</span></li>`;
    }
    const note = this.ctx.store.notes.get(`${session.id} ${person.userId}`) ?? "";
    return html`<li class="marking-row">
      <form @submit=${(e: Event) => this.mark(e, session, person)}>
        <span class="marking-name">${person.displayName}</span>
        <label class="visually-hidden" for="mark-${key}">${t("cohort.statusFor", { name: person.displayName })}</label>
        <select id="mark-${key}" name="status" class="small">
          <option value="" ?selected=${standing === "unmarked"}>${standingText("unmarked")}</option>
          ${ATTENDANCE_STATUSES.map((s) => html`<option value=${s} ?selected=${standing === s}>${standingText(s)}</option>`)}
        </select>
        <label class="visually-hidden" for="note-${key}">${t("cohort.noteFor", { name: person.displayName })}</label>
        <input id="note-${key}" name="note" class="small" maxlength=${CohortLimits.NoteMax} .value=${note} placeholder=${t("cohort.note")} autocomplete="off" />
        <button type="submit" class="small">${t("save")}</button>
      </form>
    </li>`;
  }

  private mark(event: Event, session: CohortSession, person: CohortMember): void {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const status = String(data.get("status") ?? "");
    const note = String(data.get("note") ?? "").trim();
    const { store } = this.ctx;
    const marked = (ATTENDANCE_STATUSES as readonly string[]).includes(status);
    const exists = store.view?.attendance.some((a) => a.sessionId === session.id && a.userId === person.userId) ?? false;
    if (marked) {
      store.submit({ type: "markAttendance", sessionId: session.id, userId: person.userId, status: status as AttendanceStatus, note });
      // The push carries no note; the moderator's own stays shown until the notes are fetched again.
      if (note) store.notes.set(`${session.id} ${person.userId}`, note);
      else store.notes.delete(`${session.id} ${person.userId}`);
    } else if (exists) {
      store.submit({ type: "clearAttendance", sessionId: session.id, userId: person.userId });
    }
    this.saved = t("cohort.markSaved", { name: person.displayName });
    this.ctx.announce(this.saved);
    this.ctx.redraw();
  }

  private async showCode(sessionId: string): Promise<void> {
    try {
      this.codeError = null;
      this.code = await this.ctx.store.checkInCode(sessionId);
    } catch (e) {
      this.codeError = errorText(e);
    }
    this.ctx.redraw();
  }

  private async checkIn(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const code = String(new FormData(form).get("code") ?? "");
    try {
      const mark = await this.ctx.store.checkIn(code);
      this.checkInResult = { ok: true, text: t("cohort.checkedIn", { status: standingText(mark.status) }) };
      form.reset();
    } catch (e) {
      this.checkInResult = { ok: false, text: errorText(e) };
    }
    this.ctx.redraw();
  }
}

function overview(cohort: Cohort, participants: CohortMember[]): TemplateResult {
  return html`<div class="table-scroll" tabindex="0" role="region" aria-labelledby="cohort-attendance-caption">
    <table class="attendance-table">
      <caption id="cohort-attendance-caption">${t("cohort.attendanceOverview")}</caption>
      <thead>
        <tr>
          <th scope="col">${t("cohort.participant")}</th>
          ${cohort.sessions.map((s) => html`<th scope="col"><time datetime=${s.startsAt}>${formatDateTime(s.startsAt)}</time></th>`)}
        </tr>
      </thead>
      <tbody>
        ${repeat(
          participants,
          (p) => p.userId,
          (p) => html`<tr data-user=${p.userId}>
            <th scope="row">${p.displayName}</th>
            ${cohort.sessions.map((s) => {
              const standing = standingOf(cohort, s, p);
              return html`<td class="standing standing-${standing}" data-standing=${standing}>${standingText(standing)}</td>`;
            })}
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
