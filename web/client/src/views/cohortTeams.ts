// The cohort's teams: a moderator asks the team composer for a proposal (team size, seed), sees which teams cannot be
// mixed and why, applies it, and moves people between teams — by dragging a name onto a team (pragmatic-drag-and-drop,
// as on the board) or with the "Flyt til" menu beside each name (keyboard). Both send the same moveToTeam operation.
// Each team shows its board: its partnership's board, or why it has none yet. A participant says which partnership
// they come from here.

import { combine } from "@atlaskit/pragmatic-drag-and-drop/combine";
import { draggable, dropTargetForElements, monitorForElements } from "@atlaskit/pragmatic-drag-and-drop/element/adapter";
import { html, nothing, type TemplateResult } from "lit-html";
import { repeat } from "lit-html/directives/repeat.js";
import { parseHubError } from "../connection";
import { newId } from "../ids";
import { localise, t, type TextKey } from "../i18n";
import { CohortLimits, type Cohort, type CohortMember, type CohortTeam, type PartnershipSummary, type TeamProposal } from "../protocol";
import type { CohortStore } from "../stores/cohortStore";
import { attach } from "./directives";
import { field } from "./widgets";

export interface TeamsContext {
  store: CohortStore;
  redraw(): void;
  announce(text: string): void;
  myPartnerships(): Promise<PartnershipSummary[]>;
}

type Data = Record<string | symbol, unknown>;
const NO_TEAM = "";

export function errorText(error: unknown): string {
  const refusal = parseHubError(error);
  return refusal ? localise(refusal.message) : error instanceof Error ? error.message : String(error);
}

/** The teams section's own state (the proposal shown, a pending call), kept across renders. */
export class TeamsSection {
  private proposal: TeamProposal | null = null;
  private busy = false;
  private error: string | null = null;
  private partnerships: PartnershipSummary[] | null = null;
  private partnershipError: string | null = null;
  private dragging: string | null = null;

  constructor(private readonly ctx: TeamsContext) {}

  /** Follows drags of names onto teams for as long as the page is open; returns the cleanup. */
  watch(): () => void {
    return monitorForElements({
      canMonitor: ({ source }) => source.data.drag === "cohort-person",
      onDragStart: ({ source }) => {
        this.dragging = String(source.data.userId);
        this.ctx.redraw();
      },
      onDrop: ({ source, location }) => {
        this.dragging = null;
        const target = location.current.dropTargets[0]?.data as Data | undefined;
        if (target && typeof target.teamId === "string" && typeof source.data.userId === "string") {
          this.move(source.data.userId, target.teamId === NO_TEAM ? null : target.teamId);
        }
        this.ctx.redraw();
      },
    });
  }

  render(cohort: Cohort): TemplateResult {
    const { store } = this.ctx;
    const moderator = store.isModerator;
    const me = cohort.people.find((p) => p.userId === store.me.userId);
    const participants = cohort.people.filter((p) => p.role === "participant");
    const placed = new Set(cohort.teams.flatMap((team) => team.memberIds));
    const unplaced = participants.filter((p) => !placed.has(p.userId));
    return html`<section aria-labelledby="cohort-teams">
      <h2 id="cohort-teams">${t("cohort.teams")}</h2>
      ${me?.role === "participant" ? this.myPartnership(me) : nothing}
      ${moderator ? this.proposeForm() : nothing}
      ${this.proposal ? this.proposalView(cohort, this.proposal) : nothing}
      ${cohort.teams.length === 0
        ? html`<p>${t("cohort.noTeams")}</p>`
        : html`<ul class="tiles team-tiles ${this.dragging ? "drag-active" : ""}">
            ${repeat(
              cohort.teams,
              (team) => team.id,
              (team) => this.teamTile(cohort, team, moderator),
            )}
          </ul>`}
      ${moderator && cohort.teams.length > 0
        ? html`<div class="team-bucket ${this.dragging ? "drag-active" : ""}" ${attach("no-team", dropTarget(NO_TEAM))}>
              <h3 id="cohort-unplaced">${t("cohort.teamsUnplaced")} (${unplaced.length})</h3>
              ${unplaced.length === 0
                ? html`<p class="muted">${t("cohort.nobody")}</p>`
                : html`<ul aria-labelledby="cohort-unplaced" class="team-members">
                    ${repeat(
                      unplaced,
                      (p) => p.userId,
                      (p) => this.member(cohort, p, null, moderator),
                    )}
                  </ul>`}
            </div>
            <div class="actions"><button type="button" class="secondary" @click=${() => this.addTeam(cohort)}>${t("cohort.addTeam")}</button></div>`
        : nothing}
    </section>`;
  }

