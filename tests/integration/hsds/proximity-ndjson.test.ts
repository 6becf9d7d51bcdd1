import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { hsdsPage, STREAM_BATCH_SIZE } from "~/hsds/api.server";
import { createTestOrganization, createTestService, createTestTaxonomy } from "../../support/factories";
import { apiGet, schemaErrorsOf } from "./support";

// HSDS 3.0 openapi.json parameters that need more than a filter: `postcode` + `proximity` on
// /service_at_locations (distance from the postcode's centroid), and `format=ndjson` on every list
// (all results, one JSON object a line, no paging).

type Page = { total_items: number; total_pages: number; page_number: number; last_page: boolean; size: number; empty: boolean; contents: Record<string, unknown>[] };
type Problem = { parameter: string; message: string };

/** GETs a page, expects 200 and a body valid against the openapi Page schema of that path. */
async function getPage(path: string): Promise<Page> {
  const response = await apiGet(path);
  const body = await response.json();
  expect(response.status, JSON.stringify(body).slice(0, 500)).toBe(200);
  expect(schemaErrorsOf(new URL(path, "http://x").pathname, body)).toEqual([]);
  return body as Page;
}

async function getProblems(path: string): Promise<Problem[]> {
  const response = await apiGet(path);
  expect(response.status).toBe(400);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  expect(response.headers.get("access-control-allow-origin")).toBe("*");
  return ((await response.json()) as { errors: Problem[] }).errors;
}

const idsOf = (items: Record<string, unknown>[]) => items.map((item) => String(item.id));

// Far from any other test's places (other files share the PostgreSQL database): our places with
// postcode Z-99001 are at 45.00 and 45.02 S, 9.00 E, so its centroid is 45.01 S, 9.00 E. Along a
// meridian 0.01° is 1,113 m (earthdistance's sphere), so from the centroid:
const POSTCODE = "Z-99001";
const PLACES = {
  south: { latitude: -45.02, postalCode: POSTCODE }, // 1,113 m
  north: { latitude: -45.0, postalCode: POSTCODE }, // 1,113 m
  near: { latitude: -44.98, postalCode: "Z-99002" }, // 3,340 m
  far: { latitude: -44.91, postalCode: "Z-99003" }, // 11,132 m
};

let organization: Awaited<ReturnType<typeof createTestOrganization>>;
const links: Record<keyof typeof PLACES, string> = { south: "", north: "", near: "", far: "" };
let draftLink: string;
let otherOrganizationLink: string;

beforeAll(async () => {
  organization = await createTestOrganization({ name: "Cooperativa Distanze di prova" });
  const published = await createTestService({ organizationId: organization.id, name: "Sportello vicino" });
  const draft = await createTestService({ organizationId: organization.id, status: "DRAFT", name: "Bozza vicina" });
  const other = await createTestService({ name: "Servizio di un altro ente" });
  const place = (name: string, at: { latitude: number; postalCode: string }) =>
    prisma.location.create({ data: { organizationId: organization.id, name, address: "Via di prova 1", city: "Prova", longitude: 9.0, ...at } });
  for (const [name, at] of Object.entries(PLACES) as [keyof typeof PLACES, (typeof PLACES)[keyof typeof PLACES]][]) {
    const location = await place(name, at);
    links[name] = (await prisma.serviceAtLocation.create({ data: { serviceId: published.id, locationId: location.id } })).id;
    if (name === "south") {
      draftLink = (await prisma.serviceAtLocation.create({ data: { serviceId: draft.id, locationId: location.id } })).id;
      otherOrganizationLink = (await prisma.serviceAtLocation.create({ data: { serviceId: other.id, locationId: location.id } })).id;
    }
  }
});

describe("service_at_locations by postcode and proximity", () => {
  it("keeps the places within proximity meters of the postcode's centroid, visible services only, by id", async () => {
    const within2km = await getPage(`/api/hsds/service_at_locations?postcode=${POSTCODE}&proximity=2000`);
    expect(idsOf(within2km.contents)).toEqual([links.south, links.north, otherOrganizationLink].sort());
    expect(idsOf(within2km.contents)).not.toContain(draftLink);
    const within5km = await getPage(`/api/hsds/service_at_locations?postcode=${POSTCODE}&proximity=5000`);
    expect(idsOf(within5km.contents)).toEqual([links.south, links.north, links.near, otherOrganizationLink].sort());
    expect(within5km).toMatchObject({ total_items: 4, total_pages: 1, last_page: true });
    // Without proximity, postcode keeps only the places with that postcode.
    const samePostcode = await getPage(`/api/hsds/service_at_locations?postcode=${POSTCODE}`);
    expect(idsOf(samePostcode.contents)).toEqual([links.south, links.north, otherOrganizationLink].sort());
  });

  it("works together with the other filters and pages", async () => {
    const mine = await getPage(`/api/hsds/service_at_locations?postcode=${POSTCODE}&proximity=5000&organization_id=${organization.id}&full=true`);
    expect(idsOf(mine.contents)).toEqual([links.south, links.north, links.near].sort());
    const seen: string[] = [];
    for (let page = 1; page <= 2; page += 1) {
      const body = await getPage(`/api/hsds/service_at_locations?postcode=${POSTCODE}&proximity=5000&per_page=3&page=${page}`);
      expect(body).toMatchObject({ total_items: 4, total_pages: 2, page_number: page, last_page: page === 2, size: page === 1 ? 3 : 1 });
      seen.push(...idsOf(body.contents));
    }
    expect(seen).toEqual([links.south, links.north, links.near, otherOrganizationLink].sort());
    const searched = await getPage(`/api/hsds/service_at_locations?postcode=${POSTCODE}&proximity=5000&search=altro`);
    expect(idsOf(searched.contents)).toEqual([otherOrganizationLink]);
  });

  it("gives an empty page for a postcode none of our places has", async () => {
    const page = await getPage("/api/hsds/service_at_locations?postcode=Z-00000&proximity=100000");
    expect(page).toMatchObject({ total_items: 0, total_pages: 0, size: 0, empty: true, contents: [] });
  });

  it("refuses proximity without postcode, and proximity that is not a whole number of meters from 1 to 100000", async () => {
    expect(await getProblems("/api/hsds/service_at_locations?proximity=1000")).toEqual([{ parameter: "proximity", message: expect.stringContaining("needs postcode") }]);
    for (const [value, message] of [
      ["abc", "must be a whole number of meters"],
      ["1.5", "must be a whole number of meters"],
      ["-5", "must be a whole number of meters"],
      ["0", "must be at least 1 meters"],
      ["100001", "must be at most 100000 meters"],
    ]) {
      expect(await getProblems(`/api/hsds/service_at_locations?postcode=${POSTCODE}&proximity=${value}`), value).toEqual([{ parameter: "proximity", message }]);
    }
  });
});

