// The card editor: a modal dialog with every field of a card. Each field is sent when it is left (change),
// so what others see follows the person's edits field by field. Remote changes render into the same elements
// (lit, keyed by item and comment id): a field shows others' changes except while the person is in it, and the
// new item and comment drafts are never written to. Opening and closing tell the others (Editing).
// The description is shared text: sent as the person types, merged with others' typing character by character,
// with their carets shown, and Ctrl+Z / Ctrl+Y undoing one's own edits only (views/sharedText.ts).

import { html, nothing, render, type TemplateResult } from "lit-html";
import { live } from "lit-html/directives/live.js";
import { repeat } from "lit-html/directives/repeat.js";
import { formatDateTime, t, type TextKey } from "../i18n";
import { newId } from "../ids";
import { BoardLimits, type Card, type CardTextField, type Comment, type Member } from "../protocol";
import { columnOf } from "../stores/boardStore";
import { sidesOf } from "../stores/partnershipStore";
import type { BoardViewContext } from "./board";
import { remote } from "./directives";
import { sharedTextArea, type SharedTextArea } from "./sharedText";
import { field } from "./widgets";

let open: HTMLDialogElement | null = null;

interface EditorState {
  cardId: string;
  /** The comment being edited, if any (one at a time). */
  editingComment: string | null;
  /** Whether a change to this card was waiting while the editor was open: from then on it says "Gemt" when none is. */
  changed: boolean;
  redraw(): void;
  close(): void;
  description: SharedTextArea;
}

