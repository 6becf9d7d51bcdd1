import type { Env } from "../../app/env.server";
import type { PrismaClient } from "../../app/generated/prisma/client";
import { hashPassword } from "../../app/services/password.server";
import { COMUNI, DEMO_PASSWORD, DEMO_USERS, ORGANIZATIONS } from "./network-data";

/** Demo accounts exist only on the embedded database or when SEED_DEMO=1 asks for them. */
export function wantsDemoAccounts(env: Pick<Env, "databaseKind" | "SEED_DEMO">): boolean {
  return env.databaseKind === "embedded" || env.SEED_DEMO;
}

/**
 * Seeds the network on an empty or partial database. Idempotent: it only adds what is missing
 * and never overwrites what the network's admins changed since.
 */
export async function seedNetwork(prisma: PrismaClient, { demo }: { demo: boolean }) {
  const comuneIds = new Map<string, { id: string; latitude: number; longitude: number }>();
  for (const comune of COMUNI) {
    const row = await prisma.comune.upsert({ where: { slug: comune.slug }, create: comune, update: {} });
    comuneIds.set(comune.slug, row);
  }

  const organizationIds = new Map<string, string>();
  for (const { comune, ...organization } of ORGANIZATIONS) {
    const seat = comune ? comuneIds.get(comune) : undefined;
    const row = await prisma.organization.upsert({
      where: { slug: organization.slug },
      create: { ...organization, comuneId: seat?.id, latitude: seat?.latitude, longitude: seat?.longitude },
      update: {},
    });
    organizationIds.set(organization.slug, row.id);
  }

  if (!demo) return { demoUsers: 0 };
  let created = 0;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const demoUser of DEMO_USERS) {
    if (await prisma.user.findUnique({ where: { email: demoUser.email }, select: { id: true } })) continue;
    const organizationId = demoUser.organization ? organizationIds.get(demoUser.organization) : undefined;
    await prisma.user.create({
      data: {
        email: demoUser.email,
        name: demoUser.name,
        role: demoUser.role,
        languages: demoUser.languages,
        passwordHash,
        memberships: organizationId ? { create: { organizationId, title: demoUser.title } } : undefined,
      },
    });
    created++;
  }
  return { demoUsers: created };
}
