// Who may do what on the partnership screen, and the rules of invitation links and their form.
import { describe, expect, it } from "vitest";
import { inviteSecret, inviteStatus, inviteUrl, isOnlyCoordinator, parseDays, parseUses, rightsOf, rolesFor } from "../src/access";
import { MEMBER_ROLES, type Invite, type Member, type PartnershipSnapshot } from "../src/protocol";

const member = (userId: string, role: Member["role"]): Member => ({ userId, displayName: userId, side: "municipality", role, joinedAt: "", partyId: null, fieldRole: "none" });

const partnership = (members: Member[]): PartnershipSnapshot =>
  ({ id: "p", details: {} as PartnershipSnapshot["details"], members, boards: [], version: 1, createdAt: "", updatedAt: "", endedAt: null, purgedAt: null });

const invite = (over: Partial<Invite> = {}): Invite => ({
  id: "i", side: "voluntaryOrganisation", role: "member", maxUses: 1, uses: 0,
  expiresAt: "2030-01-01T00:00:00Z", revoked: false, createdBy: "anna", createdAt: "2025-01-01T00:00:00Z", addressedTo: null, ...over,
});

describe("rights", () => {
  it("gives coordinators everything, members writing, observers reading, outsiders nothing", () => {
    const p = partnership([member("anna", "coordinator"), member("bo", "member"), member("cy", "observer")]);
    expect(rightsOf(p, "anna")).toMatchObject({ coordinator: true, canWrite: true });
    expect(rightsOf(p, "bo")).toMatchObject({ coordinator: false, canWrite: true });
    expect(rightsOf(p, "cy")).toMatchObject({ coordinator: false, canWrite: false });
    expect(rightsOf(p, "admin")).toMatchObject({ member: undefined, coordinator: false, canWrite: false });
  });

  it("keeps the only coordinator a coordinator, and frees them once there is another", () => {
    const one = [member("anna", "coordinator"), member("bo", "member")];
    expect(isOnlyCoordinator(one, "anna")).toBe(true);
    expect(isOnlyCoordinator(one, "bo")).toBe(false);
    expect(rolesFor(one, "anna", MEMBER_ROLES)).toEqual(["coordinator"]);
    expect(rolesFor(one, "bo", MEMBER_ROLES)).toEqual(MEMBER_ROLES);
    const two = [...one, member("cy", "coordinator")];
    expect(isOnlyCoordinator(two, "anna")).toBe(false);
    expect(rolesFor(two, "anna", MEMBER_ROLES)).toEqual(MEMBER_ROLES);
  });
});

describe("invitations", () => {
  const now = new Date("2025-06-01T12:00:00Z");

  it("says why a link no longer works, in the grain's order", () => {
    expect(inviteStatus(invite(), now)).toBe("active");
    expect(inviteStatus(invite({ uses: 1 }), now)).toBe("usedUp");
    expect(inviteStatus(invite({ maxUses: 5, uses: 4 }), now)).toBe("active");
    expect(inviteStatus(invite({ expiresAt: "2025-06-01T12:00:00Z" }), now)).toBe("expired");
    expect(inviteStatus(invite({ revoked: true, uses: 1, expiresAt: "2020-01-01T00:00:00Z" }), now)).toBe("revoked");
    expect(inviteStatus(invite({ uses: 1, expiresAt: "2020-01-01T00:00:00Z" }), now)).toBe("usedUp");
  });

  it("reads the secret from a link path and nothing else", () => {
    expect(inviteSecret("/invite/abc_DEF-123")).toBe("abc_DEF-123");
    expect(inviteSecret("/invite/abc/")).toBe("abc");
    expect(inviteSecret("/invite/")).toBeNull();
    expect(inviteSecret("/invite/a.b")).toBeNull();
    expect(inviteSecret("/invite/a/b")).toBeNull();
    expect(inviteSecret("/invites/abc")).toBeNull();
    expect(inviteSecret(`/invite/${"x".repeat(101)}`)).toBeNull();
  });

  it("makes the whole link on this site's address", () => {
    expect(inviteUrl("/invite/s3cret", "https://hub.example.dk")).toBe("https://hub.example.dk/invite/s3cret");
    expect(() => inviteUrl("https://evil.example/invite/x", "https://hub.example.dk")).toThrow();
  });

  it("reads the form's uses and days within the limits", () => {
    expect(parseUses("single", "", 200)).toBe(1);
    expect(parseUses("single", "50", 200)).toBe(1);
    expect(parseUses("many", "25", 200)).toBe(25);
    expect(parseUses("many", "1", 200)).toBeNull();
    expect(parseUses("many", "201", 200)).toBeNull();
    expect(parseUses("many", "2.5", 200)).toBeNull();
    expect(parseUses("many", "", 200)).toBeNull();
    expect(parseDays("14", 60)).toBe(14);
    expect(parseDays("0", 60)).toBeNull();
    expect(parseDays("61", 60)).toBeNull();
    expect(parseDays("", 60)).toBeNull();
  });
});
