import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import {
  AgendaProposalError,
  cancelLabSession,
  getLabSession,
  listLabSessions,
  listUpcomingSessionsFor,
  respondToSession,
  scheduleLabSession,
  SessionInPastError,
  SessionNotEditableError,
  updateLabSession,
} from "~/models/lab-session.server";
import type { RoomState } from "~/sessions/room-state";
import { addLabMember } from "~/models/lab.server";
import { createProposal } from "~/models/proposal.server";
import { sessionCalendarFile } from "~/services/session-calendar.server";
import { createTestLab, createTestOrganization, createTestUser } from "../../support/factories";

const NOW = new Date("2026-11-24T10:00:00Z");

async function labWithPeople() {
  const [facilitator, member, observer, outsider] = await Promise.all([
    createTestUser({ role: "FACILITATOR" }),
    createTestUser(),
    createTestUser(),
    createTestUser(),
  ]);
  const lab = await createTestLab([
    { userId: facilitator.id, role: "FACILITATOR" },
    { userId: member.id, role: "MEMBER" },
    { userId: observer.id, role: "OBSERVER" },
  ]);
  return { lab, facilitator, member, observer, outsider };
}

const input = (overrides: Record<string, unknown> = {}) => ({
  title: "Mappa dei bisogni",
  goal: "Scegliere i tre bisogni su cui lavorare nel 2027",
  date: "2026-12-03",
  time: "17:30",
  durationMinutes: 120,
  videoUrl: "https://meet.jit.si/twb-dsa",
  agenda: [
    { title: "Giro di presentazioni", minutes: 15 },
    { title: "Idee sulla lavagna", minutes: 45 },
  ],
  ...overrides,
});

