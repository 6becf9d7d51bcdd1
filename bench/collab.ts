// npm run bench:collab — the collaboration benchmark of issue #3.
//
// Starts the app (bench/app-server.ts: authorization via session cookies + app/policies, durable
// update log on) and the reference Yjs server (bench/reference-server.mjs: @y/websocket-server
// 0.1.1, no auth, no persistence) as two child processes on loopback ports, and drives both with
// the same load from this process: EDITORS editors over DOCUMENTS documents, each making RATE
// Tiptap-sized changes a second for DURATION_S, then one hot document with HOT_EDITORS editors and
// HOT_VIEWERS read-only viewers. Prints tables, then one JSON line (the last line of stdout).
//
// Settings: env vars or --flags, e.g. `EDITORS=200 DOCUMENTS=50 DURATION_S=10 npm run bench:collab`
// or `npm run bench:collab -- --editors=200 --documents=50 --duration-s=10`.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { BenchClient, latenciesOf, now, type Protocol } from "./client";
import { Child, cpuSeconds, fmt, jsonNumber, log, loopLateness, machineCpuTicks, note, percentile, pool, postgresCpuSeconds, ROOT, runMain, setting, shareText, sleep, startAppChild, startChild, stealShare } from "./harness";
import { LoadThreads, type Replica, type Seat } from "./load-threads";
import { latencyFigures, mergeRounds, type PhaseResult } from "./rounds";
import { loginCookie } from "../tests/support/login";

const config = {
  editors: setting("EDITORS", 600),
  documents: setting("DOCUMENTS", 150),
  durationS: setting("DURATION_S", 30),
  rate: setting("RATE", 2),
  hotEditors: setting("HOT_EDITORS", 50),
  hotViewers: setting("HOT_VIEWERS", 50),
  hotDurationS: setting("HOT_DURATION_S", Number.NaN),
  graceS: setting("GRACE_S", 10),
  /**
   * Seconds of the same load before each phase's measured window, for every server alike: the
   * first seconds of a phase measure the load generator's own cold start more than the server.
   */
  warmupS: setting("WARMUP_S", 5),
  users: setting("USERS", 100),
  connectConcurrency: setting("CONNECT_CONCURRENCY", 25),
  /** Seconds per window of the latency timeline printed to stderr (0: none). */
  timelineS: setting("TIMELINE_S", 0),
  /** Worker threads the clients are dealt out to (bench/load-threads.ts). */
  loadThreads: setting("LOAD_THREADS", 2),
  /** Rounds of all servers in turn (bench/rounds.ts), each on documents of its own. */
  rounds: setting("ROUNDS", 1),
};
/** Which servers to measure, in this order: any of "app", "stock" (stock Hocuspocus), "reference". */
const servers = (process.env.SERVERS ?? "app,stock,reference").split(",");
const load = new LoadThreads(config.loadThreads);
if (Number.isNaN(config.hotDurationS)) config.hotDurationS = config.durationS;
config.documents = Math.max(1, Math.min(config.documents, config.editors || 1));

// ---------------------------------------------------------------- load

type ServerName = "app" | "stock" | "reference";
const SERVER_LABELS: Record<ServerName, string> = {
  app: "app (Hocuspocus 4.7 + auth + durable log)",
  stock: "stock Hocuspocus 4.7 (no auth, no persistence; the app's patch)",
  reference: "reference (@y/websocket-server 0.1.1)",
};

type Target = {
  name: ServerName;
  protocol: Protocol;
  baseUrl: string;
  /** Session cookies of writers and of read-only members (app only). */
  editorCookies: string[];
  viewerCookies: string[];
};


