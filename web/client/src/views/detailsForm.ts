// The fields of a partnership's details, filled in when a partnership is created and when a coordinator
// edits it: one set of fields so both forms ask the same things in the same words.

import { t, type TextKey } from "../i18n";
import { PARTNERSHIP_AREAS, PARTNERSHIP_STATUSES, PartnershipLimits, SIDES, type Party, type PartnershipDetails, type Side } from "../protocol";
import { field, h } from "./dom";

export interface DetailsFields {
  /** The fields, in order, to put in a form. */
  nodes: Node[];
  read(): PartnershipDetails;
}

export function select<T extends string>(name: string, values: readonly T[], label: (v: T) => string, selected: T): HTMLSelectElement {
  return h("select", { name }, values.map((v) => h("option", { value: v, selected: v === selected }, label(v))));
}

const empty: PartnershipDetails = {
  name: "",
  municipality: "",
  area: "other",
  parties: [],
  purpose: "",
  targetGroup: "",
  sharedGoals: "",
  municipalityGoals: "",
  voluntaryGoals: "",
  startsOn: null,
  endsOn: null,
  status: "draft",
};

/** `extra` joins the row of choices (area, status): the creator's own side when creating. */
export function detailsFields(initial: PartnershipDetails | null, extra: HTMLElement | null = null): DetailsFields {
  const d = initial ?? empty;
  const name = h("input", { name: "name", required: true, maxlength: PartnershipLimits.NameMax, value: d.name });
  const municipality = h("input", { name: "municipality", required: true, maxlength: PartnershipLimits.MunicipalityMax, value: d.municipality });
  const area = select("area", PARTNERSHIP_AREAS, (v) => t(`area.${v}` as TextKey), d.area);
  const status = select("status", PARTNERSHIP_STATUSES, (v) => t(`status.${v}` as TextKey), d.status);
  const long = (n: string, value: string) => h("textarea", { name: n, rows: 3, maxlength: PartnershipLimits.LongTextMax, value });
  const purpose = long("purpose", d.purpose);
  const targetGroup = long("targetGroup", d.targetGroup);
  const sharedGoals = long("sharedGoals", d.sharedGoals);
  const municipalityGoals = long("municipalityGoals", d.municipalityGoals);
  const voluntaryGoals = long("voluntaryGoals", d.voluntaryGoals);
  const startsOn = h("input", { type: "date", name: "startsOn", value: d.startsOn ?? "" });
  const endsOn = h("input", { type: "date", name: "endsOn", value: d.endsOn ?? "" });

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
  d.parties.forEach((p) => addParty(p));

  return {
    nodes: [
      h("div", { class: "grid-2" }, field(t("name"), name), field(t("municipality"), municipality)),
      h("div", { class: extra ? "grid-3" : "grid-2" }, field(t("area"), area), field(t("status"), status), extra),
      h("div", { class: "grid-2" }, field(t("startsOn"), startsOn), field(t("endsOn"), endsOn)),
      field(t("purpose"), purpose),
      field(t("targetGroup"), targetGroup),
      field(t("sharedGoals"), sharedGoals),
      h("div", { class: "grid-2" }, field(t("municipalityGoals"), municipalityGoals), field(t("voluntaryGoals"), voluntaryGoals)),
      h("fieldset", {}, h("legend", {}, t("parties")), partiesList, h("button", { type: "button", class: "secondary", onclick: () => addParty() }, t("addParty"))),
    ],
    read: () => ({
      name: name.value,
      municipality: municipality.value,
      area: area.value as PartnershipDetails["area"],
      parties: [...partiesList.querySelectorAll("li")].map((li) => ({
        name: li.querySelector<HTMLInputElement>("[name=partyName]")!.value,
        side: li.querySelector<HTMLSelectElement>("[name=partySide]")!.value as Side,
      })),
      purpose: purpose.value,
      targetGroup: targetGroup.value,
      sharedGoals: sharedGoals.value,
      municipalityGoals: municipalityGoals.value,
      voluntaryGoals: voluntaryGoals.value,
      startsOn: startsOn.value || null,
      endsOn: endsOn.value || null,
      status: status.value as PartnershipDetails["status"],
    }),
  };
}
