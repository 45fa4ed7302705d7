// A cohort: its name, provider and period, modules, sessions, people by role (participants by side) and teams, live
// on the cohort hub. Moderators add modules and sessions and make invitation links (shown once, with a copy button).
// Rendered with lit-html, keyed by id, so a form being filled in stays as it is while others' changes arrive.

import { html, nothing, render, type TemplateResult } from "lit-html";
import { repeat } from "lit-html/directives/repeat.js";
import { ApiError } from "../api";
import { newId } from "../ids";
import { formatDateTime, lang, localise, t, type TextKey } from "../i18n";
import { CohortLimits, SIDES, type Cohort, type CohortInviteLink, type CohortInviteRequest, type CohortMember, type PartnershipSummary, type Side } from "../protocol";
import type { CohortStore } from "../stores/cohortStore";
import { AssignmentsSection } from "./cohortAssignments";
import { AttendanceSection } from "./cohortAttendance";
import { roleText } from "./cohortInvite";
import { TeamsSection } from "./cohortTeams";
import { period } from "./cohorts";
import { link } from "./shell";
import { connectionStatus, field, presenceRow } from "./widgets";

export interface CohortViewContext {
  store: CohortStore;
  navigate(path: string): void;
  announce(text: string): void;
  createInvite(request: CohortInviteRequest): Promise<CohortInviteLink>;
  /** The signed-in person's partnerships, for saying which one they come from. */
  myPartnerships(): Promise<PartnershipSummary[]>;
}

export interface MountedCohort {
  refresh(): void;
  dispose(): void;
}

/** How long a new link lives and how often it may be used, unless the moderator is asked one day. */
const INVITE_DAYS = 14;
const INVITE_USES = 30;

