import type { OrganizationKind, Prisma } from "~/generated/prisma/client";
import { prisma } from "~/db.server";
import { slugify } from "~/utils/slugify";
import { recordAudit } from "./audit.server";

export type OrganizationFilter = { kind?: OrganizationKind; comune?: string; q?: string };

/** Organizations of the network, the lead body first, then by name. */
export function listOrganizations(filter: OrganizationFilter = {}) {
  const where: Prisma.OrganizationWhereInput = {};
  if (filter.kind) where.kind = filter.kind;
  if (filter.comune) where.comune = { slug: filter.comune };
  if (filter.q) where.name = { contains: filter.q, mode: "insensitive" };
  return prisma.organization.findMany({
    where,
    orderBy: [{ isLead: "desc" }, { name: "asc" }],
    select: {
      id: true,
      slug: true,
      name: true,
      kind: true,
      isLead: true,
      comune: { select: { name: true, slug: true } },
      _count: { select: { memberships: true } },
    },
  });
}

/** Names and ids only, for pickers. */
export function listOrganizationOptions() {
  return prisma.organization.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
}

/** One organization with its comune, or null. */
export function getOrganizationBySlug(slug: string) {
  return prisma.organization.findUnique({ where: { slug }, include: { comune: true } });
}

/** The active people of an organization with their title there, alphabetical. */
export function listOrganizationPeople(organizationId: string) {
  return prisma.membership.findMany({
    where: { organizationId, user: { deactivatedAt: null } },
    orderBy: { user: { name: "asc" } },
    select: { id: true, title: true, user: { select: { id: true, name: true, email: true, role: true } } },
  });
}

export type OrganizationInput = {
  name: string;
  kind: OrganizationKind;
  isLead: boolean;
  description?: string;
  email?: string;
  phone?: string;
  website?: string;
  address?: string;
  comuneId?: string;
  latitude?: number;
  longitude?: number;
};

export class DuplicateOrganizationError extends Error {}

function toData(input: OrganizationInput) {
  return {
    name: input.name,
    kind: input.kind,
    isLead: input.isLead,
    description: input.description ?? null,
    email: input.email ?? null,
    phone: input.phone ?? null,
    website: input.website ?? null,
    address: input.address ?? null,
    comuneId: input.comuneId ?? null,
    latitude: input.latitude ?? null,
    longitude: input.longitude ?? null,
  };
}

// Addresses taken by pages under /organizzazioni/.
const RESERVED_SLUGS = new Set(["nuova"]);

async function uniqueSlug(tx: Prisma.TransactionClient, name: string, exceptId?: string) {
  const slugged = slugify(name);
  const base = !slugged || RESERVED_SLUGS.has(slugged) ? `organizzazione-${slugged}`.replace(/-$/, "") : slugged;
  for (let suffix = 1; ; suffix++) {
    const slug = suffix === 1 ? base : `${base}-${suffix}`;
    const existing = await tx.organization.findUnique({ where: { slug }, select: { id: true } });
    if (!existing || existing.id === exceptId) return slug;
  }
}

async function assertNameFree(tx: Prisma.TransactionClient, name: string, exceptId?: string) {
  const clash = await tx.organization.findFirst({
    where: { name: { equals: name, mode: "insensitive" }, NOT: exceptId ? { id: exceptId } : undefined },
    select: { id: true },
  });
  if (clash) throw new DuplicateOrganizationError(name);
}

/** Creates an organization and records it in the audit log. */
export function createOrganization(actorId: string, input: OrganizationInput) {
  return prisma.$transaction(async (tx) => {
    await assertNameFree(tx, input.name);
    const organization = await tx.organization.create({
      data: { ...toData(input), slug: await uniqueSlug(tx, input.name) },
    });
    await recordAudit(tx, {
      actorId,
      action: "organization.created",
      targetType: "organization",
      targetId: organization.id,
      summary: organization.name,
    });
    return organization;
  });
}

/** Updates an organization, keeping its address (slug) stable, and records which fields changed. */
export function updateOrganization(actorId: string, id: string, input: OrganizationInput) {
  return prisma.$transaction(async (tx) => {
    await assertNameFree(tx, input.name, id);
    const before = await tx.organization.findUniqueOrThrow({ where: { id } });
    const data = toData(input);
    const changed = (Object.keys(data) as (keyof typeof data)[]).filter((key) => before[key] !== data[key]);
    const organization = await tx.organization.update({ where: { id }, data });
    if (changed.length > 0) {
      await recordAudit(tx, {
        actorId,
        action: "organization.updated",
        targetType: "organization",
        targetId: id,
        summary: `${organization.name}: ${changed.join(", ")}`,
        details: { changed },
      });
    }
    return organization;
  });
}

/** Headline figures of the network for the home page. */
export async function getNetworkFigures() {
  const [organizations, people, comuni] = await prisma.$transaction([
    prisma.organization.count(),
    prisma.user.count({ where: { deactivatedAt: null } }),
    prisma.comune.count({ where: { organizations: { some: {} } } }),
  ]);
  return { organizations, people, comuni };
}
