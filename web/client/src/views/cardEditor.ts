// The card editor: a modal dialog with every field of a card. Each field is sent when it is left (change),
// so what others see follows the person's edits field by field; remote changes re-render the dialog
// without touching the field the person is typing in. Opening and closing tell the others (Editing).
// The description is shared text: sent as the person types, merged with others' typing character by character,
// with their carets shown, and Ctrl+Z / Ctrl+Y undoing one's own edits only (views/sharedText.ts).

import { formatDateTime, lang, t, type TextKey } from "../i18n";
import { BoardLimits, type Card, type CardTextField, type Comment } from "../protocol";
import { columnOf } from "../stores/boardStore";
import { sidesOf } from "../stores/partnershipStore";
import { field, h, newId, rerender } from "./dom";
import type { BoardViewContext } from "./board";
import { sharedTextArea, type SharedTextArea } from "./sharedText";

let open: HTMLDialogElement | null = null;

export function openCardEditor(ctx: BoardViewContext, cardId: string): void {
  open?.close();
  const { store } = ctx;
  const returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement.dataset.key : undefined;
  const body = h("div", { class: "editor-body" });
  const dialog = h("dialog", { class: "card-editor", "aria-labelledby": "editor-title" }, body);
  document.body.appendChild(dialog);
  open = dialog;
  const editingComment = { id: null as string | null };
  // Built once and kept across renders: typing in it must never lose the caret.
  const description = sharedTextArea({
    id: "card-description",
    field: cardId,
    max: BoardLimits.DescriptionMax,
    rows: 5,
    disabled: false,
    text: () => store.view?.cards[cardId]?.description ?? "",
    edit: (op, selection) => store.editDescription(cardId, op, selection),
    undo: () => store.undoDescription(cardId),
    redo: () => store.redoDescription(cardId),
    caret: (selection) => store.descriptionCaret(cardId, selection),
    onText: (listener) => store.onText(listener),
    carets: () => store.descriptionCarets(cardId),
  });
  description.textarea.name = "description";
  description.textarea.dataset.key = "card-description";

  let scheduled = false;
  let shown = "";
  const render = (force = false) => {
    scheduled = false;
    const card = store.view?.cards[cardId];
    if (!card) {
      dialog.close();
      return;
    }
    // Typing in the description changes only the description, which keeps itself current: no need to build the
    // dialog again (and re-attach the textarea) at every keystroke.
    const signature = JSON.stringify([lang(), { ...card, description: null }, store.view?.columns, [...store.members.values()], editingComment.id, store.texts.canUndo(cardId), store.texts.canRedo(cardId)]);
    description.refreshCarets();
    if (!force && signature === shown) return;
    shown = signature;
    rerender(body, () => buildEditor(ctx, card, editingComment, () => render(true), () => dialog.close(), description));
  };
  const unsubscribe = store.subscribe(() => {
    if (!scheduled) {
      scheduled = true;
      queueMicrotask(render);
    }
  });

  dialog.addEventListener("cancel", () => {
    // Esc: leave the field first, so its change is sent.
    (document.activeElement as HTMLElement | null)?.blur();
  });
  dialog.addEventListener("close", () => {
    unsubscribe();
    description.dispose();
    store.editing(null);
    dialog.remove();
    if (open === dialog) open = null;
    if (returnFocus) document.querySelector<HTMLElement>(`[data-key="${CSS.escape(returnFocus)}"]`)?.focus();
  });

  render();
  dialog.showModal();
  store.editing(cardId);
}

function toLocalInput(iso: string | null): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