/** GETs a list as NDJSON: checks the answer's headers, returns its lines parsed. */
async function getNdjson(path: string): Promise<Record<string, unknown>[]> {
  const response = await apiGet(path);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^application\/x-ndjson/);
  expect(response.headers.get("access-control-allow-origin")).toBe("*");
  const text = await response.text();
  expect(text === "" || text.endsWith("\n")).toBe(true);
  return text.split("\n").filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Every item of a list, read page after page in JSON. */
async function allPages(path: string, perPage: number): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for (let page = 1; ; page += 1) {
    const body = await getPage(`${path}&per_page=${perPage}&page=${page}`);
    items.push(...body.contents);
    if (body.last_page) return items;
  }
}

describe("format=ndjson", () => {
  let taxonomy: Awaited<ReturnType<typeof createTestTaxonomy>>["taxonomy"];

  beforeAll(async () => {
    // More terms than one stream batch, to read several.
    ({ taxonomy } = await createTestTaxonomy());
    for (const index of [1, 2, 3]) {
      await createTestOrganization({ name: `Quokka ${index}` });
      await prisma.taxonomy.create({ data: { name: `Quokka ${index}`, description: "Tassonomia di prova" } });
    }
    const count = STREAM_BATCH_SIZE * 2 + 17;
    await prisma.taxonomyTerm.createMany({
      data: Array.from({ length: count }, (_, index) => ({ taxonomyId: taxonomy.id, code: `n${index}`, name: `Voce ${index}`, description: `Voce di prova ${index}` })),
    });
  });

  it("streams every item of each list, one valid item a line, exactly the items of the json pages", async () => {
    const lists: [string, number][] = [
      [`/api/hsds/services?organization_id=${organization.id}`, 1],
      [`/api/hsds/services?organization_id=${organization.id}&full=true`, 1],
      [`/api/hsds/services?organization_id=${organization.id}&minimal=true`, 1],
      [`/api/hsds/organizations?search=${encodeURIComponent("distanze di prova")}&full=true`, 1],
      ["/api/hsds/organizations?search=quokka", 2],
      [`/api/hsds/service_at_locations?postcode=${POSTCODE}&proximity=5000`, 3],
      [`/api/hsds/service_at_locations?organization_id=${organization.id}&full=true`, 2],
      ["/api/hsds/taxonomies?search=quokka", 2],
      [`/api/hsds/taxonomy_terms?taxonomy_id=${taxonomy.id}`, 200],
    ];
    for (const [path, perPage] of lists) {
      const lines = await getNdjson(`${path}&format=ndjson`);
      const pathname = new URL(path, "http://x").pathname;
      for (const line of lines) expect(schemaErrorsOf(pathname, hsdsPage([line], 1, { page: 1, per_page: 1 })), path).toEqual([]);
      expect(lines.length, path).toBeGreaterThan(0);
      expect(lines, path).toEqual(await allPages(path, perPage));
    }
    expect((await getNdjson(`/api/hsds/taxonomy_terms?taxonomy_id=${taxonomy.id}&format=ndjson`)).length).toBe(STREAM_BATCH_SIZE * 2 + 17);
  });

  it("answers an empty body when nothing matches", async () => {
    expect(await getNdjson("/api/hsds/service_at_locations?postcode=Z-00000&proximity=1000&format=ndjson")).toEqual([]);
  });

  it("refuses paging parameters and bad queries with 400 JSON", async () => {
    expect(await getProblems("/api/hsds/services?format=ndjson&page=2&per_page=10")).toEqual([
      { parameter: "page", message: expect.stringContaining("does not apply to format=ndjson") },
      { parameter: "per_page", message: expect.stringContaining("does not apply to format=ndjson") },
    ]);
    expect(await getProblems("/api/hsds/taxonomies?format=xml")).toEqual([{ parameter: "format", message: "must be json or ndjson" }]);
    expect(await getProblems("/api/hsds/service_at_locations?format=ndjson&proximity=10")).toEqual([{ parameter: "proximity", message: expect.stringContaining("needs postcode") }]);
  });
});
