// bench:collab can measure every server in several interleaved rounds (ROUNDS: app, reference,
// app, reference, …) so that a VM whose speed drifts within minutes slows both alike. This joins a
// server's rounds of one phase into one result: latency percentiles over all deliveries of all
// rounds, counts and CPU summed (so CPU per change is over all changes), memory averaged.
import { percentile } from "./harness";

export type GeneratorFigures = { cpuShare: number; loopDelayP99Ms: number; idleDelayP99Ms: number; idleDelayMaxMs: number; stealShare: number | null };

export type PhaseResult = {
  server: string;
  phase: string;
  clients: number;
  documents: number;
  changes: number;
  expectedDeliveries: number;
  delivered: number;
  missing: number;
  diverged: number;
  freshLoadDiverged: number;
  reloadDiverged: number | null;
  /** Every delivery's latency in ms, sorted. */
  latencies: Float64Array;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  cpuS: number;
  cpuPerThousandChanges: number;
  /** CPU seconds of the local PostgreSQL server in the same window (null: the server does not use it). */
  databaseCpuS: number | null;
  memPerDocKb: number | null;
  rssPerDocKb: number | null;
  unexpectedCloses: number;
  /** The load generator (this process): share of one core used, its event-loop delays, the VM's steal. */
  generator: GeneratorFigures;
};

/** Percentiles of sorted latencies, as a PhaseResult reports them. */
export function latencyFigures(sorted: Float64Array) {
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : Number.NaN,
  };
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
const mean = (values: number[]) => (values.length ? sum(values) / values.length : Number.NaN);
const meanOrNull = (values: Array<number | null>) => {
  const known = values.filter((value): value is number => value !== null);
  return known.length ? mean(known) : null;
};

/** One result for the rounds of one server and phase (given in any order, at least one). */
export function mergeRounds(rounds: PhaseResult[]): PhaseResult {
  if (rounds.length === 1) return rounds[0];
  const [first] = rounds;
  const latencies = new Float64Array(sum(rounds.map((round) => round.latencies.length)));
  let offset = 0;
  for (const round of rounds) {
    latencies.set(round.latencies, offset);
    offset += round.latencies.length;
  }
  latencies.sort();
  const changes = sum(rounds.map((round) => round.changes));
  const cpuS = sum(rounds.map((round) => round.cpuS));
  const reloads = rounds.map((round) => round.reloadDiverged).filter((value): value is number => value !== null);
  return {
    server: first.server,
    phase: first.phase,
    clients: first.clients,
    documents: first.documents,
    changes,
    expectedDeliveries: sum(rounds.map((round) => round.expectedDeliveries)),
    delivered: sum(rounds.map((round) => round.delivered)),
    missing: sum(rounds.map((round) => round.missing)),
    diverged: sum(rounds.map((round) => round.diverged)),
    freshLoadDiverged: sum(rounds.map((round) => round.freshLoadDiverged)),
    reloadDiverged: reloads.length ? sum(reloads) : null,
    latencies,
    ...latencyFigures(latencies),
    cpuS,
    cpuPerThousandChanges: changes ? (cpuS / changes) * 1000 : Number.NaN,
    databaseCpuS: rounds.every((round) => round.databaseCpuS !== null) ? sum(rounds.map((round) => round.databaseCpuS!)) : null,
    memPerDocKb: meanOrNull(rounds.map((round) => round.memPerDocKb)),
    rssPerDocKb: meanOrNull(rounds.map((round) => round.rssPerDocKb)),
    unexpectedCloses: sum(rounds.map((round) => round.unexpectedCloses)),
    generator: {
      cpuShare: mean(rounds.map((round) => round.generator.cpuShare)),
      loopDelayP99Ms: Math.max(...rounds.map((round) => round.generator.loopDelayP99Ms)),
      idleDelayP99Ms: Math.max(...rounds.map((round) => round.generator.idleDelayP99Ms)),
      idleDelayMaxMs: Math.max(...rounds.map((round) => round.generator.idleDelayMaxMs)),
      stealShare: meanOrNull(rounds.map((round) => round.generator.stealShare)),
    },
  };
}
