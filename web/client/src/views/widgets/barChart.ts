// A horizontal bar chart drawn as SVG attributes (no style attribute, no canvas: the CSP allows it as it is, it
// prints, and it scales with the text), always followed by a table with the same numbers and, when given, one
// sentence that says what the chart shows. Colour never carries meaning alone: every bar has its label and value
// written beside it. Used for poll tallies, cohort figures and the admins' reports (docs/decisions/014).

import { html, svg, type TemplateResult } from "lit-html";
import { repeat } from "lit-html/directives/repeat.js";

export interface BarRow {
  /** Stable key for keyed rendering (an option id, an item id, a tag). */
  readonly key: string;
  readonly label: string;
  readonly value: number;
  /** How the value is written (e.g. "12 (40 %)"); the number itself when absent. */
  readonly display?: string;
}

export interface BarChartSpec {
  /** The figure's caption and the table's caption. */
  readonly caption: string;
  /** One sentence saying what the chart shows; read by screen readers in place of the drawing. */
  readonly summary?: string;
  readonly labelHeading: string;
  readonly valueHeading: string;
  readonly rows: readonly BarRow[];
  /** The value that fills the whole width; the largest value when absent. */
  readonly max?: number;
  /** Extra class on the figure, e.g. "large" on a projector. */
  readonly variant?: string;
}

const ROW_HEIGHT = 38;
/** The share of the width a full bar takes; the rest holds its value. */
const BAR_SPAN = 82;

export interface BarGeometry {
  readonly key: string;
  /** Width of the bar as a percentage of the chart's width, 0..BAR_SPAN. */
  readonly widthPercent: number;
  readonly y: number;
}

/** Where each bar goes: widths relative to max (or the largest value), never negative, never wider than the span. */
export function barGeometry(rows: readonly BarRow[], max?: number): BarGeometry[] {
  const top = max ?? Math.max(0, ...rows.map((row) => row.value));
  return rows.map((row, index) => ({
    key: row.key,
    widthPercent: top > 0 ? Math.round((Math.max(0, Math.min(row.value, top)) / top) * BAR_SPAN * 10) / 10 : 0,
    y: index * ROW_HEIGHT,
  }));
}

export function barChart(spec: BarChartSpec): TemplateResult {
  const geometry = barGeometry(spec.rows, spec.max);
  const height = Math.max(1, spec.rows.length) * ROW_HEIGHT;
  const drawn = spec.rows.map((row, index) => ({ row, at: geometry[index]! }));
  return html`<figure class="bar-chart ${spec.variant ?? ""}">
    <figcaption>${spec.caption}</figcaption>
    ${spec.summary ? html`<p class="chart-summary">${spec.summary}</p>` : null}
    <svg width="100%" height=${height} role="img" aria-label=${spec.summary ?? spec.caption}>
      ${drawn.map(
        ({ row, at }) => svg`<g>
          <text class="bar-label" x="0" y=${at.y + 14}>${row.label}</text>
          <rect class="bar" x="0" y=${at.y + 19} height="12" rx="2" width=${`${at.widthPercent}%`}></rect>
          <text class="bar-value" x=${`${at.widthPercent + 1}%`} y=${at.y + 30}>${row.display ?? String(row.value)}</text>
        </g>`,
      )}
    </svg>
    <table class="data chart-table">
      <caption>${spec.caption}</caption>
      <thead><tr><th scope="col">${spec.labelHeading}</th><th scope="col">${spec.valueHeading}</th></tr></thead>
      <tbody>
        ${repeat(
          spec.rows,
          (row) => row.key,
          (row) => html`<tr>
            <th scope="row" data-label=${spec.labelHeading}>${row.label}</th>
            <td data-label=${spec.valueHeading}>${row.display ?? String(row.value)}</td>
          </tr>`,
        )}
      </tbody>
    </table>
  </figure>`;
}
