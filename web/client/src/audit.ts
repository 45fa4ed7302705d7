// The audit trail in words a coordinator reads: what happened, who did it, to whom. The grains write
// stable action names, targets such as "user:{id}" and short details such as "Bo Jensen: VoluntaryOrganisation/Member"
// (C# enum names); this turns them into Danish (or English) sentences and falls back to the raw text for
// anything it does not know, so a new kind of entry still shows.

import { formatDate, lang, t, type TextKey } from "./i18n";
import { AUDIT_ACTIONS, MEMBER_ROLES, SIDES, type AuditEntry, type Member, type MemberRole, type Side } from "./protocol";

export interface AuditLine {
  at: string;
  action: string;
  who: string;
  what: string;
}

const actions = new Set<string>(AUDIT_ACTIONS);

/** C# writes enum names ("VoluntaryOrganisation"); the JSON and our texts use camelCase. */
function camel(name: string): string {
  return name.length > 0 ? name[0]!.toLowerCase() + name.slice(1) : name;
}

function sideText(name: string): string {
  const side = camel(name);
  return (SIDES as readonly string[]).includes(side) ? t(`side.${side as Side}` as TextKey) : name;
}

function roleText(name: string): string {
  const role = camel(name);
  return (MEMBER_ROLES as readonly string[]).includes(role) ? t(`role.${role as MemberRole}` as TextKey) : name;
}

export function actionText(action: string): string {
  return actions.has(action) ? t(`audit.${action}` as TextKey) : action;
}

/** "Name: Side/Role" → the name, and the side and role in words. */
function membership(detail: string): { name: string; sideRole: string } | null {
  const match = /^(.*): ([A-Za-z]+)\/([A-Za-z]+)$/s.exec(detail);
  return match ? { name: match[1]!, sideRole: `${sideText(match[2]!)}, ${roleText(match[3]!).toLowerCase()}` } : null;
}

/** "Side/Role, N uses, until yyyy-MM-dd" (an invitation). */
function invitation(detail: string): string | null {
  const match = /^([A-Za-z]+)\/([A-Za-z]+), (\d+) uses, until (\d{4}-\d{2}-\d{2})$/.exec(detail);
  if (!match) return null;
  const uses = Number(match[3]);
  return t("auditInvite", {
    side: sideText(match[1]!),
    role: roleText(match[2]!).toLowerCase(),
    uses: uses === 1 ? t("auditOneUse") : t("auditManyUses", { count: uses }),
    until: formatDate(match[4]!),
  });
}

export function describeAudit(entry: AuditEntry, members: readonly Member[]): AuditLine {
  const nameOf = (userId: string) => members.find((m) => m.userId === userId)?.displayName;
  const who = entry.actorId === null ? t("auditNobody") : entry.actorName?.trim() || nameOf(entry.actorId) || t("formerParticipant");
  const targetUser = entry.target.startsWith("user:") ? entry.target.slice(5) : null;
  const detail = entry.detail ?? "";
  let what: string;
  switch (entry.action) {
    case "member-added":
    case "role-changed":
    case "invite-accepted": {
      const m = membership(detail);
      what = m ? `${m.name} — ${m.sideRole}` : detail || (targetUser && nameOf(targetUser)) || "";
      break;
    }
    case "member-removed":
      what = detail || (targetUser && nameOf(targetUser)) || t("formerParticipant");
      break;
    case "invite-created":
    case "member-invited":
      what = invitation(detail) ?? detail;
      break;
    case "sign-in-failed":
    case "locked-out":
      what = entry.target.startsWith("email:") ? entry.target.slice(6) : detail;
      break;
    default:
      what = detail;
  }
  return { at: entry.at, action: actionText(entry.action), who, what };
}

/** "yyyy-MM" of a moment, in UTC: the audit trail is kept in UTC months. */
export function monthKey(date: Date): string {
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** The months a partnership's log can have entries for, newest first: from now back to its creation, at most `max`. */
export function auditMonths(createdAt: string, now: Date = new Date(), max = 24): string[] {
  const created = new Date(createdAt);
  const start = Number.isNaN(created.getTime()) ? now : created;
  const months: string[] = [];
  let y = now.getUTCFullYear();
  let m = now.getUTCMonth();
  const stop = start.getUTCFullYear() * 12 + start.getUTCMonth();
  while (months.length < max && (months.length === 0 || y * 12 + m >= stop)) {
    months.push(`${y}-${String(m + 1).padStart(2, "0")}`);
    m -= 1;
    if (m < 0) {
      m = 11;
      y -= 1;
    }
  }
  return months;
}

/** "marts 2025" / "March 2025". */
export function monthName(key: string): string {
  const [y, m] = key.split("-").map(Number);
  if (!y || !m) return key;
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleDateString(lang() === "da" ? "da-DK" : "en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
}
