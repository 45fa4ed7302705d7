// "My partnerships": the list, and the form that creates one with all its fields.

import { ApiError } from "../api";
import { localise, t, type TextKey } from "../i18n";
import {
  PARTNERSHIP_AREAS,
  PARTNERSHIP_STATUSES,
  PartnershipLimits,
  SIDES,
  type Party,
  type PartnershipDetails,
  type PartnershipSnapshot,
  type PartnershipSummary,
  type Side,
} from "../protocol";
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

function select<T extends string>(name: string, values: readonly T[], label: (v: T) => string, selected: T): HTMLSelectElement {
  return h("select", { name }, values.map((v) => h("option", { value: v, selected: v === selected }, label(v))));
}

function partnershipForm(actions: PartnershipsActions): HTMLFormElement {
  const error = h("p", { class: "error", role: "alert", hidden: true });
  const name = h("input", { name: "name", required: true, maxlength: PartnershipLimits.NameMax });
  const municipality = h("input", { name: "municipality", required: true, maxlength: PartnershipLimits.MunicipalityMax });
  const area = select("area", PARTNERSHIP_AREAS, (v) => t(`area.${v}` as TextKey), "other");
  const status = select("status", PARTNERSHIP_STATUSES, (v) => t(`status.${v}` as TextKey), "draft");
  const creatorSide = select("creatorSide", SIDES, (v) => t(`side.${v}` as TextKey), "municipality");
  const long = (n: string) => h("textarea", { name: n, rows: 3, maxlength: PartnershipLimits.LongTextMax });
  const purpose = long("purpose");
  const targetGroup = long("targetGroup");
  const sharedGoals = long("sharedGoals");
  const municipalityGoals = long("municipalityGoals");
  const voluntaryGoals = long("voluntaryGoals");
  const startsOn = h("input", { type: "date", name: "startsOn" });
  const endsOn = h("input", { type: "date", name: "endsOn" });

  const partiesList = h("ol", { class: "parties" });
  const addParty = (party: Party = { name: "", side: "voluntaryOrganisation" }) => {
    const n = partiesList.childElementCount + 1;
    const nameInput = h("input", { name: "partyName", required: true, maxlength: PartnershipLimits.PartyNameMax, value: party.name });
    const sideSelect = select("partySide", SIDES, (v) => t(`side.${v}` as TextKey), party.side);
    const row: HTMLLIElement = h(
      "li",
      { class: "party-row" },
      field(`${t("partyName")} ${n}`, nameInput),
      field(`${t("side")} ${n}`, sideSelect),
      h("button", { type: "button", class: "secondary", onclick: () => row.remove() }, t("removeParty")),
    );
    partiesList.appendChild(row);
  };

  const submit = h("button", { type: "submit" }, t("createPartnership"));
  const form: HTMLFormElement = h(
    "form",
    {
      class: "card-form",
      onsubmit: async (event: Event) => {
        event.preventDefault();
        error.hidden = true;
        const parties: Party[] = [...partiesList.querySelectorAll("li")].map((li) => ({
          name: li.querySelector<HTMLInputElement>("[name=partyName]")!.value,
          side: li.querySelector<HTMLSelectElement>("[name=partySide]")!.value as Side,
        }));
        const details: PartnershipDetails = {
          name: name.value,
          municipality: municipality.value,
          area: area.value as PartnershipDetails["area"],
          parties,
          purpose: purpose.value,
          targetGroup: targetGroup.value,
          sharedGoals: sharedGoals.value,
          municipalityGoals: municipalityGoals.value,
          voluntaryGoals: voluntaryGoals.value,
          startsOn: startsOn.value || null,
          endsOn: endsOn.value || null,
          status: status.value as PartnershipDetails["status"],
        };
        submit.disabled = true;
        try {
          const created = await actions.create(details, creatorSide.value as Side);
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
    h("div", { class: "grid-2" }, field(t("name"), name), field(t("municipality"), municipality)),
    h("div", { class: "grid-3" }, field(t("area"), area), field(t("status"), status), field(t("yourSide"), creatorSide)),
    h("div", { class: "grid-2" }, field(t("startsOn"), startsOn), field(t("endsOn"), endsOn)),
    field(t("purpose"), purpose),
    field(t("targetGroup"), targetGroup),
    field(t("sharedGoals"), sharedGoals),
    h("div", { class: "grid-2" }, field(t("municipalityGoals"), municipalityGoals), field(t("voluntaryGoals"), voluntaryGoals)),
    h("fieldset", {}, h("legend", {}, t("parties")), partiesList, h("button", { type: "button", class: "secondary", onclick: () => addParty() }, t("addParty"))),
    h("div", { class: "actions" }, submit),
  );
  return form;
}
