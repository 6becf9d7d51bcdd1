import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { executeRawStatement, prisma, queryRawRows } from "~/db.server";
import { searchWords } from "~/catalogue/search-text";
import { buildSearchSql, resolveSearch, searchCatalogue, searchFilterOptions, similarWordsSql } from "~/models/catalogue-search.server";
import { catalogueSearchSchema, type CatalogueSearch } from "~/schemas/catalogue-search";
import { bulkInsertServices, triggerFilled } from "../../support/catalogue-bulk";
import { createTestOrganization } from "../../support/factories";

// Every query of the public search runs on its index (issue #5): a few thousand generated services,
// ANALYZE, then EXPLAIN (FORMAT JSON) of the exact SQL the model issues (buildSearchSql and
// similarWordsSql, after resolveSearch) must show the expected index scans and no sequential scan of
// the big tables. Pages are keyset pages: no OFFSET, page 2 comes from the cursor.

const SERVICES = 12_000;
const tag = `zq${randomUUID().replace(/-/g, "").replace(/\d/g, "").slice(0, 6)}`;
// Never read whole. The narrow link tables (ServiceAtLocation, ServiceTaxonomyTerm) may be hashed
// when the planner finds that cheaper than hundreds of index probes.
const BIG_TABLES = ["Service", "Location", "SearchWord"];

type PlanNode = { "Node Type": string; "Relation Name"?: string; "Index Name"?: string; Plans?: PlanNode[] } & Record<string, unknown>;

function nodesOf(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(nodesOf)];
}

