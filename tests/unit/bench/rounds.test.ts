// bench:collab's rounds (bench/rounds.ts): a server measured several times in turn is reported as
// one result over all of its deliveries and changes.
import { describe, expect, it } from "vitest";
import { latencyFigures, mergeRounds, type PhaseResult } from "../../../bench/rounds";

function round(latencies: number[], overrides: Partial<PhaseResult> = {}): PhaseResult {
  const sorted = Float64Array.from(latencies).sort();
  return {
    server: "app",
    phase: "main",
    clients: 4,
    documents: 1,
    changes: 10,
    expectedDeliveries: 30,
    delivered: 30,
    missing: 0,
    diverged: 0,
    freshLoadDiverged: 0,
    reloadDiverged: 0,
    latencies: sorted,
    ...latencyFigures(sorted),
    cpuS: 1,
    cpuPerThousandChanges: 100,
    databaseCpuS: null,
    memPerDocKb: 400,
    rssPerDocKb: null,
    unexpectedCloses: 0,
    generator: { cpuShare: 0.5, loopDelayP99Ms: 10, idleDelayP99Ms: 5, idleDelayMaxMs: 20, stealShare: 0.02 },
    ...overrides,
  };
}

describe("joining a server's rounds", () => {
  it("takes percentiles over every delivery of every round, not an average of the rounds' own", () => {
    const fast = round(Array.from({ length: 99 }, () => 1));
    const slow = round([500]);
    const joined = mergeRounds([fast, slow]);
    expect(joined.latencies).toHaveLength(100);
    expect(joined.p50).toBe(1);
    expect(joined.p99).toBe(1);
    expect(joined.max).toBe(500);
  });

  it("sums changes, deliveries, losses and CPU, so CPU per change is over all changes", () => {
    const joined = mergeRounds([
      round([1], { changes: 100, cpuS: 2, missing: 1, diverged: 1, reloadDiverged: null }),
      round([2], { changes: 300, cpuS: 4, expectedDeliveries: 900, reloadDiverged: 2, memPerDocKb: 600, generator: { cpuShare: 0.7, loopDelayP99Ms: 30, idleDelayP99Ms: 2, idleDelayMaxMs: 50, stealShare: null } }),
    ]);
    expect(joined.changes).toBe(400);
    expect(joined.cpuS).toBe(6);
    expect(joined.cpuPerThousandChanges).toBe(15);
    expect(joined.expectedDeliveries).toBe(930);
    expect(joined.missing).toBe(1);
    expect(joined.diverged).toBe(1);
    expect(joined.reloadDiverged).toBe(2);
    expect(joined.memPerDocKb).toBe(500);
    expect(joined.generator).toEqual({ cpuShare: 0.6, loopDelayP99Ms: 30, idleDelayP99Ms: 5, idleDelayMaxMs: 50, stealShare: 0.02 });
  });

  it("sums the database's CPU when every round has it, and leaves it unknown otherwise", () => {
    expect(mergeRounds([round([1], { databaseCpuS: 0.5 }), round([2], { databaseCpuS: 0.25 })]).databaseCpuS).toBe(0.75);
    expect(mergeRounds([round([1], { databaseCpuS: 0.5 }), round([2])]).databaseCpuS).toBeNull();
  });

  it("leaves a single round as it is", () => {
    const only = round([3, 1, 2]);
    expect(mergeRounds([only])).toBe(only);
  });
});
