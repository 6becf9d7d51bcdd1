// The benchmarks report how much of the machine's CPU time the hypervisor gave to other guests
// during a phase (bench/harness.ts), to tell a slow run from a busy host.
import { describe, expect, it } from "vitest";
import { machineCpuTicks, stealShare } from "../../../bench/harness";

describe("CPU steal between two readings", () => {
  it("is the stolen share of all CPU time that passed", () => {
    expect(stealShare({ total: 1_000, steal: 10 }, { total: 1_400, steal: 110 })).toBe(0.25);
    expect(stealShare({ total: 1_000, steal: 10 }, { total: 1_400, steal: 10 })).toBe(0);
  });

  it("is unknown without readings or without time passing", () => {
    expect(stealShare(null, { total: 2, steal: 1 })).toBeNull();
    expect(stealShare({ total: 5, steal: 1 }, { total: 5, steal: 1 })).toBeNull();
  });

  it("reads the machine's counters on Linux, steal being part of the total", () => {
    const reading = machineCpuTicks();
    if (process.platform !== "linux") return expect(reading).toBeNull();
    expect(reading!.total).toBeGreaterThan(0);
    expect(reading!.steal).toBeGreaterThanOrEqual(0);
    expect(reading!.steal).toBeLessThanOrEqual(reading!.total);
  });
});
