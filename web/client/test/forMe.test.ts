import { describe, expect, it } from "vitest";
import { dueState } from "../src/views/forMe";

describe("dueState", () => {
  const now = new Date("2027-03-10T08:00:00Z");

  it("marks a card whose date has passed as overdue", () => {
    expect(dueState({ dueAt: "2027-03-09T08:00:00Z" }, now)).toBe("overdue");
  });

  it("marks a card due within a week as soon, and one further off as nothing", () => {
    expect(dueState({ dueAt: "2027-03-16T08:00:00Z" }, now)).toBe("soon");
    expect(dueState({ dueAt: "2027-03-30T08:00:00Z" }, now)).toBeNull();
  });

  it("gives nothing for a card without a date", () => {
    expect(dueState({ dueAt: null }, now)).toBeNull();
  });
});
