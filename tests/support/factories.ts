import { randomUUID } from "node:crypto";
import type { OrganizationKind, PlatformRole, ServiceStatus } from "~/generated/prisma/enums";
import { buildSearchText } from "~/catalogue/search-text";
import { prisma } from "~/db.server";
import { hashPassword } from "~/services/password.server";

// Each test builds the people and organizations it needs, with unique names, so tests never
// depend on each other's data or on the seed.

export const TEST_PASSWORD = "test-password-123";
let cachedHash: Promise<string> | undefined;

/** A person with a known password (TEST_PASSWORD), optionally in an organization. */
export async function createTestUser(options: { role?: PlatformRole; organizationId?: string; name?: string } = {}) {
  const suffix = randomUUID().slice(0, 8);
  cachedHash ??= hashPassword(TEST_PASSWORD);
  return prisma.user.create({
    data: {
      email: `person-${suffix}@test.example`,
      name: options.name ?? `Persona ${suffix}`,
      role: options.role ?? "MEMBER",
      passwordHash: await cachedHash,
      memberships: options.organizationId ? { create: { organizationId: options.organizationId } } : undefined,
    },
  });
}

/** An organization with a unique name and slug. */
export function createTestOrganization(options: { kind?: OrganizationKind; name?: string } = {}) {
  const suffix = randomUUID().slice(0, 8);
  return prisma.organization.create({
    data: { name: options.name ?? `Organizzazione ${suffix}`, slug: `org-${suffix}`, kind: options.kind ?? "COOPERATIVA_SOCIALE" },
  });
}

/** A lab with the given people in it (and no organizations unless asked). */
export async function createTestLab(members: { userId: string; role: "FACILITATOR" | "MEMBER" | "OBSERVER" }[], options: { status?: "ACTIVE" | "PAUSED" | "CLOSED" } = {}) {
  const suffix = randomUUID().slice(0, 8);
  return prisma.lab.create({
    data: { slug: `lab-${suffix}`, title: `Laboratorio ${suffix}`, challenge: "Una sfida di prova", status: options.status ?? "ACTIVE", members: { create: members } },
  });
}

/** A taxonomy with a unique name, and optionally terms under it (codes "t1", "t2"…). */
export async function createTestTaxonomy(options: { terms?: number } = {}) {
  const suffix = randomUUID().slice(0, 8);
  const taxonomy = await prisma.taxonomy.create({ data: { name: `Tassonomia ${suffix}`, description: "Tassonomia di prova" } });
  const terms = [];
  for (let index = 1; index <= (options.terms ?? 0); index += 1) {
    terms.push(await prisma.taxonomyTerm.create({ data: { taxonomyId: taxonomy.id, code: `t${index}`, name: `Categoria ${index} ${suffix}`, description: `Categoria di prova ${index}` } }));
  }
  return { taxonomy, terms };
}

/**
 * A catalogue service (published unless told) of an organization (a new one unless given), with
 * one location, weekly hours Monday and Wednesday, one exception, a reduced fee, a contact with a
 * phone, and the given taxonomy terms; its searchText is built like the app builds it.
 */
export async function createTestService(options: { status?: ServiceStatus; organizationId?: string; name?: string; termIds?: string[]; description?: string } = {}) {
  const suffix = randomUUID().slice(0, 8);
  const organization = options.organizationId
    ? await prisma.organization.findUniqueOrThrow({ where: { id: options.organizationId } })
    : await createTestOrganization();
  const name = options.name ?? `Servizio ${suffix}`;
  const description = options.description ?? "Un servizio di prova per le famiglie";
  const terms = await prisma.taxonomyTerm.findMany({ where: { id: { in: options.termIds ?? [] } }, select: { name: true } });
  const location = await prisma.location.create({
    data: { organizationId: organization.id, name: `Sede ${suffix}`, address: "Via Roma 1", postalCode: "22100", city: "Como", latitude: 45.81, longitude: 9.085, accessibility: "Accesso senza gradini" },
  });
  return prisma.service.create({
    data: {
      slug: `servizio-${suffix}`,
      name,
      description,
      status: options.status ?? "PUBLISHED",
      publishedAt: (options.status ?? "PUBLISHED") === "PUBLISHED" ? new Date() : null,
      email: `servizio-${suffix}@test.example`,
      url: "https://servizio.test.example",
      minimumAge: 6,
      maximumAge: 14,
      languages: ["it", "en"],
      requiredDocuments: ["Documento d'identità"],
      lastVerifiedAt: new Date("2026-01-15T00:00:00Z"),
      searchText: buildSearchText({ name, description, organizationNames: [organization.name], termNames: terms.map((term) => term.name), places: ["Como Via Roma 1"] }),
      organizations: { create: { organizationId: organization.id, isLead: true } },
      locations: { create: { locationId: location.id } },
      schedules: {
        create: [
          { weekday: 1, opensAt: "09:00", closesAt: "12:30" },
          { weekday: 3, opensAt: "09:00", closesAt: "12:30" },
          { date: new Date("2026-12-25T00:00:00Z") },
        ],
      },
      costs: { create: [{ kind: "REDUCED", amountCents: 1250, amountDescription: "Con ISEE sotto 15.000 euro" }] },
      contacts: { create: [{ name: "Referente", title: "Coordinatrice", email: `referente-${suffix}@test.example`, phone: "+39 031 000000" }] },
      terms: { create: (options.termIds ?? []).map((termId) => ({ termId })) },
    },
  });
}
