// "Til mig": what waits for the signed-in person across their partnerships — their cards (nearest due first), the
// agreements waiting for their side's approval, the invitations they sent that are still open — and the daily mail.
// Read again every 30 s while the tab is visible and at once when it becomes visible: cheap, and live enough for a list
// that changes when someone else moves a card.

import { html, nothing, render } from "lit-html";
import { repeat } from "lit-html/directives/repeat.js";
import { ApiError } from "../api";
import { formatDay, localise, t, type TextKey } from "../i18n";
import type { DigestSettings, ForMeList, MyCard } from "../protocol";
import { link } from "./shell";

export interface ForMeActions {
  navigate(path: string): void;
  waiting(): Promise<ForMeList>;
  digest(): Promise<DigestSettings>;
  setDigest(enabled: boolean): Promise<DigestSettings>;
}

const REFRESH_MS = 30_000;
const SOON_DAYS = 7;

/** "Forfalden", "Snart" or nothing: a card's due date against now. */
export function dueState(card: Pick<MyCard, "dueAt">, now: Date): "overdue" | "soon" | null {
  if (!card.dueAt) return null;
  const due = new Date(card.dueAt).getTime();
  if (due < now.getTime()) return "overdue";
  return due - now.getTime() <= SOON_DAYS * 86_400_000 ? "soon" : null;
}