function buildEditor(ctx: BoardViewContext, card: Card, editingComment: { id: string | null }, refresh: () => void, close: () => void, description: SharedTextArea): Node {
  const { store, me } = ctx;
  const board = store.view!;
  const mine = store.members.get(me.userId);
  const canWrite = mine === undefined ? store.members.size === 0 : mine.role !== "observer";
  const disabled = !canWrite || null;
  const column = columnOf(board, card.id);
  const members = [...store.members.values()];

  const text = (name: CardTextField, multiline: boolean, max: number) => {
    const attrs = {
      name,
      "data-key": `card-${name}`,
      maxlength: max,
      disabled,
      onchange: (e: Event) => {
        const value = (e.target as HTMLInputElement | HTMLTextAreaElement).value;
        if (value !== card[name]) store.submit({ type: "setCardText", cardId: card.id, field: name, value });
      },
    };
    return multiline ? h("textarea", { ...attrs, rows: name === "description" ? 5 : 3, value: card[name] }) : h("input", { ...attrs, value: card[name], required: name === "title" });
  };

  const starts = h("input", { type: "datetime-local", name: "startsAt", "data-key": "card-startsAt", value: toLocalInput(card.startsAt), disabled });
  const ends = h("input", { type: "datetime-local", name: "endsAt", "data-key": "card-endsAt", value: toLocalInput(card.endsAt), disabled });
  const schedule = () => {
    const startsAt = fromLocalInput(starts.value);
    const endsAt = fromLocalInput(ends.value);
    if (toLocalInput(startsAt) !== toLocalInput(card.startsAt) || toLocalInput(endsAt) !== toLocalInput(card.endsAt)) {
      store.submit({ type: "setCardSchedule", cardId: card.id, startsAt, endsAt });
    }
  };
  starts.addEventListener("change", schedule);
  ends.addEventListener("change", schedule);

  const moveSelect = h(
    "select",
    {
      name: "column",
      "data-key": "card-column",
      disabled,
      onchange: (e: Event) => {
        const to = board.columns.find((c) => c.id === (e.target as HTMLSelectElement).value);
        if (to && to.id !== column?.id) store.submit({ type: "moveCard", cardId: card.id, toColumnId: to.id, index: to.cardIds.length });
      },
    },
    board.columns.filter((c) => !c.archived || c.id === column?.id).map((c) => h("option", { value: c.id, selected: c.id === column?.id }, c.title)),
  );

  const sides = sidesOf(card.ownerIds, store.members);
  const owners = h(
    "fieldset",
    { class: "owners" },
    h("legend", {}, t("owners")),
    h("p", { class: "hint" }, t("ownersHint")),
    h(
      "p",
      { class: `badge ${sides.municipality && sides.voluntary ? "both" : "missing"}` },
      sides.municipality && sides.voluntary ? `✓ ${t("bothSides")}` : !sides.municipality ? t("missingMunicipality") : t("missingVoluntary"),
    ),
    h(
      "ul",
      { class: "checks" },
      members.map((m) => {
        const id = `owner-${m.userId}`;
        return h(
          "li",
          {},
          h("input", {
            type: "checkbox",
            id,
            "data-key": id,
            checked: card.ownerIds.includes(m.userId),
            disabled,
            onchange: (e: Event) => {
              const on = (e.target as HTMLInputElement).checked;
              const ownerIds = on ? [...card.ownerIds, m.userId] : card.ownerIds.filter((x) => x !== m.userId);
              store.submit({ type: "setCardOwners", cardId: card.id, ownerIds });
            },
          }),
          h("label", { for: id }, `${m.displayName} (${t(`side.${m.side}` as TextKey)})`),
        );
      }),
    ),
  );

  const labels = h("input", {
    name: "labels",
    "data-key": "card-labels",
    value: card.labels.join(", "),
    disabled,
    onchange: (e: Event) => {
      const values = (e.target as HTMLInputElement).value.split(",").map((s) => s.trim()).filter((s) => s.length > 0);
      if (values.join("\u0000") !== card.labels.join("\u0000")) store.submit({ type: "setCardLabels", cardId: card.id, labels: values });
    },
  });

  return h(
    "div",
    {},
    h(
      "div",
      { class: "editor-head" },
      h("h2", { id: "editor-title" }, card.title, card.archived ? h("span", { class: "badge muted-badge" }, ` ${t("archived")}`) : null),
      h("button", { type: "button", class: "secondary", "data-key": "editor-close", onclick: close }, t("close")),
    ),
    h("p", { class: "muted" }, t("createdBy", { name: store.nameOf(card.createdBy) || t("someone") }), " · ", formatDateTime(card.createdAt)),
    field(t("title"), text("title", false, BoardLimits.CardTitleMax)),
    h("div", { class: "grid-2" }, field(t("moveToColumn"), moveSelect), field(t("place"), text("place", false, BoardLimits.PlaceMax))),
    h("div", { class: "grid-2" }, field(t("startsAt"), starts), field(t("endsAt"), ends)),
    descriptionField(ctx, card, description, canWrite),
    h("div", { class: "grid-2" }, field(t("volunteerTasks"), text("volunteerTasks", true, BoardLimits.TasksMax)), field(t("staffTasks"), text("staffTasks", true, BoardLimits.TasksMax))),
    owners,
    field(t("labels"), labels, t("labelsHint")),
    checklist(ctx, card, members, disabled),
    comments(ctx, card, editingComment, refresh, canWrite),
    canWrite
      ? h(
          "div",
          { class: "actions" },
          card.archived
            ? h("button", { type: "button", class: "secondary", "data-key": "card-restore", onclick: () => store.submit({ type: "restoreCard", cardId: card.id }) }, t("restoreCard"))
            : h("button", { type: "button", class: "secondary", "data-key": "card-archive", onclick: () => store.submit({ type: "archiveCard", cardId: card.id }) }, t("archiveCard")),
        )
      : null,
  );
}

