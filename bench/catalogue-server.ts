// Benchmark child of bench/catalogue.ts: the real app (`startServer`, production build) on a loopback
// port, its database filled with BENCH_SERVICES generated services (tests/support/catalogue-bulk.ts:
// multi-row INSERT … SELECT per table, the triggers fill the search vector, the vocabulary and the
// earth points), then ANALYZE. Over IPC it times searchCatalogue in this process ("measure"), shows
// plans ("explain"), and answers the harness' stats/cpu/close (bench/child.ts).
// Database: a fresh embedded PGlite in a temp folder, or BENCH_DATABASE_URL (PostgreSQL) if set.
import { performance } from "node:perf_hooks";
import { benchDatabase, closeBenchApp } from "./app-env";

const { startServer } = await import("../server/app");
const { answerBenchParent } = await import("./child");
const { prisma, queryRawRows, executeRawStatement } = await import("~/db.server");
const { buildSearchSql, resolveSearch, searchCatalogue } = await import("~/models/catalogue-search.server");
const { catalogueSearchSchema } = await import("~/schemas/catalogue-search");
const { seedCatalogueServices } = await import("../prisma/seed/catalogue");
const { bulkInsertServices, triggerFilled } = await import("../tests/support/catalogue-bulk");

const send = (message: unknown) => process.send?.(message);
const count = Number(process.env.BENCH_SERVICES ?? 20_000);

const bootStarted = performance.now();
const server = await startServer({ host: "127.0.0.1", port: 0, log: () => undefined });
const bootMs = performance.now() - bootStarted;

// The seed's 12 partner services (the taxonomy, comuni and organizations are seeded by startServer).
const seededServices = await seedCatalogueServices(prisma, new Map((await prisma.taxonomyTerm.findMany({ select: { id: true, code: true } })).map((term) => [term.code, term.id])));
const [organizations, comuni, terms] = await Promise.all([
  prisma.organization.findMany({ select: { id: true, name: true } }),
  prisma.comune.findMany({ select: { id: true, name: true, latitude: true, longitude: true } }),
  prisma.taxonomyTerm.findMany({ where: { parentId: { not: null } }, select: { id: true, name: true, parent: { select: { name: true } } } }),
]);
const generated = await bulkInsertServices(
  { organizations, comuni, terms: terms.map((term) => ({ id: term.id, name: term.name, parentName: term.parent?.name ?? null })) },
  { count, seed: 5, slugPrefix: "bench" },
);
// What autovacuum does after a bulk load on PostgreSQL (PGlite has no autovacuum): fresh statistics,
// and the GIN indexes' pending lists merged (until then every search scans them). BENCH_VACUUM=0: ANALYZE only.
const analyzeStarted = performance.now();
await executeRawStatement(process.env.BENCH_VACUUM === "0" ? "ANALYZE" : "VACUUM ANALYZE");
const analyzeMs = performance.now() - analyzeStarted;
const filled = await triggerFilled();

type Query = Record<string, string>;
/** "search": one page; "next": the page after the first (keyset cursor; the first page is not timed); "pk": the floor, one row by primary key. */
type Kind = "search" | "next" | "pk";
const parse = (query: Query) => catalogueSearchSchema.parse(query);

/** Runs the searches one after the other (cycling through `queries`) and returns each duration in ms. */
async function measure(queries: Query[], iterations: number, warmup: number, kind: Kind) {
  const samples: number[] = [];
  const ids = kind === "pk" ? (await queryRawRows<{ id: string }>(`SELECT id FROM "Service" ORDER BY random() LIMIT 200`)).map((row) => row.id) : [];
  let hits = 0;
  for (let i = 0; i < warmup + iterations; i += 1) {
    const started = performance.now();
    if (kind === "pk") {
      hits += (await queryRawRows(`SELECT id, slug, name FROM "Service" WHERE id = $1`, [ids[i % ids.length]])).length;
    } else if (kind === "next") {
      const query = queries[i % queries.length];
      const first = await searchCatalogue(parse(query));
      if (!first.next) continue; // a small catalogue: this search has one page only
      const started2 = performance.now();
      hits += (await searchCatalogue(parse({ ...query, dopo: first.next }))).hits.length;
      if (i >= warmup) samples.push(performance.now() - started2);
      continue;
    } else {
      hits += (await searchCatalogue(parse(queries[i % queries.length]))).hits.length;
    }
    if (i >= warmup) samples.push(performance.now() - started);
  }
  return { samples, hits };
}

/** EXPLAIN ANALYZE of the page query a search issues (and its first result's slug, to check the rendered page). */
async function explain(query: Query) {
  const search = parse(query);
  const resolved = await resolveSearch(search);
  const { sql, params } = buildSearchSql(search, resolved);
  const plan = await queryRawRows<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${sql}`, params);
  const first = (await searchCatalogue(search)).hits[0];
  return { tsquery: resolved.tsquery, plan: plan.map((row) => row["QUERY PLAN"]).join("\n"), firstSlug: first?.slug ?? null };
}

process.on("message", async (message: { type: string; id?: number; queries?: Query[]; iterations?: number; warmup?: number; kind?: Kind; query?: Query }) => {
  try {
    if (message.type === "measure") {
      send({ type: "measured", id: message.id, ...(await measure(message.queries ?? [], message.iterations ?? 100, message.warmup ?? 10, message.kind ?? "search")) });
    } else if (message.type === "explain") {
      send({ type: "explained", id: message.id, ...(await explain(message.query ?? {})) });
    }
  } catch (error) {
    send({ type: "failed", id: message.id, error: error instanceof Error ? error.stack : String(error) });
  }
});

// BENCH_APP_PROFILE=<folder>: a CPU profile of each page-load window (the parent reads the CPU at its
// start and at its end).
const profiler = process.env.BENCH_APP_PROFILE ? await import("./profiler") : null;
let cpuReads = 0;
const profileFolder = process.env.BENCH_APP_PROFILE ?? "";
answerBenchParent({
  beforeCpu: async () => {
    if (!profiler) return;
    if (cpuReads++ % 2 === 0) await profiler.startWindow();
    else await profiler.endWindow(profileFolder, `page-${Math.floor(cpuReads / 2)}`);
  },
  close: () => closeBenchApp(server),
});

send({
  type: "ready",
  url: server.url,
  database: benchDatabase,
  bootMs,
  generated: { ...generated, seeded: seededServices, analyzeMs },
  filled,
});
