import type { PlatformRole, Prisma } from "~/generated/prisma/client";
import { prisma } from "~/db.server";
import { hashPassword, verifyPassword } from "~/services/password.server";
import { recordAudit } from "./audit.server";

/** What a request knows about the signed-in person. */
export type SessionUser = {
  id: string;
  email: string;
  name: string;
  role: PlatformRole;
  locale: string;
  sessionVersion: number;
  organizationIds: string[];
};

const sessionUserSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  locale: true,
  sessionVersion: true,
  deactivatedAt: true,
  memberships: { select: { organizationId: true } },
} satisfies Prisma.UserSelect;

function toSessionUser(user: Prisma.UserGetPayload<{ select: typeof sessionUserSelect }>): SessionUser | null {
  if (user.deactivatedAt) return null;
  const { memberships, deactivatedAt: _deactivated, ...rest } = user;
  return { ...rest, organizationIds: memberships.map((membership) => membership.organizationId) };
}

/** The active user with this id as a session sees them, or null. */
export async function getSessionUserById(id: string): Promise<SessionUser | null> {
  const user = await prisma.user.findUnique({ where: { id }, select: sessionUserSelect });
  return user ? toSessionUser(user) : null;
}

/** Checks email and password; null for any failure, with the same work done either way. */
export async function verifyLogin(email: string, password: string): Promise<SessionUser | null> {
  const user = await prisma.user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { ...sessionUserSelect, passwordHash: true },
  });
  const valid = await verifyPassword(password, user?.passwordHash);
  if (!user || !valid) return null;
  const { passwordHash: _hash, ...rest } = user;
  return toSessionUser(rest);
}

/** Creates an account (optionally inside a transaction) with a hashed password. */
export async function createUser(
  input: { email: string; name: string; password: string; role?: PlatformRole; languages?: string[]; locale?: string },
  tx: Prisma.TransactionClient = prisma,
) {
  return tx.user.create({
    data: {
      email: input.email.trim().toLowerCase(),
      name: input.name.trim(),
      passwordHash: await hashPassword(input.password),
      role: input.role ?? "MEMBER",
      languages: input.languages ?? ["it"],
      locale: input.locale ?? "it",
    },
  });
}

/** True when an account already uses this email. */
export async function emailIsTaken(email: string): Promise<boolean> {
  return (await prisma.user.count({ where: { email: email.trim().toLowerCase() } })) > 0;
}

/** A person's public profile with their organizations. */
export function getPerson(id: string) {
  return prisma.user.findUnique({
    where: { id },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      languages: true,
      locale: true,
      phone: true,
      bio: true,
      createdAt: true,
      deactivatedAt: true,
      memberships: {
        select: { id: true, title: true, organization: { select: { id: true, slug: true, name: true, kind: true } } },
        orderBy: { organization: { name: "asc" } },
      },
    },
  });
}

export type ProfileInput = { name: string; phone?: string; bio?: string; languages: string[]; locale: string };

/** Saves the editable parts of a profile. */
export function updateProfile(userId: string, input: ProfileInput) {
  return prisma.user.update({
    where: { id: userId },
    data: { name: input.name, phone: input.phone ?? null, bio: input.bio ?? null, languages: input.languages, locale: input.locale },
  });
}

/**
 * Changes a password after checking the current one. Bumps the session version so every other
 * session of this account stops working; returns the new version, or null if `current` is wrong.
 */
export async function changePassword(userId: string, current: string, next: string): Promise<number | null> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } });
  if (!(await verifyPassword(current, user.passwordHash))) return null;
  const passwordHash = await hashPassword(next);
  return prisma.$transaction(async (tx) => {
    const updated = await tx.user.update({
      where: { id: userId },
      data: { passwordHash, sessionVersion: { increment: 1 } },
      select: { sessionVersion: true },
    });
    await recordAudit(tx, {
      actorId: userId,
      action: "user.password_changed",
      targetType: "user",
      targetId: userId,
      summary: "Password changed",
    });
    return updated.sessionVersion;
  });
}

export class LastAdminError extends Error {
  constructor() {
    super("At least one administrator must remain");
  }
}

/** Changes a platform role and records who did it; refuses to remove the last administrator. */
export async function changeRole(actorId: string, targetId: string, role: PlatformRole) {
  return prisma.$transaction(async (tx) => {
    const target = await tx.user.findUniqueOrThrow({ where: { id: targetId }, select: { id: true, name: true, role: true } });
    if (target.role === role) return target;
    if (target.role === "ADMIN") {
      const admins = await tx.user.count({ where: { role: "ADMIN", deactivatedAt: null } });
      if (admins <= 1) throw new LastAdminError();
    }
    const updated = await tx.user.update({ where: { id: targetId }, data: { role }, select: { id: true, name: true, role: true } });
    await recordAudit(tx, {
      actorId,
      action: "user.role_changed",
      targetType: "user",
      targetId,
      summary: `${target.name}: ${target.role} → ${role}`,
      details: { from: target.role, to: role, name: target.name },
    });
    return updated;
  });
}

export type PeopleFilter = { q?: string; role?: PlatformRole; organizationId?: string };

/** The directory of people, alphabetical, filtered by words, role and organization. */
export function listPeople(filter: PeopleFilter) {
  const where: Prisma.UserWhereInput = { deactivatedAt: null };
  if (filter.q) {
    where.OR = [
      { name: { contains: filter.q, mode: "insensitive" } },
      { email: { contains: filter.q, mode: "insensitive" } },
    ];
  }
  if (filter.role) where.role = filter.role;
  if (filter.organizationId) where.memberships = { some: { organizationId: filter.organizationId } };
  return prisma.user.findMany({
    where,
    orderBy: { name: "asc" },
    take: 500,
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      languages: true,
      memberships: { select: { title: true, organization: { select: { slug: true, name: true } } } },
    },
  });
}

/** People not yet in an organization, for the "add a person" picker. */
export function listPeopleOutside(organizationId: string) {
  return prisma.user.findMany({
    where: { deactivatedAt: null, memberships: { none: { organizationId } } },
    orderBy: { name: "asc" },
    select: { id: true, name: true, email: true },
  });
}