function checklist(ctx: BoardViewContext, card: Card, members: { userId: string; displayName: string }[], disabled: true | null): HTMLElement {
  const { store } = ctx;
  const update = (itemId: string, change: Partial<{ text: string; done: boolean; assigneeId: string | null }>) => {
    const item = card.checklist.find((i) => i.id === itemId);
    if (!item) return;
    store.submit({ type: "updateChecklistItem", cardId: card.id, itemId, text: change.text ?? item.text, done: change.done ?? item.done, assigneeId: change.assigneeId !== undefined ? change.assigneeId : item.assigneeId });
  };
  const newItem = h("input", { name: "newItem", id: "new-item", "data-key": "new-item", "data-draft": "", maxlength: BoardLimits.ChecklistTextMax, disabled });
  return h(
    "fieldset",
    { class: "checklist" },
    h("legend", {}, t("checklist")),
    h(
      "ul",
      {},
      card.checklist.map((item) => {
        const doneId = `done-${item.id}`;
        const textId = `text-${item.id}`;
        const whoId = `who-${item.id}`;
        return h(
          "li",
          { class: "check-item" },
          h("input", { type: "checkbox", id: doneId, "data-key": doneId, checked: item.done, disabled, onchange: (e: Event) => update(item.id, { done: (e.target as HTMLInputElement).checked }) }),
          h("label", { for: doneId, class: "visually-hidden" }, `${t("done")}: ${item.text}`),
          h("label", { for: textId, class: "visually-hidden" }, t("checklistItem")),
          h("input", { id: textId, "data-key": textId, value: item.text, maxlength: BoardLimits.ChecklistTextMax, disabled, onchange: (e: Event) => update(item.id, { text: (e.target as HTMLInputElement).value }) }),
          h("label", { for: whoId, class: "visually-hidden" }, `${t("assignee")}: ${item.text}`),
          h(
            "select",
            { id: whoId, "data-key": whoId, disabled, onchange: (e: Event) => update(item.id, { assigneeId: (e.target as HTMLSelectElement).value || null }) },
            h("option", { value: "" }, `${t("assignee")}: ${t("nobody")}`),
            members.map((m) => h("option", { value: m.userId, selected: m.userId === item.assigneeId }, m.displayName)),
          ),
          h(
            "button",
            { type: "button", class: "secondary small", disabled, "aria-label": t("removeItem", { text: item.text }), onclick: () => store.submit({ type: "removeChecklistItem", cardId: card.id, itemId: item.id }) },
            "✕",
          ),
        );
      }),
    ),
    h(
      "form",
      {
        class: "inline-form",
        onsubmit: (e: Event) => {
          e.preventDefault();
          if (store.submit({ type: "addChecklistItem", cardId: card.id, itemId: newId("item"), text: newItem.value })) newItem.value = "";
        },
      },
      h("label", { for: "new-item" }, t("newChecklistItem")),
      newItem,
      h("button", { type: "submit", disabled }, t("addChecklistItem")),
    ),
  );
}

