import type { Prisma, SessionResponse } from "~/generated/prisma/client";
import { prisma } from "~/db.server";
import type { SessionInput } from "~/schemas/session";
import { changeSessionRoom, closeSessionRoom } from "~/services/live-rooms.server";
import { replaceRoomAgenda } from "~/sessions/room-agenda";
import { createRoomState, type RoomState } from "~/sessions/room-state";
import { romeWallClockToInstant } from "~/utils/dates";
import { messageKey } from "~/utils/messages";
import { recordLabActivity } from "./lab.server";

// Lab sessions before they start (issue #4): scheduling with an agenda, invitations and answers.

export class SessionInPastError extends Error {
  constructor() {
    super("A session cannot start in the past");
    this.name = "SessionInPastError";
  }
}

export class SessionNotEditableError extends Error {
  constructor() {
    super("Only a session that has not started can be changed or cancelled");
    this.name = "SessionNotEditableError";
  }
}

export class AgendaProposalError extends Error {
  constructor() {
    super("An agenda item points at a proposal of another lab");
    this.name = "AgendaProposalError";
  }
}

/**
 * Schedules a session of a lab: its agenda, an invitation for everyone in the lab (observers
 * included: they may watch), a notification to each of them and an entry in the lab's feed.
 */
export async function scheduleLabSession(actorId: string, lab: { id: string; slug: string }, input: SessionInput, now = new Date()) {
  const startsAt = romeWallClockToInstant(input.date, input.time);
  if (startsAt.getTime() <= now.getTime()) throw new SessionInPastError();
  return prisma.$transaction(async (tx) => {
    await requireLabProposals(tx, lab.id, input.agenda);
    const members = await tx.labMember.findMany({ where: { labId: lab.id }, select: { userId: true } });
    const session = await tx.labSession.create({
      data: {
        labId: lab.id,
        ...sessionColumns(input, startsAt),
        createdById: actorId,
        roomState: {},
        agendaItems: { create: agendaRows(input) },
        invitations: {
          create: members.map(({ userId }) =>
            userId === actorId ? { userId, response: "YES" as const, respondedAt: now } : { userId },
          ),
        },
      },
      include: { agendaItems: { orderBy: { position: "asc" } } },
    });
    // The room exists from the start: members can put ideas on the board before the session.
    const roomState = createRoomState({
      agenda: roomAgendaOf(session.agendaItems),
    });
    await tx.labSession.update({ where: { id: session.id }, data: { roomState: roomState as unknown as Prisma.InputJsonValue } });
    await recordLabActivity(tx, { labId: lab.id, actorId, kind: "session.scheduled", details: { title: input.title, sessionId: session.id, startsAt: startsAt.toISOString() } });
    await notifyInvited(tx, session.id, actorId, {
      kind: "session.invited",
      title: messageKey("notifications.sessionInvited", { title: input.title }),
      link: `/laboratori/${lab.slug}/sessioni/${session.id}`,
    });
    return session;
  });
}

type Tx = Prisma.TransactionClient;

/** The session's own columns, as the form gives them. */
function sessionColumns(input: SessionInput, startsAt: Date) {
  return {
    title: input.title,
    goal: input.goal,
    startsAt,
    durationMinutes: input.durationMinutes,
    placeOrganizationId: input.placeOrganizationId ?? null,
    placeDetails: input.placeDetails ?? null,
    videoUrl: input.videoUrl ?? null,
  };
}

/** The stored agenda as the room holds it (timeboxes in seconds). */
export function roomAgendaOf(items: Array<{ id: string; title: string; timeboxMinutes: number; proposalId: string | null }>) {
  return items.map((item) => ({ id: item.id, title: item.title, timeboxSeconds: item.timeboxMinutes * 60, proposalId: item.proposalId }));
}

/** Agenda rows in the order given. */
const agendaRows = (input: SessionInput) =>
  input.agenda.map((item, position) => ({ position, title: item.title, timeboxMinutes: item.minutes, proposalId: item.proposalId ?? null }));

/** Agenda items may only point at proposals of the session's own lab. */
async function requireLabProposals(tx: Tx, labId: string, agenda: SessionInput["agenda"]) {
  const proposalIds = [...new Set(agenda.flatMap((item) => (item.proposalId ? [item.proposalId] : [])))];
  if (proposalIds.length === 0) return;
  const found = await tx.proposal.count({ where: { id: { in: proposalIds }, labId } });
  if (found !== proposalIds.length) throw new AgendaProposalError();
}

/** Tells the invited people (but not who made the change) what happened to a session. */
async function notifyInvited(tx: Tx, sessionId: string, actorId: string, notification: { kind: string; title: string; link: string }) {
  const invited = await tx.sessionInvitation.findMany({ where: { sessionId, userId: { not: actorId } }, select: { userId: true } });
  if (invited.length) await tx.notification.createMany({ data: invited.map(({ userId }) => ({ userId, ...notification })) });
}

/**
 * Changes a session that has not started: details, time, place and agenda. Calendar apps see a
 * new SEQUENCE, the invited people a notification, and the room (with its pre-work) the new agenda.
 */
