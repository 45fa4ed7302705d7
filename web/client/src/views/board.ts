// The board screen: columns and cards, drag and drop with a keyboard alternative on every card ("Flyt …"),
// presence, the connection banner and refusals. It renders the store's view with lit-html, keyed by column and card
// id, so the elements a person is using (an input with a draft, an open menu, the card being dragged) stay as they
// are while others' changes arrive; and it turns gestures into ops.

import { html, nothing, render, type TemplateResult } from "lit-html";
import { repeat } from "lit-html/directives/repeat.js";
import { lang, localise, t, type TextKey } from "../i18n";
import type { Board, BoardOp, Card, CardSearchHit, Column, Committed, Me, Side } from "../protocol";
import { newId } from "../ids";
import { BoardLimits } from "../protocol";
import type { BoardStore } from "../stores/boardStore";
import { cardMatches, isFiltering, labelsOf, NO_FILTER, type BoardFilter } from "../stores/boardFilter";
import { sidesOf } from "../stores/partnershipStore";
import { parseEditing } from "../text/textClient";
import { autoScrollList, autoScrollStrip, cardDragAndDrop, columnDragAndDrop, watchBoardDrags, type Dragging } from "./boardDrag";
import { historyPanel, loadHistory, NO_HISTORY, type HistoryState } from "./boardHistory";
import { openCardEditor } from "./cardEditor";
import { attach } from "./directives";
import { link } from "./shell";
import { avatar, connectionStatus, presenceRow } from "./widgets";

export interface BoardViewContext {
  store: BoardStore;
  me: Me;
  partnershipName: string;
  navigate(path: string): void;
  announce(text: string): void;
  /** Cards matching a query on every board of the partnership the person may read (the server decides which). */
  searchCards(partnershipId: string, query: string): Promise<CardSearchHit[]>;
  history(boardId: string): Promise<Committed<BoardOp>[]>;
}

/** The search across the partnership's boards: the last query and what it found (null: not searched yet). */
interface SearchState {
  query: string;
  hits: CardSearchHit[] | null;
  busy: boolean;
  failed: string | null;
}

export interface MountedBoard {
  /** Renders again (the language changed). */
  refresh(): void;
  dispose(): void;
}

/** What the view keeps besides the store: the drag in progress, and the card to focus after a menu move. */
interface ViewState {
  dragging: Dragging | null;
  /** The person's own filters: they change what this screen shows, never the board. */
  filter: BoardFilter;
  search: SearchState;
  /** Whether the tools are shown: always on a wide screen; on a phone they fold away behind one line. */
  toolsOpen: boolean;
  history: HistoryState;
  redraw(): void;
  submit(op: BoardOp): void;
  /** Moves a card from its "Flyt" menu; focus follows the card to its new place. */
  moveFromMenu(cardId: string, toColumnId: string, index: number): void;
}

/** Renders the board into main and keeps it current. */
export function mountBoard(main: HTMLElement, ctx: BoardViewContext): MountedBoard {
  const { store } = ctx;
  const root = document.createElement("div");
  root.className = "board-page";
  main.replaceChildren(root);
  let scheduled = false;
  let titled = false;
  let focusCard: string | null = null;

  const view: ViewState = {
    dragging: null,
    filter: NO_FILTER,
    search: { query: "", hits: null, busy: false, failed: null },
    toolsOpen: !matchMedia("(max-width: 600px)").matches,
    history: { ...NO_HISTORY },
    redraw: () => schedule(),
    submit: (op) => void store.submit(op),
    moveFromMenu: (cardId, toColumnId, index) => {
      focusCard = cardId;
      store.submit({ type: "moveCard", cardId, toColumnId, index });
    },
  };

  const draw = () => {
    scheduled = false;
    if (store.failure) document.querySelectorAll<HTMLDialogElement>("dialog.card-editor").forEach((d) => d.close());
    render(boardPage(ctx, view), root);
    const board = store.view;
    if (board && !titled) {
      document.title = `${board.name} — ${t("appName")}`;
      titled = true;
      // A search hit on another board links here with ?card=: that card opens once the board is in.
      const wanted = new URLSearchParams(location.search).get("card");
      if (wanted && board.cards[wanted]) queueMicrotask(() => openCardEditor(ctx, wanted));
    }
    if (focusCard !== null) {
      // A moved card is a new element in its new column (or a moved one in its own): the menu's summary takes focus.
      const card = root.querySelector<HTMLElement>(`li.card[data-card-id="${CSS.escape(focusCard)}"]`);
      if (card && !card.contains(document.activeElement)) card.querySelector<HTMLElement>(".move-menu summary")?.focus();
      focusCard = null;
    }
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(draw);
  };

  const unwatch = watchBoardDrags(
    () => store.view,
    (dragging) => {
      view.dragging = dragging;
      schedule();
    },
    view.submit,
  );
  const unsubscribe = store.subscribe(schedule);
  const unannounce = store.onAnnouncement((a) => ctx.announce(t(a.key, a.params)));
  draw();
  return {
    refresh: schedule,
    dispose: () => {
      unsubscribe();
      unannounce();
      unwatch();
      render(nothing, root); // lets lit detach the drag and drop of every card and column
    },
  };
}

