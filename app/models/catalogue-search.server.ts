import { queryPreparedRows, queryRawRows } from "~/db.server";
import { romeMoment } from "~/catalogue/opening-hours";
import { foldText, neighbourSwaps, searchWords } from "~/catalogue/search-text";
import type { CatalogueSearch } from "~/schemas/catalogue-search";
import { prisma } from "~/db.server";

// The public catalogue search (issue #5), in SQL on indexes only:
// - words: Italian full text (GIN on "ServiceSearch"."searchVector", a narrow row per service); each typed word also matches the catalogue's
//   words that look like it (trigram GIN on "SearchWord"), so "doposcula" finds "doposcuola";
// - distance: GiST on "Location"."earthPoint" (earthdistance), nearest place of each service;
// - pages: keyset on (sort value, id), never OFFSET.
// Only published (and temporarily closed) services are ever returned.

export const PAGE_SIZE = 20;
const PUBLIC_STATUSES = `('PUBLISHED','TEMPORARILY_CLOSED')`;

export class SearchInputError extends Error {
  constructor(readonly field: "vicino" | "dopo" | "categoria" | "comune" | "ente", readonly messageKey: string) {
    super(messageKey);
  }
}

export type Origin = { latitude: number; longitude: number; label: string };

export type SearchHit = {
  id: string;
  slug: string;
  name: string;
  description: string;
  status: "PUBLISHED" | "TEMPORARILY_CLOSED";
  organization: string | null;
  distanceM: number | null;
  places: { name: string; address: string; city: string; latitude: number; longitude: number }[];
  terms: string[];
  costKinds: string[];
};

/** A growing list of positional parameters: `add(value)` returns its "$n". */
class Params {
  readonly values: (string | number | null)[] = [];
  add(value: string | number | null) {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

const pgTextArray = (values: string[]) => `{${values.map((value) => `"${value.replace(/["\\]/g, "")}"`).join(",")}}`;

/**
 * The SQL of the typo-tolerant vocabulary lookup: for each typed word, whether the catalogue uses it
 * (`known`), and for words it does not use, up to 4 catalogue words like it, each with its Italian
 * stem (`stem`, empty for a stopword). A word the catalogue uses is no typo: "doposcuola" must not
 * also find every "scuola", nor "stranieri" every "strada". Look-alikes are the words with enough
 * trigrams in common (trigram GIN on "SearchWord"), and first of all the typed word with two
 * neighbouring letters swapped (primary key): trigrams miss most such slips in short words
 * ("diruno" and "diurno" share 3 of 11).
 */
export function similarWordsSql(words: string[]): { sql: string; params: (string | number | null)[] } {
  return {
    sql: `SELECT w.typed, k.word IS NOT NULL AS known, s.word, plainto_tsquery('italian', s.word)::text AS stem
     FROM unnest($1::text[], $2::text[]) AS w(typed, swaps)
     LEFT JOIN "SearchWord" k ON k.word = w.typed
     LEFT JOIN LATERAL (
       SELECT word FROM (
         SELECT word, 1::real AS score FROM "SearchWord" WHERE k.word IS NULL AND word = ANY(string_to_array(w.swaps, ' '))
         UNION ALL
         SELECT word, similarity(word, w.typed) FROM "SearchWord" WHERE k.word IS NULL AND word % w.typed AND word <> w.typed
       ) candidates
       GROUP BY word ORDER BY max(score) DESC, word LIMIT 4
     ) s ON true`,
    // Each word's swaps as one space-separated string (words have no spaces), so that they stay a
    // condition on the primary key of each word's look-up.
    params: [pgTextArray(words), pgTextArray(words.map((word) => neighbourSwaps(word).join(" ")))],
  };
}

/**
 * Typed words as an Italian tsquery (null: no words). A word the catalogue uses is matched as such
 * (the stemmer covers its forms); any other word as a prefix (someone still typing: "psicol") or as
 * the catalogue words that look like it (a typo: "doposcula"). Prefixes of common words are costly
 * ("soli:*" reads every "solidale", "solitudine"…), so they are kept for unknown words only.
 * Look-alikes with the same stem count once: "psicologco" finds "psicologico", "psicologi" and
 * "psicologo", all 'psicolog', and a query naming one lexeme three times made the planner expect
 * three times the rows and read the whole table instead of the index (17 ms instead of 3.5 at
 * 20,000 services). Stopwords match nothing and are left out.
 */
