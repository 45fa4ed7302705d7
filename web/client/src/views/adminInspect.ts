// The grain inspector (docs/decisions/016-grain-inspector.md): a partnership's (or a cohort's) live grains as they run
// now — where, since when, sequence numbers, who is connected, the last operations — read without activating them
// and without joining the presence list. It polls while the page is visible. People are pseudonyms until the admin
// reveals them with a reason; every reveal and every action is written in the partnership's log by the server.

import { html, nothing, render, type TemplateResult } from "lit-html";
import { repeat } from "lit-html/directives/repeat.js";
import { ApiError } from "../api";
import { formatDateTime, localise, t, type TextKey } from "../i18n";
import type { DocumentExport, DocumentInspection, GrainView, RestorePreview, ScopeInspection } from "../generated/contracts";
import { confirmDialog } from "./confirm";
import { link } from "./shell";
import { field, hintId } from "./widgets/field";

export type InspectScope = "partnerships" | "cohorts";

export interface InspectorActions {
  scope(scope: InspectScope, id: string): Promise<ScopeInspection>;
  document(scope: InspectScope, id: string, kind: string, docId: string): Promise<DocumentInspection>;
  reveal(scope: InspectScope, id: string, reason: string): Promise<void>;
  appoint(scope: InspectScope, id: string, person: string): Promise<void>;
  deactivate(scope: InspectScope, id: string, kind: string, docId: string): Promise<void>;
  disconnect(scope: InspectScope, id: string, kind: string, docId: string, connectionId: string): Promise<void>;
  export(scope: InspectScope, id: string, kind: string, docId: string, reason: string | null): Promise<DocumentExport>;
  preview(scope: InspectScope, id: string, kind: string, docId: string, json: string): Promise<RestorePreview>;
  restore(scope: InspectScope, id: string, kind: string, docId: string, json: string, expectedSeq: number, reason: string): Promise<void>;
  navigate(path: string): void;
}

export interface InspectTarget {
  scope: InspectScope;
  id: string;
  /** A document of the scope; absent: the scope's overview. */
  kind?: string;
  docId?: string;
}

export interface MountedInspector {
  refresh(): void;
  dispose(): void;
}

/** Often enough to see a connection arrive; only while the page is visible. */
const POLL_MS = 2000;

