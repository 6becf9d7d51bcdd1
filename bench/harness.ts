// What the benchmark drivers (bench/collab.ts, bench/session.ts) share: settings from env vars or
// --flags, output helpers, and the server children they start and question over IPC (the
// children's side is bench/child.ts).
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { serveNodeFlags } from "../tests/support/serve-script";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const rawSetting = (name: string) => {
  const flag = `--${name.toLowerCase().replace(/_/g, "-")}=`;
  return process.argv.find((arg) => arg.startsWith(flag))?.slice(flag.length) ?? process.env[name];
};

/** A non-negative number from `--name-in-kebab=` or the env var NAME, else `fallback`. */
export function setting(name: string, fallback: number): number {
  const raw = rawSetting(name);
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, got ${raw}`);
  return value;
}

/** A comma-separated list setting. */
export function listSetting(name: string, fallback: string): string[] {
  return (rawSetting(name) ?? fallback)
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/** Tables and the final JSON line go to stdout; progress notes to stderr. */
export const log = (line = "") => process.stdout.write(`${line}\n`);
export const note = (line: string) => process.stderr.write(`[bench] ${line}\n`);
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The p-th percentile of sorted samples (nearest rank), NaN when there are none. */
export function percentile(sorted: Float64Array, p: number) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * How late an event loop's timer ticks come, in ms. Node's delay histogram records the whole time
 * between two ticks of its `resolutionMs` timer (an idle loop reads `resolutionMs`, not 0), so the
 * figures here take the timer's own interval off.
 */
export function loopLateness(resolutionMs: number) {
  const histogram = monitorEventLoopDelay({ resolution: resolutionMs });
  const late = (nanoseconds: number) => Math.max(0, nanoseconds / 1e6 - resolutionMs);
  return {
    enable: () => histogram.enable(),
    disable: () => histogram.disable(),
    reset: () => histogram.reset(),
    percentileMs: (p: number) => late(histogram.percentile(p)),
    maxMs: () => late(histogram.max),
  };
}

/** A figure for the tables: "-" when there is none. */
export const fmt = (value: number | null, digits = 1) => (value === null || Number.isNaN(value) ? "-" : value.toFixed(digits));

/** A figure for the JSON line: null when there is none, else rounded to `digits`. */
export const jsonNumber = (value: number | undefined | null, digits = 2) =>
  value === undefined || value === null || Number.isNaN(value) ? null : Number(value.toFixed(digits));

/** Runs `work` over `items` with at most `concurrency` at a time. */
export async function pool<T>(items: T[], concurrency: number, work: (item: T, index: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index], index);
      }
    }),
  );
}

/** A child's answer to "stats": CPU at the end of a window, CPU after the forced GCs (the next window's start), memory. */
export type Stats = { cpu: NodeJS.CpuUsage; cpuAfterGc?: NodeJS.CpuUsage; memory: NodeJS.MemoryUsage };
export type CpuReading = Pick<Stats, "cpu" | "cpuAfterGc">;

/** CPU seconds between two readings (from after the first one's forced GCs, if any). */
export const cpuSeconds = (before: CpuReading, after: CpuReading) => {
  const start = before.cpuAfterGc ?? before.cpu;
  return (after.cpu.user - start.user + after.cpu.system - start.system) / 1e6;
};

/** A server child process: ready message, stats and CPU questions, graceful close. */
export class Child {
  private nextId = 0;
  private waiters = new Map<number, (stats: Stats) => void>();
  ready: Promise<Record<string, unknown>>;
  exited = false;

  constructor(
    readonly name: string,
    readonly process: ChildProcess,
  ) {
    this.ready = new Promise((resolve, reject) => {
      process.on("message", (message: { type: string; id?: number } & Record<string, unknown>) => {
        if (message.type === "ready") resolve(message);
        if (message.type === "stats" || message.type === "cpu") this.waiters.get(message.id!)?.(message as unknown as Stats);
      });
      process.on("exit", (code) => {
        this.exited = true;
        reject(new Error(`${name} exited with ${code} before it was ready`));
      });
    });
  }

  /**
   * CPU and memory of the server process, with two forced GCs for a stable heap figure; without
   * them (`gc: false`) for a reading taken while the load runs.
   */
  stats(options: { gc?: boolean } = {}): Promise<Stats> {
    return this.ask("stats", options);
  }

  /** CPU of the server process only (no GC): for short windows. */
  cpu(): Promise<Pick<Stats, "cpu">> {
    return this.ask("cpu");
  }

  private ask(type: string, options: { gc?: boolean } = {}): Promise<Stats> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiters.set(id, (stats) => {
        this.waiters.delete(id);
        resolve(stats);
      });
      this.process.send({ type, id, ...options });
    });
  }

  async close() {
    if (this.exited) return;
    const exited = new Promise((resolve) => this.process.once("exit", resolve));
    this.process.send({ type: "close" });
    await Promise.race([exited, sleep(30_000)]);
    if (!this.exited) this.process.kill("SIGKILL");
  }
}

/** Starts `script` (TypeScript through tsx, GC exposed) as a child with an IPC channel. */
export function startChild(name: string, script: string, env: Record<string, string>, extraNodeArgs: string[] = []): Child {
  const child = spawn(process.execPath, ["--expose-gc", ...extraNodeArgs, "--import", "tsx", script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    // The children's output goes to stderr: stdout carries only the tables and the JSON line.
    stdio: ["ignore", 2, 2, "ipc"],
  });
  return new Child(name, child);
}

/**
 * The Node flags `npm run serve` starts the app with (read from package.json, so the benchmarked
 * app runs as it is deployed), then BENCH_APP_NODE_ARGS (flags to try).
 */
export const APP_NODE_FLAGS = [...serveNodeFlags(), ...(process.env.BENCH_APP_NODE_ARGS ?? "").split(" ").filter(Boolean)];

/** `startChild` for a script that runs the app: with the app's Node flags. */
export function startAppChild(name: string, script: string, env: Record<string, string>): Child {
  return startChild(name, script, env, APP_NODE_FLAGS);
}

/**
 * The machine's CPU time so far from /proc/stat (Linux; null elsewhere), in clock ticks: all of it,
 * the part no process wanted ("idle", iowait included) and the part the hypervisor gave to other
 * guests ("steal"), to tell a slow run from a busy host.
 */
export type MachineCpuTicks = { total: number; idle: number; steal: number };

export function machineCpuTicks(): MachineCpuTicks | null {
  try {
    // user nice system idle iowait irq softirq steal (guest time is already counted in user).
    const fields = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1, 9).map(Number);
    return { total: fields.reduce((sum, value) => sum + value, 0), idle: (fields[3] ?? 0) + (fields[4] ?? 0), steal: fields[7] ?? 0 };
  } catch {
    return null;
  }
}

/** The share of the machine's CPU time between two readings that went to `part` (null if unknown). */
function shareOf(part: "idle" | "steal", before: MachineCpuTicks | null, after: MachineCpuTicks | null): number | null {
  if (!before || !after || after.total <= before.total) return null;
  return (after[part] - before[part]) / (after.total - before.total);
}

/** Share of the machine's CPU time stolen by the hypervisor between two readings (null if unknown). */
export const stealShare = (before: MachineCpuTicks | null, after: MachineCpuTicks | null) => shareOf("steal", before, after);

/** Share of the machine's CPU time spent running something here (neither idle nor stolen) between two readings. */
export function busyShare(before: MachineCpuTicks | null, after: MachineCpuTicks | null): number | null {
  const idle = shareOf("idle", before, after);
  const steal = shareOf("steal", before, after);
  return idle === null || steal === null ? null : 1 - idle - steal;
}

/**
 * CPU seconds used so far by the local PostgreSQL server: every process named `postgres`, its own
 * time plus its reaped children's (a backend that exits is counted in the postmaster's), from
 * /proc. The app's appends run in these processes, outside the app's own CPU figure. Null if /proc
 * shows no such process (no local server, or not Linux).
 */
export function postgresCpuSeconds(): number | null {
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((entry) => /^\d+$/.test(entry));
  } catch {
    return null; // no /proc: not Linux
  }
  let ticks = 0;
  let found = false;
  for (const pid of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue; // gone meanwhile
    }
    const entry = processCpuTicks(stat);
    if (entry.name !== "postgres") continue;
    ticks += entry.ticks;
    found = true;
  }
  return found ? ticks / CLOCK_TICKS_PER_SECOND : null;
}

/** A /proc/<pid>/stat line's process name and CPU clock ticks: its own (user + system) and its reaped children's. */
export function processCpuTicks(stat: string): { name: string; ticks: number } {
  // "pid (name) state …": the name may hold spaces and parentheses, so the fields start after the last ")"; utime, stime, cutime, cstime are fields 14–17.
  const close = stat.lastIndexOf(")");
  const fields = stat.slice(close + 2).split(" ");
  return { name: stat.slice(stat.indexOf("(") + 1, close), ticks: Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]) };
}

/** Linux's USER_HZ, what /proc/<pid>/stat counts in (100 on every Linux architecture Node runs on). */
const CLOCK_TICKS_PER_SECOND = 100;

/** A share as a percentage for the tables ("-" when unknown). */
export const shareText = (share: number | null) => (share === null ? "-" : `${(share * 100).toFixed(1)}%`);

/** Runs a driver's main and exits with its outcome (children and sockets would keep Node alive). */
export function runMain(main: () => Promise<void>) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
