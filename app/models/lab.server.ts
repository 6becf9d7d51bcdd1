import type { LabRole, LabStatus, Prisma } from "~/generated/prisma/client";
import { prisma } from "~/db.server";
import type { LabMembership } from "~/policies";
import { emitAccessChange } from "~/services/access-events.server";
import { slugify } from "~/utils/slugify";

type Tx = Prisma.TransactionClient;

export type LabActivityKind =
  | "lab.created"
  | "lab.status_changed"
  | "member.added"
  | "member.role_changed"
  | "member.removed"
  | "organization.added"
  | "join.requested"
  | "join.accepted"
  | "join.declined"
  | "proposal.created"
  | "proposal.edited"
  | "proposal.fields_updated"
  | "proposal.moved"
  | "proposal.version_named"
  | "proposal.version_restored"
  | "comment.added"
  | "session.scheduled"
  | "session.changed"
  | "session.cancelled"
  | "session.closed"
  | "proposal.created_from_session";

/** Adds an entry to a lab's activity feed inside the caller's transaction. */
export function recordLabActivity(
  tx: Tx,
  entry: { labId: string; actorId: string | null; kind: LabActivityKind; proposalId?: string | null; details?: Prisma.InputJsonValue },
) {
  return tx.labActivity.create({ data: { ...entry, proposalId: entry.proposalId ?? null, details: entry.details ?? {} } });
}

/** The labs of the network with their organizations' kinds, counts and the viewer's role. */
export async function listLabs(viewerId: string) {
  const labs = await prisma.lab.findMany({
    orderBy: [{ status: "asc" }, { updatedAt: "desc" }],
    include: {
      organizations: { include: { organization: { select: { name: true, kind: true } } } },
      members: { where: { userId: viewerId }, select: { role: true } },
      _count: { select: { members: true, proposals: true } },
    },
  });
  return labs.map(({ members, ...lab }) => ({ ...lab, myRole: members[0]?.role ?? null }));
}

/** One lab with its organizations, people and pending join requests. */
export function getLabBySlug(slug: string) {
  return prisma.lab.findUnique({
    where: { slug },
    include: {
      organizations: {
        include: { organization: { select: { id: true, slug: true, name: true, kind: true } } },
        orderBy: { organization: { name: "asc" } },
      },
      members: {
        include: { user: { select: { id: true, name: true, email: true, memberships: { select: { organization: { select: { name: true } } } } } } },
        orderBy: [{ role: "asc" }, { user: { name: "asc" } }],
      },
      joinRequests: {
        where: { status: "PENDING" },
        include: { user: { select: { id: true, name: true, email: true } } },
        orderBy: { createdAt: "asc" },
      },
    },
  });
}

/** The person's role in a lab, or null when they are not in it. */
export async function getLabMembership(labId: string, userId: string): Promise<LabMembership> {
  const member = await prisma.labMember.findUnique({ where: { labId_userId: { labId, userId } }, select: { role: true } });
  return member ? { role: member.role } : null;
}

async function uniqueLabSlug(tx: Tx, title: string) {
  const base = slugify(title) || "laboratorio";
  for (let suffix = 1; ; suffix++) {
    const slug = suffix === 1 ? base : `${base}-${suffix}`;
    if (!(await tx.lab.findUnique({ where: { slug }, select: { id: true } }))) return slug;
  }
}

/**
 * Starts a lab with its organizations; the person who starts it facilitates it. A lab started from
 * a good practice (issue #5) remembers it and is listed among the practice's labs.
 */
export function createLab(actorId: string, input: { title: string; challenge: string; organizationIds: string[]; originPracticeId?: string }) {
  return prisma.$transaction(async (tx) => {
    const lab = await tx.lab.create({
      data: {
        slug: await uniqueLabSlug(tx, input.title),
        title: input.title,
        challenge: input.challenge,
        createdById: actorId,
        organizations: { create: input.organizationIds.map((organizationId) => ({ organizationId })) },
        members: { create: { userId: actorId, role: "FACILITATOR" } },
        ...(input.originPracticeId ? { originPracticeId: input.originPracticeId, practicesLinked: { create: { practiceId: input.originPracticeId } } } : {}),
      },
    });
    await recordLabActivity(tx, { labId: lab.id, actorId, kind: "lab.created", details: { title: lab.title } });
    return lab;
  });
}

export class AlreadyInLabError extends Error {}

/** People who join a lab are invited to its sessions that have not started yet. */
async function inviteToComingSessions(tx: Tx, labId: string, userIds: string[]) {
  if (userIds.length === 0) return;
  const sessions = await tx.labSession.findMany({ where: { labId, status: "SCHEDULED" }, select: { id: true } });
  if (sessions.length === 0) return;
  await tx.sessionInvitation.createMany({ data: sessions.flatMap((session) => userIds.map((userId) => ({ sessionId: session.id, userId }))), skipDuplicates: true });
}

/** Adds a person to a lab with a lab role. */
export async function addLabMember(actorId: string, labId: string, userId: string, role: LabRole) {
  await prisma
    .$transaction(async (tx) => {
      const member = await tx.labMember.create({ data: { labId, userId, role }, include: { user: { select: { name: true } } } });
      // A pending request from the same person is answered by the invitation itself.
      await tx.labJoinRequest.updateMany({
        where: { labId, userId, status: "PENDING" },
        data: { status: "ACCEPTED", decidedById: actorId, decidedAt: new Date() },
      });
      await recordLabActivity(tx, { labId, actorId, kind: "member.added", details: { name: member.user.name, role } });
      await inviteToComingSessions(tx, labId, [userId]);
    })
    .catch((error: unknown) => {
      if (typeof error === "object" && error && "code" in error && error.code === "P2002") throw new AlreadyInLabError();
      throw error;
    });
  emitAccessChange({ labId });
}

