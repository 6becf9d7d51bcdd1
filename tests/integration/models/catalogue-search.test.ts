import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma, queryRawRows } from "~/db.server";
import { isOpenAt } from "~/catalogue/opening-hours";
import { listUnmetSearches, recordUnmetSearch, searchCatalogue, SearchInputError } from "~/models/catalogue-search.server";
import { getServiceForEdit, insertService, setServiceStatus, toServiceInput, updateService } from "~/models/service.server";
import { catalogueSearchSchema, type CatalogueSearch } from "~/schemas/catalogue-search";
import { serviceSchema, type ServiceInput } from "~/schemas/service";
import { romeWallClockToInstant } from "~/utils/dates";
import { createTestOrganization, createTestUser } from "../../support/factories";

// Each run invents its own words (a random "tag"), so other tests' services never match.
const tag = `zq${randomUUID().replace(/-/g, "").replace(/\d/g, "").slice(0, 6)}`;
const search = (query: Partial<Record<keyof CatalogueSearch, string>>, now?: Date) => searchCatalogue(catalogueSearchSchema.parse(query), now);

let organization: { id: string; slug: string };
let termId: string;
let termCode: string;
let comune: { id: string; slug: string; name: string; latitude: number; longitude: number };
let farComune: typeof comune;

async function addService(overrides: Partial<ServiceInput> & { name: string }, status: "PUBLISHED" | "DRAFT" | "TEMPORARILY_CLOSED" = "PUBLISHED") {
  const input = serviceSchema.parse({
    description: `Servizio di prova ${tag} con una descrizione abbastanza lunga.`,
    organizations: [{ organizationId: organization.id, isLead: true }],
    termIds: [termId],
    locations: [{ name: "Sede", address: "Via Roma 1", city: comune.name, comuneId: comune.id, latitude: comune.latitude, longitude: comune.longitude }],
    ...overrides,
  });
  return prisma.$transaction((tx) => insertService(tx, null, input, { status }));
}

beforeAll(async () => {
  organization = await createTestOrganization({ name: `Cooperativa ${tag}` });
  const taxonomy = await prisma.taxonomy.create({ data: { name: `Tassonomia ${tag}`, description: "prova" } });
  termCode = `${tag}-cat`;
  const parent = await prisma.taxonomyTerm.create({ data: { taxonomyId: taxonomy.id, code: termCode, name: "Categoria di prova", description: "prova" } });
  const child = await prisma.taxonomyTerm.create({ data: { taxonomyId: taxonomy.id, code: `${termCode}.figlia`, name: "Sottocategoria", description: "prova", parentId: parent.id } });
  termId = child.id;
  const suffix = randomUUID().slice(0, 6);
  comune = await prisma.comune.create({ data: { slug: `comune-${suffix}`, name: `Borgo ${tag} Alto`, latitude: 45.8, longitude: 9.0 } });
  farComune = await prisma.comune.create({ data: { slug: `lontano-${suffix}`, name: `Borgo ${tag} Lontano`, latitude: 45.9, longitude: 9.3 } });

  await addService({ name: `Doposcuola ippoterapia ${tag}`, minimumAge: 8, maximumAge: 14, costs: [{ kind: "FREE" }], languages: ["it", "en"] });
  await addService({
    name: `Centro diurno ${tag}`,
    costs: [{ kind: "REDUCED", amountEuro: 10, amountDescription: "ISEE basso" }],
    locations: [{ name: "Sede lontana", address: "Via Milano 2", city: farComune.name, comuneId: farComune.id, latitude: farComune.latitude, longitude: farComune.longitude }],
    weeklyHours: [{ weekday: 3, opensAt: "09:00", closesAt: "12:00" }],
    exceptions: [{ date: "2026-12-09", description: "Chiuso per inventario" }],
  });
  await addService({ name: `Bozza nascosta ${tag}` }, "DRAFT");
});

