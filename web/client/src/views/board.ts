// The board screen: columns and cards, drag and drop with a keyboard alternative on every card ("Flyt …"),
// presence, the connection banner and refusals. It renders the store's view with lit-html, keyed by column and card
// id, so the elements a person is using (an input with a draft, an open menu, the card being dragged) stay as they
// are while others' changes arrive; and it turns gestures into ops.

import { html, nothing, render, type TemplateResult } from "lit-html";
import { repeat } from "lit-html/directives/repeat.js";
import { formatDateTime, localise, t } from "../i18n";
import type { Board, BoardOp, Card, Column, Me } from "../protocol";
import { newId } from "../ids";
import { BoardLimits } from "../protocol";
import type { BoardStore } from "../stores/boardStore";
import { sidesOf } from "../stores/partnershipStore";
import { parseEditing } from "../text/textClient";
import { autoScrollStrip, cardDragAndDrop, columnDragAndDrop, watchBoardDrags, type Dragging } from "./boardDrag";
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
}

export interface MountedBoard {
  /** Renders again (the language changed). */
  refresh(): void;
  dispose(): void;
}

/** What the view keeps besides the store: the drag in progress, and the card to focus after a menu move. */
interface ViewState {
  dragging: Dragging | null;
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
  return html`${top}
    <div class="columns ${drag ? "drag-active" : ""}" ${attach("strip", autoScrollStrip)}>
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
    <p class="crumbs"><a href=${partnershipPath} @click=${link(ctx.navigate, partnershipPath)}>← ${ctx.partnershipName || t("back")}</a></p>
    <div class="board-title-row"><h1>${board?.name ?? t("board")}</h1>${board && canEdit(ctx) ? renameBoardMenu(ctx, board) : nothing}</div>
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
  const cards = column.cardIds.map((id) => board.cards[id]).filter((c): c is Card => c !== undefined && !c.archived);
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
      <span class="count">${t("cardCount", { count: cards.length })}</span>
      ${canWrite ? columnMenu(ctx, board, column, index, visible) : nothing}
    </div>
    <ol class="cards ${cardDrop !== null && cardDrop.beforeId === null ? "drop-end" : ""}" aria-labelledby=${titleId}>
      ${cards.length === 0 ? html`<li class="empty">${t("emptyColumn")}</li>` : nothing}
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
  const sideBadge =
    card.ownerIds.length === 0
      ? html`<span class="badge muted-badge">${t("noOwners")}</span>`
      : sides.municipality && sides.voluntary
        ? html`<span class="badge both">✓ ${t("bothSides")}</span>`
        : html`<span class="badge missing">${sides.municipality ? t("missingVoluntary") : t("missingMunicipality")}</span>`;

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
    <div class="card-meta">
      ${card.startsAt ? html`<span class="meta">${formatDateTime(card.startsAt)}</span>` : nothing}
      ${card.place ? html`<span class="meta">${card.place}</span>` : nothing} ${sideBadge}
      ${card.labels.map((l) => html`<span class="label">${l}</span>`)}
      ${card.cohort ? html`<a class="meta" href="/cohorts/${card.cohort.cohortId}">${t("cohort.fromCohort", { name: card.cohort.cohortName })}</a>` : nothing}
      ${card.checklist.length > 0 ? html`<span class="meta">${t("checklistDone", { done, count: card.checklist.length })}</span>` : nothing}
      ${card.comments.length > 0 ? html`<span class="meta">${t("commentCount", { count: card.comments.length })}</span>` : nothing}
    </div>
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
