// "My partnerships": the list, and the form that creates one with all its fields.

import { ApiError } from "../api";
import { localise, t, type TextKey } from "../i18n";
import { SIDES, type PartnershipDetails, type PartnershipSnapshot, type PartnershipSummary, type Side } from "../protocol";
import { detailsFields, select } from "./detailsForm";
import { field, h } from "./dom";
import { link } from "./shell";

export interface PartnershipsActions {
  navigate(path: string): void;
  create(details: PartnershipDetails, creatorSide: Side): Promise<PartnershipSnapshot>;
}

export function renderPartnerships(main: HTMLElement, list: PartnershipSummary[], actions: PartnershipsActions): void {
  main.replaceChildren(
    h(
      "div",
      { class: "page" },
      h("h1", {}, t("myPartnerships")),
      list.length === 0
        ? h("p", {}, t("noPartnerships"))
        : h(
            "ul",
            { class: "tiles", "aria-label": t("myPartnerships") },
            list.map((p) =>
              h(
                "li",
                { class: "tile" },
                h("h2", {}, h("a", { href: `/partnerships/${p.id}`, onclick: link(actions.navigate, `/partnerships/${p.id}`) }, p.name)),
                h("p", {}, `${p.municipality} · ${t(`area.${p.area}` as TextKey)} · ${t(`status.${p.status}` as TextKey)}`),
                h("p", { class: "muted" }, `${t(`role.${p.role}` as TextKey)}, ${t(`side.${p.side}` as TextKey)}`),
              ),
            ),
          ),
      h("section", { "aria-labelledby": "new-partnership" }, h("h2", { id: "new-partnership" }, t("newPartnership")), partnershipForm(actions)),
    ),
  );
}

function partnershipForm(actions: PartnershipsActions): HTMLFormElement {
  const error = h("p", { class: "error", role: "alert", hidden: true });
  const creatorSide = select("creatorSide", SIDES, (v) => t(`side.${v}` as TextKey), "municipality");
  const fields = detailsFields(null, field(t("yourSide"), creatorSide));
  const submit = h("button", { type: "submit" }, t("createPartnership"));
  const form: HTMLFormElement = h(
    "form",
    {
      class: "card-form",
      onsubmit: async (event: Event) => {
        event.preventDefault();
        error.hidden = true;
        submit.disabled = true;
        try {
          const created = await actions.create(fields.read(), creatorSide.value as Side);
          actions.navigate(`/partnerships/${created.id}`);
        } catch (e) {
          error.textContent = e instanceof ApiError ? localise(e.message) : String(e);
          error.hidden = false;
          const target = e instanceof ApiError && e.field ? form.querySelector<HTMLElement>(`[name="${e.field}"]`) : null;
          (target ?? error).focus();
        } finally {
          submit.disabled = false;
        }
      },
    },
    error,
    fields.nodes,
    h("div", { class: "actions" }, submit),
  );
  return form;
}
