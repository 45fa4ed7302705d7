// Q&A and raised hands in a live session (issue 14, decision 022): the participant's part of the phone page and the
// moderators' panel. Both render views only: the room's list is already in the one order the grain decided, and a
// participant finds their own hand by the hand id their page chose. Votes are sent as states ({up}), so a retry
// counts once.

import { html, nothing, type TemplateResult } from "lit-html";
import { repeat } from "lit-html/directives/repeat.js";
import { newId } from "../ids";
import { t } from "../i18n";
import type { QuestionState, RoomView, StaffView } from "../generated/contracts";
import type { SessionStore } from "../stores/sessionStore";
import { field } from "./widgets";

/** What this page remembers of its own: votes, questions asked, the raised hand (seeded from SessionOpened.work). */
interface Own {
  upvoted: Set<string>;
  asked: Map<string, QuestionState>;
  handId: string | null;
  seeded: boolean;
}

const owns = new WeakMap<SessionStore, Own>();

function ownOf(store: SessionStore): Own {
  let own = owns.get(store);
  if (!own) {
    own = { upvoted: new Set(), asked: new Map(), handId: null, seeded: false };
    owns.set(store, own);
  }
  if (!own.seeded && store.work) {
    store.work.upvoted.forEach((id) => own!.upvoted.add(id));
    store.work.asked.forEach((q) => own!.asked.set(q.id, q.state));
    own.handId = store.work.handId;
    own.seeded = true;
  }
  return own;
}

/** The participant's questions and hand, below the current step. */
export function participantRoom(store: SessionStore, room: RoomView, refresh: () => void): TemplateResult | typeof nothing {
  const qa = room.qa;
  const hands = room.hands;
  if (!qa || !hands || room.closed) return nothing;
  const own = ownOf(store);
  const published = new Set(qa.questions.map((q) => q.id));
  const waiting = [...own.asked.entries()].some(([id, state]) => state === "pending" && !published.has(id));
  const ask = (event: Event) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const text = String(data.get("question") ?? "").trim();
    if (text.length === 0) return;
    const questionId = newId("q").replace(/-/g, "_");
    own.asked.set(questionId, "pending");
    store.submit({ type: "submitQuestion", questionId, text, anonymous: data.get("anonymous") === "on" });
    form.reset();
    refresh();
  };
  const vote = (id: string) => {
    const up = !own.upvoted.has(id);
    if (up) own.upvoted.add(id);
    else own.upvoted.delete(id);
    store.submit({ type: "upvoteQuestion", questionId: id, up });
    refresh();
  };
  const position = own.handId ? hands.queue.indexOf(own.handId) + 1 : 0;
  const speaking = own.handId !== null && hands.speaking === own.handId;
  const raise = () => {
    own.handId = newId("h").replace(/-/g, "_");
    store.submit({ type: "raiseHand", handId: own.handId });
    refresh();
  };
  const lower = () => {
    own.handId = null;
    store.submit({ type: "lowerHand" });
    refresh();
  };
  return html`<section class="session-panel session-hands" aria-labelledby="hands-title">
      <h2 id="hands-title">${t("hands.title")}</h2>
      <p role="status">${speaking ? t("hands.speaking") : position > 0 ? t("hands.position", { n: position }) : t("hands.count", { count: hands.queue.length })}</p>
      ${position > 0 ? html`<button type="button" class="secondary" @click=${lower}>${t("hands.lower")}</button>` : html`<button type="button" @click=${raise}>${t("hands.raise")}</button>`}
    </section>
    <section class="session-panel session-qa" aria-labelledby="qa-title">
      <h2 id="qa-title">${t("qa.title")}</h2>
      ${qa.open
        ? html`<form class="qa-form" @submit=${ask}>
            ${field("qa-question", t("qa.ask"), html`<textarea id="qa-question" name="question" rows="2" maxlength="300"></textarea>`)}
            ${qa.allowAnonymous ? html`<label class="choice"><input type="checkbox" name="anonymous" /> ${t("qa.anonymous")}</label>` : nothing}
            <button type="submit">${t("qa.send")}</button>
          </form>`
        : html`<p>${t("qa.closed")}</p>`}
      ${waiting ? html`<p class="hint" role="status">${t("qa.waiting")}</p>` : nothing}
      ${qa.questions.length === 0
        ? html`<p>${t("qa.none")}</p>`
        : html`<ol class="qa-list">
            ${repeat(
              qa.questions,
              (q) => q.id,
              (q) => html`<li class=${q.id === qa.current ? "current" : ""}>
                <p>${q.text}${q.name ? html` <span class="hint">(${q.name})</span>` : nothing}</p>
                ${q.id === qa.current ? html`<strong>${t("qa.answering")}</strong>` : nothing}
                ${q.answered ? html`<span class="hint">${t("qa.answered")}</span>` : nothing}
                ${q.reply ? html`<p class="hint">${t("qa.reply", { text: q.reply })}</p>` : nothing}
                <button type="button" class="secondary" aria-pressed=${own.upvoted.has(q.id) ? "true" : "false"} aria-label=${t("qa.upvote", { text: q.text })}
                  ?disabled=${q.answered} @click=${() => vote(q.id)}>▲ ${t("qa.votes", { count: q.votes })}</button>
              </li>`,
            )}
          </ol>`}
    </section>`;
}