async function textQuery(query: string | undefined): Promise<string | null> {
  const words = searchWords(query ?? "");
  if (!words.length) return null;
  const lookup = similarWordsSql(words);
  const rows = await queryPreparedRows<{ typed: string; known: boolean; word: string | null; stem: string | null }>(lookup.sql, lookup.params);
  return words
    .map((typed) => {
      const mine = rows.filter((row) => row.typed === typed);
      if (mine.some((row) => row.known)) return `(${typed})`;
      const lookAlikeByStem = new Map<string, string>();
      for (const { word, stem } of mine) if (word && stem && !lookAlikeByStem.has(stem)) lookAlikeByStem.set(stem, word);
      return `(${[`${typed}:*`, ...lookAlikeByStem.values()].join(" | ")})`;
    })
    .join(" & ");
}

/** Where "vicino" points: a comune of the area, "lat,lon" from the browser, or an address naming a comune. */
export async function resolveOrigin(near: string | undefined): Promise<Origin | null> {
  if (!near) return null;
  const coordinates = near.match(/^\s*(-?\d{1,2}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*$/);
  if (coordinates) {
    const [latitude, longitude] = [Number(coordinates[1]), Number(coordinates[2])];
    if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) throw new SearchInputError("vicino", "catalogue.errors.coordinates");
    return { latitude, longitude, label: `${latitude.toFixed(4)}, ${longitude.toFixed(4)}` };
  }
  const comuni = await queryPreparedRows<{ slug: string; name: string; latitude: number; longitude: number }>(`SELECT slug, name, latitude, longitude FROM "Comune"`);
  const bySlug = comuni.find((comune) => comune.slug === near.trim());
  if (bySlug) return { latitude: bySlug.latitude, longitude: bySlug.longitude, label: bySlug.name };
  // Addresses are placed at their comune's centre: the app works offline, without a geocoder.
  const folded = ` ${foldText(near)} `;
  const named = comuni
    .filter((comune) => folded.includes(` ${foldText(comune.name)} `))
    .sort((a, b) => b.name.length - a.name.length)[0];
  if (named) return { latitude: named.latitude, longitude: named.longitude, label: named.name };
  throw new SearchInputError("vicino", "catalogue.errors.unknownPlace");
}

type Cursor = { v: number | string; id: string };
const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString("base64url");
function decodeCursor(value: string | undefined): Cursor | null {
  if (!value) return null;
  try {
    const cursor = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as Cursor;
    if ((typeof cursor.v === "number" || typeof cursor.v === "string") && typeof cursor.id === "string" && /^[0-9a-f-]{36}$/.test(cursor.id)) return cursor;
  } catch {
    // fall through
  }
  throw new SearchInputError("dopo", "catalogue.errors.cursor");
}

/** Ids of a category and its sub-categories, by code. */
async function categoryTermIds(code: string) {
  // Straight on the driver, like the page query: Prisma's own round trip costs more than the lookup.
  const terms = await queryPreparedRows<{ id: string }>(
    `SELECT t.id FROM "TaxonomyTerm" t LEFT JOIN "TaxonomyTerm" parent ON parent.id = t."parentId" WHERE t.code = $1 OR parent.code = $1`,
    [code],
  );
  if (!terms.length) throw new SearchInputError("categoria", "catalogue.errors.unknownCategory");
  return terms.map((term) => term.id);
}

const NO_PLACE = 1e12;

/** Relevance when words were typed, distance when a place was given, else alphabetical; an explicit choice wins when it can apply. */
function chooseSort(asked: CatalogueSearch["ordina"], hasWords: boolean, hasOrigin: boolean): SearchResult["sort"] {
  if (asked === "name") return "name";
  if (asked === "distance" && hasOrigin) return "distance";
  if (hasWords) return "relevance";
  return hasOrigin ? "distance" : "name";
}

export type SearchResult = { hits: SearchHit[]; next: string | null; origin: Origin | null; sort: "relevance" | "distance" | "name" };

/** What a search needs from the database before its SQL can be written. */
export type ResolvedSearch = { tsquery: string | null; origin: Origin | null; termIds: string[] | null };

/** The typed words (with the catalogue words like them), the place and the category's term ids. */
export async function resolveSearch(search: CatalogueSearch): Promise<ResolvedSearch> {
  const [tsquery, origin, termIds] = await Promise.all([
    textQuery(search.q),
    resolveOrigin(search.vicino),
    search.categoria ? categoryTermIds(search.categoria) : Promise.resolve(null),
  ]);
  return { tsquery, origin, termIds };
}

