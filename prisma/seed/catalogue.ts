import type { PrismaClient } from "../../app/generated/prisma/client";
import { insertService } from "../../app/models/service.server";
import type { ServiceInput } from "../../app/schemas/service";
import { SERVICES, TAXONOMY, TERMS, type SeedService, type SeedTerm } from "./catalogue-data";

// Idempotent like the rest of the seed: adds what is missing, never overwrites later edits.

/** The network's welfare taxonomy (always: it is reference data); returns term ids by code. */
export async function seedTaxonomy(prisma: PrismaClient) {
  const taxonomy =
    (await prisma.taxonomy.findFirst({ where: { name: TAXONOMY.name }, select: { id: true } })) ??
    (await prisma.taxonomy.create({ data: TAXONOMY, select: { id: true } }));
  const ids = new Map((await prisma.taxonomyTerm.findMany({ where: { taxonomyId: taxonomy.id }, select: { id: true, code: true } })).map((row) => [row.code, row.id]));
  const add = async (terms: SeedTerm[], parentId: string | null) => {
    for (const [position, { children, ...term }] of terms.entries()) {
      if (!ids.has(term.code)) {
        const row = await prisma.taxonomyTerm.create({ data: { ...term, taxonomyId: taxonomy.id, parentId, position }, select: { id: true } });
        ids.set(term.code, row.id);
      }
      if (children) await add(children, ids.get(term.code)!);
    }
  };
  await add(TERMS, null);
  return ids;
}

/** The partner organizations' services, published, each at its place in the area's comuni. */
export async function seedCatalogueServices(prisma: PrismaClient, termIds: Map<string, string>, now = new Date()) {
  const existing = new Set((await prisma.service.findMany({ where: { slug: { in: SERVICES.map((service) => service.slug) } }, select: { slug: true } })).map((row) => row.slug));
  const missing = SERVICES.filter((service) => !existing.has(service.slug));
  if (!missing.length) return 0;
  const organizations = new Map((await prisma.organization.findMany({ select: { id: true, slug: true } })).map((row) => [row.slug, row.id]));
  const comuni = new Map((await prisma.comune.findMany()).map((row) => [row.slug, row]));
  for (const service of missing) {
    const input = serviceInputOf(service, organizations, comuni, termIds, now);
    await prisma.$transaction((tx) => insertService(tx, null, input, { status: "PUBLISHED", slug: service.slug }));
  }
  return missing.length;
}

function serviceInputOf(
  service: SeedService,
  organizations: Map<string, string>,
  comuni: Map<string, { id: string; name: string; latitude: number; longitude: number }>,
  termIds: Map<string, string>,
  now: Date,
): ServiceInput {
  const required = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`catalogue seed: unknown ${what}`);
    return value;
  };
  return {
    name: service.name,
    description: service.description,
    eligibilityDescription: service.eligibility,
    minimumAge: service.ages?.[0],
    maximumAge: service.ages?.[1],
    applicationProcess: service.applicationProcess,
    requiredDocuments: service.requiredDocuments ?? [],
    feesDescription: service.feesDescription,
    accessibility: service.accessibility,
    languages: (service.languages ?? ["it"]) as ServiceInput["languages"],
    lastVerifiedAt: now.toISOString().slice(0, 10),
    url: service.url,
    email: service.contact.email,
    organizations: service.organizations.map((slug, index) => ({ organizationId: required(organizations.get(slug), `organization ${slug}`), isLead: index === 0 })),
    locations: service.places.map((place) => {
      const comune = required(comuni.get(place.comune), `comune ${place.comune}`);
      return {
        name: place.name,
        address: place.address,
        postalCode: place.postalCode,
        comuneId: comune.id,
        city: comune.name,
        latitude: Number((comune.latitude + place.dLat).toFixed(6)),
        longitude: Number((comune.longitude + place.dLon).toFixed(6)),
        accessibility: place.accessibility,
        transportation: place.transportation,
      };
    }),
    weeklyHours: service.hours.flatMap((hours) => hours.days.map((weekday) => ({ weekday, opensAt: hours.opens, closesAt: hours.closes, validFrom: hours.validFrom, validTo: hours.validTo }))),
    exceptions: (service.closedOn ?? []).map((day) => ({ date: day.date, description: day.description })),
    costs: service.costs.map((cost) => ({ kind: cost.kind, amountEuro: cost.euro, amountDescription: cost.description })),
    contacts: [{ name: service.contact.name, email: service.contact.email, phone: service.contact.phone }],
    termIds: service.terms.map((code) => required(termIds.get(code), `term ${code}`)),
  };
}
