// An invitation to a cohort (/cohort-invite/{secret}): what it is for, and joining as the signed-in person.

import { html, nothing, render } from "lit-html";
import { ApiError } from "../api";
import { formatDay, localise, t, type TextKey } from "../i18n";
import type { CohortInvitePreview, CohortSummary, Me } from "../protocol";

export interface CohortInviteActions {
  me: Me;
  preview(): Promise<CohortInvitePreview>;
  accept(): Promise<CohortSummary>;
  joined(cohort: CohortSummary): void;
}

export async function renderCohortInvite(main: HTMLElement, actions: CohortInviteActions): Promise<void> {
  let preview: CohortInvitePreview | null = null;
  let error: string | null = null;
  let busy = false;
  const message = (e: unknown) => (e instanceof ApiError ? localise(e.message) : String(e));

  const accept = async () => {
    busy = true;
    error = null;
    draw();
    try {
      actions.joined(await actions.accept());
    } catch (e) {
      busy = false;
      error = message(e);
      draw();
      main.querySelector<HTMLElement>(".error")?.focus();
    }
  };

  const draw = () => {
    const p = preview;
    document.title = `${t("cohort.inviteTitle")} — ${t("appName")}`;
    render(
      html`<div class="page narrow">
        <h1>${t("cohort.inviteTitle")}</h1>
        <p class="error" role="alert" tabindex="-1" ?hidden=${error === null}>${error ?? nothing}</p>
        ${p === null
          ? error === null
            ? html`<p role="status">${t("loading")}</p>`
            : nothing
          : html`<div class="card-form">
              <p>${t("cohort.inviteText", { name: p.cohortName })}</p>
              ${p.provider ? html`<p>${t("cohort.provider")}: ${p.provider}</p>` : nothing}
              <p>${t("cohort.inviteAs", { role: roleText(p.role, p.side) })}</p>
              <p class="muted">${t("inviteValidUntil")} ${formatDay(p.expiresAt)}</p>
              <p>${t("cohort.inviteJoinAs", { name: actions.me.displayName })}</p>
              <div class="actions"><button type="button" ?disabled=${busy} @click=${() => void accept()}>${t("cohort.join")}</button></div>
            </div>`}
      </div>`,
      main,
    );
  };
  draw();
  try {
    preview = await actions.preview();
  } catch (e) {
    error = message(e);
  }
  draw();
}

/** "deltager (kommunen)", "observatør". */
export function roleText(role: CohortInvitePreview["role"], side: CohortInvitePreview["side"]): string {
  const name = t(`cohort.role.${role}` as TextKey).toLowerCase();
  return side ? `${name} (${t(`side.${side}` as TextKey)})` : name;
}