export async function updateLabSession(actorId: string, lab: { id: string; slug: string }, sessionId: string, input: SessionInput, now = new Date()) {
  const startsAt = romeWallClockToInstant(input.date, input.time);
  if (startsAt.getTime() <= now.getTime()) throw new SessionInPastError();
  const session = await prisma.$transaction(async (tx) => {
    const current = await tx.labSession.findFirst({ where: { id: sessionId, labId: lab.id }, select: { status: true } });
    if (!current || current.status !== "SCHEDULED") throw new SessionNotEditableError();
    await requireLabProposals(tx, lab.id, input.agenda);
    await tx.sessionAgendaItem.deleteMany({ where: { sessionId } });
    const updated = await tx.labSession.update({
      where: { id: sessionId },
      data: {
        ...sessionColumns(input, startsAt),
        calendarSequence: { increment: 1 },
        agendaItems: { create: agendaRows(input) },
      },
      include: { agendaItems: { orderBy: { position: "asc" } } },
    });
    await recordLabActivity(tx, { labId: lab.id, actorId, kind: "session.changed", details: { title: input.title, sessionId, startsAt: startsAt.toISOString() } });
    await notifyInvited(tx, sessionId, actorId, {
      kind: "session.changed",
      title: messageKey("notifications.sessionChanged", { title: input.title }),
      link: `/laboratori/${lab.slug}/sessioni/${sessionId}`,
    });
    return updated;
  });
  const agenda = roomAgendaOf(session.agendaItems);
  const change = (state: RoomState) => replaceRoomAgenda(state, agenda);
  // Through the room server when there is one (the room may be open, with pre-work going on).
  if (!(await changeSessionRoom(sessionId, change))) {
    const stored = await prisma.labSession.findUniqueOrThrow({ where: { id: sessionId }, select: { roomState: true } });
    await prisma.labSession.update({ where: { id: sessionId }, data: { roomState: change(stored.roomState as unknown as RoomState) as unknown as Prisma.InputJsonValue } });
  }
  return session;
}

/** Cancels a session that has not started: the invited people are told, calendars drop it, the room closes. */
export async function cancelLabSession(actorId: string, lab: { id: string; slug: string }, sessionId: string) {
  await prisma.$transaction(async (tx) => {
    const cancelled = await tx.labSession.updateMany({
      where: { id: sessionId, labId: lab.id, status: "SCHEDULED" },
      data: { status: "CANCELLED", calendarSequence: { increment: 1 } },
    });
    if (cancelled.count !== 1) throw new SessionNotEditableError();
    const session = await tx.labSession.findUniqueOrThrow({ where: { id: sessionId }, select: { title: true } });
    await recordLabActivity(tx, { labId: lab.id, actorId, kind: "session.cancelled", details: { title: session.title, sessionId } });
    await notifyInvited(tx, sessionId, actorId, {
      kind: "session.cancelled",
      title: messageKey("notifications.sessionCancelled", { title: session.title }),
      link: `/laboratori/${lab.slug}/sessioni/${sessionId}`,
    });
  });
  await closeSessionRoom(sessionId);
}

/** A session with what its page shows: agenda (with proposals), place, invitations and answers. */
export function getLabSession(labId: string, sessionId: string) {
  return prisma.labSession.findFirst({
    where: { id: sessionId, labId },
    include: {
      agendaItems: { orderBy: { position: "asc" }, include: { proposal: { select: { id: true, title: true } } } },
      placeOrganization: { select: { id: true, slug: true, name: true, address: true, comune: { select: { name: true } } } },
      invitations: {
        include: { user: { select: { id: true, name: true, memberships: { select: { organization: { select: { name: true } } } } } } },
        orderBy: { user: { name: "asc" } },
      },
      createdBy: { select: { name: true } },
      closedBy: { select: { name: true } },
    },
  });
}

export type LabSessionDetails = NonNullable<Awaited<ReturnType<typeof getLabSession>>>;

/** A lab's sessions, the next ones first, then the past ones (most recent first). */
export async function listLabSessions(labId: string, now = new Date()) {
  const select = { id: true, title: true, startsAt: true, durationMinutes: true, status: true } as const;
  const [upcoming, past] = await Promise.all([
    prisma.labSession.findMany({ where: { labId, startsAt: { gte: new Date(now.getTime() - 12 * 3600_000) }, status: { not: "CLOSED" } }, select, orderBy: { startsAt: "asc" } }),
    prisma.labSession.findMany({
      where: { labId, OR: [{ startsAt: { lt: new Date(now.getTime() - 12 * 3600_000) } }, { status: "CLOSED" }] },
      select,
      orderBy: { startsAt: "desc" },
      take: 20,
    }),
  ]);
  return { upcoming, past };
}

/** The sessions a person is invited to that have not ended, soonest first, with their answer. */
export function listUpcomingSessionsFor(userId: string, now = new Date()) {
  return prisma.sessionInvitation.findMany({
    where: { userId, session: { status: { in: ["SCHEDULED", "LIVE"] }, startsAt: { gte: new Date(now.getTime() - 12 * 3600_000) } } },
    select: {
      response: true,
      session: { select: { id: true, title: true, startsAt: true, durationMinutes: true, status: true, lab: { select: { slug: true, title: true } } } },
    },
    orderBy: { session: { startsAt: "asc" } },
  });
}

/** Records a person's answer to an invitation (they can change it until the session starts). */
export function respondToSession(sessionId: string, userId: string, response: Exclude<SessionResponse, "PENDING">, now = new Date()) {
  return prisma.sessionInvitation.update({ where: { sessionId_userId: { sessionId, userId } }, data: { response, respondedAt: now } });
}
