// npm run bench:catalogue — the public catalogue's search under a realistic size (issue #5).
//
// For each database in turn (PostgreSQL on BENCH_DATABASE_URL's server, in a database created for
// the run and dropped after it; then the embedded PGlite in a temp folder) it starts the app as a
// child (bench/catalogue-server.ts: `startServer`, production build) with SERVICES generated
// services, and measures:
// - text search: `searchCatalogue` with words, a third of them misspelled or without accents
//   (the typo vocabulary lookup + the full-text page query + the page's details), in the child;
// - category + distance: a category (sub-categories included) near a comune or coordinates within a
//   radius, sorted by distance; and the next page of text searches through the keyset cursor;
// - reference for both: one row by primary key through the same driver, in the same child;
// - the rendered page `/catalogo?q=<word>` under RATE requests/s open-loop (requests start on a fixed
//   schedule whatever the answers do; latency counts from the scheduled start), beside the same load
//   on a static file of the same app (`/favicon.svg`, express.static) in the same run.
// Warm-up before every measurement. Prints tables, then one JSON line (the last line of stdout).
//
// Settings (env var or --flag): SERVICES (20000), RATE (100), DURATION_S (15), WARMUP_S (3, at most DURATION_S / 3),
// ITERATIONS (400 per query kind), DATABASES ("postgres,embedded"), BENCH_DATABASE_URL (server to
// create the run's database on; default postgresql://postgres@127.0.0.1:5432/test), EXPLAIN (1:
// print EXPLAIN ANALYZE of one query of each kind; printed anyway when a target is missed).
// Smoke run (~40 s): `npm run bench:catalogue -- --services=500 --duration-s=3 --iterations=100`.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { COMUNI } from "../prisma/seed/network-data";
import { TERMS } from "../prisma/seed/catalogue-data";
import { createTestDatabase } from "../tests/support/postgres";
import { mulberry32 } from "../tests/support/random";
import { busyShare, type Child, fmt, jsonNumber, listSetting, log, machineCpuTicks, note, percentile, ROOT, runMain, setting, shareText, sleep, startAppChild, stealShare } from "./harness";

const config = {
  services: Math.max(50, Math.floor(setting("SERVICES", 20_000))),
  rate: Math.max(1, setting("RATE", 100)),
  durationS: Math.max(1, setting("DURATION_S", 15)),
  warmupS: setting("WARMUP_S", Math.max(1, Math.min(3, setting("DURATION_S", 15) / 3))),
  iterations: Math.max(10, Math.floor(setting("ITERATIONS", 400))),
  explain: setting("EXPLAIN", 0) > 0,
  /** 1: VACUUM ANALYZE after the bulk load (as autovacuum would); 0: ANALYZE only. */
  vacuum: setting("VACUUM", 1),
};
const databases = listSetting("DATABASES", "postgres,embedded");
const serverUrl = process.env.BENCH_DATABASE_URL?.trim() || "postgresql://postgres@127.0.0.1:5432/test";
const TARGETS = { text: 10, geo: 10, page: 50 };
const STATIC_PATH = "/favicon.svg";

// ---------------------------------------------------------------- what is searched

/** Words people type: a third misspelled or without accents (found through the typo vocabulary). */
const TEXT_WORDS = [
  "doposcuola", "doposcula", "centro diurno", "centro diruno", "assistenza domiciliare", "assistenza domicilare",
  "italiano stranieri", "supporto psicologico", "psicologco", "emporio solidale", "ludoteca", "ludotecca",
  "mensa", "trasporto sociale", "dislessia", "disleesia", "sollievo caregiver", "bollette", "teatro",
  "curriculum lavoro", "anziani soli", "disabilità", "disabilita ragazzi", "genitorialità", "mediazione culturale",
  "housing", "tutoring dsa", "micronido", "banca del tempo", "pedibus",
];
const textQueries = TEXT_WORDS.map((q) => ({ q }));

