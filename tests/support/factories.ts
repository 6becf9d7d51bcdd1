import { randomUUID } from "node:crypto";
import type { OrganizationKind, PlatformRole } from "~/generated/prisma/enums";
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
