import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import * as services from "~/routes/api.hsds.services._index";
import { createTestOrganization, createTestService, createTestTaxonomy } from "../../support/factories";
import { apiGet, namedSchemaErrors, schemaErrorsOf } from "./support";

// The HSDS 3.0 read API (issue #5): every answer validates against the vendored official schemas,
// paging and filters follow openapi.json, and only published or temporarily closed services
// appear, at any depth.

type Page = { total_items: number; total_pages: number; page_number: number; size: number; first_page: boolean; last_page: boolean; empty: boolean; contents: Record<string, unknown>[] };

async function getJson(path: string) {
  const response = await apiGet(path);
  const body = await response.json();
  return { response, body };
}

/** GETs a path, expects 200 and a body valid against the openapi response schema of that path. */
async function getValid<T = Record<string, unknown>>(path: string): Promise<T> {
  const { response, body } = await getJson(path);
  expect(response.status, JSON.stringify(body).slice(0, 500)).toBe(200);
  expect(response.headers.get("access-control-allow-origin")).toBe("*");
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  expect(schemaErrorsOf(new URL(path, "http://x").pathname, body)).toEqual([]);
  return body as T;
}

let organization: Awaited<ReturnType<typeof createTestOrganization>>;
let taxonomy: Awaited<ReturnType<typeof createTestTaxonomy>>;
let published: Awaited<ReturnType<typeof createTestService>>;
let closed: Awaited<ReturnType<typeof createTestService>>;
let draft: Awaited<ReturnType<typeof createTestService>>;
let unpublished: Awaited<ReturnType<typeof createTestService>>;

beforeAll(async () => {
  organization = await createTestOrganization({ name: "Cooperativa Arcobaleno di prova" });
  taxonomy = await createTestTaxonomy({ terms: 2 });
  await prisma.taxonomyTerm.update({ where: { id: taxonomy.terms[1].id }, data: { parentId: taxonomy.terms[0].id } });
  published = await createTestService({ organizationId: organization.id, name: "Doposcuola inclusivo Zefiro", termIds: [taxonomy.terms[1].id] });
  closed = await createTestService({ organizationId: organization.id, status: "TEMPORARILY_CLOSED", name: "Sportello ascolto Zefiro" });
  draft = await createTestService({ organizationId: organization.id, status: "DRAFT", name: "Bozza segreta Zefiro", termIds: [taxonomy.terms[1].id] });
  unpublished = await createTestService({ organizationId: organization.id, status: "UNPUBLISHED", name: "Servizio ritirato Zefiro" });
});

const visibleIds = () => [published.id, closed.id].sort();
const hiddenIds = () => [draft.id, unpublished.id];

describe("GET /api/hsds/", () => {
  it("says which HSDS version it speaks and where its OpenAPI description is", async () => {
    const body = await getValid<{ version: string; openapi_url: string }>("/api/hsds/");
    expect(body.version).toBe("3.0");
    expect(body.openapi_url).toMatch(/\/api\/hsds\/openapi\.json$/);
  });
});