async function planOf(sql: string, params: ReadonlyArray<string | number | null>) {
  const rows = await queryRawRows<{ "QUERY PLAN": unknown }>(`EXPLAIN (FORMAT JSON) ${sql}`, params);
  const raw = rows[0]["QUERY PLAN"];
  const json = (typeof raw === "string" ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
  const nodes = nodesOf(json[0].Plan);
  return {
    nodes,
    indexes: new Set(nodes.flatMap((node) => (node["Index Name"] ? [node["Index Name"]] : []))),
    seqScans: nodes.filter((node) => node["Node Type"] === "Seq Scan").map((node) => node["Relation Name"]!),
    text: JSON.stringify(json),
  };
}

const parse = (query: Partial<Record<keyof CatalogueSearch, string>>) => catalogueSearchSchema.parse(query);

async function pagePlan(query: Partial<Record<keyof CatalogueSearch, string>>) {
  const search = parse(query);
  const { sql, params } = buildSearchSql(search, await resolveSearch(search));
  return { sql, ...(await planOf(sql, params)) };
}

let parentCode: string;
let comuneSlug: string;
let organizationSlugs: string[];

beforeAll(async () => {
  const organizations = await Promise.all([1, 2, 3, 4].map((n) => createTestOrganization({ name: `Cooperativa ${tag} ${n}` })));
  organizationSlugs = organizations.map((organization) => organization.slug);
  const taxonomy = await prisma.taxonomy.create({ data: { name: `Tassonomia ${tag}`, description: "prova" } });
  parentCode = `${tag}-famiglie`;
  const parent = await prisma.taxonomyTerm.create({ data: { taxonomyId: taxonomy.id, code: parentCode, name: "Famiglie", description: "prova" } });
  const terms = [];
  for (let n = 0; n < 24; n += 1) {
    const term = await prisma.taxonomyTerm.create({
      data: { taxonomyId: taxonomy.id, code: `${tag}-t${n}`, name: `Categoria ${n}`, description: "prova", parentId: n < 2 ? parent.id : null },
      select: { id: true, name: true },
    });
    terms.push({ ...term, parentName: n < 2 ? "Famiglie" : null });
  }
  // Twenty comuni 10 km apart in a row, so a 5 km radius holds a small part of the places.
  const comuni = [];
  for (let n = 0; n < 20; n += 1) {
    comuni.push(await prisma.comune.create({ data: { slug: `${tag}-comune-${n}`, name: `Borgo ${n}`, latitude: 45 + n * 0.09, longitude: 9 }, select: { id: true, name: true, slug: true, latitude: true, longitude: true } }));
  }
  comuneSlug = comuni[7].slug;
  await bulkInsertServices({ organizations, comuni, terms }, { count: SERVICES, seed: 7, slugPrefix: tag });
  // What autovacuum does after a bulk load (PGlite has none): statistics, and the GIN indexes'
  // pending lists merged into the indexes (until then the planner rightly avoids them).
  for (const table of ["Service", "ServiceSearch", "ServicePlace", "Location", "ServiceAtLocation", "ServiceTaxonomyTerm", "SearchWord", "TaxonomyTerm"]) await executeRawStatement(`VACUUM ANALYZE "${table}"`);
}, 120_000);

describe("catalogue search plans", () => {
  it("the triggers filled the search vector, the vocabulary and the earth points of bulk-inserted rows", async () => {
    const filled = await triggerFilled();
    expect(filled.services).toBeGreaterThanOrEqual(SERVICES);
    expect(filled.without_vector).toBe(0);
    expect(filled.without_point).toBe(0);
    expect(filled.words).toBeGreaterThan(1000);
  });

  it("offers as filters the organizations with a published service only", async () => {
    const idle = await createTestOrganization({ name: `Associazione ${tag} senza servizi` });
    const offered = (await searchFilterOptions()).organizations.map((organization) => organization.slug);
    expect(offered).toEqual(expect.arrayContaining(organizationSlugs));
    expect(offered).not.toContain(idle.slug);
  });

  it("looks misspelled words up in the vocabulary's trigram index", async () => {
    const lookup = similarWordsSql(searchWords("ludotecca psicologco"));
    const plan = await planOf(lookup.sql, lookup.params);
    expect([...plan.indexes], plan.text).toContain("SearchWord_word_idx");
    expect(plan.seqScans, plan.text).not.toContain("SearchWord");
    const resolved = await resolveSearch(parse({ q: "ludotecca" }));
    expect(resolved.tsquery).toBe("(ludotecca:* | ludoteca)");
  });

  it("names each stem of a misspelled word's look-alikes once", async () => {
    // "psicologco" looks like "psicologico", "psicologi" and "psicologo": one lexeme, 'psicolog'.
    const { tsquery } = await resolveSearch(parse({ q: "psicologco" }));
    expect(tsquery).toMatch(/^\(psicologco:\* \| psicolog[a-z]+\)$/);
    const [{ lexemes }] = await queryRawRows<{ lexemes: string }>(`SELECT to_tsquery('italian', $1)::text AS lexemes`, [tsquery]);
    expect(lexemes).toBe("'psicologc':* | 'psicolog'");
  });

  it("finds words, misspelled or not, on the full-text index", async () => {
    for (const q of ["ludoteca", "ludotecca", "pedibus micronido", "psicologco"]) {
      const plan = await pagePlan({ q });
      expect([...plan.indexes], `${q}: ${plan.text}`).toContain("ServiceSearch_searchVector_idx");
      expect(plan.seqScans.filter((table) => [...BIG_TABLES, "ServiceSearch"].includes(table)), `${q}: ${plan.text}`).toEqual([]);
    }
  });

  it("runs a category + distance search within a radius on the GiST index (nearest places first) or on the category's index", async () => {
    const usesKnn = (plan: Awaited<ReturnType<typeof pagePlan>>) =>
      plan.nodes.some((node) => node["Index Name"] === "ServicePlace_earthPoint_idx" && /earthPoint.* <-> /.test(String(node["Order By"] ?? "")));
    // A broad category near a comune: places are read nearest first (KNN), not all sorted.
    const broad = await pagePlan({ categoria: parentCode, vicino: comuneSlug, raggio: "5", ordina: "distance" });
    expect(usesKnn(broad), broad.text).toBe(true);
    expect(broad.seqScans.filter((table) => BIG_TABLES.includes(table)), broad.text).toEqual([]);
    // A narrow one may start from the category's index instead (the planner's choice): either way on an index.
    for (const query of [
      { categoria: `${tag}-t9`, vicino: "45.63,9.0", raggio: "20", ordina: "distance" },
      { q: "ludoteca", vicino: comuneSlug, raggio: "30", ordina: "distance" },
    ]) {
      const plan = await pagePlan(query);
      const label = `${JSON.stringify(query)}: ${plan.text}`;
      expect(usesKnn(plan) || plan.indexes.has("ServiceTaxonomyTerm_termId_serviceId_idx") || plan.indexes.has("ServiceSearch_searchVector_idx"), label).toBe(true);
      expect(plan.seqScans.filter((table) => BIG_TABLES.includes(table)), label).toEqual([]);
    }
  });

  it("pages with a keyset cursor (no OFFSET), on the same indexes, and the nearest-first pages equal the plain ones", async () => {
    for (const query of [{ q: "centro" }, { categoria: parentCode, vicino: comuneSlug, raggio: "15", ordina: "distance" }]) {
      const first = await searchCatalogue(parse(query));
      expect(first.hits).toHaveLength(20);
      expect(first.next).toBeTruthy();
      const second = await pagePlan({ ...query, dopo: first.next! });
      expect(second.sql).not.toMatch(/\bOFFSET\b/i);
      expect(second.sql).toMatch(/\(distance, id\) > |rank < /);
      expect(second.seqScans.filter((table) => BIG_TABLES.includes(table)), second.text).toEqual([]);
      const page2 = await searchCatalogue(parse({ ...query, dopo: first.next! }));
      expect(page2.hits.length).toBeGreaterThan(0);
      expect(page2.hits.map((hit) => hit.id)).not.toContain(first.hits[0].id);
    }

    // Pages by distance, read nearest-first, are exactly the plain query's rows: with a radius, a
    // radius holding less than a page, a narrow category, and no radius at all.
    for (const query of [
      { categoria: parentCode, vicino: comuneSlug, raggio: "25", ordina: "distance" },
      { categoria: parentCode, vicino: comuneSlug, raggio: "1", ordina: "distance" },
      { categoria: `${tag}-t9`, vicino: "45.63,9.0", raggio: "40", ordina: "distance" },
      { categoria: `${tag}-t9`, vicino: comuneSlug, ordina: "distance" },
    ]) {
      const search = parse(query);
      const plainSql = buildSearchSql(search, await resolveSearch(search), new Date(), { nearest: null });
      const plainRows = await queryRawRows<{ id: string; distance: number }>(plainSql.sql.replace(/LIMIT \d+\s*\)\s*page/, "LIMIT 60) page"), plainSql.params);
      const seen: string[] = [];
      const distances: number[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 3; page += 1) {
        const result = await searchCatalogue(parse({ ...query, ...(cursor ? { dopo: cursor } : {}) }));
        seen.push(...result.hits.map((hit) => hit.id));
        distances.push(...result.hits.map((hit) => Number(hit.distanceM)));
        cursor = result.next ?? undefined;
        if (!cursor) break;
      }
      expect(seen, JSON.stringify(query)).toEqual(plainRows.map((row) => row.id));
      // The distance shown is each service's nearest place, on every page.
      distances.forEach((meters, i) => expect(meters, `${JSON.stringify(query)} #${i}`).toBe(Math.round(Number(plainRows[i].distance))));
    }
  });
});