export function mountInspector(main: HTMLElement, actions: InspectorActions, target: InspectTarget): MountedInspector {
  const root = document.createElement("div");
  root.className = "page inspect-page";
  main.replaceChildren(root);
  const { scope, id } = target;
  const base = `/admin/inspect/${scope}/${id}`;
  let overview: ScopeInspection | null = null;
  let doc: DocumentInspection | null = null;
  let error: string | null = null;
  let notice: string | null = null;
  let updated: string | null = null;
  let revealing = false;
  let preview: RestorePreview | null = null;
  let restoreJson = "";
  let disposed = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const message = (e: unknown) => (e instanceof ApiError ? localise(e.message) : String(e));

  async function load(): Promise<void> {
    try {
      overview = await actions.scope(scope, id);
      if (target.kind && target.docId) doc = await actions.document(scope, id, target.kind, target.docId);
      error = null;
      updated = new Date().toISOString();
    } catch (e) {
      error = message(e);
    }
    draw();
  }

  function schedule(): void {
    if (disposed) return;
    timer = setTimeout(() => {
      timer = null;
      if (document.visibilityState === "visible") void load().finally(schedule);
      else schedule();
    }, POLL_MS);
  }

  async function act(run: () => Promise<void>): Promise<void> {
    try {
      await run();
      notice = t("inspect.done");
      error = null;
    } catch (e) {
      error = message(e);
      notice = null;
    }
    await load();
  }

  const reasonOf = (form: HTMLFormElement, name: string) => (new FormData(form).get(name) as string | null)?.trim() ?? "";

  const revealSubmitted = (e: Event) => {
    e.preventDefault();
    const reason = reasonOf(e.target as HTMLFormElement, "reason");
    void act(async () => {
      await actions.reveal(scope, id, reason);
      revealing = false;
    });
  };

  const exportSubmitted = (e: Event) => {
    e.preventDefault();
    const reason = reasonOf(e.target as HTMLFormElement, "reason");
    if (!target.kind || !target.docId) return;
    const { kind, docId } = target;
    void act(async () => {
      const exported = await actions.export(scope, id, kind, docId, reason.length > 0 ? reason : null);
      download(`${kind}-${docId}-v${exported.seq}${exported.masked ? "-masked" : ""}.json`, exported.json);
    });
  };

  const previewSubmitted = (e: Event) => {
    e.preventDefault();
    if (!target.kind || !target.docId) return;
    const { kind, docId } = target;
    void act(async () => {
      preview = await actions.preview(scope, id, kind, docId, restoreJson);
    });
  };

  const restoreSubmitted = async (e: Event) => {
    e.preventDefault();
    if (!target.kind || !target.docId || !preview) return;
    const { kind, docId } = target;
    const reason = reasonOf(e.target as HTMLFormElement, "reason");
    const seq = preview.currentSeq;
    if (!(await confirmDialog({ title: t("inspect.restore"), confirm: t("inspect.restoreConfirm", { seq }), danger: true }))) return;
    await act(async () => {
      await actions.restore(scope, id, kind, docId, restoreJson, seq, reason);
      preview = null;
    });
  };

  const fileChosen = async (e: Event) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    restoreJson = file ? await file.text() : "";
    preview = null;
  };

  const grainRows = (grain: GrainView): TemplateResult => html`
    <tr><th scope="row">${t("inspect.silo")}</th><td>${grain.active ? t("inspect.activeOn", { silo: grain.silo ?? "?" }) : t("inspect.inactive")}</td></tr>
    <tr><th scope="row">${t("inspect.activation")}</th><td>${grain.activationId ?? t("inspect.none")}</td></tr>
    <tr><th scope="row">${t("inspect.storedVersion")}</th><td>${grain.storedVersion ?? t("inspect.none")}</td></tr>
    <tr><th scope="row">${t("inspect.storedBytes")}</th><td>${t("inspect.bytes", { count: grain.storedBytes })}</td></tr>
    <tr>
      <th scope="row">${t("inspect.lastDeactivation")}</th>
      <td>${grain.lastDeactivation
        ? `${formatDateTime(grain.lastDeactivation.at)} · ${grain.lastDeactivation.silo} · ${grain.lastDeactivation.reasonCode}${grain.lastDeactivation.reason ? ` (${grain.lastDeactivation.reason})` : ""}`
        : t("inspect.none")}</td>
    </tr>`;

  const privacyPart = (): TemplateResult => {
    if (!overview) return html``;
    const until = overview.revealedUntil;
    return html`<section aria-labelledby="inspect-privacy" class="inspect-privacy">
      <h2 id="inspect-privacy" class="visually-hidden">${t("inspect.reveal")}</h2>
      <p role="status">${overview.revealed && until ? t("inspect.revealed", { time: formatDateTime(until) }) : t("inspect.masked")}</p>
      ${overview.revealed
        ? nothing
        : revealing
          ? html`<form class="inline-form" @submit=${revealSubmitted}>
              ${field("inspect-reason", t("inspect.reason"),
                html`<input id="inspect-reason" name="reason" required minlength="5" maxlength="500" aria-describedby=${hintId("inspect-reason")} />`,
                t("inspect.reasonHint"))}
              <button type="submit">${t("inspect.revealConfirm")}</button>
              <button type="button" class="secondary" @click=${() => { revealing = false; draw(); }}>${t("cancel")}</button>
            </form>`
          : html`<button type="button" @click=${() => { revealing = true; draw(); root.querySelector<HTMLInputElement>("#inspect-reason")?.focus(); }}>${t("inspect.reveal")}</button>`}
    </section>`;
  };

  const overviewPart = (o: ScopeInspection): TemplateResult => html`
    ${o.owner
      ? html`<section aria-labelledby="inspect-owner">
          <h2 id="inspect-owner">${t("inspect.owner")}</h2>
          <table class="data inspect-facts"><tbody>${grainRows(o.owner)}</tbody></table>
        </section>`
      : nothing}
    ${o.owner
      ? html`<section aria-labelledby="inspect-members">
          <h2 id="inspect-members">${t("inspect.members")}</h2>
          ${o.hasCoordinator ? nothing : html`<p class="warning">${t("inspect.noCoordinator")}</p>`}
          <table class="data">
            <thead><tr><th scope="col">${t("inspect.person")}</th><th scope="col">${t("inspect.side")}</th><th scope="col">${t("inspect.role")}</th>${o.hasCoordinator ? nothing : html`<th scope="col">${t("inspect.actions")}</th>`}</tr></thead>
            <tbody>
              ${repeat(o.members, (m) => m.key, (m) => html`<tr>
                <td>${m.person}</td>
                <td>${t(`side.${m.side}` as TextKey)}</td>
                <td>${t(`role.${m.role}` as TextKey)}</td>
                ${o.hasCoordinator ? nothing : html`<td><button type="button" class="secondary" @click=${async () => {
                  if (await confirmDialog({ title: t("inspect.appoint"), text: t("inspect.appointConfirm", { person: m.person }), confirm: t("inspect.appoint") })) {
                    await act(() => actions.appoint(scope, id, m.key));
                  }
                }}>${t("inspect.appoint")}<span class="visually-hidden">: ${m.person}</span></button></td>`}
              </tr>`)}
            </tbody>
          </table>
        </section>`
      : nothing}
    <section aria-labelledby="inspect-documents">
      <h2 id="inspect-documents">${t("inspect.documents")}</h2>
      <table class="data">
        <thead><tr><th scope="col">${t("inspect.document")}</th><th scope="col">${t("inspect.silo")}</th><th scope="col">${t("inspect.storedSeq")}</th><th scope="col">${t("inspect.connected")}</th></tr></thead>
        <tbody>
          ${repeat(o.documents, (d) => `${d.kind}:${d.id}`, (d) => {
            const path = `${base}/${d.kind}/${d.id}`;
            return html`<tr>
              <td><a href=${path} @click=${link(actions.navigate, path)}>${t(`inspect.kind.${d.kind}` as TextKey)}: ${d.name}</a></td>
              <td>${d.grain.active ? t("inspect.activeOn", { silo: d.grain.silo ?? "?" }) : t("inspect.inactive")}</td>
              <td>${String(d.storedSeq)}</td>
              <td>${String(d.clientCount)}</td>
            </tr>`;
          })}
        </tbody>
      </table>
    </section>`;

  const documentPart = (d: DocumentInspection, o: ScopeInspection): TemplateResult => html`
    <section aria-labelledby="inspect-state">
      <h2 id="inspect-state">${t(`inspect.kind.${d.kind}` as TextKey)}: ${d.name}</h2>
      <table class="data inspect-facts">
        <tbody>
          ${grainRows(d.grain)}
          <tr><th scope="row">${t("inspect.activatedAt")}</th><td>${d.activatedAt ? formatDateTime(d.activatedAt) : t("inspect.none")}</td></tr>
          <tr><th scope="row">${t("inspect.lastCall")}</th><td>${d.lastCallAt ? formatDateTime(d.lastCallAt) : t("inspect.none")}</td></tr>
          <tr><th scope="row">${t("inspect.storedSeq")}</th><td>${String(d.storedSeq)}</td></tr>
          <tr><th scope="row">${t("inspect.seqApplied")}</th><td>${d.appliedSeq ?? t("inspect.none")}</td></tr>
          <tr><th scope="row">${t("inspect.seqDurable")}</th><td>${d.durableSeq ?? t("inspect.none")}</td></tr>
          <tr><th scope="row">${t("inspect.seqPushed")}</th><td>${d.pushedSeq ?? t("inspect.none")}</td></tr>
          <tr><th scope="row">${t("inspect.webNodes")}</th><td>${d.webNodes.length > 0 ? d.webNodes.join(", ") : t("inspect.none")}</td></tr>
        </tbody>
      </table>
    </section>
    <section aria-labelledby="inspect-clients">
      <h2 id="inspect-clients">${t("inspect.clients", { count: d.clients.length })}</h2>
      ${d.clients.length === 0
        ? html`<p>${t("inspect.noClients")}</p>`
        : html`<table class="data inspect-clients">
            <thead><tr><th scope="col">${t("inspect.person")}</th><th scope="col">${t("inspect.side")}</th><th scope="col">${t("inspect.webNodes")}</th><th scope="col">${t("inspect.since")}</th><th scope="col">${t("inspect.actions")}</th></tr></thead>
            <tbody>
              ${repeat(d.clients, (c) => c.connectionId, (c) => html`<tr>
                <td>${c.anonymous ? t("inspect.anonymous") : c.person}</td>
                <td>${c.side ? t(`side.${c.side}` as TextKey) : t("inspect.none")}</td>
                <td>${c.webNode ?? t("inspect.none")}</td>
                <td>${formatDateTime(c.since)}</td>
                <td><button type="button" class="secondary" @click=${async () => {
                  if (await confirmDialog({ title: t("inspect.disconnect"), text: t("inspect.disconnectConfirm", { id: c.connectionId }), confirm: t("inspect.disconnect"), danger: true })) {
                    await act(() => actions.disconnect(scope, id, d.kind, d.id, c.connectionId));
                  }
                }}>${t("inspect.disconnect")}<span class="visually-hidden">: ${c.anonymous ? t("inspect.anonymous") : c.person}</span></button></td>
              </tr>`)}
            </tbody>
          </table>`}
    </section>
    <section aria-labelledby="inspect-ops">
      <h2 id="inspect-ops">${t("inspect.ops")}</h2>
      ${d.ops.length === 0
        ? html`<p>${t("inspect.noOps")}</p>`
        : html`<table class="data inspect-ops">
            <thead><tr><th scope="col">${t("inspect.seq")}</th><th scope="col">${t("inspect.time")}</th><th scope="col">${t("inspect.person")}</th><th scope="col">${t("inspect.type")}</th></tr></thead>
            <tbody>
              ${repeat(d.ops, (op) => op.seq, (op) => html`<tr><td>${String(op.seq)}</td><td>${formatDateTime(op.at)}</td><td>${op.actor}</td><td>${op.type}</td></tr>`)}
            </tbody>
          </table>`}
    </section>
    <section aria-labelledby="inspect-actions">
      <h2 id="inspect-actions">${t("inspect.actions")}</h2>
      ${d.grain.active
        ? html`<p><button type="button" class="danger" @click=${async () => {
            if (await confirmDialog({ title: t("inspect.deactivate"), text: t("inspect.deactivateConfirm"), confirm: t("inspect.deactivate"), danger: true })) {
              await act(() => actions.deactivate(scope, id, d.kind, d.id));
            }
          }}>${t("inspect.deactivate")}</button></p>`
        : nothing}
      <form class="inline-form" @submit=${exportSubmitted}>
        ${field("inspect-export-reason", t("inspect.exportReason"),
          html`<input id="inspect-export-reason" name="reason" maxlength="500" aria-describedby=${hintId("inspect-export-reason")} />`,
          t("inspect.exportMaskedHint"))}
        <button type="submit">${t("inspect.export")}</button>
      </form>
      <h3>${t("inspect.restore")}</h3>
      ${o.restoreEnabled
        ? html`<form class="inline-form" @submit=${previewSubmitted}>
              ${field("inspect-restore-file", t("inspect.restoreFile"), html`<input id="inspect-restore-file" type="file" accept="application/json,.json" @change=${fileChosen} />`)}
              <button type="submit">${t("inspect.preview")}</button>
            </form>
            ${preview ? previewPart(preview) : nothing}`
        : html`<p>${t("inspect.restoreOff")}</p>`}
    </section>`;

  const previewPart = (p: RestorePreview): TemplateResult => html`
    <p role="status">${t("inspect.previewCount", { count: p.changes.length, seq: p.currentSeq })}</p>
    ${p.changes.length > 0
      ? html`<table class="data inspect-diff">
          <thead><tr><th scope="col">${t("inspect.path")}</th><th scope="col">${t("inspect.before")}</th><th scope="col">${t("inspect.after")}</th></tr></thead>
          <tbody>${repeat(p.changes, (c) => c.path, (c) => html`<tr><td><code>${c.path}</code></td><td>${c.before ?? t("inspect.none")}</td><td>${c.after ?? t("inspect.none")}</td></tr>`)}</tbody>
        </table>`
      : nothing}
    <form class="inline-form" @submit=${restoreSubmitted}>
      ${field("inspect-restore-reason", t("inspect.restoreReason"), html`<input id="inspect-restore-reason" name="reason" required minlength="5" maxlength="500" />`)}
      <button type="submit" class="danger">${t("inspect.restoreConfirm", { seq: p.currentSeq })}</button>
    </form>`;

  function draw(): void {
    if (disposed) return;
    const name = overview?.title ?? "";
    document.title = `${t("inspect.title", { name })} — ${t("appName")}`;
    render(
      html`<p><a href="/admin" @click=${link(actions.navigate, "/admin")}>${t("admin")}</a>${target.kind
          ? html` › <a href=${base} @click=${link(actions.navigate, base)}>${name}</a>`
          : nothing}</p>
        <h1 tabindex="-1">${t("inspect.title", { name })}</h1>
        <p>${t("inspect.intro")}</p>
        ${error ? html`<p class="error" role="alert">${error}</p>` : nothing}
        ${notice ? html`<p role="status">${notice}</p>` : nothing}
        ${updated ? html`<p class="hint">${t("inspect.updated", { time: formatDateTime(updated) })}</p>` : nothing}
        ${privacyPart()}
        ${overview === null ? html`<p role="status">${t("loading")}</p>` : target.kind ? (doc ? documentPart(doc, overview) : nothing) : overviewPart(overview)}`,
      root,
    );
  }

  draw();
  root.querySelector<HTMLElement>("h1")?.focus();
  void load().finally(schedule);

  return {
    refresh: draw,
    dispose: () => {
      disposed = true;
      if (timer !== null) clearTimeout(timer);
    },
  };
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
