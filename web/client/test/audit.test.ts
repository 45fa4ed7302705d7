// The audit trail in plain words: the grains' action names, targets and details become sentences; what
// is not understood is shown as it is.
import { describe, expect, it } from "vitest";
import { auditMonths, describeAudit, monthKey, monthName } from "../src/audit";
import type { AuditEntry, Member } from "../src/protocol";

const members: Member[] = [
  { userId: "anna", displayName: "Anna Hansen", side: "municipality", role: "coordinator", joinedAt: "", partyId: null, fieldRole: "none" },
  { userId: "bo", displayName: "Bo Jensen", side: "voluntaryOrganisation", role: "member", joinedAt: "", partyId: null, fieldRole: "none" },
];

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  at: "2025-03-04T10:00:00Z", action: "member-added", actorId: "anna", actorName: "Anna Hansen", target: "user:bo", detail: null, ...over,
});

describe("audit lines", () => {
  it("names the action in Danish and turns C# enum names into words", () => {
    const line = describeAudit(entry({ action: "role-changed", detail: "Bo Jensen: VolunteerCentre/Observer" }), members);
    expect(line).toMatchObject({ action: "Ændrede side eller rolle", who: "Anna Hansen", what: "Bo Jensen — Frivilligcenter, observatør" });
  });

  it("tells who joined with a link, as the joiner", () => {
    const line = describeAudit(entry({ action: "invite-accepted", actorId: "bo", actorName: "Bo Jensen", detail: "Bo Jensen: VoluntaryOrganisation/Member" }), members);
    expect(line).toMatchObject({ action: "Blev medlem med et invitationslink", who: "Bo Jensen", what: "Bo Jensen — Frivillig forening, medlem" });
  });

  it("describes an invitation's side, role, uses and last day", () => {
    const one = describeAudit(entry({ action: "invite-created", target: "invite:1", detail: "VoluntaryOrganisation/Member, 1 uses, until 2025-03-18" }), members);
    expect(one.what).toBe("Frivillig forening, medlem · én person · virker til 18. marts 2025");
    const many = describeAudit(entry({ action: "invite-created", target: "invite:1", detail: "Municipality/Observer, 25 uses, until 2025-04-01" }), members);
    expect(many.what).toBe("Kommunen, observatør · op til 25 personer · virker til 1. april 2025");
  });

  it("names the account actions that mailed links bring, and an invitation sent by e-mail like a link", () => {
    expect(describeAudit(entry({ action: "password-reset", target: "user:bo" }), members).action).toBe("Valgte ny adgangskode fra et link i en mail");
    expect(describeAudit(entry({ action: "password-changed", target: "user:bo" }), members).action).toBe("Skiftede adgangskode");
    expect(describeAudit(entry({ action: "member-invited", target: "invite:1", detail: "VoluntaryOrganisation/Member, 1 uses, until 2025-03-18" }), members))
      .toMatchObject({ action: "Inviterede en person på mail", what: "Frivillig forening, medlem · én person · virker til 18. marts 2025" });
  });

  it("shows removed people by the name recorded, and unknown or deleted actors in words", () => {
    expect(describeAudit(entry({ action: "member-removed", detail: "Bo Jensen" }), []).what).toBe("Bo Jensen");
    expect(describeAudit(entry({ action: "member-removed", detail: null, target: "user:gone" }), []).what).toBe("Tidligere deltager");
    expect(describeAudit(entry({ actorName: "", actorId: "gone" }), []).who).toBe("Tidligere deltager");
    expect(describeAudit(entry({ actorName: null, actorId: "bo" }), members).who).toBe("Bo Jensen");
    expect(describeAudit(entry({ action: "sign-in-failed", actorId: null, actorName: null, target: "email:x@y.dk" }), []))
      .toMatchObject({ who: "Ukendt", action: "Forkert adgangskode", what: "x@y.dk" });
  });

  it("falls back to the raw action and detail for what it does not know", () => {
    expect(describeAudit(entry({ action: "something-new", detail: "raw detail" }), members)).toMatchObject({ action: "something-new", what: "raw detail" });
    expect(describeAudit(entry({ action: "member-added", detail: "no pattern here" }), members).what).toBe("no pattern here");
  });
});

describe("audit months", () => {
  it("lists the months from now back to the partnership's start, newest first, in UTC", () => {
    expect(auditMonths("2024-11-20T08:00:00Z", new Date("2025-02-03T00:00:00Z"))).toEqual(["2025-02", "2025-01", "2024-12", "2024-11"]);
    expect(auditMonths("2025-02-01T00:00:00Z", new Date("2025-02-03T00:00:00Z"))).toEqual(["2025-02"]);
    expect(auditMonths("2001-01-01T00:00:00Z", new Date("2025-02-03T00:00:00Z"), 24)).toHaveLength(24);
    expect(auditMonths("not a date", new Date("2025-02-03T00:00:00Z"))).toEqual(["2025-02"]);
  });

  it("keys and names a month", () => {
    expect(monthKey(new Date("2025-12-31T23:30:00Z"))).toBe("2025-12");
    expect(monthName("2025-03")).toBe("marts 2025");
  });
});