export function openCardEditor(ctx: BoardViewContext, cardId: string): void {
  open?.close();
  const { store } = ctx;
  const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const body = document.createElement("div");
  body.className = "editor-body";
  const dialog = document.createElement("dialog");
  dialog.className = "card-editor";
  dialog.setAttribute("aria-labelledby", "editor-title");
  dialog.append(body);
  document.body.appendChild(dialog);
  open = dialog;
  // Built once and kept across renders: lit leaves a node it is given again where it is, caret and all.
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

  let scheduled = false;
  const state: EditorState = { cardId, editingComment: null, changed: false, redraw: () => draw(), close: () => dialog.close(), description };
  const draw = () => {
    scheduled = false;
    const card = store.view?.cards[cardId];
    if (!card) {
      dialog.close();
      return;
    }
    description.refreshCarets();
    render(editor(ctx, card, state), body);
  };
  let closed = false;
  const schedule = () => {
    if (scheduled || closed) return;
    scheduled = true;
    queueMicrotask(() => {
      if (!closed) draw();
    });
  };
  const unsubscribe = store.subscribe(schedule);
  // A field skips others' changes while the person is in it (remote()); leaving it shows what arrived meanwhile.
  dialog.addEventListener("focusout", schedule);

  dialog.addEventListener("cancel", () => {
    // Esc: leave the field first, so its change is sent.
    (document.activeElement as HTMLElement | null)?.blur();
  });
  dialog.addEventListener("close", () => {
    closed = true;
    unsubscribe();
    render(nothing, body);
    description.dispose();
    store.editing(null);
    dialog.remove();
    if (open === dialog) open = null;
    // Back to the control that opened the editor; if the card moved meanwhile, to its button in its new place.
    const back = returnTo?.isConnected
      ? returnTo
      : document.querySelector<HTMLElement>(`li.card[data-card-id="${CSS.escape(cardId)}"] .card-open, [data-archived-card-id="${CSS.escape(cardId)}"] button`);
    back?.focus();
  });

  draw();
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

const valueOf = (e: Event) => (e.target as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement).value;

function editor(ctx: BoardViewContext, card: Card, state: EditorState): TemplateResult {
  const { store, me } = ctx;
  const board = store.view!;
  const mine = store.members.get(me.userId);
  const canWrite = mine === undefined ? store.members.size === 0 : mine.role !== "observer";
  const column = columnOf(board, card.id);
  const members = [...store.members.values()];

  const setText = (name: CardTextField) => (e: Event) => {
    const value = valueOf(e);
    if (value !== card[name]) store.submit({ type: "setCardText", cardId: card.id, field: name, value });
  };
  const text = (name: CardTextField, max: number) =>
    html`<input id="card-${name}" name=${name} maxlength=${max} ?required=${name === "title"} ?disabled=${!canWrite} .value=${remote(card[name])} @change=${setText(name)} />`;
  const longText = (name: CardTextField, max: number) =>
    html`<textarea id="card-${name}" name=${name} rows="3" maxlength=${max} ?disabled=${!canWrite} .value=${remote(card[name])} @change=${setText(name)}></textarea>`;

  const schedule = (e: Event) => {
    const form = (e.target as HTMLElement).closest(".editor-body")!;
    const startsAt = fromLocalInput(form.querySelector<HTMLInputElement>("[name=startsAt]")!.value);
    const endsAt = fromLocalInput(form.querySelector<HTMLInputElement>("[name=endsAt]")!.value);
    if (toLocalInput(startsAt) !== toLocalInput(card.startsAt) || toLocalInput(endsAt) !== toLocalInput(card.endsAt)) {
      store.submit({ type: "setCardSchedule", cardId: card.id, startsAt, endsAt });
    }
  };
  const when = (name: "startsAt" | "endsAt") =>
    html`<input type="datetime-local" id="card-${name}" name=${name} ?disabled=${!canWrite} .value=${remote(toLocalInput(card[name]))} @change=${schedule} />`;

  const moveSelect = html`<select
    id="card-column"
    name="column"
    ?disabled=${!canWrite}
    @change=${(e: Event) => {
      const to = board.columns.find((c) => c.id === valueOf(e));
      if (to && to.id !== column?.id) store.submit({ type: "moveCard", cardId: card.id, toColumnId: to.id, index: to.cardIds.length });
    }}
  >
    ${repeat(
      board.columns.filter((c) => !c.archived || c.id === column?.id),
      (c) => c.id,
      (c) => html`<option value=${c.id} .selected=${live(c.id === column?.id)}>${c.title}</option>`,
    )}
  </select>`;

  const sides = sidesOf(card.ownerIds, store.members);
  const owners = html`<fieldset class="owners">
    <legend>${t("owners")}</legend>
    <p class="hint">${t("ownersHint")}</p>
    <p class="badge ${sides.municipality && sides.voluntary ? "both" : "missing"}">
      ${sides.municipality && sides.voluntary ? `✓ ${t("bothSides")}` : !sides.municipality ? t("missingMunicipality") : t("missingVoluntary")}
    </p>
    <ul class="checks">
      ${repeat(
        members,
        (m) => m.userId,
        (m) => html`<li>
          <input
            type="checkbox"
            id="owner-${m.userId}"
            ?disabled=${!canWrite}
            .checked=${live(card.ownerIds.includes(m.userId))}
            @change=${(e: Event) => {
              const on = (e.target as HTMLInputElement).checked;
              const ownerIds = on ? [...card.ownerIds, m.userId] : card.ownerIds.filter((x) => x !== m.userId);
              store.submit({ type: "setCardOwners", cardId: card.id, ownerIds });
            }}
          /><label for="owner-${m.userId}">${m.displayName} (${t(`side.${m.side}` as TextKey)})</label>
        </li>`,
      )}
    </ul>
  </fieldset>`;

  const labels = html`<input
    id="card-labels"
    name="labels"
    aria-describedby="card-labels-hint"
    ?disabled=${!canWrite}
    .value=${remote(card.labels.join(", "))}
    @change=${(e: Event) => {
      const values = valueOf(e).split(",").map((s) => s.trim()).filter((s) => s.length > 0);
      if (values.join("\u0000") !== card.labels.join("\u0000")) store.submit({ type: "setCardLabels", cardId: card.id, labels: values });
    }}
  />`;

  // "Gemt" once the grain has confirmed every change made to this card here; "Gemmer …" while one waits.
  const saving = store.pending.some((p) => "cardId" in p.op && p.op.cardId === card.id);
  if (saving) state.changed = true;
  return html`<div class="editor-head">
      <h2 id="editor-title">${card.title}${card.archived ? html`<span class="badge muted-badge"> ${t("archived")}</span>` : nothing}</h2>
      <div class="editor-tools">
        <p class="save-state ${saving ? "saving" : ""}" role="status">${saving ? t("board.saving") : state.changed ? `✓ ${t("board.saved")}` : ""}</p>
        <button type="button" class="secondary" @click=${state.close}>${t("close")}</button>
      </div>
    </div>
    <p class="muted">${t("createdBy", { name: store.nameOf(card.createdBy) || t("someone") })} · ${formatDateTime(card.createdAt)}</p>
    ${field("card-title", t("title"), text("title", BoardLimits.CardTitleMax))}
    <div class="grid-2">${field("card-column", t("moveToColumn"), moveSelect)}${field("card-place", t("place"), text("place", BoardLimits.PlaceMax))}</div>
    <div class="grid-2">${field("card-startsAt", t("startsAt"), when("startsAt"))}${field("card-endsAt", t("endsAt"), when("endsAt"))}</div>
    ${descriptionField(ctx, card, state.description, canWrite)}
    <div class="grid-2">
      ${field("card-volunteerTasks", t("volunteerTasks"), longText("volunteerTasks", BoardLimits.TasksMax))}${field("card-staffTasks", t("staffTasks"), longText("staffTasks", BoardLimits.TasksMax))}
    </div>
    ${owners} ${field("card-labels", t("labels"), labels, t("labelsHint"))} ${checklist(ctx, card, members, canWrite)} ${comments(ctx, card, state, canWrite)}
    ${canWrite
      ? html`<div class="actions">
          ${card.archived
            ? html`<button type="button" class="secondary" @click=${() => store.submit({ type: "restoreCard", cardId: card.id })}>${t("restoreCard")}</button>`
            : html`<button type="button" class="secondary" @click=${() => store.submit({ type: "archiveCard", cardId: card.id })}>${t("archiveCard")}</button>`}
        </div>`
      : nothing}`;
}

function checklist(ctx: BoardViewContext, card: Card, members: Member[], canWrite: boolean): TemplateResult {
  const { store } = ctx;
  const update = (itemId: string, change: Partial<{ text: string; done: boolean; assigneeId: string | null }>) => {
    const item = card.checklist.find((i) => i.id === itemId);
    if (!item) return;
    store.submit({ type: "updateChecklistItem", cardId: card.id, itemId, text: change.text ?? item.text, done: change.done ?? item.done, assigneeId: change.assigneeId !== undefined ? change.assigneeId : item.assigneeId });
  };
  return html`<fieldset class="checklist">
    <legend>${t("checklist")}</legend>
    <ul>
      ${repeat(
        card.checklist,
        (item) => item.id,
        (item) => html`<li class="check-item">
          <input type="checkbox" id="done-${item.id}" ?disabled=${!canWrite} .checked=${live(item.done)} @change=${(e: Event) => update(item.id, { done: (e.target as HTMLInputElement).checked })} />
          <label for="done-${item.id}" class="visually-hidden">${t("done")}: ${item.text}</label>
          <label for="text-${item.id}" class="visually-hidden">${t("checklistItem")}</label>
          <input id="text-${item.id}" maxlength=${BoardLimits.ChecklistTextMax} ?disabled=${!canWrite} .value=${remote(item.text)} @change=${(e: Event) => update(item.id, { text: valueOf(e) })} />
          <label for="who-${item.id}" class="visually-hidden">${t("assignee")}: ${item.text}</label>
          <select id="who-${item.id}" ?disabled=${!canWrite} @change=${(e: Event) => update(item.id, { assigneeId: valueOf(e) || null })}>
            <option value="" .selected=${live(item.assigneeId === null)}>${t("assignee")}: ${t("nobody")}</option>
            ${repeat(
              members,
              (m) => m.userId,
              (m) => html`<option value=${m.userId} .selected=${live(m.userId === item.assigneeId)}>${m.displayName}</option>`,
            )}
          </select>
          <button
            type="button"
            class="secondary small"
            ?disabled=${!canWrite}
            aria-label=${t("removeItem", { text: item.text })}
            @click=${() => store.submit({ type: "removeChecklistItem", cardId: card.id, itemId: item.id })}
          >
            ✕
          </button>
        </li>`,
      )}
    </ul>
    <form
      class="inline-form"
      @submit=${(e: Event) => {
        e.preventDefault();
        const input = (e.currentTarget as HTMLFormElement).elements.namedItem("newItem") as HTMLInputElement;
        if (store.submit({ type: "addChecklistItem", cardId: card.id, itemId: newId("item"), text: input.value })) input.value = "";
      }}
    >
      <label for="new-item">${t("newChecklistItem")}</label>
      <input name="newItem" id="new-item" maxlength=${BoardLimits.ChecklistTextMax} ?disabled=${!canWrite} />
      <button type="submit" ?disabled=${!canWrite}>${t("addChecklistItem")}</button>
    </form>
  </fieldset>`;
}

function comments(ctx: BoardViewContext, card: Card, state: EditorState, canWrite: boolean): TemplateResult {
  const { store, me } = ctx;
  const edit = (id: string | null) => {
    state.editingComment = id;
    state.redraw();
  };
  const one = (c: Comment) => {
    if (state.editingComment === c.id) {
      const id = `edit-${c.id}`;
      return html`<li class="comment">
        <form
          @submit=${(e: Event) => {
            e.preventDefault();
            const text = ((e.currentTarget as HTMLFormElement).elements.namedItem("text") as HTMLTextAreaElement).value;
            if (text !== c.text) store.submit({ type: "editComment", cardId: card.id, commentId: c.id, text });
            edit(null);
          }}
        >
          <label for=${id}>${t("editComment")}</label>
          <textarea id=${id} name="text" rows="2" maxlength=${BoardLimits.CommentMax} .value=${remote(c.text)}></textarea>
          <div class="actions">
            <button type="submit">${t("save")}</button>
            <button type="button" class="secondary" @click=${() => edit(null)}>${t("cancel")}</button>
          </div>
        </form>
      </li>`;
    }
    return html`<li class="comment">
      <p class="comment-head"><strong>${c.authorName || store.nameOf(c.authorId)}</strong> · ${formatDateTime(c.at)}${c.editedAt ? ` (${t("edited")})` : ""}</p>
      <p class="comment-text">${c.text}</p>
      ${c.authorId === me.userId && canWrite
        ? html`<div class="actions">
            <button type="button" class="secondary small" @click=${() => edit(c.id)}>${t("edit")}</button>
            <button type="button" class="secondary small" @click=${() => store.submit({ type: "deleteComment", cardId: card.id, commentId: c.id })}>${t("delete")}</button>
          </div>`
        : nothing}
    </li>`;
  };
  return html`<section class="comments" aria-labelledby="comments-title">
    <h3 id="comments-title">${t("comments")}</h3>
    ${card.comments.length === 0 ? html`<p class="muted">${t("noComments")}</p>` : html`<ul>${repeat(card.comments, (c) => c.id, one)}</ul>`}
    ${canWrite
      ? html`<form
          @submit=${(e: Event) => {
            e.preventDefault();
            const area = (e.currentTarget as HTMLFormElement).elements.namedItem("comment") as HTMLTextAreaElement;
            if (store.submit({ type: "addComment", cardId: card.id, commentId: newId("cmt"), text: area.value })) area.value = "";
          }}
        >
          <label for="new-comment">${t("newComment")}</label>
          <textarea id="new-comment" name="comment" rows="2" maxlength=${BoardLimits.CommentMax}></textarea>
          <div class="actions"><button type="submit">${t("addComment")}</button></div>
        </form>`
      : nothing}
  </section>`;
}

function descriptionField(ctx: BoardViewContext, card: Card, description: SharedTextArea, canWrite: boolean): TemplateResult {
  const { store } = ctx;
  description.setDisabled(!canWrite);
  return html`<div class="field">
    <label for="card-description">${t("description")}</label>${description.element}
    ${canWrite
      ? html`<div class="undo-redo">
          <button type="button" class="secondary small" ?disabled=${!store.texts.canUndo(card.id)} @click=${() => store.undoDescription(card.id)}>${t("agreement.undo")}</button>
          <button type="button" class="secondary small" ?disabled=${!store.texts.canRedo(card.id)} @click=${() => store.redoDescription(card.id)}>${t("agreement.redo")}</button>
        </div>`
      : nothing}
  </div>`;
}