describe("services", () => {
  it("lists only published and temporarily closed services, as valid service_list items in the spec's Page", async () => {
    const page = await getValid<Page>(`/api/hsds/services?organization_id=${organization.id}`);
    expect(page.contents.map((item) => item.id).sort()).toEqual(visibleIds());
    expect(page).toMatchObject({ total_items: 2, total_pages: 1, page_number: 1, size: 2, first_page: true, last_page: true, empty: false });
    const statuses = Object.fromEntries(page.contents.map((item) => [item.id, item.status]));
    expect(statuses[published.id]).toBe("active");
    expect(statuses[closed.id]).toBe("temporarily closed");
    expect(page.contents[0].organization).toMatchObject({ id: organization.id, name: organization.name });
  });

  it("gives fully nested services with full=true and ids with dates with minimal=true", async () => {
    const full = await getValid<Page>(`/api/hsds/services?organization_id=${organization.id}&full=true`);
    for (const item of full.contents) expect(namedSchemaErrors("service", item)).toEqual([]);
    expect(full.contents.every((item) => Array.isArray(item.schedules))).toBe(true);
    const minimal = await getValid<Page>(`/api/hsds/services?organization_id=${organization.id}&minimal=true`);
    expect(minimal.contents.map((item) => Object.keys(item).sort())).toEqual([
      ["id", "last_modified", "name", "status"],
      ["id", "last_modified", "name", "status"],
    ]);
  });

  it("pages by id with stable order", async () => {
    const extra = [];
    for (let index = 0; index < 3; index += 1) extra.push(await createTestService({ organizationId: organization.id, name: `Paginato ${index}` }));
    const all = [...visibleIds(), ...extra.map((service) => service.id)].sort();
    const seen: string[] = [];
    for (let page = 1; page <= 3; page += 1) {
      const body = await getValid<Page>(`/api/hsds/services?organization_id=${organization.id}&per_page=2&page=${page}`);
      expect(body).toMatchObject({ total_items: 5, total_pages: 3, page_number: page, first_page: page === 1, last_page: page === 3, size: page === 3 ? 1 : 2 });
      seen.push(...body.contents.map((item) => String(item.id)));
    }
    expect(seen).toEqual(all);
    const beyond = await getValid<Page>(`/api/hsds/services?organization_id=${organization.id}&per_page=2&page=9`);
    expect(beyond).toMatchObject({ size: 0, empty: true, last_page: true, contents: [] });
    await prisma.service.deleteMany({ where: { id: { in: extra.map((service) => service.id) } } });
  });

  it("filters by search words (accents and case folded), taxonomy term (with its children), taxonomy and modified_after", async () => {
    const bySearch = await getValid<Page>(`/api/hsds/services?search=${encodeURIComponent("DOPOSCUOLA zéfiro")}`);
    expect(bySearch.contents.map((item) => item.id)).toEqual([published.id]);
    const byTerm = await getValid<Page>(`/api/hsds/services?taxonomy_term_id=${taxonomy.terms[1].id}`);
    expect(byTerm.contents.map((item) => item.id)).toEqual([published.id]);
    const byParent = await getValid<Page>(`/api/hsds/services?taxonomy_term_id=${taxonomy.terms[0].id}`);
    expect(byParent.contents.map((item) => item.id)).toEqual([published.id]);
    const byTaxonomy = await getValid<Page>(`/api/hsds/services?taxonomy_id=${taxonomy.taxonomy.id}`);
    expect(byTaxonomy.contents.map((item) => item.id)).toEqual([published.id]);
    const future = await getValid<Page>(`/api/hsds/services?organization_id=${organization.id}&modified_after=2999-01-01T00:00:00Z`);
    expect(future.total_items).toBe(0);
    const past = await getValid<Page>(`/api/hsds/services?organization_id=${organization.id}&modified_after=2000-01-01`);
    expect(past.total_items).toBe(2);
  });

  it("presents a service fully: organization, phones, contacts, weekly schedules and exceptions, costs, languages, places, categories", async () => {
    const body = await getValid<Record<string, any>>(`/api/hsds/services/${published.id}`);
    expect(body).toMatchObject({ id: published.id, name: "Doposcuola inclusivo Zefiro", status: "active", organization_id: organization.id, minimum_age: 6, maximum_age: 14, assured_date: "2026-01-15" });
    expect(body.organization).toMatchObject({ id: organization.id, name: organization.name });
    expect(body.phones).toEqual([expect.objectContaining({ number: "+39 031 000000" })]);
    expect(body.contacts[0]).toMatchObject({ name: "Referente", title: "Coordinatrice", phones: [expect.objectContaining({ number: "+39 031 000000" })] });
    expect(body.schedules).toEqual([
      expect.objectContaining({ freq: "WEEKLY", byday: "MO,WE", opens_at: "09:00:00", closes_at: "12:30:00" }),
      expect.objectContaining({ dtstart: "2026-12-25", description: "Chiuso" }),
    ]);
    expect(body.cost_options).toEqual([expect.objectContaining({ amount: 12.5, currency: "EUR", amount_description: "Con ISEE sotto 15.000 euro", option: "Tariffa ridotta" })]);
    expect(body.languages.map((language: { code: string }) => language.code)).toEqual(["it", "en"]);
    expect(body.required_documents).toEqual([expect.objectContaining({ document: "Documento d'identità" })]);
    expect(body.attributes).toEqual([expect.objectContaining({ taxonomy_term_id: taxonomy.terms[1].id, taxonomy_term: expect.objectContaining({ id: taxonomy.terms[1].id, parent_id: taxonomy.terms[0].id }) })]);
    const [link] = body.service_at_locations;
    expect(link.location).toMatchObject({ location_type: "physical", latitude: 45.81, longitude: 9.085, addresses: [expect.objectContaining({ address_1: "Via Roma 1", city: "Como", postal_code: "22100", country: "IT" })], accessibility: [expect.objectContaining({ description: "Accesso senza gradini" })] });
  });

  it("gives the same ids for sub-objects from one request to the next", async () => {
    const first = await (await apiGet(`/api/hsds/services/${published.id}`)).json();
    const second = await (await apiGet(`/api/hsds/services/${published.id}`)).json();
    expect(second).toEqual(first);
  });

  it("answers 404 JSON for drafts, unpublished services, unknown and malformed ids", async () => {
    for (const id of [...hiddenIds(), "4b0a8d0e-0000-4000-8000-000000000000", "not-a-uuid"]) {
      const { response, body } = await getJson(`/api/hsds/services/${id}`);
      expect(response.status).toBe(404);
      expect(body).toMatchObject({ error: "not_found" });
    }
  });

  it("refuses bad parameters with 400 and the list of what is wrong", async () => {
    const { response, body } = await getJson("/api/hsds/services?page=0&per_page=abc&taxonomy_term_id=x&full=maybe&modified_after=yesterday&colour=blue");
    expect(response.status).toBe(400);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const parameters = (body.errors as { parameter: string }[]).map((error) => error.parameter).sort();
    expect(parameters).toEqual(["colour", "full", "modified_after", "page", "per_page", "taxonomy_term_id"]);
    expect((await apiGet("/api/hsds/services?per_page=100000")).status).toBe(400);
    expect((await apiGet("/api/hsds/services?page=1&page=2")).status).toBe(400);
    expect((await apiGet("/api/hsds/services/" + published.id + "?full=true")).status).toBe(400);
  });
});

