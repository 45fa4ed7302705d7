// Live sessions (issue 13, decision 015): the participant's phone page (/s, /s/{code}), the moderator's control page
// (/sessions/{id}) and the projector (/sessions/{id}/projector). Each renders the newest view the grain built for
// its audience (SessionStore); participants and projectors never get more than a RoomView, so nothing here hides
// staff-only data — it never arrives. Rendered with lit-html, keyed by id, so a half-typed answer or form survives
// the pushes that come while it is typed.

import { html, nothing, render, type TemplateResult } from "lit-html";
import { repeat } from "lit-html/directives/repeat.js";
import { api, ApiError } from "../api";
import { newId } from "../ids";
import { lang, localise, t, type TextKey } from "../i18n";
import type { Poll, PollKind, PollTally, RoomView, SessionEntry, SessionPhase, Side, StaffView, StepKind } from "../generated/contracts";
import { SIDES } from "../protocol";
import { answerIdFor, type SessionStore } from "../stores/sessionStore";
import { AgendaEditor } from "./sessionAgenda";
import { StaffPanel } from "./sessionStaff";
import { participantRoom, staffRoom } from "./sessionRoom";
import { barChart, connectionStatus, field } from "./widgets";

export interface MountedSession {
  refresh(): void;
  dispose(): void;
}

// ---------------------------------------------------------------------------------------------------------------
// Shared pieces

/** Seconds left on the timer: from the server's end time while running, its stored remainder while paused. */
export function remainingSeconds(timer: RoomView["timer"], now: number): number | null {
  if (timer.endsAt) return Math.max(0, Math.ceil((Date.parse(timer.endsAt) - now) / 1000));
  if (timer.remaining) return Math.max(0, Math.ceil(parseTimeSpan(timer.remaining)));
  return null;
}