function boardPage(ctx: BoardViewContext, view: ViewState): TemplateResult {
  const { store } = ctx;
  if (store.failure) return failure(ctx, store.failure);
  const board = store.view;
  const top = header(ctx, board);
  if (board === null) return html`${top}<p role="status">${t("loading")}</p>`;
  const visible = board.columns.filter((c) => !c.archived);
  const canWrite = canEdit(ctx);
  const drag = view.dragging;
  const columnMark = (id: string, i: number) => {
    if (drag?.kind !== "column" || drag.place === null) return "";
    if (drag.place.beforeId === id) return "column-drop-before";
    const last = visible.filter((c) => c.id !== drag.id).at(-1);
    return drag.place.beforeId === null && last?.id === id && i >= 0 ? "column-drop-after" : "";
  };
  return html`${top} ${tools(ctx, view, board)}
    <div
      class="columns ${drag ? "drag-active" : ""}"
      role="region"
      aria-label=${t("board.columns")}
      tabindex="0"
      ${attach("strip", autoScrollStrip)}
    >
      ${repeat(
        visible,
        (c) => c.id,
        (column, i) => columnView(ctx, view, board, column, i, visible, canWrite, columnMark(column.id, i)),
      )}
      ${canWrite && board.columns.length < BoardLimits.ColumnsMax ? addColumnForm(ctx) : nothing}
    </div>
    ${archive(ctx, board, canWrite)}`;
}

/**
 * The board cannot be shown: it does not exist or the person may not read it (the same answer, so an
 * outsider learns nothing), or access ended while it was open ("Revoked"). Nothing of the board stays on
 * screen and no control remains that could send a change.
 */
function failure(ctx: BoardViewContext, failure: { code: string; message: string }): TemplateResult {
  const revoked = failure.code === "forbidden";
  const lost = revoked || failure.code === "not_found";
  return html`<div class="page narrow board-failure">
    <h1 tabindex="-1">${lost ? t(revoked ? "boardRevokedTitle" : "boardNotFoundTitle") : t("board")}</h1>
    <p class="error" role="alert">${lost ? t(revoked ? "boardRevokedText" : "boardNotFoundText") : t("boardFailed", { reason: localise(failure.message) })}</p>
    <p><a href="/" @click=${link(ctx.navigate, "/")}>← ${t("myPartnerships")}</a></p>
  </div>`;
}

function canEdit(ctx: BoardViewContext): boolean {
  const mine = ctx.store.members.get(ctx.me.userId);
  return mine === undefined ? ctx.store.members.size === 0 : mine.role !== "observer";
}

function header(ctx: BoardViewContext, board: Board | null): TemplateResult {
  const { store } = ctx;
  const partnershipPath = board ? `/partnerships/${board.partnershipId}` : "/";
  return html`<div class="board-top">
    <div class="board-heading">
      <p class="crumbs"><a href=${partnershipPath} @click=${link(ctx.navigate, partnershipPath)}>← <span class="crumb-name">${ctx.partnershipName || t("back")}</span></a></p>
      <div class="board-title-row"><h1>${board?.name ?? t("board")}</h1>${board && canEdit(ctx) ? renameBoardMenu(ctx, board) : nothing}</div>
    </div>
    <div class="status-row">
      ${connectionStatus(store.connection, store.pending.length)}
      ${presenceRow(store.presenceList, ctx.me.userId, (p) => {
        // "cardId", or "cardId~anchor~head~seq" with a caret in its description.
        const editing = parseEditing(p.editing)?.item;
        const title = editing && board?.cards[editing] ? board.cards[editing]!.title : null;
        return title ? { title: t("editingCard", { name: p.displayName, title }), spoken: `, ${t("editingShort")} ${title}` } : null;
      })}
    </div>
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
  </div>`;
}

