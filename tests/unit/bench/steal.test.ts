// The benchmarks report how much of the machine's CPU time the hypervisor gave to other guests
// during a phase, and how busy the machine was (bench/harness.ts), to tell a slow run from a busy host.
import { describe, expect, it } from "vitest";
import { busyShare, machineCpuTicks, processCpuTicks, stealShare } from "../../../bench/harness";

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

describe("a process's CPU time, from /proc/<pid>/stat", () => {
  it("adds its own user and system ticks to its reaped children's", () => {
    const postmaster = "812 (postgres) S 1 812 812 0 -1 4194560 2043 9921 0 3 150 40 700 210 20 0 1 0 1453 224612352 7313 18446744073709551615 1 1 0 0 0 0 0 16777216 1073744390 0 0 0 17 1 0 0 0 0 0";
    expect(processCpuTicks(postmaster)).toEqual({ name: "postgres", ticks: 150 + 40 + 700 + 210 });
  });

  it("reads the name whole when it holds spaces and parentheses", () => {
    expect(processCpuTicks("77 (a (b) c) R 1 77 77 0 -1 0 0 0 0 0 5 6 7 8 20 0 1 0 1 1 1")).toEqual({ name: "a (b) c", ticks: 26 });
  });
});
