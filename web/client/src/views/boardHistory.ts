// A board's history (issue 16): the recent operations, newest first — who did what, when — read when the person opens
// the panel, in the same plain sentences the screen reader hears for others' changes (stores/boardStore.ts describe).

import { html, nothing, type TemplateResult } from "lit-html";
import { repeat } from "lit-html/directives/repeat.js";
import { formatDateTime, localise, t } from "../i18n";
import type { Board, BoardOp, Committed } from "../protocol";
import { describe } from "../stores/boardStore";

export interface HistoryState {
  ops: Committed<BoardOp>[] | null;
  busy: boolean;
  failed: string | null;
}

export const NO_HISTORY: HistoryState = { ops: null, busy: false, failed: null };

/** The panel: a disclosure that reads the history each time it is opened. */
export function historyPanel(board: Board, state: HistoryState, load: () => void): TemplateResult {
  const toggled = (e: Event) => {
    if ((e.currentTarget as HTMLDetailsElement).open) load();
  };
  return html`<details class="board-history" @toggle=${toggled}>
    <summary>${t("board.history")}</summary>
    <p class="error" role="alert" ?hidden=${state.failed === null}>${state.failed ?? nothing}</p>
    ${state.ops === null
      ? html`<p aria-live="polite">${state.busy ? t("loading") : ""}</p>`
      : state.ops.length === 0
        ? html`<p class="muted">${t("board.historyEmpty")}</p>`
        : html`<ol class="history-list" tabindex="0" aria-label=${t("board.history")}>
            ${repeat(
              state.ops,
              (c) => c.seq,
              (c) => {
                const said = describe(board, board, c.op, c.actorName ?? t("someone"));
                return html`<li><span>${t(said.key, said.params)}</span> <time class="muted" datetime=${c.at}>${formatDateTime(c.at)}</time></li>`;
              },
            )}
          </ol>`}
  </details>`;
}

/** Reads the history into `state` and redraws; the person's newest request wins. */
export async function loadHistory(state: HistoryState, read: () => Promise<Committed<BoardOp>[]>, redraw: () => void): Promise<void> {
  state.busy = true;
  state.failed = null;
  redraw();
  try {
    state.ops = await read();
  } catch (e) {
    state.failed = localise(e instanceof Error ? e.message : String(e));
  }
  state.busy = false;
  redraw();
}
