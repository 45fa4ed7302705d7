// The board screen: columns and cards, drag and drop with a keyboard alternative on every card ("Flyt …"),
// presence, the connection banner and refusals. It renders the store's view and turns gestures into ops.

import { formatDateTime, localise, t, type TextKey } from "../i18n";
import type { Board, Card, Column, Me, PresenceEntry } from "../protocol";
import { BoardLimits } from "../protocol";
import type { BoardStore } from "../stores/boardStore";
import { sidesOf } from "../stores/partnershipStore";
import { parseEditing } from "../text/textClient";
import { h, newId, rerender } from "./dom";
import { openCardEditor } from "./cardEditor";
import { link } from "./shell";

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

/** Renders the board into main and keeps it current. */
export function mountBoard(main: HTMLElement, ctx: BoardViewContext): MountedBoard {
  const { store } = ctx;
  const root = h("div", { class: "board-page" });
  main.replaceChildren(root);
  let dragging: string | null = null;
  let scheduled = false;
  let titled = false;

  const render = () => {
    scheduled = false;
    if (dragging !== null) return; // the drag would lose its element; dragend renders
    rerender(root, () => buildBoard(ctx, { startDrag, endDrag }));
    const board = store.view;
    if (board && !titled) {
      document.title = `${board.name} — ${t("appName")}`;
      titled = true;
    }
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(render);
  };
  const startDrag = (cardId: string) => {
    dragging = cardId;
  };
  const endDrag = () => {
    dragging = null;
    schedule();
  };

  const unsubscribe = store.subscribe(schedule);
  const unannounce = store.onAnnouncement((a) => ctx.announce(t(a.key, a.params)));
  render();
  return {
    refresh: schedule,
    dispose: () => {
      unsubscribe();
      unannounce();
    },
  };
}

interface DragHooks {
  startDrag(cardId: string): void;
  endDrag(): void;
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? parts[0]![0]! + parts[parts.length - 1]![0]! : (parts[0] ?? "?").slice(0, 2);
  return letters.toUpperCase();
}

