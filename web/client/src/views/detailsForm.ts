// The fields of a partnership's details, filled in when a partnership is created and when a coordinator
// edits it: one set of fields so both forms ask the same things in the same words.

import { html, render, type TemplateResult } from "lit-html";
import { createRef, ref, type Ref } from "lit-html/directives/ref.js";
import { repeat } from "lit-html/directives/repeat.js";
import { t, type TextKey } from "../i18n";
import { PARTNERSHIP_AREAS, PARTNERSHIP_STATUSES, PartnershipLimits, SIDES, type PartnershipDetails, type Side } from "../protocol";
import { field } from "./widgets/field";

export interface DetailsFields {
  /** The fields, in order, for the form to render; each render gives the same controls back. */
  template(): TemplateResult;
  read(): PartnershipDetails;
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
  retentionDays: PartnershipLimits.RetentionDaysDefault,
};

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
type Long = "purpose" | "targetGroup" | "sharedGoals" | "municipalityGoals" | "voluntaryGoals";

let forms = 0;

/**
 * `extra` joins the row of choices (area, status): the creator's own side when creating. The controls start with
 * `initial` and are never written again, so what is typed stays whatever renders around them.
 */
export function detailsFields(initial: PartnershipDetails | null, extra: TemplateResult | null = null): DetailsFields {
  const d = initial ?? empty;
  // Ids unique per form, so two forms on one page (or one built again) never share a label's target.
  const prefix = `details-${++forms}`;
  const refs = new Map<keyof PartnershipDetails, Ref<Control>>();
  const control = (name: keyof PartnershipDetails) => {
    let r = refs.get(name);
    if (!r) refs.set(name, (r = createRef<Control>()));
    return r;
  };
  const id = (name: string) => `${prefix}-${name}`;

  // The parties are a list of their own, rendered into their <ol> whenever a row comes or goes; keyed rows keep
  // what was typed in the others.
  let rows = d.parties.map((party, key) => ({ key, party }));
  let nextKey = rows.length;
  let partiesList: HTMLOListElement | null = null;
  const drawParties = () => {
    if (!partiesList) return;
    render(
      repeat(
        rows,
        (row) => row.key,
        (row, i) => {
          const n = i + 1;
          const nameId = id(`party-${row.key}-name`);
          const sideId = id(`party-${row.key}-side`);
          const coSignsId = id(`party-${row.key}-cosigns`);
          return html`<li class="party-row" data-key=${row.key}>
            ${field(nameId, `${t("partyName")} ${n}`, html`<input id=${nameId} name="partyName" required maxlength=${PartnershipLimits.PartyNameMax} value=${row.party.name} />`)}
            ${field(sideId, `${t("side")} ${n}`, options(sideId, "partySide", SIDES, (v) => t(`side.${v}` as TextKey), row.party.side))}
            <span class="check"><input type="checkbox" id=${coSignsId} name="partyCoSigns" ?checked=${row.party.coSigns} /><label for=${coSignsId}
                >${t("partyCoSigns")}</label
              ></span>
            <button type="button" class="secondary" @click=${() => removeParty(row.key)}>${t("removeParty")}</button>
          </li>`;
        },
      ),
      partiesList,
    );
  };
  const removeParty = (key: number) => {
    rows = rows.filter((r) => r.key !== key);
    drawParties();
  };
  const addParty = () => {
    rows = [...rows, { key: nextKey++, party: { name: "", side: "voluntaryOrganisation", partyId: "", contacts: [], coSigns: false } }];
    drawParties();
  };
  const attachParties = (el: Element | undefined) => {
    if (el instanceof HTMLOListElement && el !== partiesList) {
      partiesList = el;
      drawParties();
    }
  };

  const input = (name: "name" | "municipality", max: number) =>
    html`<input id=${id(name)} name=${name} required maxlength=${max} value=${d[name]} ${ref(control(name))} />`;
  const long = (name: Long) =>
    field(id(name), t(name), html`<textarea id=${id(name)} name=${name} rows="3" maxlength=${PartnershipLimits.LongTextMax} .value=${d[name]} ${ref(control(name))}></textarea>`);
  const date = (name: "startsOn" | "endsOn") =>
    field(id(name), t(name), html`<input id=${id(name)} type="date" name=${name} value=${d[name] ?? ""} ${ref(control(name))} />`);

  const template = () => html`<div class="grid-2">
      ${field(id("name"), t("name"), input("name", PartnershipLimits.NameMax))}
      ${field(id("municipality"), t("municipality"), input("municipality", PartnershipLimits.MunicipalityMax))}
    </div>
    <div class=${extra ? "grid-3" : "grid-2"}>
      ${field(id("area"), t("area"), options(id("area"), "area", PARTNERSHIP_AREAS, (v) => t(`area.${v}` as TextKey), d.area, control("area")))}
      ${field(id("status"), t("status"), options(id("status"), "status", PARTNERSHIP_STATUSES, (v) => t(`status.${v}` as TextKey), d.status, control("status")))}
      ${extra}
    </div>
    <div class="grid-2">${date("startsOn")}${date("endsOn")}</div>
    ${long("purpose")} ${long("targetGroup")} ${long("sharedGoals")}
    <div class="grid-2">${long("municipalityGoals")}${long("voluntaryGoals")}</div>
    <fieldset>
      <legend>${t("parties")}</legend>
      <ol class="parties" ${ref(attachParties)}></ol>
      <button type="button" class="secondary" @click=${addParty}>${t("addParty")}</button>
    </fieldset>`;

  const value = (name: keyof PartnershipDetails) => control(name).value?.value ?? "";
  return {
    template,
    read: () => ({
      name: value("name"),
      municipality: value("municipality"),
      area: value("area") as PartnershipDetails["area"],
      // A row keeps its party's id and contact persons, so renaming a party keeps its members and approvals.
      parties: [...(partiesList?.querySelectorAll("li") ?? [])].map((li) => {
        const side = li.querySelector<HTMLSelectElement>("[name=partySide]")!.value as Side;
        const kept = rows.find((r) => String(r.key) === li.dataset.key)?.party;
        return {
          name: li.querySelector<HTMLInputElement>("[name=partyName]")!.value,
          side,
          partyId: kept && kept.side === side ? kept.partyId : "",
          contacts: kept && kept.side === side ? kept.contacts : [],
          coSigns: side === "volunteerCentre" && li.querySelector<HTMLInputElement>("[name=partyCoSigns]")!.checked,
        };
      }),
      purpose: value("purpose"),
      targetGroup: value("targetGroup"),
      sharedGoals: value("sharedGoals"),
      municipalityGoals: value("municipalityGoals"),
      voluntaryGoals: value("voluntaryGoals"),
      startsOn: value("startsOn") || null,
      endsOn: value("endsOn") || null,
      status: value("status") as PartnershipDetails["status"],
      retentionDays: d.retentionDays,
    }),
  };
}

/** A choice among `values`, first showing `selected`; `into` is filled with the element, to read it. */
export function options<T extends string>(id: string, name: string, values: readonly T[], label: (v: T) => string, selected: T, into?: Ref<Control>): TemplateResult {
  return html`<select id=${id} name=${name} ${ref(into)}>
    ${values.map((v) => html`<option value=${v} ?selected=${v === selected}>${label(v)}</option>`)}
  </select>`;
}