/** Category (top-level: its sub-categories included; or one sub-category) near a comune or a point, within a radius, by distance. */
function geoQueries() {
  const random = mulberry32(11);
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)];
  const codes = [...TERMS.map((term) => term.code), ...TERMS.flatMap((term) => (term.children ?? []).map((child) => child.code))];
  return Array.from({ length: 40 }, (_, i) => {
    const comune = pick(COMUNI);
    const vicino = i % 3 === 0 ? `${(comune.latitude + 0.004).toFixed(4)},${(comune.longitude - 0.003).toFixed(4)}` : comune.slug;
    return { categoria: pick(codes), vicino, raggio: String(pick([5, 10, 10, 20])), ordina: "distance" };
  });
}

// ---------------------------------------------------------------- child requests

type Query = Record<string, string>;
type Measured = { samples: number[]; hits: number };
type Explained = { tsquery: string | null; plan: string; firstSlug: string | null };

let nextRequest = 1_000_000;
function ask<T>(child: Child, message: Record<string, unknown>, reply: string): Promise<T> {
  const id = nextRequest++;
  return new Promise((resolve, reject) => {
    const listener = (answer: { type: string; id?: number; error?: string } & Record<string, unknown>) => {
      if (answer.id !== id) return;
      child.process.off("message", listener);
      if (answer.type === "failed") reject(new Error(answer.error));
      else if (answer.type === reply) resolve(answer as T);
    };
    child.process.on("message", listener);
    child.process.send({ ...message, id });
  });
}

const measure = (child: Child, kind: "search" | "next" | "pk", queries: Query[]) =>
  ask<Measured>(child, { type: "measure", kind, queries, iterations: config.iterations, warmup: Math.max(20, Math.floor(config.iterations / 5)) }, "measured");
const explain = (child: Child, query: Query) => ask<Explained>(child, { type: "explain", query }, "explained");

// ---------------------------------------------------------------- open-loop HTTP load

type Load = {
  samples: Float64Array;
  sent: number;
  ok: number;
  errors: number;
  statuses: Record<string, number>;
  achievedRps: number;
  bytes: number;
  cpuMs: number;
  /** How much of the machine's two cores everything here used (app, database, this client), and the hypervisor took. */
  machineBusy: number | null;
  steal: number | null;
};

/**
 * RATE requests/s for `seconds`, open-loop: request i starts at start + i/RATE whatever the earlier
 * ones are doing (keep-alive sockets, as many as needed); latency = end of the body − scheduled start.
 */
async function openLoop(baseUrl: string, paths: string[], seconds: number, child?: Child): Promise<Load> {
  // Idle sockets close on our side before the server's 5 s keep-alive timeout does: a request sent
  // on a socket the server is closing at that instant fails with ECONNRESET, the client's race.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512, timeout: 4_000 });
  const total = Math.max(1, Math.round(config.rate * seconds));
  const interval = 1000 / config.rate;
  const samples: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let bytes = 0;
  let lastEnd = 0;
  const pending: Promise<void>[] = [];
  const cpuBefore = child ? await child.cpu() : null;
  const machineBefore = machineCpuTicks();
  const start = performance.now() + 5;
  for (let i = 0; i < total; i += 1) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 0.5) await sleep(wait);
    const url = new URL(paths[i % paths.length], baseUrl);
    pending.push(
      new Promise<void>((resolve) => {
        const request = http.get(url, { agent, headers: { "accept-encoding": "gzip" } }, (response) => {
          response.on("data", (chunk: Buffer) => {
            bytes += chunk.length;
          });
          response.on("end", () => {
            const end = performance.now();
            statuses[response.statusCode ?? 0] = (statuses[response.statusCode ?? 0] ?? 0) + 1;
            if (response.statusCode === 200) samples.push(end - due);
            else errors += 1;
            lastEnd = Math.max(lastEnd, end);
            resolve();
          });
        });
        request.on("error", (error: NodeJS.ErrnoException) => {
          errors += 1;
          const kind = `error ${error.code ?? error.message}`;
          statuses[kind] = (statuses[kind] ?? 0) + 1;
          resolve();
        });
      }),
    );
  }
  await Promise.all(pending);
  const machineAfter = machineCpuTicks();
  const cpuAfter = child ? await child.cpu() : null;
  agent.destroy();
  const sorted = Float64Array.from(samples).sort();
  const cpuMs = cpuBefore && cpuAfter ? (cpuAfter.cpu.user - cpuBefore.cpu.user + cpuAfter.cpu.system - cpuBefore.cpu.system) / 1000 : Number.NaN;
  return {
    samples: sorted,
    sent: total,
    ok: samples.length,
    errors,
    statuses,
    achievedRps: samples.length / ((lastEnd - start) / 1000),
    bytes,
    cpuMs,
    machineBusy: busyShare(machineBefore, machineAfter),
    steal: stealShare(machineBefore, machineAfter),
  };
}

