import { describe, expect, it } from "vitest";
import { ServerClock } from "../src/stores/sessionClock";
import { remainingSeconds } from "../src/views/session";

// Timers count down on the server's clock: a phone whose own clock is off still shows the time the room sees.
describe("session server clock", () => {
  it("now_PhoneClockFiveMinutesBehind_IsTheServersTime", () => {
    let local = Date.parse("2026-12-03T17:55:00Z");
    const clock = new ServerClock(() => local);
    clock.observe("2026-12-03T18:00:00Z");
    expect(clock.now()).toBe(Date.parse("2026-12-03T18:00:00Z"));
    local += 10_000;
    expect(clock.now()).toBe(Date.parse("2026-12-03T18:00:10Z"));
  });

  it("remainingSeconds_SkewedPhone_ShowsTheSameTimeAsAnAccurateOne", () => {
    const timer = { endsAt: "2026-12-03T18:05:00Z", remaining: null, expired: false };
    const accurate = new ServerClock(() => Date.parse("2026-12-03T18:00:00Z"));
    const ahead = new ServerClock(() => Date.parse("2026-12-03T18:07:30Z"));
    accurate.observe("2026-12-03T18:00:00Z");
    ahead.observe("2026-12-03T18:00:00Z");
    expect(remainingSeconds(timer, accurate.now())).toBe(300);
    expect(remainingSeconds(timer, ahead.now())).toBe(300);
    // Without the offset the phone that is ahead would say the time is up.
    expect(remainingSeconds(timer, Date.parse("2026-12-03T18:07:30Z"))).toBe(0);
  });

  it("offset_DelayedViews_TakesTheLeastDelayedOfRecentSamples", () => {
    let local = 0;
    const clock = new ServerClock(() => local);
    // The server is 60 s ahead; views arrive 40, 5 and 300 ms after they left.
    for (const [sent, delay] of [[1_000, 40], [2_000, 5], [3_000, 300]] as const) {
      local = sent - 60_000 + delay;
      clock.observe(new Date(sent).toISOString());
    }
    expect(clock.offset).toBe(60_000 - 5);
  });

  it("offset_OldSamples_AreForgottenSoACorrectedClockIsFollowed", () => {
    let local = 0;
    const clock = new ServerClock(() => local);
    local = 1_000 - 120_000;
    clock.observe(new Date(1_000).toISOString());
    for (let i = 0; i < 8; i++) {
      local = 10_000 + i * 1_000;
      clock.observe(new Date(10_000 + i * 1_000).toISOString());
    }
    expect(clock.offset).toBe(0);
  });

  it("observe_MissingOrUnstampedOrNonsense_ChangesNothing", () => {
    const clock = new ServerClock(() => 5_000);
    clock.observe(null);
    clock.observe("0001-01-01T00:00:00+00:00");
    clock.observe("not a time");
    expect(clock.offset).toBe(0);
    expect(clock.now()).toBe(5_000);
  });
});
