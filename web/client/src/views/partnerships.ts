// "My partnerships": the list, and the form that creates one with all its fields.

import { html, nothing, render } from "lit-html";
import { createRef } from "lit-html/directives/ref.js";
import { repeat } from "lit-html/directives/repeat.js";
import { ApiError } from "../api";
import { localise, t, type TextKey } from "../i18n";
import { SIDES, type PartnershipDetails, type PartnershipSnapshot, type PartnershipSummary, type Side } from "../protocol";
import { detailsFields, options } from "./detailsForm";
import { link } from "./shell";
import { field } from "./widgets";

export interface PartnershipsActions {
  navigate(path: string): void;
  create(details: PartnershipDetails, creatorSide: Side): Promise<PartnershipSnapshot>;
}

export function renderPartnerships(main: HTMLElement, list: PartnershipSummary[], actions: PartnershipsActions): void {
  // The fields are built once: their controls are never written again, so what is typed stays while the form's own
  // state (error, busy) renders again.
  const creatorSide = createRef<HTMLSelectElement>();
  const fields = detailsFields(null, field("creator-side", t("yourSide"), options("creator-side", "creatorSide", SIDES, (v) => t(`side.${v}` as TextKey), "municipality", creatorSide)));
  let error: string | null = null;
  let busy = false;

  const submit = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    error = null;
    busy = true;
    draw();
    try {
      const created = await actions.create(fields.read(), creatorSide.value!.value as Side);
      actions.navigate(`/partnerships/${created.id}`);
      return;
    } catch (e) {
      error = e instanceof ApiError ? localise(e.message) : String(e);
      busy = false;
      draw();
      const target = e instanceof ApiError && e.field ? form.querySelector<HTMLElement>(`[name="${e.field}"]`) : null;
      (target ?? form.querySelector<HTMLElement>(".error"))?.focus();
    }
  };

  const draw = () =>
    render(
      html`<div class="page">
        <h1>${t("myPartnerships")}</h1>
        ${list.length === 0
          ? html`<p>${t("noPartnerships")}</p>`
          : html`<ul class="tiles" aria-label=${t("myPartnerships")}>
              ${repeat(
                list,
                (p) => p.id,
                (p) => html`<li class="tile">
                  <h2><a href="/partnerships/${p.id}" @click=${link(actions.navigate, `/partnerships/${p.id}`)}>${p.name}</a></h2>
                  <p>${p.municipality} · ${t(`area.${p.area}` as TextKey)} · ${t(`status.${p.status}` as TextKey)}</p>
                  <p class="muted">${t(`role.${p.role}` as TextKey)}, ${t(`side.${p.side}` as TextKey)}</p>
                </li>`,
              )}
            </ul>`}
        <section aria-labelledby="new-partnership">
          <h2 id="new-partnership">${t("newPartnership")}</h2>
          <form class="card-form" @submit=${submit}>
            <p class="error" role="alert" tabindex="-1" ?hidden=${error === null}>${error ?? nothing}</p>
            ${fields.template()}
            <div class="actions"><button type="submit" ?disabled=${busy}>${t("createPartnership")}</button></div>
          </form>
        </section>
      </div>`,
      main,
    );
  draw();
}
