// A dumbbell chart: per row (a side), up to three points on the 1–5 scale — before the course (T0), "før forløbet" as
// remembered at the end, and "nu" at the end — joined by a line, drawn as SVG attributes like barChart (decision 014).
// Each point has its own shape and its value written beside it, a legend names the shapes, and a table below holds the
// same numbers: colour never carries meaning alone. A row whose figures are withheld says so instead of a drawing.

import { html, svg, nothing, type TemplateResult } from "lit-html";
import { repeat } from "lit-html/directives/repeat.js";

export type DumbbellShape = "circle" | "square" | "diamond";

export interface DumbbellPoint {
  readonly key: string;
  readonly label: string;
  /** On the scale, or null when withheld or nobody answered on the scale. */
  readonly value: number | null;
  readonly shape: DumbbellShape;
}

export interface DumbbellRow {
  readonly key: string;
  readonly label: string;
  readonly points: readonly DumbbellPoint[];
  /** The row's last columns in the table (e.g. the change and its n), already written. */
  readonly extra: readonly string[];
  /** When set, the row is withheld: this text replaces its drawing and its numbers. */
  readonly withheld?: string;
}

export interface DumbbellSpec {
  readonly caption: string;
  /** One sentence per row, read in place of the drawing. */
  readonly summary: string;
  readonly rows: readonly DumbbellRow[];
  readonly min: number;
  readonly max: number;
  readonly labelHeading: string;
  readonly extraHeadings: readonly string[];
  readonly format: (value: number) => string;
}

const ROW_HEIGHT = 44;
/** The scale runs from LEFT% to RIGHT% of the width; the row's label sits above it. */
const LEFT = 4;
const RIGHT = 92;

/** Where a value goes, as a percentage of the width. */
export function dumbbellX(value: number, min: number, max: number): number {
  const clamped = Math.max(min, Math.min(max, value));
  return Math.round((LEFT + ((clamped - min) / (max - min)) * (RIGHT - LEFT)) * 10) / 10;
}

function marker(shape: DumbbellShape, x: string, y: number, key: string): TemplateResult {
  const cls = `dumbbell-point point-${key}`;
  switch (shape) {
    case "circle":
      return svg`<circle class=${cls} cx=${x} cy=${y} r="6"></circle>`;
    case "square":
      return svg`<svg x=${x} y=${y - 6} overflow="visible"><rect class=${cls} x="-6" y="0" width="12" height="12"></rect></svg>`;
    case "diamond":
      return svg`<svg x=${x} y=${y} overflow="visible"><polygon class=${cls} points="0,-8 8,0 0,8 -8,0"></polygon></svg>`;
  }
}

export function dumbbellChart(spec: DumbbellSpec): TemplateResult {
  const height = Math.max(1, spec.rows.length) * ROW_HEIGHT + 20;
  const legend = spec.rows.find((r) => !r.withheld)?.points ?? spec.rows[0]?.points ?? [];
  return html`<figure class="dumbbell-chart">
    <figcaption>${spec.caption}</figcaption>
    <p class="chart-summary">${spec.summary}</p>
    <ul class="dumbbell-legend" aria-hidden="true">
      ${legend.map(
        (p) => html`<li><svg width="18" height="18" viewBox="-9 -9 18 18">${marker(p.shape, "0", 0, p.key)}</svg> ${p.label}</li>`,
      )}
    </ul>
    <svg width="100%" height=${height} role="img" aria-label=${spec.summary}>
      ${spec.rows.map((row, index) => {
        const y = index * ROW_HEIGHT + 34;
        const drawn = row.points.filter((p): p is DumbbellPoint & { value: number } => p.value !== null);
        const xs = drawn.map((p) => dumbbellX(p.value, spec.min, spec.max));
        return svg`<g>
          <text class="bar-label" x="0" y=${y - 16}>${row.label}${row.withheld ? ` — ${row.withheld}` : ""}</text>
          <line class="dumbbell-axis" x1=${`${LEFT}%`} x2=${`${RIGHT}%`} y1=${y} y2=${y}></line>
          ${xs.length > 1 ? svg`<line class="dumbbell-span" x1=${`${Math.min(...xs)}%`} x2=${`${Math.max(...xs)}%`} y1=${y} y2=${y}></line>` : nothing}
          ${drawn.map((p, i) => marker(p.shape, `${xs[i]}%`, y, p.key))}
        </g>`;
      })}
      <text class="bar-value" x=${`${LEFT}%`} y=${height - 2}>${spec.format(spec.min)}</text>
      <text class="bar-value" x=${`${RIGHT}%`} y=${height - 2}>${spec.format(spec.max)}</text>
    </svg>
    <table class="data chart-table">
      <caption>${spec.caption}</caption>
      <thead>
        <tr>
          <th scope="col">${spec.labelHeading}</th>
          ${legend.map((p) => html`<th scope="col">${p.label}</th>`)}
          ${spec.extraHeadings.map((h) => html`<th scope="col">${h}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${repeat(
          spec.rows,
          (row) => row.key,
          (row) => html`<tr>
            <th scope="row">${row.label}</th>
            ${row.withheld
              ? html`<td colspan=${row.points.length + row.extra.length}>${row.withheld}</td>`
              : html`${row.points.map((p) => html`<td data-label=${p.label}>${p.value === null ? "–" : spec.format(p.value)}</td>`)}
                ${row.extra.map((e, i) => html`<td data-label=${spec.extraHeadings[i] ?? ""}>${e}</td>`)}`}
          </tr>`,
        )}
      </tbody>
    </table>
  </figure>`;
}