describe("organizations", () => {
  it("lists organizations as organization_list items, and fully nested ones with full=true, without hidden services", async () => {
    const page = await getValid<Page>(`/api/hsds/organizations?search=${encodeURIComponent("arcobaleno di prova")}`);
    expect(page.contents.map((item) => item.id)).toEqual([organization.id]);
    const full = await getValid<Page>(`/api/hsds/organizations?search=${encodeURIComponent("arcobaleno di prova")}&full=true`);
    for (const item of full.contents) expect(namedSchemaErrors("organization", item)).toEqual([]);
    const services = (full.contents[0].services as { id: string }[]).map((service) => service.id).sort();
    expect(services).toEqual(visibleIds());
  });

  it("gives one organization with its visible services, brief or full (full_service)", async () => {
    const body = await getValid<Record<string, any>>(`/api/hsds/organizations/${organization.id}`);
    expect(body.services.map((service: { id: string }) => service.id).sort()).toEqual(visibleIds());
    expect(body.locations.length).toBeGreaterThanOrEqual(2);
    const full = await getValid<Record<string, any>>(`/api/hsds/organizations/${organization.id}?full_service=true`);
    expect(full.services.every((service: Record<string, unknown>) => Array.isArray(service.schedules))).toBe(true);
    expect(JSON.stringify(full)).not.toContain(draft.id);
    expect(JSON.stringify(full)).not.toContain(unpublished.id);
    expect((await apiGet("/api/hsds/organizations/4b0a8d0e-0000-4000-8000-000000000000")).status).toBe(404);
  });
});