  private proposeForm(): TemplateResult {
    return html`<form class="card-form team-propose" @submit=${(e: Event) => void this.propose(e)} aria-labelledby="cohort-propose-title">
      <h3 id="cohort-propose-title">${t("cohort.proposeTitle")}</h3>
      <p class="hint">${t("cohort.proposeHelp")}</p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${field(
        "team-size",
        t("cohort.teamSize"),
        html`<input id="team-size" name="size" type="number" inputmode="numeric" min=${CohortLimits.TeamSizeMin} max=${CohortLimits.TeamSizeMax} value="4" required />`,
      )}
      ${field("team-seed", t("cohort.teamSeed"), html`<input id="team-seed" name="seed" type="number" inputmode="numeric" value="1" required aria-describedby="team-seed-hint" />`, t("cohort.teamSeedHint"))}
      <div class="actions"><button type="submit" ?disabled=${this.busy}>${t("cohort.propose")}</button></div>
    </form>`;
  }

  private proposalView(cohort: Cohort, proposal: TeamProposal): TemplateResult {
    const mixed = proposal.teams.filter((team) => team.mixed).length;
    return html`<div class="card-form team-proposal" role="region" aria-labelledby="cohort-proposal-title">
      <h3 id="cohort-proposal-title">${t("cohort.proposal", { size: proposal.teamSize, seed: proposal.seed })}</h3>
      <p>${t("cohort.proposalMixed", { mixed, count: proposal.teams.length })}</p>
      <ol class="team-proposal-list">
        ${repeat(
          proposal.teams,
          (team) => team.team.id,
          (team) => html`<li>
            <strong>${team.team.name}</strong>: ${team.team.memberIds.map((id) => nameOf(cohort, id)).join(", ")}
            ${team.mixed ? html`<span class="tag ok">${t("cohort.mixed")}</span>` : html`<p class="warning-text">${t("cohort.notMixed")}: ${localise(team.reason ?? "")}</p>`}
          </li>`,
        )}
      </ol>
      <div class="actions">
        <button type="button" @click=${() => this.apply(proposal)}>${t("cohort.applyProposal")}</button>
        <button type="button" class="secondary" @click=${() => this.discard()}>${t("cohort.discardProposal")}</button>
      </div>
    </div>`;
  }

  private teamTile(cohort: Cohort, team: CohortTeam, moderator: boolean): TemplateResult {
    const members = team.memberIds.map((id) => cohort.people.find((p) => p.userId === id)).filter((p): p is CohortMember => p !== undefined);
    return html`<li class="tile team-tile" data-team=${team.id} ${attach(`team-${team.id}`, dropTarget(team.id))}>
      <h3 id="team-${team.id}">${team.name}</h3>
      <p class="team-board">${boardText(members)}</p>
      ${members.length === 0
        ? html`<p class="muted">${t("cohort.emptyTeam")}</p>`
        : html`<ul class="team-members" aria-labelledby="team-${team.id}">
            ${repeat(
              members,
              (p) => p.userId,
              (p) => this.member(cohort, p, team.id, moderator),
            )}
          </ul>`}
    </li>`;
  }

  private member(cohort: Cohort, person: CohortMember, teamId: string | null, moderator: boolean): TemplateResult {
    const side = person.side ? t(`side.${person.side}` as TextKey) : "";
    const label = t("cohort.moveTo", { name: person.displayName });
    return html`<li class="team-member" data-user=${person.userId} ${moderator ? attach(`drag-${person.userId}`, dragPerson(person.userId)) : nothing}>
      <span class="team-member-name">${person.displayName}</span> <span class="muted">${[side, person.partnershipName].filter(Boolean).join(" · ")}</span>
      ${moderator
        ? html`<label class="visually-hidden" for="move-${person.userId}">${label}</label>
            <select id="move-${person.userId}" class="small" @change=${(e: Event) => {
              const value = (e.target as HTMLSelectElement).value;
              this.move(person.userId, value === NO_TEAM ? null : value);
            }}>
              ${cohort.teams.map((team) => html`<option value=${team.id} ?selected=${team.id === teamId}>${team.name}</option>`)}
              <option value=${NO_TEAM} ?selected=${teamId === null}>${t("cohort.teamsUnplaced")}</option>
            </select>`
        : nothing}
    </li>`;
  }