// ---------------------------------------------------------------- one database

type Row = { label: string; n: number; p50: number; p95: number; p99: number; max: number; note?: string };
const row = (label: string, samples: ArrayLike<number>, extra?: string): Row => {
  const sorted = Float64Array.from(samples).sort();
  return { label, n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.at(-1) ?? Number.NaN, note: extra };
};

type DbResult = {
  database: "postgres" | "embedded";
  version: string;
  generation: string;
  text: Row;
  next: Row;
  geo: Row;
  pk: Row;
  page: Row;
  static: Row;
  pageLoad: Load;
  staticLoad: Load;
  pageShowsResults: boolean;
  plans: Record<string, Explained>;
};

/** A throwaway database on the benchmark's PostgreSQL server, with the server's version for the report. */
async function createBenchDatabase() {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  let version: string;
  try {
    version = (await admin.query<{ server_version: string }>("SHOW server_version")).rows[0].server_version;
  } finally {
    await admin.end();
  }
  return { ...(await createTestDatabase(serverUrl, "twb_bench")), version: `PostgreSQL ${version}` };
}

async function runDatabase(database: "postgres" | "embedded"): Promise<DbResult> {
  const created = database === "postgres" ? await createBenchDatabase() : null;
  const env: Record<string, string> = { BENCH_SERVICES: String(config.services), BENCH_DATABASE_URL: created?.url ?? "", BENCH_VACUUM: String(config.vacuum) };
  const child = startAppChild(`app-${database}`, "bench/catalogue-server.ts", env);
  const stop = () => child.close().catch(() => undefined);
  process.once("SIGINT", () => void stop().then(() => created?.drop()).then(() => process.exit(130)));
  try {
    note(`${database}: starting the app and generating ${config.services.toLocaleString("en")} services…`);
    const ready = (await child.ready) as {
      url: string;
      bootMs: number;
      generated: { services: number; locations: number; published: number; ms: number; seeded: number; analyzeMs: number };
      filled: { services: number; without_vector: number; locations: number; without_point: number; words: number };
    };
    const { generated, filled } = ready;
    const generation =
      `${generated.services.toLocaleString("en")} services (${generated.published.toLocaleString("en")} public) + ${filled.services - generated.services} from the seed, ` +
      `${generated.locations.toLocaleString("en")} places in ${(generated.ms / 1000).toFixed(1)} s; ${config.vacuum ? "VACUUM ANALYZE" : "ANALYZE"} ${(generated.analyzeMs / 1000).toFixed(1)} s; ` +
      `triggers: ${filled.without_vector} of ${filled.services.toLocaleString("en")} services without searchVector, ${filled.without_point} of ${filled.locations.toLocaleString("en")} places without earthPoint, vocabulary ${filled.words.toLocaleString("en")} words`;
    note(`${database}: ${generation}`);
    if (filled.without_vector > 0 || filled.without_point > 0 || filled.words === 0) throw new Error(`the triggers did not fill the search columns: ${JSON.stringify(filled)}`);

    note(`${database}: timing searches (${config.iterations} each, after warm-up)…`);
    const pk = await measure(child, "pk", []);
    const text = await measure(child, "search", textQueries);
    const geo = await measure(child, "search", geoQueries());
    const next = await measure(child, "next", [{ q: "centro" }, { q: "anziani" }, { q: "famiglie" }, { q: "sostegno" }]);

    // The page must actually show the search's results (not a placeholder): its first hit's slug is in the HTML.
    const probe = await explain(child, { q: "doposcuola" });
    const body = await (await fetch(new URL(`/catalogo?q=doposcuola`, ready.url))).text();
    const pageShowsResults = Boolean(probe.firstSlug && body.includes(probe.firstSlug));
    if (!pageShowsResults) note(`${database}: WARNING /catalogo?q=doposcuola does not show the search's first result (${probe.firstSlug}): is the catalogue page built (npm run build)?`);

    const pagePaths = TEXT_WORDS.map((q) => `/catalogo?q=${encodeURIComponent(q)}`);
    note(`${database}: ${config.rate} requests/s on /catalogo?q=… and on ${STATIC_PATH}, ${config.warmupS} s warm-up + ${config.durationS} s each…`);
    if (config.warmupS > 0) await openLoop(ready.url, pagePaths, config.warmupS);
    const pageLoad = await openLoop(ready.url, pagePaths, config.durationS, child);
    if (config.warmupS > 0) await openLoop(ready.url, [STATIC_PATH], config.warmupS);
    const staticLoad = await openLoop(ready.url, [STATIC_PATH], config.durationS, child);

    const result: DbResult = {
      database,
      version: created?.version ?? `PGlite ${pgliteVersion()}`,
      generation,
      pk: row("reference: one row by primary key", pk.samples),
      text: row("text search (words, a third misspelled)", text.samples, `${(text.hits / (config.iterations + Math.max(20, Math.floor(config.iterations / 5)))).toFixed(1)} hits/search`),
      next: row("text search, next page (keyset cursor)", next.samples),
      geo: row("category + distance (radius, by distance)", geo.samples, `${(geo.hits / (config.iterations + Math.max(20, Math.floor(config.iterations / 5)))).toFixed(1)} hits/search`),
      page: row(`page /catalogo?q=… @ ${config.rate}/s`, pageLoad.samples, loadNote(pageLoad)),
      static: row(`static ${STATIC_PATH} @ ${config.rate}/s`, staticLoad.samples, loadNote(staticLoad)),
      pageLoad,
      staticLoad,
      pageShowsResults,
      plans: {},
    };
    const missed = database === "postgres" && (result.text.p95 > TARGETS.text || result.geo.p95 > TARGETS.geo);
    if (config.explain || missed) {
      result.plans.text = await explain(child, { q: "centro diruno" });
      result.plans.geo = await explain(child, geoQueries()[1]);
    }
    return result;
  } finally {
    await stop();
    await created?.drop().catch((error: unknown) => note(`could not drop ${created.name}: ${String(error)}`));
  }
}