function comments(ctx: BoardViewContext, card: Card, editing: { id: string | null }, refresh: () => void, canWrite: boolean): HTMLElement {
  const { store, me } = ctx;
  const newText = h("textarea", { id: "new-comment", "data-key": "new-comment", "data-draft": "", rows: 2, maxlength: BoardLimits.CommentMax, disabled: !canWrite || null });
  const one = (c: Comment) => {
    const own = c.authorId === me.userId && canWrite;
    if (editing.id === c.id) {
      const id = `edit-${c.id}`;
      const area = h("textarea", { id, "data-key": id, rows: 2, value: c.text, maxlength: BoardLimits.CommentMax });
      return h(
        "li",
        { class: "comment" },
        h(
          "form",
          {
            onsubmit: (e: Event) => {
              e.preventDefault();
              if (area.value !== c.text) store.submit({ type: "editComment", cardId: card.id, commentId: c.id, text: area.value });
              editing.id = null;
              refresh();
            },
          },
          h("label", { for: id }, t("editComment")),
          area,
          h(
            "div",
            { class: "actions" },
            h("button", { type: "submit" }, t("save")),
            h("button", { type: "button", class: "secondary", onclick: () => ((editing.id = null), refresh()) }, t("cancel")),
          ),
        ),
      );
    }
    return h(
      "li",
      { class: "comment" },
      h("p", { class: "comment-head" }, h("strong", {}, c.authorName || store.nameOf(c.authorId)), " · ", formatDateTime(c.at), c.editedAt ? ` (${t("edited")})` : ""),
      h("p", { class: "comment-text" }, c.text),
      own
        ? h(
            "div",
            { class: "actions" },
            h("button", { type: "button", class: "secondary small", "data-key": `edit-btn-${c.id}`, onclick: () => ((editing.id = c.id), refresh()) }, t("edit")),
            h("button", { type: "button", class: "secondary small", onclick: () => store.submit({ type: "deleteComment", cardId: card.id, commentId: c.id }) }, t("delete")),
          )
        : null,
    );
  };
  return h(
    "section",
    { class: "comments", "aria-labelledby": "comments-title" },
    h("h3", { id: "comments-title" }, t("comments")),
    card.comments.length === 0 ? h("p", { class: "muted" }, t("noComments")) : h("ul", {}, card.comments.map(one)),
    canWrite
      ? h(
          "form",
          {
            onsubmit: (e: Event) => {
              e.preventDefault();
              if (store.submit({ type: "addComment", cardId: card.id, commentId: newId("cmt"), text: newText.value })) newText.value = "";
            },
          },
          h("label", { for: "new-comment" }, t("newComment")),
          newText,
          h("div", { class: "actions" }, h("button", { type: "submit" }, t("addComment"))),
        )
      : null,
  );
}

function descriptionField(ctx: BoardViewContext, card: Card, description: SharedTextArea, canWrite: boolean): HTMLElement {
  const { store } = ctx;
  description.setDisabled(!canWrite);
  return h(
    "div",
    { class: "field" },
    h("label", { for: "card-description" }, t("description")),
    description.element,
    canWrite
      ? h(
          "div",
          { class: "undo-redo" },
          h(
            "button",
            { type: "button", class: "secondary small", "data-key": "description-undo", disabled: !store.texts.canUndo(card.id) || null, onclick: () => store.undoDescription(card.id) },
            t("agreement.undo"),
          ),
          h(
            "button",
            { type: "button", class: "secondary small", "data-key": "description-redo", disabled: !store.texts.canRedo(card.id) || null, onclick: () => store.redoDescription(card.id) },
            t("agreement.redo"),
          ),
        )
      : null,
  );
}