/** The sides a filter offers: those of the partnership's members. */
const SIDES: readonly Side[] = ["municipality", "voluntaryOrganisation", "volunteerCentre"];

/**
 * The tools above the columns: search across the partnership's boards, "Mine kort", filters by label, side and
 * owner, and the CSV export. Filters are the person's own: they hide cards on this screen only.
 */
function tools(ctx: BoardViewContext, view: ViewState, board: Board): TemplateResult {
  const { store } = ctx;
  const f = view.filter;
  const set = (change: Partial<BoardFilter>) => {
    view.filter = { ...view.filter, ...change };
    view.redraw();
  };
  const members = [...store.members.values()].sort((a, b) => a.displayName.localeCompare(b.displayName));
  const sides = SIDES.filter((side) => members.some((m) => m.side === side));
  const labels = labelsOf(board);
  const live = Object.values(board.cards).filter((c) => !c.archived);
  const shown = live.filter((c) => cardMatches(c, f, store.members, ctx.me.userId)).length;
  const active = [f.label !== null, f.side !== null, f.owner !== null].filter(Boolean).length;
  const choice = (value: string) => (value === "" ? null : value);
  const toggled = (e: Event) => {
    view.toolsOpen = (e.currentTarget as HTMLDetailsElement).open;
  };
  return html`<details class="tools-toggle" ?open=${view.toolsOpen} @toggle=${toggled}>
      <summary>${isFiltering(f) ? t("board.toolsActive", { count: active + (f.mine ? 1 : 0) }) : t("board.tools")}</summary>
      <div class="board-tools">
      <form class="board-search" role="search" aria-label=${t("board.searchLabel")} @submit=${(e: Event) => search(ctx, view, board, e)}>
        <label for="board-search" class="visually-hidden">${t("board.searchLabel")}</label>
        <input type="search" id="board-search" name="q" maxlength="100" autocomplete="off" placeholder=${t("board.searchPlaceholder")} />
        <button type="submit" class="secondary small">${t("board.search")}</button>
      </form>
      <button type="button" class="secondary small toggle" aria-pressed=${f.mine ? "true" : "false"} @click=${() => set({ mine: !f.mine })}>${t("board.mine")}</button>
      <details class="menu filters-menu">
        <summary>${active > 0 ? t("board.filtersActive", { count: active }) : t("board.filters")}</summary>
        <div class="menu-body">
          <label for="filter-label">${t("labels")}</label>
          <select id="filter-label" @change=${(e: Event) => set({ label: choice((e.target as HTMLSelectElement).value) })}>
            <option value="" .selected=${f.label === null}>${t("board.all")}</option>
            ${labels.map((l) => html`<option value=${l} .selected=${f.label === l}>${l}</option>`)}
          </select>
          <label for="filter-side">${t("board.side")}</label>
          <select id="filter-side" @change=${(e: Event) => set({ side: choice((e.target as HTMLSelectElement).value) as Side | null })}>
            <option value="" .selected=${f.side === null}>${t("board.all")}</option>
            ${sides.map((side) => html`<option value=${side} .selected=${f.side === side}>${t(`side.${side}` as TextKey)}</option>`)}
          </select>
          <label for="filter-owner">${t("board.owner")}</label>
          <select id="filter-owner" @change=${(e: Event) => set({ owner: choice((e.target as HTMLSelectElement).value) })}>
            <option value="" .selected=${f.owner === null}>${t("board.all")}</option>
            ${repeat(
              members,
              (m) => m.userId,
              (m) => html`<option value=${m.userId} .selected=${f.owner === m.userId}>${m.displayName}</option>`,
            )}
          </select>
        </div>
      </details>
      ${isFiltering(f) ? html`<button type="button" class="link-button" @click=${() => set(NO_FILTER)}>${t("board.clearFilters")}</button>` : nothing}
      <a class="button secondary small export" href="/api/boards/${board.id}/export.csv" download>${t("board.exportCsv")}</a>
      ${historyPanel(board, view.history, () => void loadHistory(view.history, () => ctx.history(board.id), view.redraw))}
      </div>
    </details>
    <p class="filter-status" role="status">${isFiltering(f) ? t("board.showing", { shown, count: live.length }) : ""}</p>
    ${searchResults(ctx, view, board)}`;
}