describe("searchCatalogue", () => {
  it("finds a service by a misspelled, accent-less word and never returns drafts", async () => {
    const result = await search({ q: `ipoterapia ${tag}` });
    expect(result.hits.map((hit) => hit.name)).toEqual([`Doposcuola ippoterapia ${tag}`]);
    expect((await search({ q: `Bozza ${tag}` })).hits).toEqual([]);
    expect((await search({ q: `nascosta ${tag}` })).hits).toEqual([]);
  });

  it("finds a word typed with two neighbouring letters swapped, which trigrams alone miss in short words", async () => {
    const result = await search({ q: `centro diruno ${tag}` });
    expect(result.hits.map((hit) => hit.name)).toEqual([`Centro diurno ${tag}`]);
  });

  it("gives each hit its lead organization, its places in order, its categories and its kinds of cost, by words and by distance", async () => {
    const partner = await createTestOrganization({ name: `Associazione ${tag}` });
    await addService({
      name: `Sportello dettagli ${tag}`,
      organizations: [{ organizationId: partner.id, isLead: false }, { organizationId: organization.id, isLead: true }],
      costs: [{ kind: "FREE" }, { kind: "REDUCED", amountEuro: 5, amountDescription: "ISEE" }, { kind: "REDUCED", amountEuro: 8, amountDescription: "famiglie" }],
      locations: [
        { name: "Prima sede", address: "Via Roma 1", city: comune.name, comuneId: comune.id, latitude: comune.latitude, longitude: comune.longitude },
        { name: "Seconda sede", address: "Via Milano 2", city: farComune.name, comuneId: farComune.id, latitude: farComune.latitude, longitude: farComune.longitude },
      ],
    });
    const expected = {
      organization: `Cooperativa ${tag}`,
      places: [
        { name: "Prima sede", address: "Via Roma 1", city: comune.name, latitude: comune.latitude, longitude: comune.longitude },
        { name: "Seconda sede", address: "Via Milano 2", city: farComune.name, latitude: farComune.latitude, longitude: farComune.longitude },
      ],
      terms: ["Sottocategoria"],
      costKinds: ["FREE", "REDUCED"],
    };
    const byWords = (await search({ q: `dettagli ${tag}` })).hits;
    expect(byWords).toHaveLength(1);
    expect(byWords[0]).toMatchObject(expected);
    const byDistance = (await search({ categoria: termCode, vicino: comune.slug, ordina: "distance" })).hits.find((hit) => hit.name === `Sportello dettagli ${tag}`);
    expect(byDistance).toMatchObject({ ...expected, distanceM: 0 });
    await prisma.service.deleteMany({ where: { name: `Sportello dettagli ${tag}` } });
  });

  it("filters by category (sub-categories included), comune, age, cost, organization and language", async () => {
    const names = async (query: Partial<Record<keyof CatalogueSearch, string>>) => (await search({ q: tag, ...query })).hits.map((hit) => hit.name).sort();
    expect(await names({ categoria: termCode })).toEqual([`Centro diurno ${tag}`, `Doposcuola ippoterapia ${tag}`]);
    expect(await names({ comune: farComune.slug })).toEqual([`Centro diurno ${tag}`]);
    expect(await names({ eta: "10" })).toEqual([`Centro diurno ${tag}`, `Doposcuola ippoterapia ${tag}`]);
    expect(await names({ eta: "30" })).toEqual([`Centro diurno ${tag}`]);
    expect(await names({ costo: "free" })).toEqual([`Doposcuola ippoterapia ${tag}`]);
    expect(await names({ costo: "reduced" })).toEqual([`Centro diurno ${tag}`]);
    expect(await names({ ente: organization.slug })).toHaveLength(2);
    expect(await names({ lingua: "en" })).toEqual([`Doposcuola ippoterapia ${tag}`]);
  });

  it("sorts by distance from a comune, an address naming a comune, or coordinates, and filters by radius", async () => {
    const fromFar = await search({ q: tag, vicino: farComune.slug, ordina: "distance" });
    expect(fromFar.sort).toBe("distance");
    expect(fromFar.hits[0].name).toBe(`Centro diurno ${tag}`);
    expect(fromFar.hits[0].distanceM).toBe(0);
    expect(fromFar.hits[1].distanceM).toBeGreaterThan(20_000);
    const fromAddress = await search({ q: tag, vicino: `Via Verdi 3, ${comune.name}`, ordina: "distance" });
    expect(fromAddress.origin?.label).toBe(comune.name);
    expect(fromAddress.hits[0].name).toBe(`Doposcuola ippoterapia ${tag}`);
    const near = await search({ q: tag, vicino: `${comune.latitude},${comune.longitude}`, raggio: "5" });
    expect(near.hits.map((hit) => hit.name)).toEqual([`Doposcuola ippoterapia ${tag}`]);
    await expect(search({ vicino: "Via che non esiste 1, Atlantide" })).rejects.toBeInstanceOf(SearchInputError);
  });

  it("pages with a keyset cursor: every service once, in order", async () => {
    const names = Array.from({ length: 23 }, (_, i) => `Pagina ${tag} ${String(i).padStart(2, "0")}`);
    for (const name of names) await addService({ name });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await search({ q: `pagina ${tag}`, ordina: "name", ...(cursor ? { dopo: cursor } : {}) });
      seen.push(...page.hits.map((hit) => hit.name));
      cursor = page.next ?? undefined;
    } while (cursor);
    expect(seen).toEqual(names);
    await expect(search({ dopo: "not-a-cursor" })).rejects.toBeInstanceOf(SearchInputError);
  });

  it("agrees with isOpenAt on 'aperto ora' in Como time, exceptions included", async () => {
    const moments = [
      ["2026-12-02", "10:00", true], // Wednesday, open 09:00–12:00
      ["2026-12-02", "12:00", false], // closing time is already closed
      ["2026-12-02", "08:59", false],
      ["2026-12-03", "10:00", false], // Thursday
      ["2026-12-09", "10:00", false], // Wednesday, but closed for the exception
      ["2026-07-01", "10:00", true], // summer time
    ] as const;
    const service = await prisma.service.findFirstOrThrow({ where: { name: `Centro diurno ${tag}` }, select: { schedules: true } });
    for (const [date, time, open] of moments) {
      const instant = romeWallClockToInstant(date, time);
      expect(isOpenAt(service.schedules, instant), `${date} ${time}`).toBe(open);
      const found = (await search({ q: `centro ${tag}`, aperto: "1" }, instant)).hits.length > 0;
      expect(found, `${date} ${time} (SQL)`).toBe(open);
    }
  });

  it("records unmet searches without who made them, grouped for the labs", async () => {
    const query = `introvabile ${tag}`;
    const result = await search({ q: query });
    expect(result.hits).toEqual([]);
    await recordUnmetSearch(catalogueSearchSchema.parse({ q: query, comune: comune.slug }));
    await recordUnmetSearch(catalogueSearchSchema.parse({ q: query, comune: comune.slug }));
    const unmet = (await listUnmetSearches()).find((row) => row.query === query);
    expect(unmet).toMatchObject({ count: 2, filters: { comune: comune.slug } });
  });

  it("keeps the search rows (ServiceSearch, ServicePlace) equal to the services through edits, moves and status changes", async () => {
    const coordinator = await createTestUser({ role: "COORDINATOR" });
    const { slug } = await addService({ name: `Sportello mobile ${tag}` });
    const service = (await getServiceForEdit(slug))!;
    const input = toServiceInput(service);
    const otherTerm = await prisma.taxonomyTerm.create({ data: { taxonomyId: (await prisma.taxonomyTerm.findUniqueOrThrow({ where: { id: termId } })).taxonomyId, code: `${tag}-altra`, name: "Altra", description: "prova" } });
    await updateService(coordinator.id, slug, {
      ...input,
      termIds: [otherTerm.id],
      maximumAge: 30,
      locations: [{ ...input.locations[0], latitude: farComune.latitude, longitude: farComune.longitude }, { name: "Seconda sede", address: "Via Verdi 2", city: comune.name, comuneId: comune.id, latitude: comune.latitude, longitude: comune.longitude }],
    });
    await setServiceStatus(coordinator.id, slug, "TEMPORARILY_CLOSED", "Chiuso per lavori");
    const [mismatch] = await queryRawRows<{ services: number; places: number }>(
      `SELECT
         (SELECT count(*) FROM "Service" s LEFT JOIN "ServiceSearch" ss ON ss.id = s.id
           WHERE ss.id IS NULL OR ss.status <> s.status OR ss."maximumAge" IS DISTINCT FROM s."maximumAge" OR ss."sortName" <> lower(s.name))::int AS services,
         (SELECT count(*) FROM "ServiceAtLocation" sl JOIN "Service" s ON s.id = sl."serviceId" JOIN "Location" l ON l.id = sl."locationId"
           LEFT JOIN "ServicePlace" sp ON sp.id = sl.id
           WHERE sp.id IS NULL OR sp.status <> s.status OR sp."earthPoint" IS DISTINCT FROM l."earthPoint"
              OR (SELECT coalesce(array_agg(x ORDER BY x), '{}') FROM unnest(sp."termIds") x)
                 <> (SELECT coalesce(array_agg(t."termId" ORDER BY t."termId"), '{}') FROM "ServiceTaxonomyTerm" t WHERE t."serviceId" = s.id))::int AS places`,
    );
    expect(mismatch).toEqual({ services: 0, places: 0 });
    const near = await search({ q: `mobile ${tag}`, vicino: farComune.slug, raggio: "2", ordina: "distance" });
    expect(near.hits.map((hit) => [hit.name, hit.status])).toEqual([[`Sportello mobile ${tag}`, "TEMPORARILY_CLOSED"]]);
    expect((await search({ q: `mobile ${tag}`, categoria: termCode, vicino: farComune.slug, ordina: "distance" })).hits).toEqual([]);
  });
});