/** The moderators' Q&A and hands panel. */
export function staffRoom(store: SessionStore, staff: StaffView): TemplateResult | typeof nothing {
  const qa = staff.qa;
  const hands = staff.hands;
  if (!qa || !hands) return nothing;
  const settings = qa.settings;
  const toggle = (key: "open" | "allowAnonymous" | "moderated" | "filter") => store.submit({ type: "setQa", settings: { ...settings, [key]: !settings[key] } });
  const rule = (key: "alternate" | "preferNew") => store.submit({ type: "setHandRules", rules: { ...hands.rules, [key]: !hands.rules[key] } });
  const moderate = (questionId: string, state: QuestionState) => store.submit({ type: "moderateQuestion", questionId, state });
  const stateText = (state: QuestionState) =>
    state === "pending" ? t("qa.pendingState") : state === "hidden" ? t("qa.hiddenState") : state === "answered" ? t("qa.answered") : "";
  return html`<section class="session-panel" aria-labelledby="staff-hands-title">
      <h2 id="staff-hands-title">${t("hands.title")}</h2>
      ${hands.speaking ? html`<p>${t("hands.speaker", { name: hands.speaking.name || "—" })}</p>` : nothing}
      <div class="actions">
        <button type="button" @click=${() => store.submit({ type: "nextSpeaker", expected: hands.queue[0]?.handId ?? null })}>${t("hands.next")}</button>
        <button type="button" class="secondary" ?disabled=${hands.queue.length === 0} @click=${() => store.submit({ type: "lowerHands", handId: null })}>${t("hands.lowerAll")}</button>
      </div>
      <label class="choice"><input type="checkbox" .checked=${hands.rules.alternate} @change=${() => rule("alternate")} /> ${t("hands.alternate")}</label>
      <label class="choice"><input type="checkbox" .checked=${hands.rules.preferNew} @change=${() => rule("preferNew")} /> ${t("hands.preferNew")}</label>
      <ol class="hand-queue">
        ${repeat(
          hands.queue,
          (h) => h.handId,
          (h) => html`<li><span>${h.name || "—"}</span>
            <button type="button" class="secondary" @click=${() => store.submit({ type: "lowerHands", handId: h.handId })}>${t("hands.lowerOne", { name: h.name || "—" })}</button></li>`,
        )}
      </ol>
    </section>
    <section class="session-panel" aria-labelledby="staff-qa-title">
      <h2 id="staff-qa-title">${t("qa.title")}</h2>
      <label class="choice"><input type="checkbox" .checked=${settings.open} @change=${() => toggle("open")} /> ${t("qa.open")}</label>
      <label class="choice"><input type="checkbox" .checked=${settings.moderated} @change=${() => toggle("moderated")} /> ${t("qa.moderated")}</label>
      <label class="choice"><input type="checkbox" .checked=${settings.allowAnonymous} @change=${() => toggle("allowAnonymous")} /> ${t("qa.allowAnonymous")}</label>
      <label class="choice"><input type="checkbox" .checked=${settings.filter} @change=${() => toggle("filter")} /> ${t("qa.filter")}</label>
      ${qa.questions.length === 0
        ? html`<p>${t("qa.none")}</p>`
        : html`<ol class="qa-list">
            ${repeat(
              qa.questions,
              (q) => q.id,
              (q) => html`<li class=${q.id === qa.current ? "current" : ""}>
                <p>${q.text}${q.name ? html` <span class="hint">(${q.name})</span>` : nothing}
                  <span class="hint">${t("qa.votes", { count: q.votes })}${stateText(q.state) ? ` · ${stateText(q.state)}` : ""}${q.flagged ? ` · ${t("qa.flagged")}` : ""}</span></p>
                <div class="actions">
                  ${q.state !== "published" ? html`<button type="button" @click=${() => moderate(q.id, "published")}>${q.state === "pending" ? t("qa.publish") : t("qa.restore")}</button>` : nothing}
                  ${q.state === "published" && q.id !== qa.current ? html`<button type="button" class="secondary" @click=${() => store.submit({ type: "answerNow", questionId: q.id })}>${t("qa.answerNow")}</button>` : nothing}
                  ${q.state === "published" ? html`<button type="button" class="secondary" @click=${() => moderate(q.id, "answered")}>${t("qa.markAnswered")}</button>` : nothing}
                  ${q.state !== "hidden" ? html`<button type="button" class="secondary" @click=${() => moderate(q.id, "hidden")}>${t("qa.hide")}</button>` : nothing}
                </div>
              </li>`,
            )}
          </ol>`}
    </section>`;
}