function search(ctx: BoardViewContext, view: ViewState, board: Board, e: Event): void {
  e.preventDefault();
  const query = ((e.currentTarget as HTMLFormElement).elements.namedItem("q") as HTMLInputElement).value.trim();
  if (query.length === 0) {
    view.search = { query: "", hits: null, busy: false, failed: null };
    view.redraw();
    return;
  }
  view.search = { query, hits: view.search.hits, busy: true, failed: null };
  view.redraw();
  ctx.searchCards(board.partnershipId, query).then(
    (hits) => {
      if (view.search.query !== query) return;
      view.search = { query, hits, busy: false, failed: null };
      view.redraw();
    },
    (error: unknown) => {
      if (view.search.query !== query) return;
      view.search = { query, hits: null, busy: false, failed: error instanceof Error ? localise(error.message) : String(error) };
      view.redraw();
    },
  );
}

function searchResults(ctx: BoardViewContext, view: ViewState, board: Board): TemplateResult | typeof nothing {
  const s = view.search;
  if (s.query === "") return nothing;
  const close = () => {
    view.search = { query: "", hits: null, busy: false, failed: null };
    view.redraw();
  };
  return html`<section class="search-results" aria-labelledby="search-results-title">
    <div class="section-head">
      <h2 id="search-results-title">${t("board.searchResults", { query: s.query })}</h2>
      <button type="button" class="secondary small" @click=${close}>${t("close")}</button>
    </div>
    <p role="status" class="muted">
      ${s.busy ? t("loading") : s.failed ? t("board.searchFailed", { reason: s.failed }) : s.hits ? t("board.hitCount", { count: s.hits.length }) : ""}
    </p>
    ${s.hits && s.hits.length > 0
      ? html`<ul class="hits">
          ${repeat(
            s.hits,
            (h) => `${h.boardId}:${h.cardId}`,
            (h) => {
              const path = `/boards/${h.boardId}?card=${encodeURIComponent(h.cardId)}`;
              const here = h.boardId === board.id;
              return html`<li>
                ${here
                  ? html`<button type="button" class="link-button" @click=${() => openCardEditor(ctx, h.cardId)}>${h.title}</button>`
                  : html`<a href=${path} @click=${link(ctx.navigate, path)}>${h.title}</a>`}
                <span class="muted">${h.boardName} · ${h.columnTitle}${h.archived ? ` · ${t("archived")}` : ""}</span>
              </li>`;
            },
          )}
        </ul>`
      : nothing}
  </section>`;
}

const closeMenu = (e: Event) => (e.target as HTMLElement).closest("details")?.removeAttribute("open");

/** The name is the `value` attribute: it follows others' renames until the person types, then their draft stays. */
function renameBoardMenu(ctx: BoardViewContext, board: Board): TemplateResult {
  return html`<details class="menu">
    <summary>${t("renameBoard")}</summary>
    <form
      class="menu-body"
      @submit=${(e: Event) => {
        e.preventDefault();
        const name = ((e.currentTarget as HTMLFormElement).elements.namedItem("boardName") as HTMLInputElement).value;
        if (name !== board.name) ctx.store.submit({ type: "renameBoard", name });
        closeMenu(e);
      }}
    >
      <label for="rename-board-input">${t("boardName")}</label>
      <input id="rename-board-input" name="boardName" value=${board.name} maxlength=${BoardLimits.BoardNameMax} required />
      <button type="submit">${t("save")}</button>
    </form>
  </details>`;
}