describe("lab sessions before they start", () => {
  it("scheduling invites everyone in the lab, notifies them, opens the room with the agenda and tells the feed", async () => {
    const { lab, facilitator, member, observer, outsider } = await labWithPeople();
    const venue = await createTestOrganization({ name: "Cooperativa Sala Grande" });
    const session = await scheduleLabSession(facilitator.id, lab, input({ placeOrganizationId: venue.id, placeDetails: "Sala 2" }), NOW);

    // 17:30 in Como on 3 December is 16:30 UTC (winter time).
    expect(session.startsAt.toISOString()).toBe("2026-12-03T16:30:00.000Z");
    const stored = await getLabSession(lab.id, session.id);
    expect(stored?.agendaItems.map((item) => [item.position, item.title, item.timeboxMinutes])).toEqual([
      [0, "Giro di presentazioni", 15],
      [1, "Idee sulla lavagna", 45],
    ]);
    const answers = Object.fromEntries(stored!.invitations.map((invitation) => [invitation.userId, invitation.response]));
    expect(answers).toEqual({ [facilitator.id]: "YES", [member.id]: "PENDING", [observer.id]: "PENDING" });
    expect(answers[outsider.id]).toBeUndefined();

    const notified = await prisma.notification.findMany({ where: { kind: "session.invited", link: `/laboratori/${lab.slug}/sessioni/${session.id}` } });
    expect(notified.map((entry) => entry.userId).sort()).toEqual([member.id, observer.id].sort());
    const feed = await prisma.labActivity.findMany({ where: { labId: lab.id, kind: "session.scheduled" } });
    expect(feed).toHaveLength(1);

    const room = stored!.roomState as { status: string; agenda: Array<{ id: string; title: string; timeboxSeconds: number }> };
    expect(room.status).toBe("scheduled");
    expect(room.agenda.map((item) => [item.id, item.title, item.timeboxSeconds])).toEqual(stored!.agendaItems.map((item) => [item.id, item.title, item.timeboxMinutes * 60]));
  });

  it("refuses a start in the past and agenda items about another lab's proposals, writing nothing", async () => {
    const { lab, facilitator } = await labWithPeople();
    const other = await labWithPeople();
    const foreign = await createProposal(other.facilitator.id, other.lab.id, { title: "Proposta di un altro laboratorio" }, "it");
    await expect(scheduleLabSession(facilitator.id, lab, input({ date: "2026-11-24", time: "10:30" }), NOW)).rejects.toBeInstanceOf(SessionInPastError);
    await expect(
      scheduleLabSession(facilitator.id, lab, input({ agenda: [{ title: "Punto", minutes: 10, proposalId: foreign.id }] }), NOW),
    ).rejects.toBeInstanceOf(AgendaProposalError);
    expect(await prisma.labSession.count({ where: { labId: lab.id } })).toBe(0);
  });

  it("people who join the lab later are invited to its coming sessions", async () => {
    const { lab, facilitator } = await labWithPeople();
    const session = await scheduleLabSession(facilitator.id, lab, input(), NOW);
    const newcomer = await createTestUser();
    await addLabMember(facilitator.id, lab.id, newcomer.id, "MEMBER");
    const invitation = await prisma.sessionInvitation.findUnique({ where: { sessionId_userId: { sessionId: session.id, userId: newcomer.id } } });
    expect(invitation?.response).toBe("PENDING");
  });

  it("invited people answer and change their answer; their list shows the session until it is over", async () => {
    const { lab, facilitator, member } = await labWithPeople();
    const session = await scheduleLabSession(facilitator.id, lab, input(), NOW);
    await respondToSession(session.id, member.id, "MAYBE", NOW);
    await respondToSession(session.id, member.id, "YES", NOW);
    const mine = await listUpcomingSessionsFor(member.id, NOW);
    expect(mine.map((entry) => [entry.session.id, entry.response])).toEqual([[session.id, "YES"]]);
    expect(await listUpcomingSessionsFor(member.id, new Date("2026-12-05T00:00:00Z"))).toEqual([]);
    const { upcoming, past } = await listLabSessions(lab.id, new Date("2026-12-05T00:00:00Z"));
    expect(upcoming).toEqual([]);
    expect(past.map((entry) => entry.id)).toEqual([session.id]);
  });

  it("a session that has not started can be changed (time, place, agenda) keeping the room's pre-work, and cancelled", async () => {
    const { lab, facilitator, member } = await labWithPeople();
    const session = await scheduleLabSession(facilitator.id, lab, input(), NOW);
    // Pre-work already on the board.
    const stored = (await getLabSession(lab.id, session.id))!;
    const room = stored.roomState as unknown as RoomState;
    const withCard: RoomState = { ...room, cards: [{ id: "prework-1", authorId: member.id, text: "Un'idea di prima", anonymous: false, clusterId: null, createdAt: NOW.getTime() }] };
    await prisma.labSession.update({ where: { id: session.id }, data: { roomState: withCard } });

    await updateLabSession(facilitator.id, lab, session.id, input({ time: "18:15", agenda: [{ title: "Solo un punto", minutes: 50 }] }), NOW);
    const changed = (await getLabSession(lab.id, session.id))!;
    expect(changed.startsAt.toISOString()).toBe("2026-12-03T17:15:00.000Z");
    expect(changed.calendarSequence).toBe(1);
    expect(changed.agendaItems.map((item) => item.title)).toEqual(["Solo un punto"]);
    const changedRoom = changed.roomState as unknown as RoomState;
    expect(changedRoom.agenda.map((item) => [item.id, item.title])).toEqual([[changed.agendaItems[0].id, "Solo un punto"]]);
    expect(changedRoom.cards.map((card) => card.text)).toEqual(["Un'idea di prima"]);
    expect(changedRoom.version).toBe(room.version + 1);
    expect(await prisma.notification.count({ where: { userId: member.id, kind: "session.changed" } })).toBe(1);

    await cancelLabSession(facilitator.id, lab, session.id);
    const cancelled = (await getLabSession(lab.id, session.id))!;
    expect(cancelled.status).toBe("CANCELLED");
    expect(cancelled.calendarSequence).toBe(2);
    expect(sessionCalendarFile(cancelled, lab, "https://labs.example/s")).toContain("STATUS:CANCELLED");
    expect(await prisma.notification.count({ where: { userId: member.id, kind: "session.cancelled" } })).toBe(1);
    await expect(cancelLabSession(facilitator.id, lab, session.id)).rejects.toBeInstanceOf(SessionNotEditableError);
    await expect(updateLabSession(facilitator.id, lab, session.id, input(), NOW)).rejects.toBeInstanceOf(SessionNotEditableError);
  });

  it("the calendar file has a stable UID, the UTC start, the duration, the place and the agenda", async () => {
    const { lab, facilitator } = await labWithPeople();
    const venue = await createTestOrganization({ name: "Caritas Appiano Gentile" });
    const created = await scheduleLabSession(facilitator.id, lab, input({ placeOrganizationId: venue.id, date: "2027-06-10", time: "09:00" }), NOW);
    const session = (await getLabSession(lab.id, created.id))!;
    const ics = sessionCalendarFile(session, lab, `https://labs.example/laboratori/${lab.slug}/sessioni/${session.id}`);
    const unfolded = ics.replace(/\r\n[ \t]/g, "");
    expect(unfolded).toContain(`UID:session-${session.id}@twb-community-labs`);
    // Summer time: 09:00 in Como is 07:00 UTC.
    expect(unfolded).toMatch(/DTSTART:20270610T070000Z/);
    expect(unfolded).toMatch(/DURATION:PT2H|DURATION:PT120M/);
    expect(unfolded).toContain("LOCATION:Caritas Appiano Gentile");
    expect(unfolded).toContain("Idee sulla lavagna (45 min)");
    expect(unfolded).toContain("SEQUENCE:0");
  });
});
