// Who may do what on a partnership, as the screens need to know it (the grains decide; this only keeps
// controls a person cannot use off their screen), and the small rules of invitation links.

import type { Invite, Member, MemberRole, PartnershipSnapshot } from "./protocol";

export interface Rights {
  /** The person's membership, if any (a platform admin may read without one). */
  member: Member | undefined;
  coordinator: boolean;
  /** Co-edits boards, adds boards: members and coordinators, not observers. */
  canWrite: boolean;
}

export function rightsOf(p: PartnershipSnapshot, userId: string): Rights {
  const member = p.members.find((m) => m.userId === userId);
  return { member, coordinator: member?.role === "coordinator", canWrite: member !== undefined && member.role !== "observer" };
}

/** The grain keeps at least one coordinator: the only one can neither be removed nor given another role. */
export function isOnlyCoordinator(members: readonly Member[], userId: string): boolean {
  const coordinators = members.filter((m) => m.role === "coordinator");
  return coordinators.length === 1 && coordinators[0]!.userId === userId;
}

/** The roles a coordinator may give this member now. */
export function rolesFor(members: readonly Member[], userId: string, all: readonly MemberRole[]): MemberRole[] {
  return isOnlyCoordinator(members, userId) ? ["coordinator"] : [...all];
}

export type InviteStatus = "active" | "usedUp" | "expired" | "revoked";

/** As the grain's Invite.IsUsable sees it: revoked first, then used up, then expired. */
export function inviteStatus(invite: Invite, now: Date = new Date()): InviteStatus {
  if (invite.revoked) return "revoked";
  if (invite.uses >= invite.maxUses) return "usedUp";
  if (!(now.getTime() < new Date(invite.expiresAt).getTime())) return "expired";
  return "active";
}

/** The secret of an invitation link path ("/invite/{secret}"), or null when the path is not one. */
export function inviteSecret(pathname: string): string | null {
  const match = /^\/invite\/([A-Za-z0-9_-]{1,100})\/?$/.exec(pathname);
  return match ? match[1]! : null;
}

/** The whole link to send: the server's path on this site's address. */
export function inviteUrl(path: string, origin: string): string {
  if (inviteSecret(path) === null) throw new Error(`Not an invitation path: ${path}`);
  return new URL(path, origin).href;
}

/** How many times a new link may be used, from the form: one person, or up to N. */
export function parseUses(kind: "single" | "many", many: string, max: number): number | null {
  if (kind === "single") return 1;
  const n = Number(many);
  return Number.isInteger(n) && n >= 2 && n <= max ? n : null;
}

export function parseDays(value: string, max: number): number | null {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : null;
}
