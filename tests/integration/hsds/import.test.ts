import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { readHsdsSpecFile } from "~/hsds/schemas.server";
import { importHsdsDocument, MAX_IMPORT_BYTES, type ImportResult } from "~/models/hsds-import.server";
import * as importPage from "~/routes/catalogo.importa";
import { createTestOrganization, createTestService, createTestUser } from "../../support/factories";
import { apiGet, catalogueCounts, namedSchemaErrors, schemaErrorsOf, sessionCookieFor } from "./support";

// Import of HSDS 3.0 documents (issue #5): the official examples import cleanly and read back
// through the API; re-imports update; broken documents are refused with what is wrong and write
// nothing at all.

type Json = Record<string, any>;
const example = (name: string) => readHsdsSpecFile(`examples/${name}.json`) as Json;
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));

/** Every leaf of `original` that the API gives back differently, as "path: before → after". */
function differences(original: unknown, presented: unknown, path = ""): string[] {
  if (Array.isArray(original)) {
    if (!Array.isArray(presented)) return [`${path}: missing`];
    const out = original.length === presented.length ? [] : [`${path}: length ${original.length} → ${presented.length}`];
    return [...out, ...original.flatMap((item, index) => differences(item, presented[index], `${path}/${index}`))];
  }
  if (original && typeof original === "object") {
    if (!presented || typeof presented !== "object") return [`${path}: missing`];
    return Object.entries(original).flatMap(([key, value]) => differences(value, (presented as Json)[key], `${path}/${key}`));
  }
  return original === presented ? [] : [`${path}: ${JSON.stringify(original)} → ${JSON.stringify(presented)}`];
}

/**
 * What legitimately changes on the way through our tables, for a service of the official example:
 * - last_modified is when we stored it;
 * - sub-objects without a table of their own (phones, languages, required documents, attributes,
 *   addresses, accessibility) get stable ids derived from their parent's (uuid v5);
 * - the organization nested in a service comes without its locations (they are at /organizations/{id});
 * - a taxonomy term's free-text "taxonomy" is given as its taxonomy's name, term_uri is not kept,
 *   and a parent_id naming a term that exists nowhere is dropped (with a warning at import).
 */
function expectedServiceDifferences(prefix: string, service: Json, withOrganization: boolean): string[] {
  const [link] = service.service_at_locations;
  return [
    `${prefix}/last_modified`,
    `${prefix}/phones/0/id`,
    `${prefix}/contacts/0/phones/0/id`,
    `${prefix}/languages/0/id`,
    `${prefix}/required_documents/0/id`,
    `${prefix}/attributes/0/id`,
    `${prefix}/attributes/0/taxonomy_term/parent_id`,
    `${prefix}/attributes/0/taxonomy_term/taxonomy`,
    `${prefix}/attributes/0/taxonomy_term/term_uri`,
    `${prefix}/service_at_locations/0/location/addresses/0/id`,
    ...(link.location.accessibility ? [`${prefix}/service_at_locations/0/location/accessibility/0/id`] : []),
    ...(withOrganization ? [`${prefix}/organization/phones/0/id`, `${prefix}/organization/locations`] : []),
  ];
}
const pathsOf = (found: string[]) => found.map((line) => line.split(":")[0]).sort();

