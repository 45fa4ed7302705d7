// A labelled form field for lit templates: the label always visible, and a hint under the control. Ids are
// fixed by the caller (not counted up), so the same field keeps its id across renders.

import { html, nothing, type TemplateResult } from "lit-html";

/** The hint's id; the control names it in its aria-describedby. */
export const hintId = (id: string): string => `${id}-hint`;

export function field(id: string, label: string, control: TemplateResult, hint?: string): TemplateResult {
  return html`<div class="field">
    <label for=${id}>${label}</label>${control}${hint ? html`<p class="hint" id=${hintId(id)}>${hint}</p>` : nothing}
  </div>`;
}