async function runPhase(options: {
  server: Child;
  target: Target;
  phase: string;
  seats: Seat[];
  durationS: number;
  measureMemory: boolean;
  reloadFromStorage: boolean;
  /** The server keeps its data in the local PostgreSQL server, whose CPU is then counted beside it. */
  onLocalPostgres: boolean;
}): Promise<PhaseResult> {
  const { server, target, seats } = options;
  const documentNames = [...new Set(seats.map((seat) => seat.documentName))];
  // Start from the same clean heap for every server: leftovers of the previous phase would otherwise
  // lengthen this one's garbage collections and so its latencies.
  globalThis.gc?.();
  const before = await server.stats();

  // Connect everyone (authenticated and synced) before the load starts.
  const connectStart = performance.now();
  await load.connect(target.protocol, target.baseUrl, seats, config.connectConcurrency);
  note(`${target.name} ${options.phase}: ${seats.length} clients synced in ${((performance.now() - connectStart) / 1000).toFixed(1)} s over ${load.count} load threads`);

  // Load: each editor changes the document RATE times a second, with a random phase; after the
  // warm-up (if any) the same load goes on, measured.
  await sleep(500);
  const intervalMs = 1000 / config.rate;
  const warmingUp = config.warmupS > 0;
  if (warmingUp) {
    await load.start(intervalMs, { measure: false });
    await sleep(config.warmupS * 1000);
  }
  const loaded = await server.stats({ gc: !warmingUp });
  const databaseCpuBefore = options.onLocalPostgres ? postgresCpuSeconds() : null;
  const generatorCpu = process.cpuUsage();
  const generatorStart = now();
  const machineBefore = machineCpuTicks();
  // This thread does next to nothing during the load: its own timer delay shows the VM's stalls.
  const idleDelay = loopLateness(10);
  idleDelay.enable();
  if (warmingUp) await load.measure();
  else await load.start(intervalMs, { measure: true });
  await sleep(options.durationS * 1000);
  const finalClocks = await load.stop();

  // Grace period: wait until every replica holds every change, at most GRACE_S.
  const graceEnd = performance.now() + config.graceS * 1000;
  while ((await load.behind(finalClocks)) > 0 && performance.now() < graceEnd) await sleep(50);
  const after = await server.stats();
  const databaseCpuAfter = options.onLocalPostgres ? postgresCpuSeconds() : null;
  const generatorUsage = process.cpuUsage(generatorCpu);
  const generatorWallMs = now() - generatorStart;
  const stolen = stealShare(machineBefore, machineCpuTicks());
  idleDelay.disable();
  const threads = await load.finish();

  const { latencies: measured, sentAts } = latenciesOf(
    threads.flatMap((thread) => thread.sent),
    threads.map((thread) => thread.arrivals),
  );
  if (config.timelineS > 0) printTimeline(`${target.name} ${options.phase}`, measured, sentAts, generatorStart);
  const generator = {
    cpuShare: (generatorUsage.user + generatorUsage.system) / 1000 / generatorWallMs,
    loopDelayP99Ms: Math.max(...threads.map((thread) => thread.loopDelayP99Ms)),
    idleDelayP99Ms: idleDelay.percentileMs(99),
    idleDelayMaxMs: idleDelay.maxMs(),
    stealShare: stolen,
  };
  const clientsPerDocument = new Map<string, number>();
  for (const seat of seats) clientsPerDocument.set(seat.documentName, (clientsPerDocument.get(seat.documentName) ?? 0) + 1);
  let changes = 0;
  let expected = 0;
  for (const [documentName, edits] of threads.flatMap((thread) => thread.editsByDocument)) {
    changes += edits;
    expected += edits * (clientsPerDocument.get(documentName)! - 1);
  }

  // Divergence: every replica of a document must hold the same state; a fresh client too.
  let diverged = 0;
  const reference = new Map<string, Replica>();
  for (const replica of threads.flatMap((thread) => thread.replicas)) {
    const first = reference.get(replica.documentName);
    if (!first) reference.set(replica.documentName, replica);
    else if (replica.stateVector !== first.stateVector || replica.content !== first.content) diverged += 1;
  }
  // A new client per document must load exactly what the replicas hold.
  const freshCookie = target.editorCookies[0];
  const countFreshLoadsDiverging = async (label: string) => {
    let diverging = 0;
    await pool(documentNames, config.connectConcurrency, async (name) => {
      const fresh = new BenchClient({ protocol: target.protocol, baseUrl: target.baseUrl, documentName: name, cookie: freshCookie, label });
      try {
        await fresh.connect();
        const print = fresh.fingerprint();
        const expectedPrint = reference.get(name)!;
        if (print.stateVector !== expectedPrint.stateVector || print.content !== expectedPrint.content) diverging += 1;
      } catch (error) {
        note(`${label} load of ${name} failed: ${(error as Error).message}`);
        diverging += 1;
      } finally {
        fresh.close();
      }
    });
    return diverging;
  };
  const freshLoadDiverged = await countFreshLoadsDiverging("fresh");
  const unexpectedCloses = threads.reduce((sum, thread) => sum + thread.unexpectedCloses, 0);
  await load.disconnect();

  // App only: once every client left, the documents are stored and unloaded; load them again.
  let reloadDiverged: number | null = null;
  if (options.reloadFromStorage) {
    await sleep(2000);
    reloadDiverged = await countFreshLoadsDiverging("reload");
    await sleep(1000);
  }

  const latencies = Float64Array.from(measured).sort();
  const cpuS = cpuSeconds(loaded, after);
  const loadStart = loaded.cpuAfterGc ?? loaded.cpu;
  note(`${target.name} ${options.phase}: server CPU user ${((after.cpu.user - loadStart.user) / 1e6).toFixed(2)} s, system ${((after.cpu.system - loadStart.system) / 1e6).toFixed(2)} s`);
  const rssGrowth = after.memory.rss - before.memory.rss;
  // RSS can fall while the documents open (pages of start-up, seeding and logins handed back to the
  // system): a negative growth says nothing about a document's size, so no RSS figure then.
  if (options.measureMemory && rssGrowth < 0) {
    note(`${target.name} ${options.phase}: RSS fell by ${(-rssGrowth / 2 ** 20).toFixed(0)} MB while the documents were open (memory returned to the system), so no RSS per document`);
  }
  const memory = options.measureMemory
    ? {
        heap: (after.memory.heapUsed + after.memory.external - before.memory.heapUsed - before.memory.external) / documentNames.length / 1024,
        rss: rssGrowth >= 0 ? rssGrowth / documentNames.length / 1024 : null,
      }
    : null;
  return {
    server: SERVER_LABELS[target.name],
    phase: options.phase,
    clients: seats.length,
    documents: documentNames.length,
    changes,
    expectedDeliveries: expected,
    delivered: Math.min(expected, latencies.length),
    missing: Math.max(0, expected - latencies.length),
    diverged,
    freshLoadDiverged,
    reloadDiverged,
    latencies,
    ...latencyFigures(latencies),
    cpuS,
    cpuPerThousandChanges: changes ? (cpuS / changes) * 1000 : Number.NaN,
    databaseCpuS: databaseCpuBefore !== null && databaseCpuAfter !== null ? databaseCpuAfter - databaseCpuBefore : null,
    memPerDocKb: memory ? memory.heap : null,
    rssPerDocKb: memory ? memory.rss : null,
    unexpectedCloses,
    generator,
  };
}

