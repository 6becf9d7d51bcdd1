import { describe, expect, it } from "vitest";
import { loopLateness } from "../../../bench/harness";

describe("loopLateness", () => {
  it("reads how late the timer ticks come, not the interval between them", async () => {
    const lateness = loopLateness(10);
    lateness.enable();
    await new Promise((resolve) => setTimeout(resolve, 300));
    lateness.disable();
    // Node's histogram itself records at least the 10-ms interval for every tick of an idle loop.
    expect(lateness.percentileMs(50)).toBeGreaterThanOrEqual(0);
    expect(lateness.percentileMs(50)).toBeLessThan(10);
  });

  it("counts a blocked loop as late", async () => {
    const lateness = loopLateness(10);
    lateness.enable();
    await new Promise((resolve) => setTimeout(resolve, 30));
    const until = performance.now() + 60;
    while (performance.now() < until) {
      // a synchronous stretch of 60 ms: the next tick comes ~50 ms late
    }
    await new Promise((resolve) => setTimeout(resolve, 30));
    lateness.disable();
    expect(lateness.maxMs()).toBeGreaterThanOrEqual(40);
  });
});
