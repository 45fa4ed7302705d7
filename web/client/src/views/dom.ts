// A few lines of DOM building, so views read as markup. No inline styles: classes only (CSP style-src 'self').

type Child = Node | string | number | null | undefined | false | Child[];
type Handler = (event: Event) => void;
export type Attrs = Record<string, string | number | boolean | null | undefined | Handler>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") {
      el.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === "value" && (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement)) {
      el.value = String(value);
    } else if (name === "checked" && el instanceof HTMLInputElement) {
      el.checked = Boolean(value);
    } else if (name === "style") {
      throw new Error("Inline styles are not allowed (CSP); use a class.");
    } else {
      el.setAttribute(name, value === true ? "" : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.appendChild(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
  }
}

let uid = 0;
/** A unique id for label/input pairs. */
export function nextId(prefix: string): string {
  return `${prefix}-${++uid}`;
}

/** A labelled field: <label> + control (+ hint), the label always visible. */
export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = control.id || nextId("f");
  control.id = id;
  const hintEl = hint ? h("p", { class: "hint", id: `${id}-hint` }, hint) : null;
  if (hintEl) control.setAttribute("aria-describedby", hintEl.id);
  return h("div", { class: "field" }, h("label", { for: id }, label), control, hintEl);
}

/**
 * Replaces a container's content while keeping what the person is in the middle of: the focused control
 * (by data-key), its caret and its unsaved text, and drafts in inputs marked data-draft.
 */
export function rerender(container: HTMLElement, build: () => Node): void {
  const active = document.activeElement instanceof HTMLElement && container.contains(document.activeElement) ? document.activeElement : null;
  const activeKey = active?.dataset.key ?? null;
  const drafts = new Map<string, string>();
  container.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>("[data-draft][data-key]").forEach((el) => drafts.set(el.dataset.key!, el.value));
  let activeValue: string | null = null;
  let selection: [number | null, number | null] = [null, null];
  if (active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement) {
    activeValue = active.value;
    try {
      selection = [active.selectionStart, active.selectionEnd];
    } catch {
      selection = [null, null];
    }
  }
  const scroll = new Map<string, [number, number]>();
  container.querySelectorAll<HTMLElement>("[data-scroll-key]").forEach((el) => scroll.set(el.dataset.scrollKey!, [el.scrollLeft, el.scrollTop]));

  container.replaceChildren(build());

  container.querySelectorAll<HTMLElement>("[data-scroll-key]").forEach((el) => {
    const s = scroll.get(el.dataset.scrollKey!);
    if (s) [el.scrollLeft, el.scrollTop] = s;
  });
  for (const [key, value] of drafts) {
    const el = container.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[data-key="${CSS.escape(key)}"]`);
    if (el) el.value = value;
  }
  if (activeKey !== null) {
    const el = container.querySelector<HTMLElement>(`[data-key="${CSS.escape(activeKey)}"]`);
    if (el) {
      if (activeValue !== null && (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) && el.type !== "checkbox") {
        el.value = activeValue;
      }
      el.focus({ preventScroll: true });
      if ((el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) && selection[0] !== null) {
        try {
          el.setSelectionRange(selection[0], selection[1]);
        } catch {
          // Not every input type has a caret.
        }
      }
    }
  }
}

/** Makes a random id for a new column, card, item or comment: [A-Za-z0-9_-], well under 64 characters. */
export function newId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  return `${prefix}-${Array.from(bytes, (b) => b.toString(36).padStart(2, "0")).join("")}`;
}