export function mountCohort(main: HTMLElement, ctx: CohortViewContext): MountedCohort {
  const { store } = ctx;
  const root = document.createElement("div");
  root.className = "page cohort-page";
  main.replaceChildren(root);
  let scheduled = false;
  let invite: { role: "participant" | "observer"; side: Side; busy: boolean; error: string | null; made: CohortInviteLink | null; copied: string } = {
    role: "participant",
    side: "municipality",
    busy: false,
    error: null,
    made: null,
    copied: "",
  };
  let formError: { form: string; text: string } | null = null;

  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(draw);
  };
  const teams = new TeamsSection({ store, redraw: schedule, announce: ctx.announce, myPartnerships: ctx.myPartnerships });
  const assignments = new AssignmentsSection({ store, redraw: schedule, announce: ctx.announce });
  const attendance = new AttendanceSection({ store, redraw: schedule, announce: ctx.announce });

  const addModule = (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const title = String(data.get("title") ?? "").trim();
    if (title === "") return fail("module", t("cohort.titleRequired"), form, "title");
    if (store.submit({ type: "addModule", moduleId: newId("module"), title, learningGoals: String(data.get("learningGoals") ?? ""), index: null })) {
      formError = null;
      form.reset();
      form.querySelector<HTMLElement>("[name=title]")?.focus();
    }
  };

  const addSession = (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const day = String(data.get("day") ?? "");
    const starts = new Date(`${day}T${String(data.get("from") ?? "")}`);
    const ends = new Date(`${day}T${String(data.get("to") ?? "")}`);
    const online = data.get("online") === "on";
    const place = String(data.get("place") ?? "").trim();
    if (Number.isNaN(starts.getTime()) || Number.isNaN(ends.getTime())) return fail("session", t("cohort.sessionTimeRequired"), form, "day");
    if (ends <= starts) return fail("session", t("cohort.sessionEndsBeforeStart"), form, "to");
    if (!online && place === "") return fail("session", t("cohort.placeRequired"), form, "place");
    const moduleId = String(data.get("moduleId") ?? "") || null;
    if (store.submit({ type: "addSession", sessionId: newId("session"), moduleId, startsAt: starts.toISOString(), endsAt: ends.toISOString(), place, online })) {
      formError = null;
      form.reset();
      form.querySelector<HTMLElement>("[name=day]")?.focus();
    }
  };

  const fail = (form: string, text: string, element: HTMLFormElement, name: string) => {
    formError = { form, text };
    draw();
    element.querySelector<HTMLElement>(`[name=${name}]`)?.focus();
  };

  const createInvite = async () => {
    invite = { ...invite, busy: true, error: null };
    draw();
    try {
      const made = await ctx.createInvite({ role: invite.role, side: invite.role === "participant" ? invite.side : null, maxUses: INVITE_USES, validDays: INVITE_DAYS });
      invite = { ...invite, busy: false, made, copied: "" };
      draw();
      const input = root.querySelector<HTMLInputElement>("#cohort-invite-link");
      input?.focus();
      input?.select();
      ctx.announce(t("inviteCreatedTitle"));
    } catch (e) {
      invite = { ...invite, busy: false, error: e instanceof ApiError ? localise(e.message) : String(e) };
      draw();
    }
  };

  const copy = async () => {
    const input = root.querySelector<HTMLInputElement>("#cohort-invite-link");
    if (!input) return;
    try {
      await navigator.clipboard.writeText(input.value);
      invite = { ...invite, copied: t("copied") };
    } catch {
      input.focus();
      input.select();
      invite = { ...invite, copied: t("copyFailed") };
    }
    draw();
  };

  const draw = () => {
    scheduled = false;
    const cohort = store.view;
    document.title = `${cohort?.name ?? t("cohort.title")} — ${t("appName")}`;
    render(
      html`<p><a href="/cohorts" @click=${link(ctx.navigate, "/cohorts")}>← ${t("cohort.mine")}</a></p>
        ${store.failure
          ? html`<h1>${t("cohort.title")}</h1><p class="error" role="alert">${localise(store.failure.message)}</p>`
          : cohort === null
            ? html`<h1>${t("cohort.title")}</h1><p role="status">${t("loading")}</p>`
            : page(cohort)}`,
      root,
    );
  };

  const page = (cohort: Cohort): TemplateResult => {
    const moderator = store.isModerator;
    const moduleTitle = (id: string | null) => cohort.modules.find((m) => m.id === id)?.title ?? "";
    return html`<h1>${cohort.name}</h1>
      <p class="cohort-meta">${[cohort.provider, period(cohort.startsOn, cohort.endsOn)].filter(Boolean).join(" · ")}</p>
      ${evaluationLink(cohort, store.me.userId, ctx.navigate)}
      ${reflectionsLink(cohort, store.me.userId, ctx.navigate)}
      ${connectionStatus(store.connection, store.pending.length)}
      ${presenceRow(store.presenceList, store.me.userId)}
      ${store.refusals.length > 0
        ? html`<ul class="notices" role="alert">
            ${repeat(
              store.refusals,
              (r) => r.id,
              (r) => html`<li class="notice">
                <span>${t("refused", { reason: localise(r.message) })}</span>
                <button type="button" class="secondary small" @click=${() => store.dismiss(r.id)}>${t("dismiss")}</button>
              </li>`,
            )}
          </ul>`
        : nothing}

      <section aria-labelledby="cohort-modules">
        <h2 id="cohort-modules">${t("cohort.modules")}</h2>
        ${cohort.modules.length === 0
          ? html`<p>${t("cohort.noModules")}</p>`
          : html`<ol class="cohort-modules">
              ${repeat(
                cohort.modules,
                (m) => m.id,
                (m) => html`<li class="card-form cohort-module">
                  <h3>${m.title}</h3>
                  ${m.learningGoals ? html`<p class="learning-goals"><span class="muted">${t("cohort.learningGoals")}:</span> ${m.learningGoals}</p>` : nothing}
                </li>`,
              )}
            </ol>`}
        ${moderator
          ? html`<form class="card-form" @submit=${addModule} aria-labelledby="cohort-add-module">
              <h3 id="cohort-add-module">${t("cohort.addModule")}</h3>
              ${formError?.form === "module" ? html`<p class="error" role="alert">${formError.text}</p>` : nothing}
              ${field("module-title", t("cohort.moduleTitle"), html`<input id="module-title" name="title" required maxlength=${CohortLimits.ModuleTitleMax} autocomplete="off" />`)}
              ${field(
                "module-goals",
                t("cohort.learningGoals"),
                html`<textarea id="module-goals" name="learningGoals" rows="3" maxlength=${CohortLimits.LearningGoalsMax} aria-describedby="module-goals-hint"></textarea>`,
                t("cohort.learningGoalsHint"),
              )}
              <div class="actions"><button type="submit">${t("cohort.addModule")}</button></div>
            </form>`
          : nothing}
      </section>

      <section aria-labelledby="cohort-sessions">
        <h2 id="cohort-sessions">${t("cohort.sessions")}</h2>
        ${cohort.sessions.length === 0
          ? html`<p>${t("cohort.noSessions")}</p>`
          : html`<ol class="cohort-sessions">
              ${repeat(
                cohort.sessions,
                (s) => s.id,
                (s) => html`<li class="cohort-session">
                  <time datetime=${s.startsAt}>${formatDateTime(s.startsAt)}</time>–<time datetime=${s.endsAt}>${formatTime(s.endsAt)}</time>
                  · ${s.online ? t("cohort.online") + (s.place ? ` (${s.place})` : "") : s.place}
                  ${s.moduleId ? html`· ${t("cohort.module")}: ${moduleTitle(s.moduleId)}` : nothing}
                </li>`,
              )}
            </ol>`}
        ${moderator ? sessionForm(cohort) : nothing}
      </section>

      <section aria-labelledby="cohort-people">
        <h2 id="cohort-people">${t("cohort.people")}</h2>
        ${group("moderators", t("cohort.moderators"), cohort.people.filter((p) => p.role === "moderator"))}
        ${SIDES.map((side) =>
          group(`side-${side}`, `${t("cohort.participants")} — ${t(`side.${side}` as TextKey)}`, cohort.people.filter((p) => p.role === "participant" && p.side === side)),
        )}
        ${group("observers", t("cohort.observers"), cohort.people.filter((p) => p.role === "observer"))}
      </section>

      ${teams.render(cohort)}
      ${assignments.render(cohort)}
      ${attendance.render(cohort)}

      ${moderator ? inviteSection() : nothing}`;
  };

  const group = (id: string, title: string, people: CohortMember[]): TemplateResult => html`<div class="cohort-group" data-group=${id}>
    <h3 id="cohort-group-${id}">${title} (${people.length})</h3>
    ${people.length === 0
      ? html`<p class="muted">${t("cohort.nobody")}</p>`
      : html`<ul aria-labelledby="cohort-group-${id}">
          ${repeat(
            people,
            (p) => p.userId,
            (p) => html`<li>${p.displayName}${p.userId === store.me.userId ? ` (${t("you")})` : ""}${p.partnershipName ? html` <span class="muted">· ${p.partnershipName}</span>` : nothing}</li>`,
          )}
        </ul>`}
  </div>`;

  const sessionForm = (cohort: Cohort): TemplateResult => html`<form class="card-form" @submit=${addSession} aria-labelledby="cohort-add-session">
    <h3 id="cohort-add-session">${t("cohort.addSession")}</h3>
    ${formError?.form === "session" ? html`<p class="error" role="alert">${formError.text}</p>` : nothing}
    ${field("session-day", t("cohort.sessionDay"), html`<input id="session-day" name="day" type="date" required />`)}
    ${field("session-from", t("cohort.sessionFrom"), html`<input id="session-from" name="from" type="time" required />`)}
    ${field("session-to", t("cohort.sessionTo"), html`<input id="session-to" name="to" type="time" required />`)}
    ${field("session-place", t("cohort.place"), html`<input id="session-place" name="place" maxlength=${CohortLimits.PlaceMax} aria-describedby="session-place-hint" />`, t("cohort.placeHint"))}
    <div class="field"><label><input type="checkbox" name="online" /> ${t("cohort.online")}</label></div>
    ${field(
      "session-module",
      t("cohort.module"),
      html`<select id="session-module" name="moduleId">
        <option value="">${t("cohort.noModule")}</option>
        ${repeat(
          cohort.modules,
          (m) => m.id,
          (m) => html`<option value=${m.id}>${m.title}</option>`,
        )}
      </select>`,
    )}
    <div class="actions"><button type="submit">${t("cohort.addSession")}</button></div>
  </form>`;

  const inviteSection = (): TemplateResult => html`<section aria-labelledby="cohort-invite">
    <h2 id="cohort-invite">${t("cohort.invite")}</h2>
    <p>${t("cohort.inviteHelp", { days: INVITE_DAYS, uses: INVITE_USES })}</p>
    <div class="card-form">
      ${invite.error ? html`<p class="error" role="alert">${invite.error}</p>` : nothing}
      ${field(
        "cohort-invite-role",
        t("cohort.inviteRole"),
        html`<select id="cohort-invite-role" @change=${(e: Event) => {
          invite = { ...invite, role: (e.target as HTMLSelectElement).value as "participant" | "observer" };
          draw();
        }}>
          <option value="participant" ?selected=${invite.role === "participant"}>${t("cohort.role.participant")}</option>
          <option value="observer" ?selected=${invite.role === "observer"}>${t("cohort.role.observer")}</option>
        </select>`,
      )}
      ${invite.role === "participant"
        ? field(
            "cohort-invite-side",
            t("cohort.inviteSide"),
            html`<select id="cohort-invite-side" @change=${(e: Event) => (invite = { ...invite, side: (e.target as HTMLSelectElement).value as Side })}>
              ${SIDES.map((s) => html`<option value=${s} ?selected=${invite.side === s}>${t(`side.${s}` as TextKey)}</option>`)}
            </select>`,
          )
        : nothing}
      <div class="actions"><button type="button" ?disabled=${invite.busy} @click=${() => void createInvite()}>${t("cohort.createInvite")}</button></div>
      ${invite.made
        ? html`<div class="invite-result" role="region" aria-labelledby="cohort-invite-result">
            <h3 id="cohort-invite-result">${t("inviteCreatedTitle")}</h3>
            <p>${roleText(invite.made.invite.role, invite.made.invite.side)}</p>
            <p class="warning-text" id="cohort-invite-once">${t("inviteCreatedText")}</p>
            <div class="copy-row">
              <label for="cohort-invite-link" class="visually-hidden">${t("inviteLinkLabel")}</label>
              <input id="cohort-invite-link" readonly .value=${new URL(invite.made.path, location.origin).href} aria-describedby="cohort-invite-once" />
              <button type="button" @click=${() => void copy()}>${t("copyLink")}</button>
            </div>
            <p class="copy-status" role="status">${invite.copied}</p>
          </div>`
        : nothing}
    </div>
  </section>`;

  const unsubscribe = store.subscribe(schedule);
  const unarrive = store.onArrival((name) => ctx.announce(t("cohort.arrived", { name })));
  const unwatch = teams.watch();
  draw();
  return {
    refresh: schedule,
    dispose: () => {
      unsubscribe();
      unarrive();
      unwatch();
    },
  };
}

/** The end of a session: the day is the start's, so only the time. */
function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleTimeString(lang() === "en" ? "en-GB" : "da-DK", { timeStyle: "short" });
}

/** The way to the cohort's reflections (views/cohortReflections.ts): participants write, moderators read; observers have none. */
function reflectionsLink(cohort: Cohort, userId: string, navigate: (path: string) => void): TemplateResult | null {
  if (cohort.people.find((p) => p.userId === userId)?.role === "observer") return null;
  const path = `/cohorts/${cohort.id}/refleksioner`;
  return html`<p><a href=${path} @click=${link(navigate, path)}>${t("reflection.link")}</a></p>`;
}

/** The way to the cohort's evaluation (views/cohortEvaluation.ts): participants answer, everyone else sees the results. */
function evaluationLink(cohort: Cohort, userId: string, navigate: (path: string) => void): TemplateResult {
  const answers = cohort.people.find((p) => p.userId === userId)?.role === "participant";
  const path = `/cohorts/${cohort.id}/evaluering${answers ? "" : "/resultater"}`;
  return html`<p><a href=${path} @click=${link(navigate, path)}>${answers ? t("eval.linkAnswer") : t("eval.link")}</a></p>`;
}
