// The platform admins' view of the cluster: its silos (name, host, status, since when, CPU, memory, activations,
// connected clients) and the activations per Hub grain type, each chart with its table (widgets/barChart.ts). It asks
// the server at most every 5 s and only while the page is visible: a hidden tab costs the cluster nothing.

import { html, render, type TemplateResult } from "lit-html";
import { repeat } from "lit-html/directives/repeat.js";
import { ApiError } from "../api";
import { formatDateTime, localise, t } from "../i18n";
import type { ClusterSnapshot } from "../protocol";
import { link } from "./shell";
import { barChart } from "./widgets/barChart";

export interface ClusterActions {
  cluster(): Promise<ClusterSnapshot>;
  navigate(path: string): void;
}

export interface MountedCluster {
  refresh(): void;
  dispose(): void;
}

/** The least time between two reads of the cluster (issue 15: at most every 5 s). */
export const CLUSTER_REFRESH_MS = 5000;

export function mountCluster(main: HTMLElement, actions: ClusterActions): MountedCluster {
  const root = document.createElement("div");
  root.className = "page admin-page cluster-page";
  main.replaceChildren(root);
  let snapshot: ClusterSnapshot | null = null;
  let error: string | null = null;
  let timer: number | undefined;
  let disposed = false;
  let inFlight = false;

  const schedule = () => {
    window.clearTimeout(timer);
    if (!disposed && document.visibilityState === "visible") timer = window.setTimeout(() => void load(), CLUSTER_REFRESH_MS);
  };

  const load = async () => {
    if (disposed || inFlight || document.visibilityState !== "visible") return;
    inFlight = true;
    try {
      snapshot = await actions.cluster();
      error = null;
    } catch (e) {
      error = e instanceof ApiError ? localise(e.message) : String(e);
    } finally {
      inFlight = false;
    }

    draw();
    schedule();
  };

  // Hidden: the pending read is cancelled; visible again: one read now, then every 5 s.
  const visibility = () => {
    if (document.visibilityState === "visible") void load();
    else window.clearTimeout(timer);
  };
  document.addEventListener("visibilitychange", visibility);

  const megabytes = (bytes: number | null) => (bytes === null ? "—" : `${Math.round(bytes / 1048576)} MB`);

  const silosPart = (s: ClusterSnapshot): TemplateResult => {
    const columns = [
      t("clusterSilo"),
      t("clusterHost"),
      t("clusterStatus"),
      t("clusterStarted"),
      t("clusterCpu"),
      t("clusterMemory"),
      t("clusterActivations"),
      t("clusterClients"),
    ] as const;
    return html`<table class="data">
      <caption>${t("clusterSilos")}</caption>
      <thead>
        <tr>${columns.map((c) => html`<th scope="col">${c}</th>`)}</tr>
      </thead>
      <tbody>
        ${repeat(
          s.silos,
          (silo) => silo.address,
          (silo) => html`<tr>
            <th scope="row" data-label=${columns[0]}>${silo.name}</th>
            <td data-label=${columns[1]}>${silo.host}</td>
            <td data-label=${columns[2]}>${silo.status}</td>
            <td data-label=${columns[3]}>${formatDateTime(silo.started)}</td>
            <td data-label=${columns[4]}>${silo.cpuPercent === null ? "—" : `${silo.cpuPercent} %`}</td>
            <td data-label=${columns[5]}>${megabytes(silo.memoryBytes)}</td>
            <td data-label=${columns[6]}>${silo.activations === null ? "—" : String(silo.activations)}</td>
            <td data-label=${columns[7]}>${silo.clients === null ? "—" : String(silo.clients)}</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  };

  function draw(): void {
    if (disposed) return;
    document.title = `${t("clusterTitle")} — ${t("appName")}`;
    const s = snapshot;
    render(
      html`<h1 tabindex="-1">${t("clusterTitle")}</h1>
        <p><a href="/admin" @click=${link(actions.navigate, "/admin")}>${t("clusterBack")}</a></p>
        <p>${t("clusterIntro")}</p>
        ${error ? html`<p class="error" role="alert">${error}</p>` : null}
        ${s === null
          ? html`<p role="status">${t("loading")}</p>`
          : html`<p class="cluster-at">${t("clusterAt", { at: formatDateTime(s.at) })}</p>
              ${silosPart(s)}
              ${barChart({
                caption: t("clusterActivationsPerSilo"),
                labelHeading: t("clusterSilo"),
                valueHeading: t("clusterActivations"),
                rows: s.silos.map((silo) => ({ key: silo.address, label: silo.name, value: silo.activations ?? 0 })),
              })}
              ${barChart({
                caption: t("clusterCpuPerSilo"),
                labelHeading: t("clusterSilo"),
                valueHeading: t("clusterCpu"),
                max: 100,
                rows: s.silos.map((silo) => ({
                  key: silo.address,
                  label: silo.name,
                  value: silo.cpuPercent ?? 0,
                  display: silo.cpuPercent === null ? "—" : `${silo.cpuPercent} %`,
                })),
              })}
              ${s.grainTypes.length === 0
                ? html`<p>${t("clusterNoGrains")}</p>`
                : barChart({
                    caption: t("clusterGrainTypes"),
                    labelHeading: t("clusterGrainType"),
                    valueHeading: t("clusterActivations"),
                    rows: s.grainTypes.map((g) => ({ key: g.type, label: g.type, value: g.activations })),
                  })}`}`,
      root,
    );
  }

  draw();
  root.querySelector<HTMLElement>("h1")?.focus();
  void load();

  return {
    refresh: draw,
    dispose: () => {
      disposed = true;
      window.clearTimeout(timer);
      document.removeEventListener("visibilitychange", visibility);
    },
  };
}