/** A .NET TimeSpan as JSON ("[d.]hh:mm:ss[.fffffff]") in seconds. */
export function parseTimeSpan(value: string): number {
  const match = /^(-)?(?:(\d+)\.)?(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(value);
  if (!match) return 0;
  const seconds = Number(match[2] ?? 0) * 86400 + Number(match[3]) * 3600 + Number(match[4]) * 60 + Number(match[5]);
  return match[1] ? -seconds : seconds;
}

export function clock(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${String(s).padStart(2, "0")}`;
}

function joinUrl(code: string): string {
  return `${location.origin}/s/${code}`;
}

/** The results the room may see: bars with their table for choices and scales, a ranked list for words and texts. */
function results(poll: Poll, tally: PollTally, large: boolean): TemplateResult {
  const variant = large ? "large" : undefined;
  const answers = t("session.answers", { count: tally.answers });
  if (poll.kind === "single" || poll.kind === "multiple") {
    return barChart({
      caption: poll.question,
      summary: answers,
      labelHeading: t("session.option"),
      valueHeading: t("session.votes"),
      rows: poll.options.map((label, i) => ({ key: String(i), label, value: tally.options[i] ?? 0 })),
      variant,
    });
  }
  if (poll.kind === "scale") {
    return html`${poll.statements.map((statement, s) => {
      const st = tally.scale[s];
      const values = Array.from({ length: poll.scaleMax - poll.scaleMin + 1 }, (_, i) => poll.scaleMin + i);
      return html`${barChart({
        caption: statement,
        summary: st?.average != null ? t("session.average", { value: st.average.toLocaleString(lang() === "da" ? "da-DK" : "en-GB", { maximumFractionDigits: 1 }) }) : answers,
        labelHeading: t("session.value"),
        valueHeading: t("session.votes"),
        rows: values.map((v, i) => ({ key: String(v), label: String(v), value: st?.counts[i] ?? 0 })),
        variant,
      })}`;
    })}`;
  }
  return html`<section class="ranked ${large ? "large" : ""}" aria-label=${poll.question}>
    <p>${answers}</p>
    ${tally.ranked.length === 0
      ? html`<p>${t("session.noWords")}</p>`
      : html`<ol class="ranked-list">
          ${repeat(tally.ranked, (r) => r.text, (r) => html`<li><span class="ranked-text">${r.text}</span> <span class="ranked-count">${t("session.times", { count: r.count })}</span></li>`)}
        </ol>`}
  </section>`;
}

function stepText(room: RoomView): TemplateResult | typeof nothing {
  const step = room.step;
  if (!step) return nothing;
  return html`<h2 class="session-step-title">${step.title}</h2>${step.kind === "text" && step.text ? html`<p class="session-step-text">${step.text}</p>` : nothing}`;
}

function failureText(error: unknown): string {
  return error instanceof ApiError ? localise(error.message) : String(error instanceof Error ? error.message : error);
}

// ---------------------------------------------------------------------------------------------------------------
// "Type the code" (/s)

export function renderSessionCodeForm(main: HTMLElement, navigate: (path: string) => void): void {
  document.title = `${t("session.joinTitle")} — ${t("appName")}`;
  const submit = (event: Event) => {
    event.preventDefault();
    const code = String(new FormData(event.target as HTMLFormElement).get("code") ?? "").replace(/[\s-]/g, "").toUpperCase();
    if (code.length > 0) navigate(`/s/${encodeURIComponent(code)}`);
  };
  render(
    html`<div class="page session-participant">
      <h1>${t("session.joinTitle")}</h1>
      <form @submit=${submit} class="session-code-form">
        ${field("session-code", t("session.code"), html`<input id="session-code" name="code" required maxlength="32" autocomplete="off" autocapitalize="characters" spellcheck="false" class="code-input" aria-describedby="session-code-hint" />`, t("session.codeHint"))}
        <button type="submit">${t("session.join")}</button>
      </form>
    </div>`,
    main,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Participant (/s/{code})

export interface ParticipantContext {
  code: string;
  join(code: string, displayName: string, side: Side | null): Promise<SessionEntry>;
  open(entry: SessionEntry): SessionStore;
  navigate(path: string): void;
}

/** How often, at most, the page tells a screen reader that the results changed. */
const ANNOUNCE_EVERY_MS = 10_000;

export function mountParticipant(main: HTMLElement, ctx: ParticipantContext): MountedSession & { store(): SessionStore | null } {
  const root = document.createElement("div");
  root.className = "page session-participant";
  main.replaceChildren(root);
  let entry: SessionEntry | null = null;
  let store: SessionStore | null = null;
  let error: string | null = null;
  let nameDone = false;
  let nameBusy = false;
  let announced = "";
  let lastAnnounce = 0;
  let announceTimer: ReturnType<typeof setTimeout> | null = null;
  let resultsNote = "";
  let sentNote = "";

  const refresh = () => render(page(), root);

  const resultsKey = (room: RoomView) => (room.poll?.tally ? `${room.poll.poll.id}:${room.poll.tally.answers}:${JSON.stringify(room.poll.tally.options)}:${room.poll.tally.ranked.length}` : "");
  const noteResults = () => {
    const room = store?.room;
    if (!room) return;
    const key = resultsKey(room);
    if (key === announced) return;
    const wait = lastAnnounce + ANNOUNCE_EVERY_MS - Date.now();
    if (wait > 0) {
      announceTimer ??= setTimeout(() => {
        announceTimer = null;
        noteResults();
      }, wait);
      return;
    }
    announced = key;
    lastAnnounce = Date.now();
    resultsNote = key === "" ? "" : t("session.resultsUpdated", { count: room.poll?.tally?.answers ?? 0 });
    refresh();
  };

  const start = async () => {
    try {
      entry = await ctx.join(ctx.code, "", null);
      document.title = `${entry.title} — ${t("appName")}`;
      store = ctx.open(entry);
      store.subscribe(() => {
        refresh();
        noteResults();
      });
    } catch (e) {
      error = failureText(e);
    }
    refresh();
  };

  const saveName = async (event: Event) => {
    event.preventDefault();
    if (!entry) return;
    const data = new FormData(event.target as HTMLFormElement);
    const name = String(data.get("displayName") ?? "").trim();
    const side = (data.get("side") as Side | null) || null;
    nameBusy = true;
    refresh();
    try {
      await ctx.join(ctx.code, name, side);
      if (store) store.displayName = name;
      nameDone = true;
      error = null;
    } catch (e) {
      error = failureText(e);
    }
    nameBusy = false;
    refresh();
  };

  const nameForm = (): TemplateResult | typeof nothing => {
    if (!entry || !store || nameDone || (store.displayName ?? "") !== "" || store.role !== "participant") return nothing;
    return html`<form class="session-name" @submit=${saveName}>
      ${field("session-name", t("session.yourName"), html`<input id="session-name" name="displayName" maxlength="60" autocomplete="name" aria-describedby="session-name-hint" />`, t("session.yourNameHint"))}
      ${entry.askSide
        ? html`<fieldset class="radio-group">
            <legend>${t("session.yourSide")}</legend>
            ${SIDES.map((s) => html`<label class="choice"><input type="radio" name="side" value=${s} /> ${t(`side.${s}` as TextKey)}</label>`)}
          </fieldset>`
        : nothing}
      <div class="actions">
        <button type="submit" ?disabled=${nameBusy}>${t("session.saveName")}</button>
        <button type="button" class="secondary" @click=${() => ((nameDone = true), refresh())}>${t("session.skipName")}</button>
      </div>
    </form>`;
  };

  const submitAnswer = (poll: Poll) => (event: Event) => {
    event.preventDefault();
    if (!store) return;
    const data = new FormData(event.target as HTMLFormElement);
    let choices: number[] = [];
    let scale: (number | null)[] = [];
    let words: string[] = [];
    let text: string | null = null;
    if (poll.kind === "single" || poll.kind === "multiple") {
      choices = data.getAll("choice").map((v) => Number(v));
      if (choices.length === 0 || choices.length > poll.maxChoices) {
        sentNote = t("session.chooseSome", { count: poll.maxChoices });
        refresh();
        return;
      }
    } else if (poll.kind === "scale") {
      scale = poll.statements.map((_, i) => {
        const v = String(data.get(`scale-${i}`) ?? "");
        return v === "" ? null : Number(v);
      });
    } else if (poll.kind === "wordCloud") {
      words = data.getAll("word").map((w) => String(w).trim()).filter((w) => w.length > 0);
      if (words.length === 0) {
        sentNote = t("session.writeSomething");
        refresh();
        return;
      }
    } else {
      text = String(data.get("text") ?? "").trim();
      if (text.length === 0) {
        sentNote = t("session.writeSomething");
        refresh();
        return;
      }
    }
    store.submit({ type: "submitAnswer", pollId: poll.id, answerId: answerIdFor(poll.id), choices, scale, words, text });
    sentNote = t("session.answerSent");
    refresh();
  };

  const answerForm = (poll: Poll): TemplateResult => {
    const mine = store?.mine.get(poll.id);
    const key = `${poll.id}:${poll.resets}`;
    let body: TemplateResult;
    switch (poll.kind) {
      case "single":
      case "multiple": {
        const type = poll.kind === "single" ? "radio" : "checkbox";
        body = html`<fieldset class="radio-group">
          <legend>${poll.question}${poll.kind === "multiple" ? html` <span class="hint">${t("session.chooseUpTo", { count: poll.maxChoices })}</span>` : nothing}</legend>
          ${poll.options.map((o, i) => html`<label class="choice"><input type=${type} name="choice" value=${i} ?checked=${mine?.choices.includes(i) ?? false} /> ${o}</label>`)}
        </fieldset>`;
        break;
      }
      case "scale": {
        const values = Array.from({ length: poll.scaleMax - poll.scaleMin + 1 }, (_, i) => poll.scaleMin + i);
        body = html`<h2 class="poll-question">${poll.question}</h2>
          ${poll.statements.map(
            (statement, s) => html`<fieldset class="radio-group scale">
              <legend>${statement}</legend>
              ${poll.lowLabel || poll.highLabel ? html`<p class="hint">${poll.scaleMin} = ${poll.lowLabel}, ${poll.scaleMax} = ${poll.highLabel}</p>` : nothing}
              <div class="scale-values">
                ${values.map((v) => html`<label class="choice"><input type="radio" name=${`scale-${s}`} value=${v} ?checked=${mine?.scale[s] === v} /> ${v}</label>`)}
                <label class="choice"><input type="radio" name=${`scale-${s}`} value="" ?checked=${mine !== undefined && mine.scale[s] == null} /> ${t("session.skip")}</label>
              </div>
            </fieldset>`,
          )}`;
        break;
      }
      case "wordCloud":
        body = html`<fieldset class="words">
          <legend>${poll.question}</legend>
          ${[0, 1, 2].map((i) => field(`word-${i}`, t("session.word", { n: i + 1 }), html`<input id=${`word-${i}`} name="word" maxlength="40" autocomplete="off" .value=${mine?.words[i] ?? ""} />`))}
        </fieldset>`;
        break;
      default:
        body = html`${field("open-text", poll.question, html`<textarea id="open-text" name="text" maxlength="500" rows="4" .value=${mine?.text ?? ""}></textarea>`)}`;
    }
    return html`${repeat(
      [key],
      (k) => k,
      () => html`<form class="answer-form" @submit=${submitAnswer(poll)}>
        ${body}
        <button type="submit">${mine ? t("session.changeAnswer") : t("session.sendAnswer")}</button>
      </form>`,
    )}
    ${mine ? html`<p class="answer-state">${t("session.answered")}</p>` : nothing}`;
  };

  const current = (room: RoomView): TemplateResult => {
    if (room.closed) return html`<p role="status">${t("session.closed")}</p>`;
    if (room.phase === "pause" || room.step?.kind === "pause") return html`<p class="session-pause">${t("session.paused")}</p>`;
    const poll = room.poll;
    return html`${stepText(room)}
      ${poll && poll.open && room.phase === "answer" ? answerForm(poll.poll) : nothing}
      ${poll && !poll.open && !poll.tally ? html`<h2 class="poll-question">${poll.poll.question}</h2><p>${t("session.pollClosed")}</p>` : nothing}
      ${poll?.tally ? html`<section class="session-results" aria-labelledby="results-title"><h2 id="results-title">${t("session.results")}</h2>${results(poll.poll, poll.tally, false)}</section>` : nothing}
      ${!room.step ? html`<p>${t("session.waiting")}</p>` : nothing}
      ${store ? participantRoom(store, room, refresh) : nothing}`;
  };

  const page = (): TemplateResult => {
    const room = store?.room ?? null;
    const seconds = room && store ? remainingSeconds(room.timer, store.clock.now()) : null;
    return html`<h1>${entry?.title ?? t("session.joinTitle")}</h1>
      ${error ? html`<p class="error" role="alert">${error}</p>` : nothing}
      ${store ? connectionStatus(store.connection, store.unsent) : nothing}
      ${store?.failure ? html`<p class="error" role="alert">${localise(store.failure.message)}</p>` : nothing}
      ${store?.refusal ? html`<p class="error" role="alert">${localise(store.refusal.message)}</p>` : nothing}
      ${nameForm()}
      ${seconds !== null ? html`<p class="session-timer">${t("session.timeLeft", { time: clock(seconds) })}</p>` : nothing}
      ${room ? current(room) : !error ? html`<p role="status">${t("loading")}</p>` : nothing}
      <p class="visually-hidden" aria-live="polite" id="answer-note">${sentNote}</p>
      <p class="visually-hidden" aria-live="polite" id="results-note">${resultsNote}</p>`;
  };

  // The timer is drawn from the server's end time: redraw once a second while one runs.
  const tick = setInterval(() => {
    if (store?.room?.timer.endsAt) refresh();
  }, 1000);
  refresh();
  void start();
  return {
    refresh,
    store: () => store,
    dispose: () => {
      clearInterval(tick);
      if (announceTimer) clearTimeout(announceTimer);
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Projector (/sessions/{id}/projector)

export function mountProjector(main: HTMLElement, store: SessionStore): MountedSession {
  const root = document.createElement("div");
  root.className = "session-projector";
  main.replaceChildren(root);
  const page = (): TemplateResult => {
    const room = store.room;
    if (store.failure) return html`<p class="error" role="alert">${localise(store.failure.message)}</p>`;
    if (!room) return html`<p role="status">${t("loading")}</p>`;
    document.title = `${room.title} — ${t("session.projector")}`;
    const seconds = remainingSeconds(room.timer, store.clock.now());
    const poll = room.poll;
    return html`<div class="projector-join">
        <img class="session-qr" src=${`/api/sessions/${store.sessionId}/qr`} alt=${t("session.qrAlt", { url: joinUrl(room.code) })} width="220" height="220" />
        <p>${t("session.goTo", { url: `${location.host}/s` })}</p>
        <p class="session-code" aria-label=${t("session.codeIs", { code: room.code.split("").join(" ") })}>${room.code}</p>
      </div>
      <h1>${room.title}</h1>
      ${seconds !== null ? html`<p class="session-timer">${t("session.timeLeft", { time: clock(seconds) })}</p>` : nothing}
      ${room.phase === "pause" || room.step?.kind === "pause"
        ? html`<p class="session-pause">${t("session.paused")}</p>`
        : html`${stepText(room)}
            ${poll ? html`<h2 class="poll-question">${poll.poll.question}</h2><p>${t("session.people", { count: room.participants })}</p>` : nothing}
            ${poll?.tally ? results(poll.poll, poll.tally, true) : nothing}`}`;
  };
  const refresh = () => render(page(), root);
  const off = store.subscribe(refresh);
  const tick = setInterval(() => {
    if (store.room?.timer.endsAt) refresh();
  }, 1000);
  refresh();
  return {
    refresh,
    dispose: () => {
      off();
      clearInterval(tick);
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Moderator (/sessions/{id})

export interface ModeratorContext {
  store: SessionStore;
  navigate(path: string): void;
  announce(text: string): void;
}

const POLL_KINDS: readonly PollKind[] = ["single", "multiple", "scale", "wordCloud", "openText"];
const PHASES: readonly SessionPhase[] = ["answer", "results", "pause"];
const STEP_KINDS: readonly StepKind[] = ["text", "poll", "pause"];

export function mountModerator(main: HTMLElement, ctx: ModeratorContext): MountedSession {
  const { store } = ctx;
  const root = document.createElement("div");
  root.className = "page session-moderator";
  main.replaceChildren(root);
  let pollKind: PollKind = "single";
  let timerNote = "";
  let warned = "";
  let formError: string | null = null;

  const staff = (): StaffView | null => store.staff;
  const go = (index: number) => {
    const s = staff();
    if (!s || index < 0 || index >= s.session.steps.length) return;
    store.submit({ type: "goToStep", index });
  };

  const lines = (value: FormDataEntryValue | null) => String(value ?? "").split("\n").map((l) => l.trim()).filter((l) => l.length > 0);

  const addPoll = (event: Event) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const question = String(data.get("question") ?? "").trim();
    const options = lines(data.get("options"));
    const statements = lines(data.get("statements"));
    const [min, max] = String(data.get("range") ?? "1-5").split("-").map(Number) as [number, number];
    if (question.length === 0) return fail(t("session.questionRequired"));
    if ((pollKind === "single" || pollKind === "multiple") && options.length < 2) return fail(t("session.optionsRequired"));
    if (pollKind === "scale" && statements.length < 1) return fail(t("session.statementsRequired"));
    const pollId = newId("p").replace(/_/g, "");
    store.submit({
      type: "addPoll",
      pollId,
      kind: pollKind,
      question,
      options: pollKind === "single" || pollKind === "multiple" ? options : [],
      maxChoices: pollKind === "multiple" ? Math.max(1, Math.min(options.length, Number(data.get("maxChoices") ?? options.length) || options.length)) : pollKind === "single" ? 1 : 0,
      statements: pollKind === "scale" ? statements : [],
      scaleMin: pollKind === "scale" ? min : 0,
      scaleMax: pollKind === "scale" ? max : 0,
      lowLabel: pollKind === "scale" ? String(data.get("lowLabel") ?? "").trim() : "",
      highLabel: pollKind === "scale" ? String(data.get("highLabel") ?? "").trim() : "",
      anonymous: data.get("anonymous") === "on",
      holdForApproval: data.get("hold") === "on",
      resultsShown: null,
    });
    // A poll is asked by a step: the new poll gets its own step at the end of the agenda.
    store.submit({ type: "addStep", stepId: newId("s"), title: question.slice(0, 200), kind: "poll", plannedMinutes: 5, text: "", notes: "", pollId, index: null });
    form.reset();
    formError = null;
    ctx.announce(t("session.pollAdded"));
    refresh();
  };

  const fail = (message: string) => {
    formError = message;
    refresh();
  };

  const addStep = (event: Event) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const title = String(data.get("title") ?? "").trim();
    if (title.length === 0) return fail(t("session.stepTitleRequired"));
    const kind = String(data.get("kind") ?? "text") as StepKind;
    const pollId = String(data.get("poll") ?? "");
    store.submit({
      type: "addStep",
      stepId: newId("s"),
      title,
      kind,
      plannedMinutes: Math.max(0, Math.min(600, Number(data.get("minutes") ?? 5) || 0)),
      text: String(data.get("text") ?? "").trim(),
      notes: String(data.get("notes") ?? "").trim(),
      pollId: kind === "poll" && pollId ? pollId : null,
      index: null,
    });
    form.reset();
    formError = null;
    refresh();
  };

  const startTimer = (event: Event) => {
    event.preventDefault();
    const minutes = Number(new FormData(event.target as HTMLFormElement).get("minutes") ?? 0);
    if (!(minutes > 0)) return;
    warned = "";
    store.submit({ type: "startTimer", seconds: Math.round(Math.min(minutes, 360) * 60) });
  };

  const timerPanel = (s: StaffView): TemplateResult => {
    const seconds = remainingSeconds(s.session.timer, store.clock.now());
    const running = s.session.timer.endsAt !== null;
    const paused = !running && s.session.timer.remaining !== null;
    return html`<section aria-labelledby="timer-title" class="session-panel">
      <h2 id="timer-title">${t("session.timer")}</h2>
      <p class="session-timer" id="timer-remaining">${seconds !== null ? t("session.timeLeft", { time: clock(seconds) }) : s.session.timer.expired ? t("session.timeUp") : t("session.noTimer")}</p>
      <form class="inline-form" @submit=${startTimer}>
        ${field("timer-minutes", t("session.minutes"), html`<input id="timer-minutes" name="minutes" type="number" min="1" max="360" value="5" inputmode="numeric" />`)}
        <button type="submit">${t("session.startTimer")}</button>
      </form>
      <div class="actions">
        ${running ? html`<button type="button" class="secondary" @click=${() => store.submit({ type: "pauseTimer" })}>${t("session.pauseTimer")}</button>` : nothing}
        ${paused ? html`<button type="button" class="secondary" @click=${() => store.submit({ type: "resumeTimer" })}>${t("session.resumeTimer")}</button>` : nothing}
        ${running || paused
          ? html`<button type="button" class="secondary" @click=${() => store.submit({ type: "extendTimer", seconds: 60 })}>${t("session.extendTimer")}</button>
              <button type="button" class="secondary" @click=${() => store.submit({ type: "stopTimer" })}>${t("session.stopTimer")}</button>`
          : nothing}
      </div>
      <p class="visually-hidden" aria-live="polite" id="timer-note">${timerNote}</p>
    </section>`;
  };

  const pollPanel = (s: StaffView, poll: Poll): TemplateResult => {
    const tally = s.tallies.find((x) => x.pollId === poll.id);
    const pending = s.pending.filter((p) => p.pollId === poll.id);
    const current = s.room.poll?.poll.id === poll.id;
    return html`<li class="session-poll ${current ? "current" : ""}" data-poll=${poll.id}>
      <h3>${poll.question}</h3>
      <p>${t(`session.kind.${poll.kind}` as TextKey)} · <span class="poll-count">${t("session.answers", { count: tally?.answers ?? 0 })}</span>
        ${poll.resultsShown ? html` · ${t("session.shown")}` : nothing}${poll.locked ? html` · ${t("session.locked")}` : nothing}</p>
      <div class="actions">
        <button type="button" class="secondary" aria-pressed=${poll.resultsShown ? "true" : "false"} @click=${() => store.submit({ type: "showResults", pollId: poll.id, shown: !poll.resultsShown })}>${t("session.reveal")}</button>
        <button type="button" class="secondary" aria-pressed=${poll.locked ? "true" : "false"} @click=${() => store.submit({ type: "lockPoll", pollId: poll.id, locked: !poll.locked })}>${t("session.lock")}</button>
        <button type="button" class="secondary" @click=${() => {
          if (confirm(t("session.resetConfirm"))) store.submit({ type: "resetPoll", pollId: poll.id });
        }}>${t("session.reset")}</button>
      </div>
      ${pending.length > 0
        ? html`<h4>${t("session.pending")}</h4>
            <ul class="pending-answers">
              ${repeat(
                pending,
                (p) => p.answerId,
                (p) => html`<li>
                  <span>${p.text || p.words.join(", ")}</span>${p.name ? html` <span class="hint">(${p.name})</span>` : nothing}
                  <button type="button" @click=${() => store.submit({ type: "approveAnswer", pollId: poll.id, answerId: p.answerId })}>${t("session.approve")}</button>
                  <button type="button" class="secondary" @click=${() => store.submit({ type: "rejectAnswer", pollId: poll.id, answerId: p.answerId })}>${t("session.reject")}</button>
                </li>`,
              )}
            </ul>`
        : nothing}
      ${tally && tally.answers > 0 ? html`<details><summary>${t("session.results")}</summary>${results(poll, tally, false)}</details>` : nothing}
    </li>`;
  };

  const pollForm = (s: StaffView): TemplateResult => html`<form class="session-add-poll" @submit=${addPoll}>
    ${field(
      "poll-kind",
      t("session.pollKind"),
      html`<select id="poll-kind" name="kind" @change=${(e: Event) => ((pollKind = (e.target as HTMLSelectElement).value as PollKind), refresh())}>
        ${POLL_KINDS.map((k) => html`<option value=${k} ?selected=${k === pollKind}>${t(`session.kind.${k}` as TextKey)}</option>`)}
      </select>`,
    )}
    ${field("poll-question", t("session.question"), html`<input id="poll-question" name="question" maxlength="300" />`)}
    ${pollKind === "single" || pollKind === "multiple"
      ? field("poll-options", t("session.options"), html`<textarea id="poll-options" name="options" rows="4" aria-describedby="poll-options-hint"></textarea>`, t("session.onePerLine"))
      : nothing}
    ${pollKind === "multiple" ? field("poll-max", t("session.maxChoices"), html`<input id="poll-max" name="maxChoices" type="number" min="1" max="20" value="2" />`) : nothing}
    ${pollKind === "scale"
      ? html`${field("poll-statements", t("session.statements"), html`<textarea id="poll-statements" name="statements" rows="3" aria-describedby="poll-statements-hint"></textarea>`, t("session.onePerLine"))}
          ${field(
            "poll-range",
            t("session.range"),
            html`<select id="poll-range" name="range"><option value="1-5">1–5</option><option value="1-7">1–7</option><option value="0-10">0–10</option></select>`,
          )}
          ${field("poll-low", t("session.lowLabel"), html`<input id="poll-low" name="lowLabel" maxlength="60" />`)}
          ${field("poll-high", t("session.highLabel"), html`<input id="poll-high" name="highLabel" maxlength="60" />`)}`
      : nothing}
    <label class="choice"><input type="checkbox" name="anonymous" /> ${t("session.anonymous")}</label>
    ${pollKind === "wordCloud" || pollKind === "openText" ? html`<label class="choice"><input type="checkbox" name="hold" /> ${t("session.hold")}</label>` : nothing}
    <button type="submit" ?disabled=${s.session.polls.length >= 100}>${t("session.addPoll")}</button>
  </form>`;

  const stepForm = (s: StaffView): TemplateResult => html`<form class="session-add-step" @submit=${addStep}>
    ${field("step-title", t("session.stepTitle"), html`<input id="step-title" name="title" maxlength="200" />`)}
    ${field("step-kind", t("session.stepKind"), html`<select id="step-kind" name="kind">${STEP_KINDS.map((k) => html`<option value=${k}>${t(`session.stepKind.${k}` as TextKey)}</option>`)}</select>`)}
    ${field("step-text", t("session.stepText"), html`<textarea id="step-text" name="text" rows="3" maxlength="4000"></textarea>`)}
    ${field("step-notes", t("session.notes"), html`<textarea id="step-notes" name="notes" rows="2" maxlength="4000" aria-describedby="step-notes-hint"></textarea>`, t("session.notesHint"))}
    ${s.session.polls.length > 0
      ? field("step-poll", t("session.stepPoll"), html`<select id="step-poll" name="poll"><option value="">—</option>${s.session.polls.map((p) => html`<option value=${p.id}>${p.question}</option>`)}</select>`)
      : nothing}
    ${field("step-minutes", t("session.plannedMinutes"), html`<input id="step-minutes" name="minutes" type="number" min="0" max="600" value="5" />`)}
    <button type="submit">${t("session.addStep")}</button>
  </form>`;

  const page = (): TemplateResult => {
    if (store.failure) return html`<h1>${t("session.title")}</h1><p class="error" role="alert">${localise(store.failure.message)}</p>`;
    const s = staff();
    if (!s) return html`<p role="status">${t("loading")}</p>`;
    const session = s.session;
    document.title = `${session.title} — ${t("appName")}`;
    const current = session.currentStep;
    const present = session.participants.filter((p) => !p.removed).length;
    return html`<h1>${session.title}</h1>
      ${connectionStatus(store.connection, store.unsent)}
      ${store.refusal ? html`<p class="error" role="alert">${localise(store.refusal.message)}</p>` : nothing}
      <section class="session-join" aria-labelledby="join-title">
        <h2 id="join-title">${t("session.howToJoin")}</h2>
        <p>${t("session.goTo", { url: `${location.host}/s` })}</p>
        <p class="session-code" id="session-code-shown" aria-label=${t("session.codeIs", { code: session.code.split("").join(" ") })}>${session.code}</p>
        ${session.closed ? nothing : html`<img class="session-qr" src=${`/api/sessions/${session.id}/qr`} alt=${t("session.qrAlt", { url: joinUrl(session.code) })} width="180" height="180" />`}
        <p><span id="participant-count">${t("session.people", { count: present })}</span> · <a href="/sessions/${session.id}/projector" target="_blank" rel="noopener">${t("session.openProjector")}</a>
          · <a href="/sessions/${session.id}/summary">${t("sessionReport.open")}</a></p>
      </section>
      ${staffPanel.render(s)}
      <section aria-labelledby="phase-title" class="session-panel">
        <h2 id="phase-title">${t("session.phase")}</h2>
        <div class="actions" role="group" aria-labelledby="phase-title">
          ${PHASES.map((p) => html`<button type="button" class=${session.phase === p ? "" : "secondary"} aria-pressed=${session.phase === p ? "true" : "false"} @click=${() => store.submit({ type: "setPhase", phase: p })}>${t(`session.phase.${p}` as TextKey)}</button>`)}
        </div>
      </section>
      ${timerPanel(s)}
      <section aria-labelledby="agenda-title" class="session-panel">
        <h2 id="agenda-title">${t("session.agenda")}</h2>
        <p class="hint">${t("session.shortcuts")}</p>
        <div class="actions">
          <button type="button" class="secondary" ?disabled=${current <= 0} @click=${() => go(current - 1)}>${t("session.previous")}</button>
          <button type="button" ?disabled=${current >= session.steps.length - 1} @click=${() => go(current + 1)}>${t("session.next")}</button>
          <button type="button" class="secondary" @click=${() => store.submit({ type: "bringEveryone" })}>${t("session.bringEveryone")}</button>
        </div>
        ${session.steps.length === 0
          ? html`<p>${t("session.noSteps")}</p>`
          : agenda.render(s)}
        <details>
          <summary>${t("session.addStep")}</summary>
          ${stepForm(s)}
        </details>
      </section>
      <section aria-labelledby="polls-title" class="session-panel">
        <h2 id="polls-title">${t("session.polls")}</h2>
        ${formError ? html`<p class="error" role="alert">${formError}</p>` : nothing}
        <ul class="session-polls">${repeat(session.polls, (p) => p.id, (p) => pollPanel(s, p))}</ul>
        <h3>${t("session.newPoll")}</h3>
        ${pollForm(s)}
      </section>
      ${staffRoom(store, s)}`;
  };

  const refresh = () => {
    render(page(), root);
    agenda.afterRender(root, staff()?.seq ?? 0);
  };
  const agenda = new AgendaEditor({ submit: (op) => store.submit(op), go, refresh, announce: ctx.announce });
  const staffPanel = new StaffPanel({
    role: () => store.role,
    candidates: (id) => api.sessionCandidates(id),
    submit: (op) => store.submit(op),
    refresh,
    announce: ctx.announce,
  });

  // The timer's warnings: once at five minutes and once at one, as text in a polite live region.
  const tick = () => {
    const s = staff();
    if (!s) return;
    const seconds = remainingSeconds(s.session.timer, store.clock.now());
    if (s.session.timer.endsAt && seconds !== null) {
      const mark = seconds <= 60 ? "1" : seconds <= 300 ? "5" : "";
      if (mark !== "" && mark !== warned) {
        // Started already under the mark: no warning for a mark passed before it started.
        warned = mark;
        timerNote = mark === "1" ? t("session.oneMinute") : t("session.fiveMinutes");
      } else if (mark === "") warned = "";
      refresh();
    }
  };
  const interval = setInterval(tick, 1000);

  const keys = (event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target as HTMLElement | null;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    const s = staff();
    if (!s) return;
    if (event.key === "ArrowRight" || event.key === "PageDown" || event.key === "n") {
      event.preventDefault();
      go(s.session.currentStep + 1);
    } else if (event.key === "ArrowLeft" || event.key === "PageUp" || event.key === "p") {
      event.preventDefault();
      go(s.session.currentStep - 1);
    }
  };
  document.addEventListener("keydown", keys);
  const off = store.subscribe(refresh);
  refresh();
  return {
    refresh,
    dispose: () => {
      off();
      clearInterval(interval);
      document.removeEventListener("keydown", keys);
    },
  };
}
