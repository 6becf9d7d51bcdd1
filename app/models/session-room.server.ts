import type { LabRole, Prisma } from "~/generated/prisma/client";
import { prisma } from "~/db.server";
import type { RoomState } from "~/sessions/room-state";

// The stored side of a live session room (issue #4): its state is saved after every accepted
// command, so a reload, a reconnect or a server restart comes back to the same room.

/** What the room server needs to open a session's room, or null for an unknown session. */
export async function loadSessionRoom(sessionId: string) {
  const session = await prisma.labSession.findUnique({
    where: { id: sessionId },
    select: { id: true, labId: true, status: true, roomState: true, lab: { select: { slug: true, status: true } } },
  });
  if (!session) return null;
  return { id: session.id, labId: session.labId, labSlug: session.lab.slug, status: session.status, state: session.roomState as unknown as RoomState };
}

/** A person's standing for a session's room: their lab role (or null) and whether they were invited. */
export async function getRoomStanding(sessionId: string, labId: string, userId: string): Promise<{ labRole: LabRole | null; invited: boolean }> {
  const [member, invitation] = await Promise.all([
    prisma.labMember.findUnique({ where: { labId_userId: { labId, userId } }, select: { role: true } }),
    prisma.sessionInvitation.findUnique({ where: { sessionId_userId: { sessionId, userId } }, select: { userId: true } }),
  ]);
  return { labRole: member?.role ?? null, invited: invitation !== null };
}

/** Saves a room's state; the session is live from the moment its room starts. */
export async function saveSessionRoom(sessionId: string, state: RoomState) {
  await prisma.labSession.update({
    where: { id: sessionId },
    data: { roomState: state as unknown as Prisma.InputJsonValue, ...(state.status === "scheduled" ? {} : { status: "LIVE" as const }) },
    select: { id: true },
  });
}

/** Display names of the people in a room, for the participants' list. */
export async function getRoomPeople(sessionId: string) {
  const invitations = await prisma.sessionInvitation.findMany({
    where: { sessionId },
    select: { response: true, user: { select: { id: true, name: true, memberships: { select: { organization: { select: { name: true } } } } } } },
    orderBy: { user: { name: "asc" } },
  });
  return invitations.map(({ response, user }) => ({ userId: user.id, name: user.name, response, organizations: user.memberships.map((entry) => entry.organization.name) }));
}