/** p50/p99/max of the changes sent in each window, to see when tails happen. */
function printTimeline(title: string, latencies: number[], sentAts: number[], start: number) {
  const windowMs = config.timelineS * 1000;
  const windows = new Map<number, number[]>();
  latencies.forEach((latency, i) => {
    const key = Math.floor((sentAts[i] - start) / windowMs);
    let list = windows.get(key);
    if (!list) windows.set(key, (list = []));
    list.push(latency);
  });
  note(`${title} timeline (window ${config.timelineS} s): start s | deliveries | p50 | p99 | max ms`);
  for (const key of [...windows.keys()].sort((a, b) => a - b)) {
    const sorted = Float64Array.from(windows.get(key)!).sort();
    note(`  ${(key * config.timelineS).toFixed(0)} | ${sorted.length} | ${fmt(percentile(sorted, 50))} | ${fmt(percentile(sorted, 99))} | ${fmt(sorted[sorted.length - 1])}`);
  }
}

function seatsFor(target: Target, documents: string[], editors: number, viewers: number, prefix: string): Seat[] {
  const seats: Seat[] = [];
  for (let i = 0; i < editors; i += 1) {
    seats.push({ documentName: documents[i % documents.length], editor: true, label: `${prefix}e${i}`, cookie: target.editorCookies[i % target.editorCookies.length] });
  }
  for (let i = 0; i < viewers; i += 1) {
    const cookies = target.viewerCookies.length ? target.viewerCookies : target.editorCookies;
    seats.push({ documentName: documents[i % documents.length], editor: false, label: `${prefix}v${i}`, cookie: cookies[i % cookies.length] });
  }
  return seats;
}

