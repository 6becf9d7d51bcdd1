import { createHash, randomBytes } from "node:crypto";
import { addDays } from "date-fns";
import type { PlatformRole, Prisma } from "~/generated/prisma/client";
import { prisma } from "~/db.server";
import { recordAudit } from "./audit.server";
import { createUser } from "./user.server";

// Only a hash of the token is stored: a leaked database does not leak usable invitation links.
const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export type InvitationStatus = "pending" | "accepted" | "revoked" | "expired";

/** Where an invitation stands at `now`. */
export function invitationStatus(invitation: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now = new Date()): InvitationStatus {
  if (invitation.acceptedAt) return "accepted";
  if (invitation.revokedAt) return "revoked";
  if (invitation.expiresAt <= now) return "expired";
  return "pending";
}

/** Creates an invitation to join an organization; returns it with the one-time token for the link. */
export async function createInvitation(
  actorId: string,
  input: { organizationId: string; role: PlatformRole; email?: string; validDays: number },
) {
  const token = randomBytes(24).toString("base64url");
  const invitation = await prisma.$transaction(async (tx) => {
    const created = await tx.invitation.create({
      data: {
        tokenHash: hashToken(token),
        organizationId: input.organizationId,
        role: input.role,
        email: input.email?.trim().toLowerCase() || null,
        createdById: actorId,
        expiresAt: addDays(new Date(), input.validDays),
      },
      include: { organization: { select: { name: true } } },
    });
    await recordAudit(tx, {
      actorId,
      action: "invitation.created",
      targetType: "invitation",
      targetId: created.id,
      summary: `${created.organization.name} (${input.role})${created.email ? ` · ${created.email}` : ""}`,
      details: { organizationId: input.organizationId, role: input.role, email: created.email },
    });
    return created;
  });
  return { invitation, token };
}

/** Recent invitations, newest first, with their organization and creator. */
export function listInvitations() {
  return prisma.invitation.findMany({
    orderBy: { createdAt: "desc" },
    take: 100,
    include: {
      organization: { select: { name: true, slug: true } },
      createdBy: { select: { id: true, name: true } },
      acceptedBy: { select: { id: true, name: true } },
    },
  });
}

/** An invitation by id (for revoking). */
export function getInvitation(id: string) {
  return prisma.invitation.findUnique({ where: { id } });
}

/** Revokes a pending invitation and records it. */
export function revokeInvitation(actorId: string, id: string) {
  return prisma.$transaction(async (tx) => {
    const invitation = await tx.invitation.update({
      where: { id },
      data: { revokedAt: new Date() },
      include: { organization: { select: { name: true } } },
    });
    await recordAudit(tx, {
      actorId,
      action: "invitation.revoked",
      targetType: "invitation",
      targetId: id,
      summary: invitation.organization.name,
    });
  });
}

/** The still-usable invitation behind a link token, or null. */
export async function getUsableInvitation(token: string) {
  const invitation = await prisma.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { organization: { select: { id: true, name: true, slug: true } } },
  });
  return invitation && invitationStatus(invitation) === "pending" ? invitation : null;
}

export class InvitationUnusableError extends Error {}
export class InvitationEmailMismatchError extends Error {}

// Claims the invitation in the same transaction that uses it, so one link makes one account.
async function claim(tx: Prisma.TransactionClient, token: string, userId: string) {
  const claimed = await tx.invitation.updateMany({
    where: { tokenHash: hashToken(token), acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    data: { acceptedAt: new Date(), acceptedById: userId },
  });
  if (claimed.count !== 1) throw new InvitationUnusableError();
  return tx.invitation.findUniqueOrThrow({
    where: { tokenHash: hashToken(token) },
    include: { organization: { select: { id: true, name: true, slug: true } } },
  });
}

async function joinOrganization(tx: Prisma.TransactionClient, userId: string, userName: string, invitation: Awaited<ReturnType<typeof claim>>) {
  const existing = await tx.membership.findUnique({
    where: { userId_organizationId: { userId, organizationId: invitation.organizationId } },
  });
  if (!existing) {
    const membership = await tx.membership.create({ data: { userId, organizationId: invitation.organizationId } });
    await recordAudit(tx, {
      actorId: userId,
      action: "membership.added",
      targetType: "membership",
      targetId: membership.id,
      summary: `${userName} → ${invitation.organization.name}`,
      details: { userId, organizationId: invitation.organizationId, invitationId: invitation.id },
    });
  }
  await recordAudit(tx, {
    actorId: userId,
    action: "invitation.accepted",
    targetType: "invitation",
    targetId: invitation.id,
    summary: `${userName} → ${invitation.organization.name}`,
  });
}

/** Creates an account from an invitation and joins its organization, atomically. */
export async function acceptInvitationAsNewUser(token: string, input: { email: string; name: string; password: string; languages: string[] }) {
  return prisma.$transaction(async (tx) => {
    const pending = await tx.invitation.findUnique({ where: { tokenHash: hashToken(token) } });
    if (!pending) throw new InvitationUnusableError();
    if (pending.email && pending.email !== input.email.trim().toLowerCase()) throw new InvitationEmailMismatchError();
    const user = await createUser({ ...input, role: pending.role }, tx);
    const invitation = await claim(tx, token, user.id);
    await joinOrganization(tx, user.id, user.name, invitation);
    return user;
  });
}

/** A signed-in person accepts an invitation: joins its organization; the role only ever goes up. */
export async function acceptInvitationAsUser(token: string, user: { id: string; name: string; email: string; role: PlatformRole }) {
  const rank: Record<PlatformRole, number> = { MEMBER: 0, FACILITATOR: 1, COORDINATOR: 2, ADMIN: 3 };
  return prisma.$transaction(async (tx) => {
    const pending = await tx.invitation.findUnique({ where: { tokenHash: hashToken(token) } });
    if (pending?.email && pending.email !== user.email) throw new InvitationEmailMismatchError();
    const invitation = await claim(tx, token, user.id);
    await joinOrganization(tx, user.id, user.name, invitation);
    if (rank[invitation.role] > rank[user.role]) {
      await tx.user.update({ where: { id: user.id }, data: { role: invitation.role } });
      await recordAudit(tx, {
        actorId: user.id,
        action: "user.role_changed",
        targetType: "user",
        targetId: user.id,
        summary: `${user.name}: ${user.role} → ${invitation.role}`,
        details: { from: user.role, to: invitation.role, invitationId: invitation.id },
      });
    }
    return invitation;
  });
}
