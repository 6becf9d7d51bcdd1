import { z } from "zod";
import { isUuidString } from "./ids";

// The HTTP side of the HSDS read API (/api/hsds/…, following app/hsds/spec/openapi.json): query
// parameters checked with zod, the spec's Page envelope or an NDJSON stream, answers open to any origin.

export const DEFAULT_PER_PAGE = 50;
export const MAX_PER_PAGE = 200;
export const MAX_PROXIMITY_METERS = 100_000;
/** Items per query of an NDJSON stream (keyset batches: memory stays flat however large the catalogue). */
export const STREAM_BATCH_SIZE = 200;

const CORS_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, OPTIONS",
  "Access-Control-Allow-Headers": "Content-Type",
};

/** A JSON answer of the API (CORS open: the catalogue is public data). */
export function hsdsJson(body: unknown, status = 200, headers: HeadersInit = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-cache", ...CORS_HEADERS, ...headers },
  });
}

/** The answer to a CORS preflight on any API path. */
export function hsdsPreflight(): Response {
  return new Response(null, { status: 204, headers: { ...CORS_HEADERS, "Access-Control-Max-Age": "86400" } });
}

/** 404 for an id that names nothing (or nothing visible). */
export function hsdsNotFound(kind: string, id: string): Response {
  return hsdsJson({ error: "not_found", message: `No ${kind} with id ${id}` }, 404);
}

/** The API answers GET only. */
export function hsdsMethodNotAllowed(): Response {
  return hsdsJson({ error: "method_not_allowed", message: "The HSDS API is read-only: use GET" }, 405, { Allow: "GET, OPTIONS" });
}

const booleanParam = z
  .enum(["true", "false", "1", "0"], { errorMap: () => ({ message: "must be true or false" }) })
  .transform((value) => value === "true" || value === "1");