/** A coloured circle with initials; the colour is the server's, set through the CSSOM (CSP allows that). */
export function avatar(entry: Pick<PresenceEntry, "displayName" | "colour">, extraClass = ""): HTMLElement {
  const el = h("span", { class: `avatar ${extraClass}`.trim(), "aria-hidden": "true" }, initials(entry.displayName));
  if (/^#[0-9a-fA-F]{6}$/.test(entry.colour)) el.style.backgroundColor = entry.colour;
  return el;
}

function buildBoard(ctx: BoardViewContext, drag: DragHooks): Node {
  const { store } = ctx;
  const board = store.view;
  const header = buildHeader(ctx, board);
  if (store.failure) return buildFailure(ctx, store.failure);
  if (board === null) {
    return h("div", {}, header, h("p", { role: "status" }, t("loading")));
  }
  const visible = board.columns.filter((c) => !c.archived);
  const canWrite = canEdit(ctx);
  return h(
    "div",
    {},
    header,
    h(
      "div",
      { class: "columns", "data-scroll-key": "columns" },
      visible.map((column, i) => buildColumn(ctx, board, column, i, visible, drag, canWrite)),
      canWrite && board.columns.length < BoardLimits.ColumnsMax ? addColumnForm(ctx) : null,
    ),
    buildArchive(ctx, board, canWrite),
  );
}

/**
 * The board cannot be shown: it does not exist or the person may not read it (the same answer, so an
 * outsider learns nothing), or access ended while it was open ("Revoked"). Nothing of the board stays on
 * screen and no control remains that could send a change.
 */
function buildFailure(ctx: BoardViewContext, failure: { code: string; message: string }): Node {
  document.querySelectorAll<HTMLDialogElement>("dialog.card-editor").forEach((d) => d.close());
  const revoked = failure.code === "forbidden";
  const lost = revoked || failure.code === "not_found";
  return h(
    "div",
    { class: "page narrow board-failure" },
    h("h1", { tabindex: "-1" }, lost ? t(revoked ? "boardRevokedTitle" : "boardNotFoundTitle") : t("board")),
    h(
      "p",
      { class: "error", role: "alert" },
      lost ? t(revoked ? "boardRevokedText" : "boardNotFoundText") : t("boardFailed", { reason: localise(failure.message) }),
    ),
    h("p", {}, h("a", { href: "/", onclick: link(ctx.navigate, "/") }, `← ${t("myPartnerships")}`)),
  );
}

function canEdit(ctx: BoardViewContext): boolean {
  const mine = ctx.store.members.get(ctx.me.userId);
  return mine === undefined ? ctx.store.members.size === 0 : mine.role !== "observer";
}

function buildHeader(ctx: BoardViewContext, board: Board | null): HTMLElement {
  const { store } = ctx;
  const state = store.connection;
  const pending = store.pending.length;
  const others = store.presenceList;
  const partnershipPath = board ? `/partnerships/${board.partnershipId}` : "/";
  return h(
    "div",
    { class: "board-top" },
    h("p", { class: "crumbs" }, h("a", { href: partnershipPath, onclick: link(ctx.navigate, partnershipPath) }, `← ${ctx.partnershipName || t("back")}`)),
    h("div", { class: "board-title-row" }, h("h1", {}, board?.name ?? t("board")), board && canEdit(ctx) ? renameBoardMenu(ctx, board) : null),
    h(
      "div",
      { class: "status-row" },
      h(
        "p",
        { class: `connection connection-${state}`, role: "status", "data-state": state },
        h("span", { class: "dot", "aria-hidden": "true" }),
        t(`conn.${state}` as TextKey),
        pending > 0 ? h("span", { class: "pending" }, ` · ${t("pendingCount", { count: pending })}`) : null,
      ),
      h(
        "div",
        { class: "presence" },
        h("h2", { class: "presence-title", id: "presence-title" }, t("whoIsHere")),
        h(
          "ul",
          { "aria-labelledby": "presence-title", class: "presence-list" },
          others.map((p) => {
            // "cardId", or "cardId~anchor~head~seq" with a caret in its description.
            const editing = parseEditing(p.editing)?.item;
            const editingTitle = editing && board?.cards[editing] ? board.cards[editing]!.title : null;
            const label = editingTitle ? t("editingCard", { name: p.displayName, title: editingTitle }) : p.displayName;
            return h(
              "li",
              { class: "presence-entry", title: label, "data-user-id": p.userId },
              avatar(p),
              h("span", { class: "presence-name" }, p.userId === ctx.me.userId ? `${p.displayName} (${t("you")})` : p.displayName),
              editingTitle ? h("span", { class: "visually-hidden" }, `, ${t("editingShort")} ${editingTitle}`) : null,
            );
          }),
        ),
      ),
    ),
    store.refusals.length > 0
      ? h(
          "ul",
          { class: "notices", role: "alert" },
          store.refusals.map((r) =>
            h(
              "li",
              { class: "notice" },
              h("span", {}, t("refused", { reason: localise(r.message) })),
              h("button", { type: "button", class: "secondary small", "data-key": `dismiss-${r.id}`, onclick: () => store.dismiss(r.id) }, t("dismiss")),
            ),
          ),
        )
      : null,
  );
}

function renameBoardMenu(ctx: BoardViewContext, board: Board): HTMLElement {
  const input = h("input", { name: "boardName", value: board.name, maxlength: BoardLimits.BoardNameMax, required: true, "data-key": "rename-board", "data-draft": "" });
  const id = "rename-board-input";
  input.id = id;
  return h(
    "details",
    { class: "menu" },
    h("summary", { "data-key": "rename-board-summary" }, t("renameBoard")),
    h(
      "form",
      {
        class: "menu-body",
        onsubmit: (e: Event) => {
          e.preventDefault();
          if (input.value !== board.name) ctx.store.submit({ type: "renameBoard", name: input.value });
          (e.target as HTMLElement).closest("details")?.removeAttribute("open");
        },
      },
      h("label", { for: id }, t("boardName")),
      input,
      h("button", { type: "submit" }, t("save")),
    ),
  );
}

function buildColumn(
  ctx: BoardViewContext,
  board: Board,
  column: Column,
  visibleIndex: number,
  visible: Column[],
  drag: DragHooks,
  canWrite: boolean,
): HTMLElement {
  const { store } = ctx;
  const cards = column.cardIds.map((id) => board.cards[id]).filter((c): c is Card => c !== undefined && !c.archived);
  const titleId = `col-${column.id}`;
  const list = h(
    "ol",
    { class: "cards", "aria-labelledby": titleId },
    cards.length === 0 ? h("li", { class: "empty" }, t("emptyColumn")) : null,
    cards.map((card) => buildCard(ctx, board, column, card, visible, drag, canWrite)),
  );
  if (canWrite) {
    list.addEventListener("dragover", (e) => {
      if (!e.dataTransfer?.types.includes("text/x-hub-card")) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = "move";
      markDropTarget(list, e.clientY);
    });
    list.addEventListener("dragleave", () => clearDropMarks(list));
    list.addEventListener("drop", (e) => {
      const cardId = e.dataTransfer?.getData("text/x-hub-card");
      if (!cardId) return;
      e.preventDefault();
      const beforeId = clearDropMarks(list);
      const rest = column.cardIds.filter((id) => id !== cardId);
      const index = beforeId ? rest.indexOf(beforeId) : rest.length;
      store.submit({ type: "moveCard", cardId, toColumnId: column.id, index: index < 0 ? rest.length : index });
      drag.endDrag();
    });
  }
  return h(
    "section",
    { class: "column", "aria-labelledby": titleId, "data-column-id": column.id },
    h(
      "div",
      { class: "column-header" },
      h("h2", { id: titleId, class: "column-title" }, column.title),
      h("span", { class: "count" }, t("cardCount", { count: cards.length })),
      canWrite ? columnMenu(ctx, board, column, visibleIndex, visible) : null,
    ),
    list,
    canWrite ? addCardForm(ctx, column) : null,
  );
}

/** Marks where a dragged card would land; returns nothing. */
function markDropTarget(list: HTMLElement, y: number): void {
  const items = [...list.querySelectorAll<HTMLElement>("li.card:not(.dragging)")];
  clearDropMarks(list);
  const before = items.find((el) => {
    const r = el.getBoundingClientRect();
    return y < r.top + r.height / 2;
  });
  if (before) before.classList.add("drop-before");
  else list.classList.add("drop-end");
}

/** Clears the marks and returns the card the drop goes before (null: at the end). */
function clearDropMarks(list: HTMLElement): string | null {
  const before = list.querySelector<HTMLElement>("li.drop-before");
  list.querySelectorAll(".drop-before").forEach((el) => el.classList.remove("drop-before"));
  list.classList.remove("drop-end");
  return before?.dataset.cardId ?? null;
}

function columnMenu(ctx: BoardViewContext, board: Board, column: Column, visibleIndex: number, visible: Column[]): HTMLElement {
  const { store } = ctx;
  const full = board.columns;
  const prev = visible[visibleIndex - 1];
  const next = visible[visibleIndex + 1];
  const renameId = `rename-${column.id}`;
  const input = h("input", { id: renameId, value: column.title, maxlength: BoardLimits.ColumnTitleMax, required: true, "data-key": renameId, "data-draft": "" });
  const close = (e: Event) => (e.target as HTMLElement).closest("details")?.removeAttribute("open");
  return h(
    "details",
    { class: "menu column-menu" },
    h("summary", { "data-key": `colmenu-${column.id}`, "aria-label": `${t("column")}: ${column.title}` }, "⋯"),
    h(
      "div",
      { class: "menu-body" },
      h(
        "form",
        {
          onsubmit: (e: Event) => {
            e.preventDefault();
            if (input.value !== column.title) store.submit({ type: "renameColumn", columnId: column.id, title: input.value });
            close(e);
          },
        },
        h("label", { for: renameId }, t("columnTitle")),
        input,
        h("button", { type: "submit" }, t("save")),
      ),
      prev
        ? h(
            "button",
            {
              type: "button",
              class: "secondary",
              "data-key": `colleft-${column.id}`,
              onclick: () => store.submit({ type: "moveColumn", columnId: column.id, index: full.findIndex((c) => c.id === prev.id) }),
            },
            t("moveColumnLeft", { title: column.title }),
          )
        : null,
      next
        ? h(
            "button",
            {
              type: "button",
              class: "secondary",
              "data-key": `colright-${column.id}`,
              onclick: () => store.submit({ type: "moveColumn", columnId: column.id, index: full.findIndex((c) => c.id === next.id) }),
            },
            t("moveColumnRight", { title: column.title }),
          )
        : null,
      h(
        "button",
        { type: "button", class: "secondary", onclick: () => store.submit({ type: "archiveColumn", columnId: column.id }) },
        t("archiveColumn", { title: column.title }),
      ),
    ),
  );
}

function buildCard(ctx: BoardViewContext, board: Board, column: Column, card: Card, visible: Column[], drag: DragHooks, canWrite: boolean): HTMLElement {
  const { store } = ctx;
  const sides = sidesOf(card.ownerIds, store.members);
  const editors = store.presenceList.filter((p) => parseEditing(p.editing)?.item === card.id && p.userId !== ctx.me.userId);
  const done = card.checklist.filter((i) => i.done).length;
  const sideBadge =
    card.ownerIds.length === 0
      ? h("span", { class: "badge muted-badge" }, t("noOwners"))
      : sides.municipality && sides.voluntary
        ? h("span", { class: "badge both" }, `✓ ${t("bothSides")}`)
        : h("span", { class: "badge missing" }, sides.municipality ? t("missingVoluntary") : t("missingMunicipality"));

  const visibleIds = column.cardIds.filter((id) => board.cards[id] && !board.cards[id]!.archived);
  const pos = visibleIds.indexOf(card.id);
  const rest = column.cardIds.filter((id) => id !== card.id);
  const prevId = visibleIds[pos - 1];
  const nextId = visibleIds[pos + 1];
  const move = (toColumnId: string, index: number) => store.submit({ type: "moveCard", cardId: card.id, toColumnId, index });

  const li = h(
    "li",
    { class: "card", "data-card-id": card.id, draggable: canWrite ? "true" : null },
    h(
      "button",
      {
        type: "button",
        class: "card-open",
        "data-key": `open-${card.id}`,
        "aria-label": t("openCard", { title: card.title }),
        onclick: () => openCardEditor(ctx, card.id),
      },
      h("span", { class: "card-title" }, card.title),
    ),
    h(
      "div",
      { class: "card-meta" },
      card.startsAt ? h("span", { class: "meta" }, formatDateTime(card.startsAt)) : null,
      card.place ? h("span", { class: "meta" }, card.place) : null,
      sideBadge,
      card.labels.map((l) => h("span", { class: "label" }, l)),
      card.checklist.length > 0 ? h("span", { class: "meta" }, t("checklistDone", { done, count: card.checklist.length })) : null,
      card.comments.length > 0 ? h("span", { class: "meta" }, t("commentCount", { count: card.comments.length })) : null,
    ),
    editors.length > 0
      ? h(
          "p",
          { class: "editing" },
          editors.map((p) => avatar(p, "small")),
          h("span", {}, editors.map((p) => t("editingCard", { name: p.displayName, title: "" }).trim()).join(", ")),
        )
      : null,
    canWrite
      ? h(
          "details",
          { class: "menu move-menu" },
          h("summary", { "data-key": `move-${card.id}`, "aria-label": t("moveCard", { title: card.title }) }, t("move")),
          h(
            "div",
            { class: "menu-body" },
            prevId ? h("button", { type: "button", class: "secondary", onclick: () => move(column.id, rest.indexOf(prevId)) }, `↑ ${t("moveUp")}`) : null,
            nextId ? h("button", { type: "button", class: "secondary", onclick: () => move(column.id, rest.indexOf(nextId) + 1) }, `↓ ${t("moveDown")}`) : null,
            visible
              .filter((c) => c.id !== column.id)
              .map((c) =>
                h("button", { type: "button", class: "secondary", "data-move-to": c.id, onclick: () => move(c.id, c.cardIds.length) }, `→ ${t("moveTo", { column: c.title })}`),
              ),
          ),
        )
      : null,
  );
  if (canWrite) {
    li.addEventListener("dragstart", (e) => {
      if (!e.dataTransfer) return;
      e.dataTransfer.setData("text/x-hub-card", card.id);
      e.dataTransfer.effectAllowed = "move";
      li.classList.add("dragging");
      drag.startDrag(card.id);
    });
    li.addEventListener("dragend", () => {
      li.classList.remove("dragging");
      drag.endDrag();
    });
  }
  return li;
}

function addCardForm(ctx: BoardViewContext, column: Column): HTMLElement {
  const id = `new-card-${column.id}`;
  const input = h("input", { id, name: "title", maxlength: BoardLimits.CardTitleMax, required: true, "data-key": id, "data-draft": "", autocomplete: "off" });
  return h(
    "form",
    {
      class: "add-card",
      onsubmit: (e: Event) => {
        e.preventDefault();
        const title = input.value;
        if (ctx.store.submit({ type: "addCard", cardId: newId("card"), columnId: column.id, title, index: null })) {
          input.value = "";
        }
      },
    },
    h("label", { for: id, class: "visually-hidden" }, t("newCardIn", { column: column.title })),
    input,
    h("button", { type: "submit", "aria-label": t("addCardTo", { column: column.title }) }, t("addCard")),
  );
}

function addColumnForm(ctx: BoardViewContext): HTMLElement {
  const id = "new-column";
  const input = h("input", { id, name: "title", maxlength: BoardLimits.ColumnTitleMax, required: true, "data-key": id, "data-draft": "", autocomplete: "off" });
  return h(
    "section",
    { class: "column add-column", "aria-labelledby": "add-column-title" },
    h("h2", { id: "add-column-title", class: "column-title" }, t("addColumn")),
    h(
      "form",
      {
        onsubmit: (e: Event) => {
          e.preventDefault();
          if (ctx.store.submit({ type: "addColumn", columnId: newId("col"), title: input.value, index: null })) input.value = "";
        },
      },
      h("label", { for: id }, t("columnTitle")),
      input,
      h("button", { type: "submit" }, t("addColumn")),
    ),
  );
}

function buildArchive(ctx: BoardViewContext, board: Board, canWrite: boolean): HTMLElement {
  const { store } = ctx;
  const columns = board.columns.filter((c) => c.archived);
  const cards = board.columns.flatMap((c) => c.cardIds.map((id) => board.cards[id])).filter((c): c is Card => c !== undefined && c.archived);
  return h(
    "details",
    { class: "archive" },
    h("summary", { "data-key": "archive-summary" }, `${t("archivedColumns")} / ${t("archivedCards")} (${columns.length + cards.length})`),
    columns.length + cards.length === 0 ? h("p", {}, t("noArchived")) : null,
    columns.length > 0
      ? h(
          "section",
          { "aria-labelledby": "archived-columns" },
          h("h2", { id: "archived-columns" }, t("archivedColumns")),
          h(
            "ul",
            { class: "archived-list" },
            columns.map((c) =>
              h(
                "li",
                { "data-column-id": c.id },
                h("span", {}, c.title),
                canWrite
                  ? h("button", { type: "button", class: "secondary", "data-key": `restore-col-${c.id}`, onclick: () => store.submit({ type: "restoreColumn", columnId: c.id }) }, t("restoreColumn", { title: c.title }))
                  : null,
              ),
            ),
          ),
        )
      : null,
    cards.length > 0
      ? h(
          "section",
          { "aria-labelledby": "archived-cards" },
          h("h2", { id: "archived-cards" }, t("archivedCards")),
          h(
            "ul",
            { class: "archived-list" },
            cards.map((c) =>
              h(
                "li",
                { "data-archived-card-id": c.id },
                h("button", { type: "button", class: "link-button", "data-key": `open-archived-${c.id}`, onclick: () => openCardEditor(ctx, c.id) }, c.title),
                canWrite
                  ? h("button", { type: "button", class: "secondary", "data-key": `restore-card-${c.id}`, onclick: () => store.submit({ type: "restoreCard", cardId: c.id }) }, t("restoreCard"))
                  : null,
              ),
            ),
          ),
        )
      : null,
  );
}
