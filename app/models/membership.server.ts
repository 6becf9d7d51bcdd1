import { prisma } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import { recordAudit } from "./audit.server";

export class AlreadyMemberError extends Error {}

/** Adds a person to an organization (with their title there) and records it. */
export function addMembership(actorId: string | null, input: { userId: string; organizationId: string; title?: string }) {
  return prisma
    .$transaction(async (tx) => {
      const membership = await tx.membership.create({
        data: { userId: input.userId, organizationId: input.organizationId, title: input.title ?? null },
        include: { user: { select: { name: true } }, organization: { select: { name: true } } },
      });
      await recordAudit(tx, {
        actorId,
        action: "membership.added",
        targetType: "membership",
        targetId: membership.id,
        summary: `${membership.user.name} → ${membership.organization.name}`,
        details: { userId: input.userId, organizationId: input.organizationId, title: input.title ?? null },
      });
      return membership;
    })
    .catch((error: unknown) => {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new AlreadyMemberError();
      throw error;
    });
}

/** Removes a person from an organization and records it; false when there was no such membership. */
export function removeMembership(actorId: string, membershipId: string): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const membership = await tx.membership.findUnique({
      where: { id: membershipId },
      include: { user: { select: { name: true } }, organization: { select: { name: true } } },
    });
    if (!membership) return false;
    await tx.membership.delete({ where: { id: membershipId } });
    await recordAudit(tx, {
      actorId,
      action: "membership.removed",
      targetType: "membership",
      targetId: membershipId,
      summary: `${membership.user.name} ✕ ${membership.organization.name}`,
      details: { userId: membership.userId, organizationId: membership.organizationId },
    });
    return true;
  });
}