/** How many nearest matching places a distance-sorted search reads first, then 4x more each time (see buildSearchSql). */
export const NEAREST_FIRST = 80;
const NEAREST_MAX = 5_120;

/**
 * Lead organization, places, categories and cost kinds of the service `alias`, as columns of the
 * page query's outer select: computed for the page's rows only, in the same round trip as the page
 * (a second query for them was one more wait on the database per search; Prisma's nested read cost
 * 5-10x more).
 */
function detailColumns(alias: string) {
  return `(SELECT o.name FROM "ServiceOrganization" so JOIN "Organization" o ON o.id = so."organizationId" WHERE so."serviceId" = ${alias}.id AND so."isLead" ORDER BY o.name LIMIT 1) AS organization,
       coalesce((SELECT json_agg(json_build_object('name', l.name, 'address', l.address, 'city', l.city, 'latitude', l.latitude, 'longitude', l.longitude) ORDER BY sl."createdAt", sl.id)
         FROM "ServiceAtLocation" sl JOIN "Location" l ON l.id = sl."locationId" WHERE sl."serviceId" = ${alias}.id), '[]') AS places,
       coalesce((SELECT json_agg(tt.name) FROM "ServiceTaxonomyTerm" st JOIN "TaxonomyTerm" tt ON tt.id = st."termId" WHERE st."serviceId" = ${alias}.id), '[]') AS terms,
       coalesce((SELECT json_agg(co.kind) FROM "CostOption" co WHERE co."serviceId" = ${alias}.id), '[]') AS cost_kinds`;
}

/**
 * The page query exactly as searchCatalogue runs it (exported for the plan checks in the tests).
 *
 * Sorted by distance, the query reads the matching places nearest first from the GiST index
 * (`"earthPoint" <-> point`, KNN) and stops after `nearest` of them, instead of computing the
 * distance of every match: the area is small, so a radius of a few km holds most of the catalogue
 * (measured at 20,000 services: 284 ms → 9 ms). It also returns how many places it read and the
 * farthest one's distance, so that pageRows can tell whether the page is certain; `nearest: null`
 * asks for the plain form, which computes every match's distance.
 */