const loadNote = (load: Load) =>
  `${load.ok}/${load.sent} ok, ${load.achievedRps.toFixed(1)} req/s achieved, ${(load.bytes / Math.max(1, load.ok) / 1024).toFixed(1)} KB/resp, app CPU ${(load.cpuMs / Math.max(1, load.ok)).toFixed(2)} ms/req, ` +
  `machine busy ${shareText(load.machineBusy)}, steal ${shareText(load.steal)}` +
  (load.errors ? `, ${load.errors} errors ${JSON.stringify(load.statuses)}` : "");

function pgliteVersion() {
  try {
    return (JSON.parse(readFileSync(path.join(ROOT, "node_modules/@electric-sql/pglite/package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "?";
  }
}

function printTable(result: DbResult) {
  log();
  log(`### ${result.database === "postgres" ? "PostgreSQL" : "embedded"} (${result.version})`);
  log(`data: ${result.generation}`);
  log();
  log("| measure | n | p50 ms | p95 ms | p99 ms | max ms | p95 / reference | notes |");
  log("|---|---|---|---|---|---|---|---|");
  const line = (r: Row, reference: Row | null) =>
    log(`| ${r.label} | ${r.n} | ${fmt(r.p50, 2)} | ${fmt(r.p95, 2)} | ${fmt(r.p99, 2)} | ${fmt(r.max, 1)} | ${reference ? `${fmt(r.p95 / reference.p95, 1)}x` : "-"} | ${r.note ?? ""} |`);
  line(result.pk, null);
  line(result.text, result.pk);
  line(result.next, result.pk);
  line(result.geo, result.pk);
  line(result.static, null);
  line(result.page, result.static);
  if (!result.pageShowsResults) log("(the page did not show the search's results: the catalogue page is missing from build/, so its figure is not the catalogue's)");
  for (const [kind, explained] of Object.entries(result.plans)) {
    log();
    log(`EXPLAIN ANALYZE, ${kind} page query (tsquery ${explained.tsquery ?? "-"}):`);
    log(explained.plan);
  }
}

// ---------------------------------------------------------------- main

async function main() {
  const buildFile = path.join(ROOT, "build/server/index.js");
  if (!existsSync(buildFile)) {
    note("build/ is missing: running `npm run build` first");
    const built = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: ["ignore", 2, 2] });
    if (built.status !== 0) throw new Error("npm run build failed");
  }
  if (!readFileSync(buildFile, "utf8").includes("catalogo._index")) note("WARNING: build/ has no route catalogo._index: run `npm run build` so /catalogo renders the search");
  // The page runs the built copy of the app; the timed searches run the sources.
  const builtAt = statSync(buildFile).mtimeMs;
  const newer = ["app/models/catalogue-search.server.ts", "app/routes/catalogo._index.tsx"].filter((file) => existsSync(path.join(ROOT, file)) && statSync(path.join(ROOT, file)).mtimeMs > builtAt);
  if (newer.length) note(`WARNING: ${newer.join(", ")} changed after the last build: the page figures measure the older build (npm run build)`);
  note(`settings: ${JSON.stringify({ ...config, databases, server: serverUrl.replace(/\/\/[^@/]*@/, "//…@") })}`);

  const results: DbResult[] = [];
  for (const database of databases) {
    if (database !== "postgres" && database !== "embedded") throw new Error(`DATABASES: unknown "${database}" (postgres, embedded)`);
    results.push(await runDatabase(database));
  }

  log(`## bench:catalogue — ${config.services.toLocaleString("en")} generated services, ${config.rate} requests/s for ${config.durationS} s per page`);
  for (const result of results) printTable(result);

  const pgResult = results.find((result) => result.database === "postgres");
  const embedded = results.find((result) => result.database === "embedded");
  log();
  if (pgResult) {
    const verdict = (value: number, target: number) => `${fmt(value, 2)} ms ${value <= target ? "≤" : ">"} ${target} ms: ${value <= target ? "met" : "NOT met"}`;
    log(`Targets on PostgreSQL: text p95 ${verdict(pgResult.text.p95, TARGETS.text)}; geo p95 ${verdict(pgResult.geo.p95, TARGETS.geo)}; page p95 ${verdict(pgResult.page.p95, TARGETS.page)}`);
  }
  const summary: Record<string, unknown> = {
    services: config.services,
    text_p95_ms: jsonNumber(pgResult?.text.p95),
    geo_p95_ms: jsonNumber(pgResult?.geo.p95),
    page_p95_ms: jsonNumber(pgResult?.page.p95),
    static_page_p95_ms: jsonNumber(pgResult?.static.p95),
    embedded_text_p95_ms: jsonNumber(embedded?.text.p95),
    embedded_geo_p95_ms: jsonNumber(embedded?.geo.p95),
    embedded_page_p95_ms: jsonNumber(embedded?.page.p95),
    text_p50_ms: jsonNumber(pgResult?.text.p50),
    geo_p50_ms: jsonNumber(pgResult?.geo.p50),
    next_page_p95_ms: jsonNumber(pgResult?.next.p95),
    page_p50_ms: jsonNumber(pgResult?.page.p50),
    static_page_p50_ms: jsonNumber(pgResult?.static.p50),
    page_ratio_p95: jsonNumber(pgResult ? pgResult.page.p95 / pgResult.static.p95 : null),
    pk_p95_ms: jsonNumber(pgResult?.pk.p95),
    page_rps: jsonNumber(pgResult?.pageLoad.achievedRps, 1),
    page_machine_busy: jsonNumber(pgResult?.pageLoad.machineBusy, 3),
    page_steal: jsonNumber(pgResult?.pageLoad.steal, 3),
    embedded_text_p50_ms: jsonNumber(embedded?.text.p50),
    embedded_geo_p50_ms: jsonNumber(embedded?.geo.p50),
    embedded_next_page_p95_ms: jsonNumber(embedded?.next.p95),
    embedded_page_p50_ms: jsonNumber(embedded?.page.p50),
    embedded_static_page_p95_ms: jsonNumber(embedded?.static.p95),
    embedded_page_rps: jsonNumber(embedded?.pageLoad.achievedRps, 1),
    page_errors: results.reduce((sum, result) => sum + result.pageLoad.errors + result.staticLoad.errors, 0),
    page_shows_results: results.every((result) => result.pageShowsResults),
  };
  log(JSON.stringify(summary));
}

runMain(main);