describe("service_at_locations", () => {
  it("lists each visible service at each place, filters by organization and postcode, and gives one fully nested", async () => {
    const page = await getValid<Page>(`/api/hsds/service_at_locations?organization_id=${organization.id}`);
    expect(page.contents.map((item) => item.service_id).sort()).toEqual(visibleIds());
    const full = await getValid<Page>(`/api/hsds/service_at_locations?organization_id=${organization.id}&full=true&postcode=22100`);
    expect(full.total_items).toBe(2);
    expect((await getValid<Page>(`/api/hsds/service_at_locations?organization_id=${organization.id}&postcode=00000`)).total_items).toBe(0);
    const one = await getValid<Record<string, any>>(`/api/hsds/service_at_locations/${page.contents[0].id}`);
    expect(one.service.id).toBe(page.contents[0].service_id);
    expect(one.location.id).toBe(page.contents[0].location_id);
    const hidden = await prisma.serviceAtLocation.findFirstOrThrow({ where: { serviceId: draft.id } });
    expect((await apiGet(`/api/hsds/service_at_locations/${hidden.id}`)).status).toBe(404);
    expect((await apiGet(`/api/hsds/service_at_locations?proximity=1000`)).status).toBe(400);
  });
});

describe("taxonomies and taxonomy terms", () => {
  it("lists and gives taxonomies and terms, filtered by taxonomy, parent and top level", async () => {
    const list = await getValid<Page>(`/api/hsds/taxonomies?search=${encodeURIComponent(taxonomy.taxonomy.name)}`);
    expect(list.contents).toEqual([expect.objectContaining({ id: taxonomy.taxonomy.id, name: taxonomy.taxonomy.name })]);
    expect(await getValid(`/api/hsds/taxonomies/${taxonomy.taxonomy.id}`)).toMatchObject({ id: taxonomy.taxonomy.id });
    const terms = await getValid<Page>(`/api/hsds/taxonomy_terms?taxonomy_id=${taxonomy.taxonomy.id}`);
    expect(terms.contents.map((term) => term.id).sort()).toEqual(taxonomy.terms.map((term) => term.id).sort());
    const top = await getValid<Page>(`/api/hsds/taxonomy_terms?taxonomy_id=${taxonomy.taxonomy.id}&top_only=true`);
    expect(top.contents.map((term) => term.id)).toEqual([taxonomy.terms[0].id]);
    const children = await getValid<Page>(`/api/hsds/taxonomy_terms?parent_id=${taxonomy.terms[0].id}`);
    expect(children.contents.map((term) => term.id)).toEqual([taxonomy.terms[1].id]);
    expect(await getValid(`/api/hsds/taxonomy_terms/${taxonomy.terms[1].id}`)).toMatchObject({ id: taxonomy.terms[1].id, taxonomy_id: taxonomy.taxonomy.id, parent_id: taxonomy.terms[0].id });
    expect((await apiGet("/api/hsds/taxonomy_terms/4b0a8d0e-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await apiGet("/api/hsds/taxonomies/nope")).status).toBe(404);
  });
});

describe("CORS and methods", () => {
  it("answers preflights and refuses writes", async () => {
    const preflight = await services.action({ request: new Request("http://localhost/api/hsds/services", { method: "OPTIONS" }) });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    const post = await services.action({ request: new Request("http://localhost/api/hsds/services", { method: "POST" }) });
    expect(post.status).toBe(405);
  });
});