const integerParam = (min: number, max: number, unit?: string) =>
  z
    .string()
    .regex(/^\d+$/, unit ? `must be a whole number of ${unit}` : "must be a whole number")
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}${unit ? ` ${unit}` : ""}`).max(max, `must be at most ${max}${unit ? ` ${unit}` : ""}`));
const uuidParam = z.string().refine(isUuidString, "must be a uuid");
const dateTimeParam = z
  .string()
  .refine((value) => /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) && !Number.isNaN(Date.parse(value)), "must be an ISO 8601 date or date-time")
  .transform((value) => new Date(value));

const common = {
  page: integerParam(1, 1_000_000).default("1"),
  per_page: integerParam(1, MAX_PER_PAGE).default(String(DEFAULT_PER_PAGE)),
  format: z.enum(["json", "ndjson"], { errorMap: () => ({ message: "must be json or ndjson" }) }).optional(),
  search: z.string().trim().max(200, "must be at most 200 characters").optional(),
};
const serviceFilters = {
  taxonomy_term_id: uuidParam.optional(),
  taxonomy_id: uuidParam.optional(),
  organization_id: uuidParam.optional(),
  modified_after: dateTimeParam.optional(),
  full: booleanParam.optional(),
};

export const servicesQuery = z.object({ ...common, ...serviceFilters, minimal: booleanParam.optional() }).strict();
export const serviceAtLocationsQuery = z
  .object({
    ...common,
    ...serviceFilters,
    postcode: z.string().trim().min(1).max(20).optional(),
    proximity: integerParam(1, MAX_PROXIMITY_METERS, "meters").optional(),
  })
  .strict()
  .refine((query) => query.proximity === undefined || query.postcode !== undefined, {
    path: ["proximity"],
    message: "needs postcode: the distance is measured from the postcode's centroid",
  });
export const organizationsQuery = z.object({ ...common, full: booleanParam.optional(), full_service: booleanParam.optional() }).strict();
export const organizationQuery = z.object({ full_service: booleanParam.optional() }).strict();
export const taxonomiesQuery = z.object(common).strict();
export const taxonomyTermsQuery = z
  .object({ ...common, taxonomy_id: uuidParam.optional(), parent_id: uuidParam.optional(), top_only: booleanParam.optional() })
  .strict();
export const noQuery = z.object({}).strict();

export type ServicesQuery = z.infer<typeof servicesQuery>;
export type ServiceAtLocationsQuery = z.infer<typeof serviceAtLocationsQuery>;
export type OrganizationsQuery = z.infer<typeof organizationsQuery>;
export type TaxonomiesQuery = z.infer<typeof taxonomiesQuery>;
export type TaxonomyTermsQuery = z.infer<typeof taxonomyTermsQuery>;
export type Paging = { page: number; per_page: number };

/** Thrown for a bad query: the route answers 400 with what is wrong. */
export class HsdsBadRequest extends Error {
  constructor(readonly problems: { parameter: string; message: string }[]) {
    super(problems.map((problem) => `${problem.parameter}: ${problem.message}`).join("; "));
  }
}

/** The request's query parameters parsed by `schema`, or HsdsBadRequest (a repeated parameter is an error too). */
export function parseHsdsQuery<T extends z.ZodTypeAny>(request: Request, schema: T): z.infer<T> {
  const params = new URL(request.url).searchParams;
  const raw: Record<string, string> = {};
  const problems: { parameter: string; message: string }[] = [];
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    if (values.length > 1) problems.push({ parameter: key, message: "must be given once" });
    raw[key] = values[0];
  }
  if (raw.format === "ndjson") {
    for (const key of ["page", "per_page"]) if (key in raw) problems.push({ parameter: key, message: "does not apply to format=ndjson, which streams every result" });
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    for (const issue of result.error.issues) {
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys) problems.push({ parameter: key, message: "is not a parameter of this endpoint" });
      } else {
        problems.push({ parameter: issue.path.join(".") || "query", message: issue.message });
      }
    }
  }
  if (problems.length) throw new HsdsBadRequest(problems);
  return result.data;
}

/** The answer for a bad query. */
export function hsdsBadRequest(error: HsdsBadRequest): Response {
  return hsdsJson({ error: "bad_request", message: "Invalid query parameters", errors: error.problems }, 400);
}

/** The spec's Page (components/schemas/Page) around one page of contents. */
export function hsdsPage(contents: unknown[], totalItems: number, paging: Paging) {
  const totalPages = Math.ceil(totalItems / paging.per_page);
  return {
    total_items: totalItems,
    total_pages: totalPages,
    page_number: paging.page,
    size: contents.length,
    first_page: paging.page === 1,
    last_page: paging.page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

/** Runs a loader body, turning a bad query into 400 and OPTIONS into the CORS preflight. */
export async function hsdsHandle(request: Request, body: () => Promise<Response>): Promise<Response> {
  if (request.method === "OPTIONS") return hsdsPreflight();
  try {
    return await body();
  } catch (error) {
    if (error instanceof HsdsBadRequest) return hsdsBadRequest(error);
    throw error;
  }
}

/** Which part of a list ordered by id to read: a page (offset), or for a stream the batch after an id (keyset). */
export type Slice = { take: number; skip?: number; afterId?: string };

/** What one query selects from a list: how many items, and any slice of them, presented. */
export type HsdsListing = { count: () => Promise<number>; read: (slice: Slice) => Promise<Record<string, unknown>[]> };

/** Every item of a listing, in batches read one after the other. */
async function* batchesOf(listing: HsdsListing): AsyncGenerator<Record<string, unknown>[]> {
  for (let afterId: string | undefined; ; ) {
    const batch = await listing.read({ take: STREAM_BATCH_SIZE, afterId });
    if (batch.length) yield batch;
    if (batch.length < STREAM_BATCH_SIZE) return;
    afterId = String(batch[batch.length - 1].id);
  }
}

/**
 * Every item of a listing as NDJSON (one JSON object a line), read batch by batch as the client
 * takes them. The first batch is read before answering, so that a failing query is still a 500
 * rather than a 200 cut short.
 */
async function hsdsNdjson(listing: HsdsListing): Promise<Response> {
  const batches = batchesOf(listing);
  const encoder = new TextEncoder();
  let read: IteratorResult<Record<string, unknown>[]> | null = await batches.next();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = read ?? (await batches.next());
      read = null;
      if (done) return controller.close();
      controller.enqueue(encoder.encode(value.map((item) => `${JSON.stringify(item)}\n`).join("")));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  return new Response(body, { headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "no-cache", ...CORS_HEADERS } });
}

/** A list endpoint's loader: parse the query, then one page in the spec's Page, or every item with format=ndjson. */
export function hsdsListLoader<T extends z.ZodTypeAny>(schema: T, listingOf: (query: z.infer<T>) => HsdsListing | Promise<HsdsListing>) {
  return ({ request }: { request: Request }) =>
    hsdsHandle(request, async () => {
      const query = parseHsdsQuery(request, schema);
      const listing = await listingOf(query);
      if (query.format === "ndjson") return hsdsNdjson(listing);
      const paging = query as Paging;
      const [total, contents] = await Promise.all([listing.count(), listing.read({ skip: (paging.page - 1) * paging.per_page, take: paging.per_page })]);
      return hsdsJson(hsdsPage(contents, total, paging));
    });
}

/** A single-item endpoint's loader: 404 JSON for an id that names nothing visible. */
export function hsdsItemLoader<T extends z.ZodTypeAny>(kind: string, schema: T, get: (id: string, query: z.infer<T>) => Promise<unknown | null>) {
  return ({ request, params }: { request: Request; params: { id?: string } }) =>
    hsdsHandle(request, async () => {
      const query = parseHsdsQuery(request, schema);
      const id = params.id ?? "";
      const item = await get(id, query);
      return item ? hsdsJson(item) : hsdsNotFound(kind, id);
    });
}

/** The action of every API route: CORS preflights, and 405 for anything but GET. */
export function hsdsAction({ request }: { request: Request }): Response {
  return request.method === "OPTIONS" ? hsdsPreflight() : hsdsMethodNotAllowed();
}
