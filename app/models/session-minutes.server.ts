import type { JSONContent } from "@tiptap/core";
import { prisma } from "~/db.server";
import { jsonToYjsState, yjsStateToJson } from "~/editor/schema/ydoc.server";
import { minutesAccess, type Actor, type DocumentAccess, type MinutesContext } from "~/policies";
import { emitAccessChange } from "~/services/access-events.server";
import { closeSessionRoom } from "~/services/live-rooms.server";
import { draftMinutes, type MinutesLocale, type MinutesPerson } from "~/sessions/minutes-draft";
import type { RoomState } from "~/sessions/room-state";
import { messageKey } from "~/utils/messages";
import { loadDocumentState } from "./collab-document.server";
import { getLabMembership, recordLabActivity } from "./lab.server";

// A session's minutes (issue #4, "After the session"): a collaborative document, "minutes:<id>",
// drafted from the room once it has ended, edited live by the facilitators and frozen when they
// close the session.

/** The collaborative document of a session's minutes on /collab. */
export const minutesDocumentName = (sessionId: string) => `minutes:${sessionId}`;

/** Where a session's minutes are read. */
export const minutesPath = (labSlug: string, sessionId: string) => `/laboratori/${labSlug}/sessioni/${sessionId}/verbale`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const roomOf = (value: unknown) => value as RoomState | null;
const roomEnded = (value: unknown) => roomOf(value)?.status === "ended";

/** What the minutes' access rules need about a session, or null for an unknown session. */
export async function getMinutesContext(sessionId: string): Promise<(MinutesContext & { labId: string }) | null> {
  const session = await prisma.labSession.findUnique({
    where: { id: sessionId },
    select: { status: true, roomState: true, labId: true, lab: { select: { status: true } } },
  });
  return session ? { status: session.status, roomEnded: roomEnded(session.roomState), lab: session.lab, labId: session.labId } : null;
}

/** Loads what the policy needs and asks it what this actor may do with a session's minutes. */
export async function loadMinutesAccess(actor: NonNullable<Actor>, sessionId: string): Promise<DocumentAccess> {
  const context = await getMinutesContext(sessionId);
  if (!context) return "none";
  return minutesAccess(actor, await getLabMembership(context.labId, actor.id), context);
}

/** The lab a session belongs to, or null. */
export async function getSessionLabId(sessionId: string): Promise<string | null> {
  return (await prisma.labSession.findUnique({ where: { id: sessionId }, select: { labId: true } }))?.labId ?? null;
}

/**
 * The first draft of a session's minutes (Tiptap JSON) from its stored room and the database:
 * attendance with organizations, agenda with the time actually spent, the board with its dots,
 * consent rounds and action items. Headings in Italian, or English for "en".
 */
export async function draftSessionMinutes(sessionId: string, locale: MinutesLocale = "it"): Promise<JSONContent> {
  const session = await prisma.labSession.findUniqueOrThrow({
    where: { id: sessionId },
    include: {
      lab: { select: { title: true } },
      agendaItems: { select: { proposal: { select: { id: true, title: true } } } },
      placeOrganization: { select: { name: true, address: true, comune: { select: { name: true } } } },
    },
  });
  const room = roomOf(session.roomState);
  if (!room?.agenda) throw new Error(`Session ${sessionId} has no room`);
  const userIds = new Set<string>([
    ...Object.keys(room.attendance),
    ...room.cards.filter((card) => !card.anonymous).map((card) => card.authorId),
    ...room.actionItems.flatMap((action) => (action.ownerId ? [action.ownerId] : [])),
  ]);
  // The room takes any well-formed id (a facilitator may tick anyone): only real people are named.
  const users = await prisma.user.findMany({
    where: { id: { in: [...userIds].filter((id) => UUID.test(id)) } },
    select: { id: true, name: true, memberships: { select: { organization: { select: { name: true } } }, orderBy: { organization: { name: "asc" } } } },
  });
  const people: Record<string, MinutesPerson> = Object.fromEntries(
    users.map((user) => [user.id, { name: user.name, organizations: user.memberships.map((entry) => entry.organization.name) }]),
  );
  const proposals: Record<string, string> = Object.fromEntries(session.agendaItems.flatMap((item) => (item.proposal ? [[item.proposal.id, item.proposal.title]] : [])));
  const venue = session.placeOrganization;
  const place = venue ? [venue.name, session.placeDetails, venue.address, venue.comune?.name].filter(Boolean).join(", ") : null;
  return draftMinutes({
    locale,
    session: {
      title: session.title,
      goal: session.goal,
      labTitle: session.lab.title,
      startsAt: session.startsAt,
      durationMinutes: session.durationMinutes,
      place,
      videoUrl: session.videoUrl,
    },
    room,
    people,
    proposals,
  });
}