async function expectRefusedWithoutWrites(input: string | Json, codes: string[], kind: "auto" | "service" | "organization" = "auto") {
  const before = await catalogueCounts();
  const result = await importHsdsDocument(null, typeof input === "string" ? input : JSON.stringify(input), kind);
  expect(result.ok).toBe(false);
  const problems = (result as Extract<ImportResult, { ok: false }>).problems;
  for (const code of codes) expect(problems.map((problem) => problem.code), JSON.stringify(problems)).toContain(code);
  for (const problem of problems) expect(problem.path).toMatch(/^\//);
  expect(await catalogueCounts()).toEqual(before);
  return problems;
}

describe("importing the official examples", () => {
  it("imports examples/service_full.json and gives it back through the API", async () => {
    const document = example("service_full");
    const result = await importHsdsDocument(null, JSON.stringify(document));
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    expect(result.services).toEqual([expect.objectContaining({ id: document.id, name: document.name, created: true })]);
    expect(result.warnings.map((warning) => warning.code).sort()).toEqual(["coordinatesOutOfRange", "parentTermMissing"]);

    const response = await apiGet(`/api/hsds/services/${document.id}`);
    expect(response.status).toBe(200);
    const presented = await response.json();
    expect(namedSchemaErrors("service", presented)).toEqual([]);
    expect(pathsOf(differences(document, presented))).toEqual(expectedServiceDifferences("", document, true).sort());
    // Spot checks of what went through our columns rather than hsdsExtra.
    const row = await prisma.service.findUniqueOrThrow({ where: { id: document.id }, include: { schedules: { orderBy: { weekday: "asc" } }, costs: true, organizations: { include: { organization: true } }, locations: { include: { location: true } }, changes: true } });
    expect(row).toMatchObject({ status: "PUBLISHED", minimumAge: 12, maximumAge: 100, languages: ["ur"] });
    expect(row.searchText.split("\n")[0]).toBe("community counselling");
    expect(row.schedules.map((schedule) => [schedule.weekday, schedule.opensAt, schedule.closesAt])).toEqual([[4, "10:00", "18:00"], [5, "10:00", "18:00"]]);
    expect(row.costs).toEqual([expect.objectContaining({ kind: "FEE", amountCents: 3500 })]);
    expect(row.organizations[0]).toMatchObject({ isLead: true, organization: { isNetworkMember: false, kind: "ALTRO", name: "Example Organization Inc." } });
    expect(row.locations[0].location).toMatchObject({ comuneId: null, city: "MyCity", country: "US", region: "MyState" });
    expect(row.changes.map((change) => change.field)).toContain("import");

    // The service at its location, through its own endpoint.
    const link = await apiGet(`/api/hsds/service_at_locations/${document.service_at_locations[0].id}`);
    expect(link.status).toBe(200);
    const linkBody = await link.json();
    expect(schemaErrorsOf(`/api/hsds/service_at_locations/${document.service_at_locations[0].id}`, linkBody)).toEqual([]);
    expect(linkBody).toMatchObject({ id: document.service_at_locations[0].id, description: document.service_at_locations[0].description, location: { id: document.service_at_locations[0].location.id } });
  });

  it("updates rather than duplicates when the same document comes again", async () => {
    const document = example("service_full");
    await importHsdsDocument(null, JSON.stringify(document));
    const before = await catalogueCounts();
    const changed = { ...clone(document), name: "Community Counselling (rinnovato)" };
    const result = await importHsdsDocument(null, JSON.stringify(changed));
    expect(result).toMatchObject({ ok: true, services: [{ id: document.id, created: false }], organizations: [{ created: false }] });
    expect(await catalogueCounts()).toEqual({ ...before, changes: before.changes + 1 });
    expect((await (await apiGet(`/api/hsds/services/${document.id}`)).json()).name).toBe("Community Counselling (rinnovato)");
  });

  it("imports examples/organization_full.json and gives it back through the API", async () => {
    const document = example("organization_full");
    const result = await importHsdsDocument(null, JSON.stringify(document));
    expect(result.ok, JSON.stringify(result)).toBe(true);
    const response = await apiGet(`/api/hsds/organizations/${document.id}?full_service=true`);
    expect(response.status).toBe(200);
    const presented = await response.json();
    expect(namedSchemaErrors("organization", presented)).toEqual([]);
    const expected = [
      "/phones/0/id",
      "/locations/0/addresses/0/id",
      ...(document.locations[0].accessibility ? ["/locations/0/accessibility/0/id"] : []),
      ...expectedServiceDifferences("/services/0", document.services[0], false),
    ].sort();
    expect(pathsOf(differences(document, presented))).toEqual(expected);
  });
});

describe("mapping details", () => {
  const base = () => {
    const document = clone(example("service_full"));
    const ids = () => randomUUID();
    document.id = ids();
    document.organization.id = ids();
    document.service_at_locations = [];
    document.attributes = [];
    for (const key of ["phones", "contacts", "schedules", "cost_options", "languages", "required_documents"]) for (const item of document[key]) item.id = ids();
    for (const item of document.contacts) for (const phone of item.phones) phone.id = ids();
    return document;
  };

  it("maps statuses: temporarily closed is visible, inactive and defunct are not", async () => {
    for (const [status, ours, visible] of [["temporarily closed", "TEMPORARILY_CLOSED", 200], ["inactive", "UNPUBLISHED", 404], ["defunct", "UNPUBLISHED", 404]] as const) {
      const document: Json = { ...base(), status };
      expect((await importHsdsDocument(null, JSON.stringify(document))).ok).toBe(true);
      expect((await prisma.service.findUniqueOrThrow({ where: { id: document.id } })).status).toBe(ours);
      expect((await apiGet(`/api/hsds/services/${document.id}`)).status).toBe(visible);
    }
  });

  it("places a location in its comune when the city is one of ours, at the comune's centre when it has no coordinates", async () => {
    const suffix = randomUUID().slice(0, 6);
    const comune = await prisma.comune.create({ data: { slug: `paese-${suffix}`, name: `Paése ${suffix}`, latitude: 45.7, longitude: 9.1 } });
    const document = base();
    const location = { id: randomUUID(), location_type: "physical", name: "Sede in paese", addresses: [{ id: randomUUID(), address_1: "Via Verdi 2", city: `Paese ${suffix}`, state_province: "Lombardia", postal_code: "22063", country: "IT", address_type: "physical" }] };
    document.service_at_locations = [{ id: randomUUID(), location }];
    const result = await importHsdsDocument(null, JSON.stringify(document));
    expect(result.ok, JSON.stringify(result)).toBe(true);
    expect(await prisma.location.findUniqueOrThrow({ where: { id: location.id } })).toMatchObject({ comuneId: comune.id, latitude: 45.7, longitude: 9.1, city: `Paese ${suffix}` });
    const presented = await (await apiGet(`/api/hsds/services/${document.id}`)).json();
    expect(presented.service_at_locations[0].location).not.toHaveProperty("latitude", 100);
  });

  it("links but never changes an organization of the network", async () => {
    const member = await createTestOrganization({ name: `Cooperativa della rete ${randomUUID().slice(0, 6)}` });
    const document = base();
    document.organization = { id: member.id, name: "Nome da fuori", description: "Descrizione da fuori" };
    expect((await importHsdsDocument(null, JSON.stringify(document))).ok).toBe(true);
    expect(await prisma.organization.findUniqueOrThrow({ where: { id: member.id } })).toMatchObject({ name: member.name, isNetworkMember: true, kind: member.kind });
    const link = await prisma.serviceOrganization.findFirstOrThrow({ where: { serviceId: document.id } });
    expect(link).toMatchObject({ organizationId: member.id, isLead: true });
  });
});

describe("refusing broken documents without writing anything", () => {
  it("refuses what is not a JSON object, or is empty, or too large", async () => {
    await expectRefusedWithoutWrites("{ not json", ["notJson"]);
    await expectRefusedWithoutWrites("   ", ["empty"]);
    await expectRefusedWithoutWrites("[1, 2]", ["notObject"]);
    const huge = JSON.stringify({ ...example("service_full"), description: "x".repeat(MAX_IMPORT_BYTES) });
    await expectRefusedWithoutWrites(huge, ["tooLarge"]);
  });

  it("refuses schema violations with every problem and its path", async () => {
    const document = clone(example("service_full"));
    delete document.name;
    document.id = "not-a-uuid";
    document.minimum_age = "twelve";
    document.status = "open";
    document.email = "not an email";
    document.schedules[0].freq = "DAILY";
    const problems = await expectRefusedWithoutWrites(document, ["schema.required", "schema.format", "schema.type", "schema.enum"]);
    const paths = problems.map((problem) => problem.path);
    for (const path of ["/name", "/id", "/minimum_age", "/status", "/email", "/schedules/0/freq"]) expect(paths).toContain(path);
  });

  it("refuses what the schema allows but the catalogue cannot take", async () => {
    const document = clone(example("service_full"));
    document.id = randomUUID();
    document.minimum_age = 40;
    document.maximum_age = 12.5;
    document.schedules.push({ ...document.schedules[0], opens_at: "25:99" });
    document.cost_options[0].amount = -5;
    document.cost_options[0].valid_from = "2020-02-31";
    document.organization.locations = [];
    document.service_at_locations[0].location.id = randomUUID();
    document.service_at_locations[0].location.latitude = undefined;
    document.service_at_locations[0].location.longitude = undefined;
    const problems = await expectRefusedWithoutWrites(document, ["badAge", "duplicateId", "negativeAmount", "badDate", "noCoordinates"]);
    expect(problems.find((problem) => problem.code === "duplicateId")?.path).toBe("/schedules/1/id");
  });

  it("refuses an organization document whose second service is broken, writing not even the first", async () => {
    const document = clone(example("organization_full"));
    document.id = randomUUID();
    const first = { ...clone(document.services[0]), id: randomUUID(), service_at_locations: [], attributes: [] };
    const second = { ...clone(first), id: first.id, name: "Stesso id, altro servizio" };
    document.services = [first, second];
    await expectRefusedWithoutWrites(document, ["duplicateId"]);
    expect(await prisma.service.findUnique({ where: { id: first.id } })).toBeNull();
  });

  it("refuses references to rows that exist nowhere, and ids that belong to another service", async () => {
    const orphan = { id: randomUUID(), name: "Servizio orfano", status: "active", organization_id: randomUUID(), service_at_locations: [{ id: randomUUID(), location_id: randomUUID() }], attributes: [{ id: randomUUID(), taxonomy_term_id: randomUUID() }] };
    await expectRefusedWithoutWrites(orphan, ["unknownOrganization", "unknownLocation", "unknownTerm"]);

    const other = await createTestService();
    const [schedule] = await prisma.schedule.findMany({ where: { serviceId: other.id }, take: 1 });
    const thief = clone(example("service_full"));
    thief.id = randomUUID();
    thief.schedules[0].id = schedule.id;
    await expectRefusedWithoutWrites(thief, ["idOfAnotherService"]);
  });
});

describe("the import page /catalogo/importa", () => {
  const post = (body: FormData, cookie?: string, accept = "application/json") =>
    importPage.action({ request: new Request("http://localhost/catalogo/importa", { method: "POST", body, headers: { Accept: accept, ...(cookie ? { Cookie: cookie } : {}) } }), params: {}, context: { clientAddress: "127.0.0.1" } });
  const status = async (promise: Promise<unknown>) => {
    try {
      const value = await promise;
      return value instanceof Response ? value.status : 200;
    } catch (thrown) {
      if (thrown instanceof Response) return thrown.status;
      return (thrown as { init?: { status?: number } }).init?.status ?? 500;
    }
  };

  it("is for coordinators: anonymous visitors are sent to log in, members get 403", async () => {
    const member = await createTestUser();
    const request = (cookie?: string) => new Request("http://localhost/catalogo/importa", { headers: cookie ? { Cookie: cookie } : {} });
    expect(await status(Promise.resolve().then(() => importPage.loader({ request: request(), params: {}, context: { clientAddress: "127.0.0.1" } })))).toBe(302);
    expect(await status(Promise.resolve().then(async () => importPage.loader({ request: request(await sessionCookieFor(member)), params: {}, context: { clientAddress: "127.0.0.1" } })))).toBe(403);
    const form = new FormData();
    form.set("document", JSON.stringify(example("service_full")));
    expect(await status(post(form, await sessionCookieFor(member)))).toBe(403);
  });

  it("imports an uploaded file for a coordinator, and answers what is wrong otherwise", async () => {
    const coordinator = await createTestUser({ role: "COORDINATOR" });
    const cookie = await sessionCookieFor(coordinator);
    const document = clone(example("service_full"));
    document.id = randomUUID();
    document.name = "Servizio caricato da file";
    for (const key of ["schedules", "cost_options", "contacts", "phones", "service_at_locations"]) document[key] = [];
    document.attributes = [];
    const form = new FormData();
    form.set("file", new File([JSON.stringify(document)], "servizio.json", { type: "application/json" }));
    form.set("kind", "service");
    const ok = (await post(form, cookie)) as Response;
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ ok: true, services: [{ id: document.id, created: true }] });
    expect((await prisma.serviceChange.findFirstOrThrow({ where: { serviceId: document.id, field: "import" } })).actorId).toBe(coordinator.id);

    const broken = new FormData();
    broken.set("document", "{\"id\": 1}");
    const refused = (await post(broken, cookie)) as Response;
    expect(refused.status).toBe(400);
    const body = await refused.json();
    expect(body.ok).toBe(false);
    expect(body.problems.length).toBeGreaterThan(0);
  });
});