export function buildSearchSql(search: CatalogueSearch, { tsquery, origin, termIds }: ResolvedSearch, now = new Date(), { nearest = NEAREST_FIRST }: { nearest?: number | null } = {}) {
  const sort = chooseSort(search.ordina, Boolean(tsquery), Boolean(origin));
  const cursor = decodeCursor(search.dopo);
  const p = new Params();
  // Conditions by kind: the plain form uses them all on "ServiceSearch"; the nearest-first form
  // answers the status and the category from the place rows ("ServicePlace") instead.
  const publicService = `s.status IN ${PUBLIC_STATUSES}`;
  const publicPlace = `sp.status IN ${PUBLIC_STATUSES}`;
  const query = tsquery ? `to_tsquery('italian', ${p.add(tsquery)})` : null;
  const textMatch = query ? [`s."searchVector" @@ ${query}`] : [];
  const serviceInCategory: string[] = [];
  const placeInCategory: string[] = [];
  if (termIds) {
    const terms = p.add(pgTextArray(termIds));
    serviceInCategory.push(`EXISTS (SELECT 1 FROM "ServiceTaxonomyTerm" t WHERE t."serviceId" = s.id AND t."termId" = ANY(${terms}::uuid[]))`);
    placeInCategory.push(`sp."termIds" && ${terms}::uuid[]`);
  }
  const otherFilters: string[] = [];
  if (search.comune) {
    otherFilters.push(`EXISTS (SELECT 1 FROM "ServiceAtLocation" sl JOIN "Location" l ON l.id = sl."locationId" JOIN "Comune" c ON c.id = l."comuneId" WHERE sl."serviceId" = s.id AND c.slug = ${p.add(search.comune)})`);
  }
  if (search.eta !== undefined) {
    const age = p.add(search.eta);
    otherFilters.push(`(s."minimumAge" IS NULL OR s."minimumAge" <= ${age}::int) AND (s."maximumAge" IS NULL OR s."maximumAge" >= ${age}::int)`);
  }
  if (search.costo) otherFilters.push(`EXISTS (SELECT 1 FROM "CostOption" co WHERE co."serviceId" = s.id AND co.kind = ${p.add(search.costo === "free" ? "FREE" : "REDUCED")}::"CostKind")`);
  if (search.ente) {
    otherFilters.push(`EXISTS (SELECT 1 FROM "ServiceOrganization" so JOIN "Organization" o ON o.id = so."organizationId" WHERE so."serviceId" = s.id AND o.slug = ${p.add(search.ente)})`);
  }
  if (search.lingua) otherFilters.push(`${p.add(search.lingua)} = ANY(s.languages)`);
  if (search.aperto) {
    const moment = romeMoment(now);
    const [date, weekday, time] = [p.add(moment.date), p.add(moment.weekday), p.add(moment.time)];
    // Same rule as isOpenAt(): today's exceptions replace the weekly hours; temporarily closed is closed.
    otherFilters.push(`s.status = 'PUBLISHED' AND CASE
      WHEN EXISTS (SELECT 1 FROM "Schedule" e WHERE e."serviceId" = s.id AND e.weekday IS NULL AND e.date = ${date}::date)
      THEN EXISTS (SELECT 1 FROM "Schedule" e WHERE e."serviceId" = s.id AND e.weekday IS NULL AND e.date = ${date}::date AND e."opensAt" <= ${time} AND ${time} < e."closesAt")
      ELSE EXISTS (SELECT 1 FROM "Schedule" h WHERE h."serviceId" = s.id AND h.weekday = ${weekday}::int AND h."opensAt" <= ${time} AND ${time} < h."closesAt"
        AND (h."validFrom" IS NULL OR h."validFrom" <= ${date}::date) AND (h."validTo" IS NULL OR h."validTo" >= ${date}::date))
    END`);
  }
  const where = [publicService, ...textMatch, ...serviceInCategory, ...otherFilters];

  const point = origin ? `ll_to_earth(${p.add(origin.latitude)}::float8, ${p.add(origin.longitude)}::float8)` : null;
  const knn = point && sort === "distance" && nearest !== null ? nearest : null;
  if (point && search.raggio && knn === null) {
    where.push(`EXISTS (SELECT 1 FROM "ServiceAtLocation" sl JOIN "Location" l ON l.id = sl."locationId" WHERE sl."serviceId" = s.id
      AND earth_box(${point}, ${p.add(search.raggio * 1000)}::float8) @> l."earthPoint" AND earth_distance(l."earthPoint", ${point}) <= ${p.add(search.raggio * 1000)}::float8)`);
  }
  // Services without a place sort after every distance (a number, so the keyset stays a plain comparison).
  const distance = point
    ? `coalesce((SELECT min(earth_distance(l."earthPoint", ${point})) FROM "ServiceAtLocation" sl JOIN "Location" l ON l.id = sl."locationId" WHERE sl."serviceId" = s.id), ${NO_PLACE})`
    : "NULL::float8";
  // ts_rank, not ts_rank_cd: the cover density reads every position and tripled the cost of ranking broad words.
  const rank = query ? `ts_rank(s."searchVector", ${query})` : "0::float4";
  const sortValue = sort === "relevance" ? "rank" : sort === "distance" ? "distance" : "sort_name";
  const direction = sort === "relevance" ? "DESC" : "ASC";
  let keyset = "";
  if (cursor) {
    const value = p.add(cursor.v);
    const id = p.add(cursor.id);
    const cast = sort === "name" ? "::text" : "::float8";
    keyset = direction === "DESC" ? `WHERE (${sortValue} < ${value}${cast} OR (${sortValue} = ${value}${cast} AND id > ${id}::uuid))` : `WHERE (${sortValue}, id) > (${value}${cast}, ${id}::uuid)`;
  }

  const sortName = sort === "name" ? `s."sortName" COLLATE "C"` : "NULL::text";
  if (knn !== null && point) {
    // Places nearest first (KNN on the GiST index), only those of matching services, `knn` of them;
    // then the exact distance (nearest place) of each service found, the keyset, the page. The
    // radius is no condition of the reading: the planner takes any box for a few rows and would
    // sort the whole box instead (284 ms at 20,000 services); pageRows reads more if needed.
    const after = cursor ? `earth_distance(sp."earthPoint", ${point}) >= ${p.add(cursor.v)}::float8` : null;
    const knnWhere = [publicPlace, ...placeInCategory, ...textMatch, ...otherFilters, ...(after ? [after] : [])];
    const inRadius = search.raggio ? `AND distance <= ${p.add(search.raggio * 1000)}::float8` : "";
    const keysetAndRadius = keyset ? `${keyset} ${inRadius}` : inRadius ? `WHERE ${inRadius.slice(4)}` : "";
    // A service's places all match or all fail the reading's conditions (status and categories are
    // the service's), so the first place read of a service found is its nearest: on a first page
    // its distance is the nearest it read, with no look-up of its places (a third of the query at
    // 20,000 services). After a cursor the places nearer than it are skipped, so the exact
    // distance is computed from the service's places, as the plain form does.
    const serviceDistance = cursor ? distance : "found.nearest";
    const sql = `WITH knn AS MATERIALIZED (
         SELECT s.id, earth_distance(sp."earthPoint", ${point}) AS d
         FROM "ServicePlace" sp JOIN "ServiceSearch" s ON s.id = sp."serviceId"
         WHERE ${knnWhere.join(" AND ")}
         ORDER BY sp."earthPoint" <-> ${point}
         LIMIT ${knn}
       )
       SELECT page.*, sv.slug, sv.name, left(sv.description, 280) AS description, stats.knn_rows, stats.knn_last,
       ${detailColumns("sv")}
       FROM (SELECT count(*)::int AS knn_rows, max(d) AS knn_last FROM knn) stats
       LEFT JOIN LATERAL (
         SELECT * FROM (
           SELECT s.id, s.status, ${rank}::float8 AS rank, ${serviceDistance} AS distance, ${sortName} AS sort_name
           FROM (SELECT id, min(d) AS nearest FROM knn GROUP BY id) found JOIN "ServiceSearch" s ON s.id = found.id
         ) matches ${keysetAndRadius}
         ORDER BY distance, id
         LIMIT ${PAGE_SIZE + 1}
       ) page ON true
       LEFT JOIN "Service" sv ON sv.id = page.id
       ORDER BY page.distance, page.id`;
    return { sql, params: p.values, sort, nearest: knn };
  }
  // The sort value of every match, then the displayed columns of the page's rows only.
  const sql = `SELECT s.id, s.slug, s.name, left(s.description, 280) AS description, s.status, page.rank, page.distance, page.sort_name,
       ${detailColumns("s")}
     FROM (
       SELECT * FROM (
         SELECT s.id, ${rank}::float8 AS rank, ${distance} AS distance, ${sortName} AS sort_name
         FROM "ServiceSearch" s WHERE ${where.join(" AND ")}
       ) matches ${keyset}
       ORDER BY ${sortValue} ${direction}, id
       LIMIT ${PAGE_SIZE + 1}
     ) page JOIN "Service" s ON s.id = page.id
     ORDER BY page.${sortValue} ${direction}, page.id`;
  return { sql, params: p.values, sort, nearest: null };
}