  private myPartnership(me: CohortMember): TemplateResult {
    if (this.partnerships === null && this.partnershipError === null) {
      this.ctx
        .myPartnerships()
        .then((list) => (this.partnerships = list))
        .catch((e: unknown) => (this.partnershipError = errorText(e)))
        .finally(() => this.ctx.redraw());
    }
    return html`<div class="card-form my-partnership">
      ${field(
        "my-partnership",
        t("cohort.myPartnership"),
        html`<select id="my-partnership" aria-describedby="my-partnership-hint" @change=${(e: Event) => void this.setPartnership((e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${me.partnershipId === null}>${t("cohort.noPartnership")}</option>
          ${(this.partnerships ?? []).map((p) => html`<option value=${p.id} ?selected=${p.id === me.partnershipId}>${p.name}</option>`)}
          ${me.partnershipId && !(this.partnerships ?? []).some((p) => p.id === me.partnershipId)
            ? html`<option value=${me.partnershipId} selected>${me.partnershipName ?? ""}</option>`
            : nothing}
        </select>`,
        t("cohort.myPartnershipHint"),
      )}
      ${this.partnershipError ? html`<p class="error" role="alert">${this.partnershipError}</p>` : nothing}
    </div>`;
  }

  private async setPartnership(value: string): Promise<void> {
    try {
      this.partnershipError = null;
      await this.ctx.store.setMyPartnership(value === "" ? null : value);
      this.ctx.announce(t("cohort.partnershipSaved"));
    } catch (e) {
      this.partnershipError = errorText(e);
    }
    this.ctx.redraw();
  }

  private async propose(event: Event): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const size = Number(data.get("size"));
    const seed = Number(data.get("seed"));
    if (!Number.isInteger(size) || size < CohortLimits.TeamSizeMin || size > CohortLimits.TeamSizeMax || !Number.isInteger(seed)) {
      this.error = t("cohort.teamSizeInvalid", { min: CohortLimits.TeamSizeMin, max: CohortLimits.TeamSizeMax });
      this.ctx.redraw();
      return;
    }
    this.busy = true;
    this.error = null;
    this.ctx.redraw();
    try {
      this.proposal = await this.ctx.store.proposeTeams(size, seed);
      this.ctx.announce(t("cohort.proposalReady", { count: this.proposal.teams.length }));
    } catch (e) {
      this.error = errorText(e);
    }
    this.busy = false;
    this.ctx.redraw();
    document.getElementById("cohort-proposal-title")?.setAttribute("tabindex", "-1");
    document.getElementById("cohort-proposal-title")?.focus();
  }

  private apply(proposal: TeamProposal): void {
    if (this.ctx.store.submit({ type: "setTeams", teams: proposal.teams.map((team) => team.team) })) {
      this.proposal = null;
      this.ctx.announce(t("cohort.teamsApplied"));
      this.ctx.redraw();
      document.getElementById("cohort-teams")?.setAttribute("tabindex", "-1");
      document.getElementById("cohort-teams")?.focus();
    }
  }

  private discard(): void {
    this.proposal = null;
    this.ctx.redraw();
    document.getElementById("team-size")?.focus();
  }

  private addTeam(cohort: Cohort): void {
    const name = t("cohort.teamName", { n: cohort.teams.length + 1 });
    this.ctx.store.submit({ type: "setTeams", teams: [...cohort.teams, { id: newId("team"), name, memberIds: [] }] });
  }

  private move(userId: string, teamId: string | null): void {
    const cohort = this.ctx.store.view;
    const current = cohort?.teams.find((team) => team.memberIds.includes(userId))?.id ?? null;
    if (!cohort || current === teamId) return;
    if (this.ctx.store.submit({ type: "moveToTeam", userId, teamId })) {
      const team = cohort.teams.find((x) => x.id === teamId)?.name ?? t("cohort.teamsUnplaced");
      this.ctx.announce(t("cohort.moved", { name: nameOf(cohort, userId), team }));
    }
  }
}

function nameOf(cohort: Cohort, userId: string): string {
  return cohort.people.find((p) => p.userId === userId)?.displayName ?? "";
}

/** Which board the team's assignment cards go on (CohortGrain.GiveAssignment decides the same way). */
function boardText(members: CohortMember[]): string {
  const partnerships = new Map(members.filter((p) => p.partnershipId).map((p) => [p.partnershipId!, p.partnershipName ?? ""]));
  if (partnerships.size === 1) return t("cohort.teamBoard", { name: [...partnerships.values()][0]! });
  return partnerships.size === 0 ? t("cohort.teamNoBoard") : t("cohort.teamSpans");
}

function dragPerson(userId: string) {
  return (element: HTMLElement) => draggable({ element, getInitialData: () => ({ drag: "cohort-person", userId }) });
}

function dropTarget(teamId: string) {
  return (element: HTMLElement) =>
    combine(
      dropTargetForElements({
        element,
        canDrop: ({ source }) => source.data.drag === "cohort-person",
        getData: () => ({ teamId }),
        onDragEnter: () => element.classList.add("drop-over"),
        onDragLeave: () => element.classList.remove("drop-over"),
        onDrop: () => element.classList.remove("drop-over"),
      }),
    );
}