function columnView(ctx: BoardViewContext, view: ViewState, board: Board, column: Column, index: number, visible: Column[], canWrite: boolean, mark: string): TemplateResult {
  const all = column.cardIds.map((id) => board.cards[id]).filter((c): c is Card => c !== undefined && !c.archived);
  const cards = all.filter((c) => cardMatches(c, view.filter, ctx.store.members, ctx.me.userId));
  const titleId = `col-${column.id}`;
  const drag = view.dragging;
  const cardDrop = drag?.kind === "card" && drag.place?.columnId === column.id ? drag.place : null;
  const dragged = drag?.kind === "column" && drag.id === column.id ? "dragging" : "";
  return html`<section
    class="column ${canWrite ? "can-drag" : ""} ${dragged} ${mark}"
    aria-labelledby=${titleId}
    data-column-id=${column.id}
    ${attach(`${column.id}:${canWrite}`, columnDragAndDrop(column.id, canWrite))}
  >
    <div class="column-header">
      <h2 id=${titleId} class="column-title">${column.title}</h2>
      <span class="count">${cards.length === all.length ? t("cardCount", { count: cards.length }) : t("board.countOf", { shown: cards.length, count: all.length })}</span>
      ${canWrite ? columnMenu(ctx, board, column, index, visible) : nothing}
    </div>
    <ol class="cards ${cardDrop !== null && cardDrop.beforeId === null ? "drop-end" : ""}" aria-labelledby=${titleId} ${attach(`list:${column.id}`, autoScrollList)}>
      ${all.length === 0 ? html`<li class="empty">${t("emptyColumn")}</li>` : cards.length === 0 ? html`<li class="empty">${t("board.noneMatch")}</li>` : nothing}
      ${repeat(
        cards,
        (c) => c.id,
        (card) => cardView(ctx, view, board, column, card, visible, canWrite, cardDrop?.beforeId === card.id),
      )}
    </ol>
    ${canWrite ? addCardForm(ctx, column) : nothing}
  </section>`;
}

function columnMenu(ctx: BoardViewContext, board: Board, column: Column, index: number, visible: Column[]): TemplateResult {
  const { store } = ctx;
  const full = board.columns;
  const prev = visible[index - 1];
  const next = visible[index + 1];
  const renameId = `rename-${column.id}`;
  return html`<details class="menu column-menu">
    <summary aria-label="${t("column")}: ${column.title}">⋯</summary>
    <div class="menu-body">
      <form
        @submit=${(e: Event) => {
          e.preventDefault();
          const title = ((e.currentTarget as HTMLFormElement).elements.namedItem("title") as HTMLInputElement).value;
          if (title !== column.title) store.submit({ type: "renameColumn", columnId: column.id, title });
          closeMenu(e);
        }}
      >
        <label for=${renameId}>${t("columnTitle")}</label>
        <input id=${renameId} name="title" value=${column.title} maxlength=${BoardLimits.ColumnTitleMax} required />
        <button type="submit">${t("save")}</button>
      </form>
      ${prev
        ? html`<button type="button" class="secondary" @click=${() => store.submit({ type: "moveColumn", columnId: column.id, index: full.findIndex((c) => c.id === prev.id) })}>
            ${t("moveColumnLeft", { title: column.title })}
          </button>`
        : nothing}
      ${next
        ? html`<button type="button" class="secondary" @click=${() => store.submit({ type: "moveColumn", columnId: column.id, index: full.findIndex((c) => c.id === next.id) })}>
            ${t("moveColumnRight", { title: column.title })}
          </button>`
        : nothing}
      <button type="button" class="secondary" @click=${() => store.submit({ type: "archiveColumn", columnId: column.id })}>${t("archiveColumn", { title: column.title })}</button>
    </div>
  </details>`;
}

