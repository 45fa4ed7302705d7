// The audit rows as a table, the same wherever a log is shown (a partnership's log, the admins' account events):
// when, who, what was done, and its detail; each cell labelled for the narrow layout.

import { html, type TemplateResult } from "lit-html";
import type { AuditLine } from "../../audit";
import { formatDateTime, t } from "../../i18n";

export function auditTable(lines: readonly AuditLine[]): TemplateResult {
  const when = t("auditWhen");
  const who = t("auditWho");
  const action = t("auditAction");
  const detail = t("auditDetail");
  // No keys: the rows hold no controls and no focus, and a month or day is read whole, so reusing rows by
  // position loses nothing.
  return html`<table class="data audit-list">
    <thead>
      <tr><th scope="col">${when}</th><th scope="col">${who}</th><th scope="col">${action}</th><th scope="col">${detail}</th></tr>
    </thead>
    <tbody>
      ${lines.map(
        (line) => html`<tr>
          <td data-label=${when}><time datetime=${line.at}>${formatDateTime(line.at)}</time></td>
          <td data-label=${who}>${line.who}</td>
          <td data-label=${action}>${line.action}</td>
          <td data-label=${detail}>${line.what}</td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}