export function mountForMe(main: HTMLElement, actions: ForMeActions): { refresh(): void; dispose(): void } {
  let list: ForMeList | null = null;
  let digest: DigestSettings | null = null;
  let error: string | null = null;
  let digestError: string | null = null;
  let digestBusy = false;
  let disposed = false;

  const load = async () => {
    try {
      [list, digest] = await Promise.all([actions.waiting(), digest === null ? actions.digest() : Promise.resolve(digest)]);
      error = null;
    } catch (e) {
      error = e instanceof ApiError ? localise(e.message) : String(e);
    }
    if (!disposed) draw();
  };

  const toggleDigest = async (event: Event) => {
    const box = event.currentTarget as HTMLInputElement;
    digestBusy = true;
    digestError = null;
    draw();
    try {
      digest = await actions.setDigest(box.checked);
    } catch (e) {
      digestError = e instanceof ApiError ? localise(e.message) : String(e);
      box.checked = digest?.enabled ?? false;
    }
    digestBusy = false;
    draw();
  };

  const cardItem = (c: MyCard) => {
    const state = dueState(c, new Date());
    return html`<li>
      <a href="/boards/${c.boardId}" @click=${link(actions.navigate, `/boards/${c.boardId}`)}>${c.title}</a>
      <span class="muted">${c.boardName} · ${c.partnershipName} · ${c.columnTitle}</span>
      ${c.dueAt
        ? html`<span class=${state === "overdue" ? "badge missing" : "badge muted-badge"}>${state === "overdue" ? t("forMe.overdue") : t("forMe.due")}
            ${formatDay(c.dueAt)}</span>`
        : nothing}
    </li>`;
  };

  const draw = () => {
    const l = list;
    render(
      html`<div class="page for-me">
        <h1>${t("forMe.title")}</h1>
        <p>${t("forMe.intro")}</p>
        <p class="error" role="alert" ?hidden=${error === null}>${error ?? nothing}</p>
        ${l === null
          ? html`<p aria-live="polite">${t("loading")}</p>`
          : html`
              <section aria-labelledby="for-me-cards">
                <h2 id="for-me-cards">${t("forMe.cards", { count: l.cards.length })}</h2>
                ${l.cards.length === 0
                  ? html`<p class="muted">${t("forMe.noCards")}</p>`
                  : html`<ul class="for-me-list">${repeat(l.cards, (c) => `${c.boardId}/${c.cardId}`, cardItem)}</ul>`}
              </section>
              <section aria-labelledby="for-me-agreements">
                <h2 id="for-me-agreements">${t("forMe.agreements")}</h2>
                ${l.agreements.length === 0
                  ? html`<p class="muted">${t("forMe.noAgreements")}</p>`
                  : html`<ul class="for-me-list">
                      ${repeat(
                        l.agreements,
                        (a) => a.partnershipId,
                        (a) => html`<li>
                          <a href="/partnerships/${a.partnershipId}/agreement" @click=${link(actions.navigate, `/partnerships/${a.partnershipId}/agreement`)}
                            >${t("forMe.agreementOf", { name: a.partnershipName })}</a
                          >
                          <span class="muted">${a.otherSideApproved ? t("forMe.otherSideApproved") : t("forMe.waitsFor", { party: t(`agreement.partyGen.${a.party}` as TextKey) })}</span>
                        </li>`,
                      )}
                    </ul>`}
              </section>
              <section aria-labelledby="for-me-invites">
                <h2 id="for-me-invites">${t("forMe.invites")}</h2>
                ${l.invites.length === 0
                  ? html`<p class="muted">${t("forMe.noInvites")}</p>`
                  : html`<ul class="for-me-list">
                      ${repeat(
                        l.invites,
                        (i) => i.inviteId,
                        (i) => html`<li>
                          <a href="/partnerships/${i.partnershipId}#people" @click=${link(actions.navigate, `/partnerships/${i.partnershipId}#people`)}>${i.partnershipName}</a>
                          <span class="muted">${i.addressedTo ?? t("forMe.linkInvite")} · ${t("forMe.expires", { date: formatDay(i.expiresAt) })}</span>
                        </li>`,
                      )}
                    </ul>`}
              </section>`}
        <section aria-labelledby="for-me-digest">
          <h2 id="for-me-digest">${t("forMe.digestTitle")}</h2>
          <p>${t("forMe.digestLead")}</p>
          <p class="error" role="alert" ?hidden=${digestError === null}>${digestError ?? nothing}</p>
          <label class="check"
            ><input type="checkbox" name="digest" .checked=${digest?.enabled ?? false} ?disabled=${digest === null || digestBusy} @change=${toggleDigest} />
            ${t("forMe.digestToggle")}</label
          >
          ${digest?.enabled && digest.email ? html`<p class="muted">${t("forMe.digestTo", { email: digest.email })}</p>` : nothing}
        </section>
      </div>`,
      main,
    );
  };

  const visible = () => {
    if (document.visibilityState === "visible") void load();
  };
  const timer = window.setInterval(() => {
    if (document.visibilityState === "visible") void load();
  }, REFRESH_MS);
  document.addEventListener("visibilitychange", visible);
  draw();
  void load();
  return {
    refresh: draw,
    dispose: () => {
      disposed = true;
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", visible);
    },
  };
}

/** The page a digest's unsubscribe link opens: one button, so a mail scanner that follows links stops nothing. */
export function renderUnsubscribe(main: HTMLElement, token: string, unsubscribe: (token: string) => Promise<void>): void {
  let state: "ask" | "busy" | "done" | "failed" = "ask";
  const submit = async (event: Event) => {
    event.preventDefault();
    state = "busy";
    draw();
    try {
      await unsubscribe(token);
      state = "done";
    } catch {
      state = "failed";
    }
    draw();
    main.querySelector<HTMLElement>("[role=status], [role=alert]")?.focus();
  };
  const draw = () =>
    render(
      html`<div class="page">
        <h1>${t("forMe.unsubscribeTitle")}</h1>
        ${state === "done"
          ? html`<p role="status" tabindex="-1">${t("forMe.unsubscribed")}</p>`
          : state === "failed"
            ? html`<p class="error" role="alert" tabindex="-1">${t("forMe.unsubscribeFailed")}</p>`
            : html`<form @submit=${submit}>
                <p>${t("forMe.unsubscribeLead")}</p>
                <div class="actions"><button type="submit" ?disabled=${state === "busy"}>${t("forMe.unsubscribe")}</button></div>
              </form>`}
      </div>`,
      main,
    );
  draw();
}