type PageRow = {
  id: string | null;
  slug: string;
  name: string;
  description: string;
  status: SearchHit["status"];
  rank: number;
  distance: number | null;
  sort_name: string;
  knn_rows?: number;
  knn_last?: number | null;
  organization: string | null;
  places: JsonColumn<SearchHit["places"]>;
  terms: JsonColumn<string[]>;
  cost_kinds: JsonColumn<string[]>;
};

/** The page's rows: by distance, reads more nearest places until the page is certain (or falls back to the plain form). */
async function pageRows(search: CatalogueSearch, resolved: ResolvedSearch, now: Date) {
  let nearest: number | null = NEAREST_FIRST;
  for (;;) {
    const built = buildSearchSql(search, resolved, now, { nearest });
    // Not a prepared statement: its best plan depends on the words and the place (a generic plan
    // made full-text pages 2x slower).
    const rows = await queryRawRows<PageRow>(built.sql, built.params);
    if (built.nearest === null) return { rows, sort: built.sort };
    const found = rows.filter((row) => row.id !== null);
    const read = rows[0]?.knn_rows ?? 0;
    const farthest = Number(rows[0]?.knn_last ?? 0);
    const exhausted = read < built.nearest;
    // Certain when every place of the page is nearer than the farthest place read (a matching
    // service not found has all its places at least that far), or, within a radius, when every
    // matching place in it was read. Without a radius, services without a place come last: only the plain form
    // lists them, so a reading that ran out falls back to it.
    if (found.length > PAGE_SIZE && Number(found[PAGE_SIZE - 1].distance) < farthest) return { rows: found, sort: built.sort };
    if (search.raggio && (exhausted || farthest > search.raggio * 1000)) return { rows: found, sort: built.sort };
    nearest = !exhausted && built.nearest * 4 <= NEAREST_MAX ? built.nearest * 4 : null;
  }
}