/** Changes someone's lab role; open documents follow within seconds (read-only for observers). */
export async function changeLabMemberRole(actorId: string, labId: string, userId: string, role: LabRole) {
  await prisma.$transaction(async (tx) => {
    const member = await tx.labMember.update({
      where: { labId_userId: { labId, userId } },
      data: { role },
      include: { user: { select: { name: true } } },
    });
    await recordLabActivity(tx, { labId, actorId, kind: "member.role_changed", details: { name: member.user.name, role } });
  });
  emitAccessChange({ labId });
}

/** Removes someone from a lab; their open documents are closed within seconds. */
export async function removeLabMember(actorId: string, labId: string, userId: string) {
  await prisma.$transaction(async (tx) => {
    const member = await tx.labMember.delete({ where: { labId_userId: { labId, userId } }, include: { user: { select: { name: true } } } });
    await recordLabActivity(tx, { labId, actorId, kind: "member.removed", details: { name: member.user.name } });
  });
  emitAccessChange({ labId });
}

/** Brings a whole organization into a lab: the organization and each of its people (as members). */
export async function addLabOrganization(actorId: string, labId: string, organizationId: string) {
  const added = await prisma.$transaction(async (tx) => {
    const organization = await tx.organization.findUniqueOrThrow({
      where: { id: organizationId },
      select: { name: true, memberships: { where: { user: { deactivatedAt: null } }, select: { userId: true } } },
    });
    await tx.labOrganization.upsert({ where: { labId_organizationId: { labId, organizationId } }, create: { labId, organizationId }, update: {} });
    const existing = new Set((await tx.labMember.findMany({ where: { labId }, select: { userId: true } })).map((member) => member.userId));
    const newcomers = organization.memberships.map((membership) => membership.userId).filter((userId) => !existing.has(userId));
    if (newcomers.length) await tx.labMember.createMany({ data: newcomers.map((userId) => ({ labId, userId, role: "MEMBER" as const })) });
    await inviteToComingSessions(tx, labId, newcomers);
    await recordLabActivity(tx, { labId, actorId, kind: "organization.added", details: { name: organization.name, people: newcomers.length } });
    return newcomers.length;
  });
  emitAccessChange({ labId });
  return added;
}

/** Opens, pauses or closes a lab; closed and paused labs make every proposal read-only. */
export async function setLabStatus(actorId: string, labId: string, status: LabStatus) {
  await prisma.$transaction(async (tx) => {
    await tx.lab.update({ where: { id: labId }, data: { status } });
    await recordLabActivity(tx, { labId, actorId, kind: "lab.status_changed", details: { status } });
  });
  emitAccessChange({ labId });
}

export class DuplicateJoinRequestError extends Error {}

/** A person outside the lab asks to join it. */
export function requestToJoinLab(labId: string, userId: string, message?: string) {
  return prisma.$transaction(async (tx) => {
    if (await tx.labJoinRequest.count({ where: { labId, userId, status: "PENDING" } })) throw new DuplicateJoinRequestError();
    const request = await tx.labJoinRequest.create({ data: { labId, userId, message: message ?? null }, include: { user: { select: { name: true } } } });
    await recordLabActivity(tx, { labId, actorId: userId, kind: "join.requested", details: { name: request.user.name } });
    return request;
  });
}

/** The pending request of a person for a lab, if any. */
export function getPendingJoinRequest(labId: string, userId: string) {
  return prisma.labJoinRequest.findFirst({ where: { labId, userId, status: "PENDING" } });
}

/** A facilitator accepts (with a lab role) or declines a join request; false when it was no longer pending. */
export async function decideJoinRequest(actorId: string, labId: string, requestId: string, decision: { accept: true; role: LabRole } | { accept: false }) {
  const decided = await prisma.$transaction(async (tx) => {
    const claimed = await tx.labJoinRequest.updateMany({
      where: { id: requestId, labId, status: "PENDING" },
      data: { status: decision.accept ? "ACCEPTED" : "DECLINED", decidedById: actorId, decidedAt: new Date() },
    });
    if (claimed.count !== 1) return false;
    const request = await tx.labJoinRequest.findUniqueOrThrow({ where: { id: requestId }, include: { user: { select: { name: true } } } });
    if (decision.accept) {
      await tx.labMember.upsert({
        where: { labId_userId: { labId, userId: request.userId } },
        create: { labId, userId: request.userId, role: decision.role },
        update: {},
      });
      await inviteToComingSessions(tx, labId, [request.userId]);
    }
    await recordLabActivity(tx, {
      labId,
      actorId,
      kind: decision.accept ? "join.accepted" : "join.declined",
      details: { name: request.user.name },
    });
    await tx.notification.create({
      data: {
        userId: request.userId,
        kind: decision.accept ? "join.accepted" : "join.declined",
        title: decision.accept ? "notifications.joinAccepted" : "notifications.joinDeclined",
        link: `/laboratori/${(await tx.lab.findUniqueOrThrow({ where: { id: labId }, select: { slug: true } })).slug}`,
      },
    });
    return true;
  });
  if (decided) emitAccessChange({ labId });
  return decided;
}

/** The latest entries of a lab's feed. */
export function listLabActivity(labId: string, take = 40) {
  return prisma.labActivity.findMany({
    where: { labId },
    orderBy: { createdAt: "desc" },
    take,
    include: { actor: { select: { id: true, name: true } }, proposal: { select: { id: true, title: true } } },
  });
}