// ---------------------------------------------------------------- main


async function main() {
  if (!existsSync(path.join(ROOT, "build/server/index.js"))) {
    note("build/ is missing: running `npm run build` first");
    const built = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: ["ignore", 2, 2] });
    if (built.status !== 0) throw new Error("npm run build failed");
  }
  note(`settings: ${JSON.stringify(config)}`);

  const app = startAppChild("app", "bench/app-server.ts", {
    BENCH_DOCUMENTS: String(config.documents * config.rounds),
    BENCH_HOT_DOCUMENTS: String(config.rounds),
    BENCH_MEMBERS: String(Math.max(1, Math.min(config.users, Math.max(config.editors, config.hotEditors)))),
    BENCH_OBSERVERS: String(Math.max(1, Math.min(10, config.hotViewers))),
  });
  // The reference keeps every document it has served for as long as it runs (y-websocket frees a
  // document only when it has persistence to write it to): so each of its phases gets a fresh
  // process, holding that phase's documents only. In one process its heap grew by every earlier
  // phase's documents, and its CPU per change with it, round after round (0.110, 0.128, 0.143 s
  // per 1k changes in one three-round run), which flattered the app's ratio. The app and stock
  // Hocuspocus unload a document when its last client leaves.
  const startReference = () => startChild("reference", "bench/reference-server.mjs", {});
  let reference = startReference();
  const stock = startChild("stock", "bench/stock-hocuspocus-server.ts", {});
  const children = [app, stock, reference];
  const stop = async () => {
    await Promise.all([...children.map((child) => child.close().catch(() => undefined)), load.close()]);
  };
  process.once("SIGINT", () => void stop().then(() => process.exit(130)));

  try {
    const appReady = (await app.ready) as { url: string; database: string; password: string; members: string[]; observers: string[]; documents: string[]; hot: string[] };
    const refReady = (await reference.ready) as { url: string };
    const stockReady = (await stock.ready) as { url: string };
    const appOnLocalPostgres = appReady.database === "postgres" && ["127.0.0.1", "localhost", "[::1]", ""].includes(new URL(process.env.BENCH_DATABASE_URL ?? "postgresql://").hostname);
    note(`app on ${appReady.url} (${appReady.database}), stock Hocuspocus on ${stockReady.url}, reference on ${refReady.url}`);

    const loginStart = performance.now();
    const editorCookies = new Array<string>(appReady.members.length);
    const viewerCookies = new Array<string>(appReady.observers.length);
    await pool(appReady.members, 4, async (email, i) => {
      editorCookies[i] = await loginCookie(appReady.url, email, appReady.password);
    });
    await pool(appReady.observers, 4, async (email, i) => {
      viewerCookies[i] = await loginCookie(appReady.url, email, appReady.password);
    });
    note(`${editorCookies.length + viewerCookies.length} users logged in via POST /login in ${((performance.now() - loginStart) / 1000).toFixed(1)} s`);

    const targets: Array<{ child: Child; target: Target }> = [
      { child: app, target: { name: "app", protocol: "hocuspocus", baseUrl: appReady.url, editorCookies, viewerCookies } },
      { child: stock, target: { name: "stock", protocol: "hocuspocus", baseUrl: stockReady.url, editorCookies: [""], viewerCookies: [] } },
      { child: reference, target: { name: "reference", protocol: "y-websocket", baseUrl: refReady.url, editorCookies: [""], viewerCookies: [] } },
    ];
    // In the order SERVERS names them, so a run can also measure the reference first.
    const measured = servers.flatMap((name) => targets.filter(({ target }) => target.name === name));
    const rounds: Array<{ round: number; result: PhaseResult }> = [];
    let referenceServedPhase = false;
    for (let round = 0; round < config.rounds; round += 1) {
      const documents = appReady.documents.slice(round * config.documents, (round + 1) * config.documents);
      const phases = [
        { phase: "main", runs: config.editors > 0 && config.durationS > 0, durationS: config.durationS, measureMemory: true, seats: (target: Target) => seatsFor(target, documents, config.editors, 0, "m") },
        { phase: "hot", runs: config.hotEditors > 0 && config.hotDurationS > 0, durationS: config.hotDurationS, measureMemory: false, seats: (target: Target) => seatsFor(target, [appReady.hot[round]], config.hotEditors, config.hotViewers, "h") },
      ];
      for (const measuredServer of measured) {
        const { target } = measuredServer;
        for (const { phase, runs, durationS, measureMemory, seats } of phases) {
          if (!runs) continue;
          if (target.name === "reference" && referenceServedPhase) {
            await reference.close();
            reference = startReference();
            children.push(reference);
            target.baseUrl = ((await reference.ready) as { url: string }).url;
            measuredServer.child = reference;
          }
          if (target.name === "reference") referenceServedPhase = true;
          const result = await runPhase({ server: measuredServer.child, target, phase, seats: seats(target), durationS, measureMemory, reloadFromStorage: target.name === "app", onLocalPostgres: target.name === "app" && appOnLocalPostgres });
          rounds.push({ round: round + 1, result });
        }
      }
    }
    const byServerAndPhase = new Map<string, PhaseResult[]>();
    for (const { result } of rounds) {
      const key = `${result.server}\u0000${result.phase}`;
      byServerAndPhase.set(key, [...(byServerAndPhase.get(key) ?? []), result]);
    }
    const results = [...byServerAndPhase.values()].map(mergeRounds);

    // ---------------------------------------------------------------- report
    log(`Collaboration benchmark — ${new Date().toISOString()} — ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), Node ${process.version}`);
    log(
      `Load: ${config.editors} editors over ${config.documents} documents, ${config.rate} changes/s each, ${config.durationS} s; hot document: ${config.hotEditors} editors + ${config.hotViewers} viewers, ${config.hotDurationS} s; ` +
        `each phase measured after ${config.warmupS} s of warm-up under the same load; ${config.rounds} round(s)`,
    );
    log(`Clients: hand-rolled y-protocols clients (bench/client.ts), all in this one process, dealt out to ${load.count} worker threads (LOAD_THREADS); app database: ${appReady.database}`);
    log();
    if (config.rounds > 1) {
      log(`Each server was measured in ${config.rounds} rounds, in turn (documents of their own each time); the table joins them. Round by round:`);
      for (const { round, result: r } of rounds) {
        log(`  round ${round}: ${r.server} ${r.phase}: p50 / p95 / p99 ${fmt(r.p50)} / ${fmt(r.p95)} / ${fmt(r.p99)} ms, CPU ${fmt(r.cpuPerThousandChanges, 3)} s per 1k changes, steal ${shareText(r.generator.stealShare)}`);
      }
      log();
    }
    log("server | phase | clients | docs | changes | p50 ms | p95 ms | p99 ms | max ms | missing/expected | diverged (replicas / fresh / reload) | CPU s | CPU s per 1k changes | heap KB/doc | RSS KB/doc");
    for (const r of results) {
      log(
        [
          r.server,
          r.phase,
          r.clients,
          r.documents,
          r.changes,
          fmt(r.p50),
          fmt(r.p95),
          fmt(r.p99),
          fmt(r.max),
          `${r.missing}/${r.expectedDeliveries}`,
          `${r.diverged} / ${r.freshLoadDiverged} / ${r.reloadDiverged ?? "-"}`,
          fmt(r.cpuS, 2),
          fmt(r.cpuPerThousandChanges, 3),
          fmt(r.memPerDocKb, 0),
          fmt(r.rssPerDocKb, 0),
        ].join(" | "),
      );
      log(
        `  load generator: ${(r.generator.cpuShare * 100).toFixed(0)}% of a core, event loop late by p99 (worst thread) ${r.generator.loopDelayP99Ms.toFixed(1)} ms; ` +
          `idle driver thread's timer late by p99 ${r.generator.idleDelayP99Ms.toFixed(1)} / max ${r.generator.idleDelayMaxMs.toFixed(0)} ms; ` +
          `CPU stolen by the hypervisor ${shareText(r.generator.stealShare)} of the machine's`,
      );
      if (r.databaseCpuS !== null) {
        log(`  local PostgreSQL server in the same window: CPU ${fmt(r.databaseCpuS, 2)} s, ${fmt((r.databaseCpuS / r.changes) * 1000, 3)} s per 1k changes (not in the CPU columns, which are the server process's)`);
      }
      if (r.unexpectedCloses) log(`  ! ${r.unexpectedCloses} connections closed by the server during the run`);
    }
    const appMain = results.find((r) => r.phase === "main" && r.server.startsWith("app"));
    const refMain = results.find((r) => r.phase === "main" && r.server.startsWith("reference"));
    const appHot = results.find((r) => r.phase === "hot" && r.server.startsWith("app"));
    const refHot = results.find((r) => r.phase === "hot" && r.server.startsWith("reference"));
    const appResults = results.filter((r) => r.server.startsWith("app"));
    const cpuRatio = appMain && refMain ? appMain.cpuPerThousandChanges / refMain.cpuPerThousandChanges : undefined;
    const summary = {
      editors: config.editors,
      documents: config.documents,
      p50_ms: jsonNumber(appMain?.p50),
      p95_ms: jsonNumber(appMain?.p95),
      p99_ms: jsonNumber(appMain?.p99),
      baseline_p99_ms: jsonNumber(refMain?.p99),
      ratio_p99: jsonNumber(appMain && refMain ? appMain.p99 / refMain.p99 : undefined),
      cpu_ratio: jsonNumber(cpuRatio),
      // The app's process plus the local PostgreSQL server's CPU in the same windows, against the reference (which stores nothing).
      cpu_ratio_with_database: jsonNumber(appMain?.databaseCpuS != null && refMain ? (appMain.cpuS + appMain.databaseCpuS) / appMain.changes / (refMain.cpuS / refMain.changes) : undefined),
      hot_p99_ms: jsonNumber(appHot?.p99),
      lost_updates: appResults.reduce((sum, r) => sum + r.missing, 0),
      diverged: appResults.reduce((sum, r) => sum + r.diverged + r.freshLoadDiverged + (r.reloadDiverged ?? 0), 0),
      mem_per_doc_kb: jsonNumber(appMain?.memPerDocKb, 0),
    };
    log();
    const refResults = results.filter((r) => r.server === SERVER_LABELS.reference);
    log(
      `Reference: lost ${refResults.reduce((sum, r) => sum + r.missing, 0)}, diverged ${refResults.reduce((sum, r) => sum + r.diverged + r.freshLoadDiverged, 0)}, ` +
        `hot p99 ${fmt(refHot?.p99 ?? null)} ms, heap ${fmt(refMain?.memPerDocKb ?? null, 0)} KB/doc`,
    );
    const stockMain = results.find((r) => r.phase === "main" && r.server === SERVER_LABELS.stock);
    if (stockMain && refMain && appMain) {
      log(
        `Stock Hocuspocus (main phase): p99 ${fmt(stockMain.p99)} ms; CPU per change ${fmt(stockMain.cpuPerThousandChanges / refMain.cpuPerThousandChanges, 2)}x the reference; ` +
          `the app's CPU per change is ${fmt(appMain.cpuPerThousandChanges / stockMain.cpuPerThousandChanges, 2)}x stock Hocuspocus'.`,
      );
    }
    log(`CPU ratio = app / reference CPU seconds per change in the main phase (same load, so ≈ CPU seconds ratio).`);
    if (appMain?.databaseCpuS != null) log(`cpu_ratio_with_database = the same with the local PostgreSQL server's CPU in the app's windows added to the app's (any other use of that server in those windows counts too).`);
    await stop();
    log(JSON.stringify(summary));
  } catch (error) {
    await stop();
    throw error;
  }
}

runMain(main);