/**
 * Makes sure a session whose room has ended has minutes: drafts them and stores the draft as the
 * document's first state when there is none yet. Returns whether it drafted them. Two facilitators
 * opening the minutes together store one draft (the second insert is skipped).
 */
export async function ensureSessionMinutes(sessionId: string, locale: MinutesLocale = "it"): Promise<boolean> {
  const name = minutesDocumentName(sessionId);
  if (await loadDocumentState(name)) return false;
  const content = await draftSessionMinutes(sessionId, locale);
  const created = await prisma.collabDocument.createMany({ data: [{ name, state: new Uint8Array(jsonToYjsState(content)) }], skipDuplicates: true });
  return created.count === 1;
}

/** The current text of a session's minutes as Tiptap JSON, or null when there are none yet. */
export async function getSessionMinutesContent(sessionId: string): Promise<JSONContent | null> {
  const state = await loadDocumentState(minutesDocumentName(sessionId));
  return state ? yjsStateToJson(state) : null;
}

export class SessionNotClosableError extends Error {
  constructor() {
    super("Only a live session whose room has ended can be closed");
    this.name = "SessionNotClosableError";
  }
}

/**
 * Closes a session whose room has ended (the caller has asked the policy): status CLOSED, the
 * minutes become read-only for everyone (open editors are told at once), the room leaves memory,
 * the lab's feed records it and everyone invited is notified with a link to the minutes. Refuses
 * a session that is not live with an ended room (already closed by someone else, say).
 */
export async function closeLabSession(actorId: string, sessionId: string, locale: MinutesLocale = "it", now = new Date()) {
  // Closing without opening the minutes first still leaves minutes behind.
  const context = await getMinutesContext(sessionId);
  if (!context || context.status !== "LIVE" || !context.roomEnded) throw new SessionNotClosableError();
  await ensureSessionMinutes(sessionId, locale);
  const session = await prisma.$transaction(async (tx) => {
    const closed = await tx.labSession.updateMany({ where: { id: sessionId, status: "LIVE" }, data: { status: "CLOSED", closedAt: now, closedById: actorId } });
    if (closed.count !== 1) throw new SessionNotClosableError();
    const session = await tx.labSession.findUniqueOrThrow({
      where: { id: sessionId },
      select: { id: true, title: true, labId: true, lab: { select: { slug: true } }, invitations: { select: { userId: true } } },
    });
    await recordLabActivity(tx, { labId: session.labId, actorId, kind: "session.closed", details: { title: session.title, sessionId } });
    const recipients = session.invitations.map((invitation) => invitation.userId).filter((userId) => userId !== actorId);
    if (recipients.length) {
      await tx.notification.createMany({
        data: recipients.map((userId) => ({
          userId,
          kind: "session.closed",
          title: messageKey("minutes.notification", { title: session.title }),
          link: minutesPath(session.lab.slug, sessionId),
        })),
      });
    }
    return session;
  });
  // After the commit: open minutes turn read-only, the room stops taking commands.
  emitAccessChange({ labId: session.labId, sessionId });
  await closeSessionRoom(sessionId);
  return session;
}

/**
 * The sessions that touched a proposal, newest first: those with an agenda item on it and the one
 * it was started from; each says whether its minutes are final.
 */
export function listProposalSessions(proposalId: string) {
  return prisma.labSession.findMany({
    where: { status: { not: "CANCELLED" }, OR: [{ agendaItems: { some: { proposalId } } }, { proposalsStarted: { some: { id: proposalId } } }] },
    select: { id: true, title: true, startsAt: true, status: true },
    orderBy: { startsAt: "desc" },
    take: 20,
  });
}
