// The benchmarks report how much of the machine's CPU time the hypervisor gave to other guests
// during a phase, and how busy the machine was (bench/harness.ts), to tell a slow run from a busy host.
import { describe, expect, it } from "vitest";
import { busyShare, machineCpuTicks, stealShare } from "../../../bench/harness";

describe("the machine's CPU time between two readings", () => {
  it("is the stolen share of all CPU time that passed", () => {
    expect(stealShare({ total: 1_000, idle: 500, steal: 10 }, { total: 1_400, idle: 600, steal: 110 })).toBe(0.25);
    expect(stealShare({ total: 1_000, idle: 500, steal: 10 }, { total: 1_400, idle: 600, steal: 10 })).toBe(0);
  });

  it("leaves, once idle and stolen time are taken out, the share the machine was busy", () => {
    expect(busyShare({ total: 1_000, idle: 500, steal: 10 }, { total: 1_400, idle: 600, steal: 110 })).toBe(0.5);
    expect(busyShare(null, { total: 2, idle: 1, steal: 0 })).toBeNull();
  });

  it("is unknown without readings or without time passing", () => {
    expect(stealShare(null, { total: 2, idle: 0, steal: 1 })).toBeNull();
    expect(stealShare({ total: 5, idle: 1, steal: 1 }, { total: 5, idle: 1, steal: 1 })).toBeNull();
  });

  it("reads the machine's counters on Linux, steal being part of the total", () => {
    const reading = machineCpuTicks();
    if (process.platform !== "linux") return expect(reading).toBeNull();
    expect(reading!.total).toBeGreaterThan(0);
    expect(reading!.steal).toBeGreaterThanOrEqual(0);
    expect(reading!.steal + reading!.idle).toBeLessThanOrEqual(reading!.total);
  });
});