function cardView(ctx: BoardViewContext, view: ViewState, board: Board, column: Column, card: Card, visible: Column[], canWrite: boolean, dropBefore: boolean): TemplateResult {
  const { store } = ctx;
  const sides = sidesOf(card.ownerIds, store.members);
  const editors = store.presenceList.filter((p) => parseEditing(p.editing)?.item === card.id && p.userId !== ctx.me.userId);
  const done = card.checklist.filter((i) => i.done).length;
  // Compact: a card with no owners says nothing of sides (its empty avatar row does); with owners, whether both take part.
  const sideBadge =
    card.ownerIds.length === 0
      ? nothing
      : sides.municipality && sides.voluntary
        ? html`<span class="badge both" title=${t("bothSides")}><span aria-hidden="true">✓ ${t("board.bothShort")}</span><span class="visually-hidden">${t("bothSides")}</span></span>`
        : html`<span class="badge missing">${sides.municipality ? t("board.missingVoluntaryShort") : t("board.missingMunicipalityShort")}</span>`;
  const owners = card.ownerIds.map((id) => ({ id, name: store.nameOf(id) || t("someone") }));
  const colourOf = (id: string) => store.presenceList.find((p) => p.userId === id)?.colour ?? "";
  const when = shortWhen(card.startsAt, card.endsAt);
  const hasMeta = when || card.place || card.ownerIds.length > 0 || card.labels.length > 0 || card.checklist.length > 0 || card.comments.length > 0 || card.cohort !== null;

  const visibleIds = column.cardIds.filter((id) => board.cards[id] && !board.cards[id]!.archived);
  const pos = visibleIds.indexOf(card.id);
  const rest = column.cardIds.filter((id) => id !== card.id);
  const prevId = visibleIds[pos - 1];
  const nextId = visibleIds[pos + 1];
  const move = (toColumnId: string, index: number) => view.moveFromMenu(card.id, toColumnId, index);
  const dragged = view.dragging?.kind === "card" && view.dragging.id === card.id;

  return html`<li
    class="card ${dragged ? "dragging" : ""} ${dropBefore ? "drop-before" : ""}"
    data-card-id=${card.id}
    ${attach(`${card.id}:${canWrite}`, cardDragAndDrop(card.id, canWrite))}
  >
    <button type="button" class="card-open" aria-label=${t("openCard", { title: card.title })} @click=${() => openCardEditor(ctx, card.id)}>
      <span class="card-title">${card.title}</span>
    </button>
    ${hasMeta
      ? html`<div class="card-meta">
          ${when ? html`<span class="meta when">${when}</span>` : nothing} ${card.place ? html`<span class="meta place">${card.place}</span>` : nothing}
          ${card.labels.map((l) => html`<span class="label">${l}</span>`)} ${sideBadge}
          ${card.cohort ? html`<a class="meta" href="/cohorts/${card.cohort.cohortId}">${t("cohort.fromCohort", { name: card.cohort.cohortName })}</a>` : nothing}
          ${card.checklist.length > 0
            ? html`<span class="meta count-chip">${icon("check")}<span aria-hidden="true">${done}/${card.checklist.length}</span><span class="visually-hidden">${t("checklistDone", { done, count: card.checklist.length })}</span></span>`
            : nothing}
          ${card.comments.length > 0
            ? html`<span class="meta count-chip">${icon("comment")}<span aria-hidden="true">${card.comments.length}</span><span class="visually-hidden">${t("commentCount", { count: card.comments.length })}</span></span>`
            : nothing}
          ${owners.length > 0
            ? html`<span class="owners-row">${owners.map((o) => avatar({ displayName: o.name, colour: colourOf(o.id) }, "small"))}<span class="visually-hidden"
                  >${t("board.ownersAre", { names: owners.map((o) => o.name).join(", ") })}</span
                ></span>`
            : nothing}
        </div>`
      : nothing}
    ${editors.length > 0
      ? html`<p class="editing">
          ${editors.map((p) => avatar(p, "small"))}<span>${editors.map((p) => t("editingCard", { name: p.displayName, title: "" }).trim()).join(", ")}</span>
        </p>`
      : nothing}
    ${canWrite
      ? html`<details class="menu move-menu">
          <summary aria-label=${t("moveCard", { title: card.title })}>${t("move")}</summary>
          <div class="menu-body">
            ${prevId ? html`<button type="button" class="secondary" @click=${() => move(column.id, rest.indexOf(prevId))}>↑ ${t("moveUp")}</button>` : nothing}
            ${nextId ? html`<button type="button" class="secondary" @click=${() => move(column.id, rest.indexOf(nextId) + 1)}>↓ ${t("moveDown")}</button>` : nothing}
            ${visible
              .filter((c) => c.id !== column.id)
              .map(
                (c) =>
                  html`<button type="button" class="secondary" data-move-to=${c.id} @click=${() => move(c.id, c.cardIds.length)}>→ ${t("moveTo", { column: c.title })}</button>`,
              )}
          </div>
        </details>`
      : nothing}
  </li>`;
}

/** A new card's title is typed into an input lit never writes to: others' changes leave the draft alone. */
function addCardForm(ctx: BoardViewContext, column: Column): TemplateResult {
  const id = `new-card-${column.id}`;
  return html`<form
    class="add-card"
    @submit=${(e: Event) => {
      e.preventDefault();
      const input = (e.currentTarget as HTMLFormElement).elements.namedItem("title") as HTMLInputElement;
      if (ctx.store.submit({ type: "addCard", cardId: newId("card"), columnId: column.id, title: input.value, index: null })) input.value = "";
    }}
  >
    <label for=${id} class="visually-hidden">${t("newCardIn", { column: column.title })}</label>
    <input id=${id} name="title" maxlength=${BoardLimits.CardTitleMax} required autocomplete="off" />
    <button type="submit" aria-label=${t("addCardTo", { column: column.title })}>${t("addCard")}</button>
  </form>`;
}