/** One page of published services matching the search, with the cursor of the next page. */
export async function searchCatalogue(search: CatalogueSearch, now = new Date()): Promise<SearchResult> {
  const resolved = await resolveSearch(search);
  const { origin } = resolved;
  const { rows, sort } = await pageRows(search, resolved, now);
  const page = rows.slice(0, PAGE_SIZE);
  const last = page.at(-1);
  const next = rows.length > PAGE_SIZE && last ? encodeCursor({ v: sort === "relevance" ? Number(last.rank) : sort === "distance" ? Number(last.distance) : last.sort_name, id: last.id! }) : null;
  const hits = page.map((row) => ({
    id: row.id!,
    slug: row.slug,
    name: row.name,
    description: row.description,
    status: row.status,
    distanceM: row.distance === null || Number(row.distance) >= NO_PLACE ? null : Math.round(Number(row.distance)),
    organization: row.organization,
    places: fromJson(row.places),
    terms: fromJson(row.terms).sort(),
    costKinds: [...new Set(fromJson(row.cost_kinds))],
  }));
  return { hits, next, origin, sort };
}

/** A json column: parsed by the pg driver, text from some drivers. */
type JsonColumn<T> = T | string;
const fromJson = <T>(value: JsonColumn<T>): T => (typeof value === "string" ? (JSON.parse(value) as T) : value);

/** Remembers a search that found nothing, with no trace of who made it. */
export async function recordUnmetSearch(search: CatalogueSearch) {
  const { dopo: _cursor, q, ...filters } = search;
  const kept = Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined));
  if (!q && !Object.keys(kept).length) return;
  await prisma.unmetSearch.create({ data: { query: (q ?? "").slice(0, 200), filters: kept } });
}

/** The most frequent unmet searches of the last `days` days, for the labs. */
export async function listUnmetSearches(days = 90, take = 50) {
  const since = new Date(Date.now() - days * 86_400_000);
  const rows = await prisma.unmetSearch.findMany({ where: { createdAt: { gte: since } }, orderBy: { createdAt: "desc" }, take: 2000, select: { query: true, filters: true, createdAt: true } });
  const groups = new Map<string, { query: string; filters: Record<string, unknown>; count: number; last: Date }>();
  for (const row of rows) {
    const key = `${foldText(row.query)}|${JSON.stringify(row.filters)}`;
    const group = groups.get(key);
    if (group) group.count += 1;
    else groups.set(key, { query: row.query, filters: row.filters as Record<string, unknown>, count: 1, last: row.createdAt });
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || b.last.getTime() - a.last.getTime()).slice(0, take);
}

/** Filter choices of the search form: categories (with sub-categories), comuni, organizations offering a public service. */
export async function searchFilterOptions() {
  // One round trip on the driver: the page asks for these on every search, and three Prisma reads
  // cost more than the search itself. An organization needs one public service (LIMIT 1 per
  // organization: the EXISTS Prisma writes for `some` hashed every service of each organization).
  const [row] = await queryPreparedRows<{ terms: JsonColumn<{ id: string; code: string; name: string; parent_id: string | null }[]>; comuni: JsonColumn<{ slug: string; name: string }[]>; organizations: JsonColumn<{ slug: string; name: string }[]> }>(
    `SELECT
       (SELECT coalesce(json_agg(json_build_object('id', t.id, 'code', t.code, 'name', t.name, 'parent_id', t."parentId") ORDER BY t.position, t.name), '[]') FROM "TaxonomyTerm" t) AS terms,
       (SELECT coalesce(json_agg(json_build_object('slug', c.slug, 'name', c.name) ORDER BY c.name), '[]') FROM "Comune" c) AS comuni,
       (SELECT coalesce(json_agg(json_build_object('slug', o.slug, 'name', o.name) ORDER BY o.name), '[]')
          FROM "Organization" o
          CROSS JOIN LATERAL (SELECT 1 FROM "ServiceOrganization" so JOIN "Service" s ON s.id = so."serviceId" WHERE so."organizationId" = o.id AND s.status IN ${PUBLIC_STATUSES} LIMIT 1) published) AS organizations`,
  );
  const terms = fromJson(row.terms);
  const categories = terms
    .filter((term) => !term.parent_id)
    .map((parent) => ({ code: parent.code, name: parent.name, children: terms.filter((term) => term.parent_id === parent.id).map(({ code, name }) => ({ code, name })) }));
  return { categories, comuni: fromJson(row.comuni), organizations: fromJson(row.organizations) };
}
