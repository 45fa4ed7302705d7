// "Mine forløb": the person's training cohorts, and the form that starts a new one (they become its first moderator).

import { html, nothing, render } from "lit-html";
import { repeat } from "lit-html/directives/repeat.js";
import { ApiError } from "../api";
import { formatDate, localise, t, type TextKey } from "../i18n";
import { CohortLimits, type CohortDetails, type CohortSnapshot, type CohortSummary } from "../protocol";
import { link } from "./shell";
import { field } from "./widgets";

export interface CohortsActions {
  navigate(path: string): void;
  create(details: CohortDetails): Promise<CohortSnapshot>;
}

/** "1. marts 2027 – 30. juni 2027", or one end, or nothing. */
export function period(startsOn: string | null, endsOn: string | null): string {
  if (startsOn && endsOn) return `${formatDate(startsOn)} – ${formatDate(endsOn)}`;
  return startsOn ? t("cohort.from", { date: formatDate(startsOn) }) : endsOn ? t("cohort.until", { date: formatDate(endsOn) }) : "";
}

export function renderCohorts(main: HTMLElement, list: CohortSummary[], actions: CohortsActions): void {
  let error: string | null = null;
  let busy = false;

  const submit = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const date = (name: string) => (String(data.get(name) ?? "") || null);
    error = null;
    busy = true;
    draw();
    try {
      const created = await actions.create({ name: String(data.get("name") ?? ""), provider: String(data.get("provider") ?? ""), startsOn: date("startsOn"), endsOn: date("endsOn") });
      actions.navigate(`/cohorts/${created.cohort.id}`);
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
        <h1>${t("cohort.mine")}</h1>
        <p>${t("cohort.intro")}</p>
        ${list.length === 0
          ? html`<p>${t("cohort.none")}</p>`
          : html`<ul class="tiles" aria-label=${t("cohort.mine")}>
              ${repeat(
                list,
                (c) => c.id,
                (c) => html`<li class="tile">
                  <h2><a href="/cohorts/${c.id}" @click=${link(actions.navigate, `/cohorts/${c.id}`)}>${c.name}</a></h2>
                  <p>${[c.provider, period(c.startsOn, c.endsOn)].filter(Boolean).join(" · ")}</p>
                  <p class="muted">${t(`cohort.role.${c.role}` as TextKey)}</p>
                </li>`,
              )}
            </ul>`}
        <section aria-labelledby="new-cohort">
          <h2 id="new-cohort">${t("cohort.new")}</h2>
          <form class="card-form" @submit=${submit}>
            <p class="error" role="alert" tabindex="-1" ?hidden=${error === null}>${error ?? nothing}</p>
            ${field("cohort-name", t("cohort.name"), html`<input id="cohort-name" name="name" required maxlength=${CohortLimits.NameMax} autocomplete="off" />`)}
            ${field(
              "cohort-provider",
              t("cohort.provider"),
              html`<input id="cohort-provider" name="provider" maxlength=${CohortLimits.ProviderMax} aria-describedby="cohort-provider-hint" />`,
              t("cohort.providerHint"),
            )}
            ${field("cohort-starts", t("cohort.startsOn"), html`<input id="cohort-starts" name="startsOn" type="date" />`)}
            ${field("cohort-ends", t("cohort.endsOn"), html`<input id="cohort-ends" name="endsOn" type="date" />`)}
            <div class="actions"><button type="submit" ?disabled=${busy}>${t("cohort.create")}</button></div>
          </form>
        </section>
      </div>`,
      main,
    );
  draw();
}
