import { describe, expect, it } from "vitest";
import { clock, parseTimeSpan, remainingSeconds } from "../src/views/session";

// The session timer is drawn from the server's state: a running timer's end time, a paused timer's remainder (a .NET
// TimeSpan in JSON), so every screen shows the same time after a reconnect.
describe("session timer", () => {
  it("parseTimeSpan_DotNetFormats_Seconds", () => {
    expect(parseTimeSpan("00:05:00")).toBe(300);
    expect(parseTimeSpan("01:00:30.5000000")).toBe(3630.5);
    expect(parseTimeSpan("1.00:00:01")).toBe(86401);
    expect(parseTimeSpan("nonsense")).toBe(0);
  });

  it("remainingSeconds_RunningPausedOrOff_FromTheServersState", () => {
    const now = Date.parse("2026-12-03T18:00:00Z");
    expect(remainingSeconds({ endsAt: "2026-12-03T18:04:59.200Z", remaining: null, expired: false }, now)).toBe(300);
    expect(remainingSeconds({ endsAt: "2026-12-03T17:59:00Z", remaining: null, expired: false }, now)).toBe(0);
    expect(remainingSeconds({ endsAt: null, remaining: "00:01:30", expired: false }, now)).toBe(90);
    expect(remainingSeconds({ endsAt: null, remaining: null, expired: true }, now)).toBeNull();
  });

  it("clock_Seconds_MinutesAndTwoDigitSeconds", () => {
    expect(clock(0)).toBe("0:00");
    expect(clock(65)).toBe("1:05");
    expect(clock(3600)).toBe("60:00");
  });
});