function addColumnForm(ctx: BoardViewContext): TemplateResult {
  return html`<section class="column add-column" aria-labelledby="add-column-title">
    <h2 id="add-column-title" class="column-title">${t("addColumn")}</h2>
    <form
      @submit=${(e: Event) => {
        e.preventDefault();
        const input = (e.currentTarget as HTMLFormElement).elements.namedItem("title") as HTMLInputElement;
        if (ctx.store.submit({ type: "addColumn", columnId: newId("col"), title: input.value, index: null })) input.value = "";
      }}
    >
      <label for="new-column">${t("columnTitle")}</label>
      <input id="new-column" name="title" maxlength=${BoardLimits.ColumnTitleMax} required autocomplete="off" />
      <button type="submit">${t("addColumn")}</button>
    </form>
  </section>`;
}

function archive(ctx: BoardViewContext, board: Board, canWrite: boolean): TemplateResult {
  const { store } = ctx;
  const columns = board.columns.filter((c) => c.archived);
  const cards = board.columns.flatMap((c) => c.cardIds.map((id) => board.cards[id])).filter((c): c is Card => c !== undefined && c.archived);
  return html`<details class="archive">
    <summary>${t("archivedColumns")} / ${t("archivedCards")} (${columns.length + cards.length})</summary>
    ${columns.length + cards.length === 0 ? html`<p>${t("noArchived")}</p>` : nothing}
    ${columns.length > 0
      ? html`<section aria-labelledby="archived-columns">
          <h2 id="archived-columns">${t("archivedColumns")}</h2>
          <ul class="archived-list">
            ${repeat(
              columns,
              (c) => c.id,
              (c) => html`<li data-column-id=${c.id}>
                <span>${c.title}</span>
                ${canWrite
                  ? html`<button type="button" class="secondary" @click=${() => store.submit({ type: "restoreColumn", columnId: c.id })}>${t("restoreColumn", { title: c.title })}</button>`
                  : nothing}
              </li>`,
            )}
          </ul>
        </section>`
      : nothing}
    ${cards.length > 0
      ? html`<section aria-labelledby="archived-cards">
          <h2 id="archived-cards">${t("archivedCards")}</h2>
          <ul class="archived-list">
            ${repeat(
              cards,
              (c) => c.id,
              (c) => html`<li data-archived-card-id=${c.id}>
                <button type="button" class="link-button" @click=${() => openCardEditor(ctx, c.id)}>${c.title}</button>
                ${canWrite ? html`<button type="button" class="secondary" @click=${() => store.submit({ type: "restoreCard", cardId: c.id })}>${t("restoreCard")}</button>` : nothing}
              </li>`,
            )}
          </ul>
        </section>`
      : nothing}
  </details>`;
}

/** Small decorative icons drawn as SVG (an emoji needs a font the machine may not have). */
function icon(name: "check" | "comment"): TemplateResult {
  return name === "check"
    ? html`<svg class="icon" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
        <rect x="1.5" y="1.5" width="13" height="13" rx="2" fill="none" stroke="currentColor" stroke-width="1.6" />
        <path d="M4.5 8.2l2.3 2.3 4.7-5" fill="none" stroke="currentColor" stroke-width="1.8" />
      </svg>`
    : html`<svg class="icon" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
        <path d="M2 3h12v8H7l-3.5 3v-3H2z" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linejoin="round" />
      </svg>`;
}

/** A card's time in few characters: "4.12. 14.00", or "4.12. – 6.12." for a span of days. */
function shortWhen(startsAt: string | null, endsAt: string | null): string {
  if (!startsAt) return "";
  const start = new Date(startsAt);
  if (Number.isNaN(start.getTime())) return "";
  const locale = lang() === "da" ? "da-DK" : "en-GB";
  const day = (d: Date) => d.toLocaleDateString(locale, { day: "numeric", month: "numeric" });
  const time = (d: Date) => d.toLocaleTimeString(locale, { hour: "2-digit", minute: "2-digit" });
  const end = endsAt ? new Date(endsAt) : null;
  if (end && !Number.isNaN(end.getTime()) && end.toDateString() !== start.toDateString()) return `${day(start)} – ${day(end)}`;
  return start.getHours() === 0 && start.getMinutes() === 0 ? day(start) : `${day(start)} ${time(start)}`;
}
