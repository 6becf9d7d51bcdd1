import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { documentLines } from "~/editor/schema/document-text";
import { getCurrentProposalContent } from "~/models/proposal-version.server";
import { scheduleLabSession } from "~/models/lab-session.server";
import { createProposal } from "~/models/proposal.server";
import { saveSessionRoom } from "~/models/session-room.server";
import {
  closeLabSession,
  draftSessionMinutes,
  ensureSessionMinutes,
  getSessionMinutesContent,
  listProposalSessions,
  loadMinutesAccess,
  SessionNotClosableError,
} from "~/models/session-minutes.server";
import { createProposalFromCards, NoCardsError } from "~/models/session-proposal.server";
import { documentAccess } from "~/policies";
import { onAccessChange, type AccessChange } from "~/services/access-events.server";
import { toActor } from "~/services/auth.server";
import { registerRoomCloser } from "~/services/live-rooms.server";
import type { RoomState } from "~/sessions/room-state";
import { applyRoomCommand } from "~/sessions/room-state";
// Registers the "minutes:" document kind, as the collaboration server does at start-up.
import "../../../server/collab/access";
import { playMeeting, type EndedMeeting } from "../../support/ended-meeting";
import { createTestLab, createTestOrganization, createTestUser } from "../../support/factories";

const NOW = new Date("2026-11-24T10:00:00Z");

/** A lab of five people and an outsider, with a session of three agenda items (one on a proposal). */
async function scheduledSession() {
  const [sole, luna] = await Promise.all([createTestOrganization({ name: "Cooperativa Sole" }), createTestOrganization({ name: "Associazione Luna" })]);
  const [facilitator, anna, bruno, carla, dario, outsider] = await Promise.all([
    createTestUser({ name: "Fabio Facilitatore" }),
    createTestUser({ name: "Anna Rossi", organizationId: sole.id }),
    createTestUser({ name: "Bruno Bianchi", organizationId: luna.id }),
    createTestUser({ name: "Carla Verdi" }),
    createTestUser({ name: "Dario Neri" }),
    createTestUser(),
  ]);
  const lab = await createTestLab([
    { userId: facilitator.id, role: "FACILITATOR" },
    { userId: anna.id, role: "MEMBER" },
    { userId: bruno.id, role: "MEMBER" },
    { userId: carla.id, role: "MEMBER" },
    { userId: dario.id, role: "OBSERVER" },
  ]);
  const proposal = await createProposal(facilitator.id, lab.id, { title: "Doposcuola estivo" });
  const session = await scheduleLabSession(
    facilitator.id,
    lab,
    {
      title: "Mappa dei bisogni",
      goal: "Scegliere i bisogni su cui lavorare nel 2027",
      date: "2026-12-03",
      time: "17:30",
      durationMinutes: 60,
      videoUrl: "https://meet.jit.si/twb-estate",
      agenda: [
        { title: "Benvenuto", minutes: 5 },
        { title: "Idee", minutes: 15, proposalId: proposal.id },
        { title: "Decisioni", minutes: 10 },
      ],
    },
    NOW,
  );
  const people = { facilitator: facilitator.id, anna: anna.id, bruno: bruno.id, carla: carla.id, dario: dario.id };
  return { lab, session, proposal, people, users: { facilitator, anna, bruno, carla, dario, outsider } };
}

const actorOf = (user: { id: string; role: "ADMIN" | "COORDINATOR" | "FACILITATOR" | "MEMBER" }) => toActor({ id: user.id, role: user.role, name: "", email: "", locale: "it", sessionVersion: 1, organizationIds: [] });

const storedRoom = async (sessionId: string) =>
  (await prisma.labSession.findUniqueOrThrow({ where: { id: sessionId }, select: { roomState: true } })).roomState as unknown as RoomState;

/** The session's meeting played and saved as the room server saves it. */
async function endedSession() {
  const setup = await scheduledSession();
  const meeting: EndedMeeting = playMeeting(await storedRoom(setup.session.id), setup.people);
  await saveSessionRoom(setup.session.id, meeting.state);
  return { ...setup, meeting };
}

describe("session minutes", () => {
  it("are drafted from the stored room: attendance, agenda times, board, decisions, actions", async () => {
    const { session, meeting } = await endedSession();
    const lines = documentLines(await draftSessionMinutes(session.id));
    expect(lines).toContain("Laboratorio: " + (await prisma.lab.findFirstOrThrow({ where: { sessions: { some: { id: session.id } } } })).title);
    expect(lines).toContain("• Anna Rossi (Cooperativa Sole) — presenza registrata dal proprio dispositivo");
    expect(lines).toContain("• Carla Verdi — presenza segnata dal facilitatore");
    expect(lines).toContain("Organizzazioni rappresentate (2): Associazione Luna, Cooperativa Sole");
    expect(lines).toContain("| 2. Idee (proposta «Doposcuola estivo») | 15 min | 21 min |");
    expect(lines).toContain("• Un doposcuola aperto anche d'estate — anonima");
    expect(lines).toContain("Esito: non adottata");
    expect(lines.some((line) => line.startsWith("• Chiedere i costi alle scuole — Responsabile: Bruno Bianchi"))).toBe(true);
    expect(meeting.state.status).toBe("ended");

    const english = documentLines(await draftSessionMinutes(session.id, "en"));
    expect(english).toContain("## Decisions");
  });

  it("are stored once, when first opened after the room ended", async () => {
    const { session } = await endedSession();
    expect(await getSessionMinutesContent(session.id)).toBeNull();
    const [first, second] = await Promise.all([ensureSessionMinutes(session.id), ensureSessionMinutes(session.id)]);
    expect([first, second].filter(Boolean)).toHaveLength(1);
    expect(await ensureSessionMinutes(session.id)).toBe(false);
    const stored = await getSessionMinutesContent(session.id);
    expect(documentLines(stored!)).toEqual(documentLines(await draftSessionMinutes(session.id)));
  });

  it("the minutes: document kind follows the policy: nothing before the end, facilitators edit, others read, everyone reads once closed", async () => {
    const { session, users, people } = await scheduledSession();
    const access = (user: { id: string; role: "ADMIN" | "COORDINATOR" | "FACILITATOR" | "MEMBER" }) => documentAccess(actorOf(user), `minutes:${session.id}`);
    expect(await access(users.facilitator)).toBe("none");
    expect(await access(users.anna)).toBe("none");

    await saveSessionRoom(session.id, playMeeting(await storedRoom(session.id), people).state);
    expect(await access(users.facilitator)).toBe("edit");
    expect(await access(users.anna)).toBe("read");
    expect(await access(users.dario)).toBe("read");
    expect(await access(users.outsider)).toBe("none");
    expect(await documentAccess(actorOf(users.anna), "minutes:not-a-session")).toBe("none");

    await closeLabSession(users.facilitator.id, session.id);
    expect(await access(users.facilitator)).toBe("read");
    expect(await loadMinutesAccess(actorOf(users.anna)!, session.id)).toBe("read");
  });

  it("closing makes the session CLOSED, tells open editors and the room, records the feed and notifies the invited people", async () => {
    const { lab, session, users } = await endedSession();
    const changes: AccessChange[] = [];
    const evicted: string[] = [];
    const stop = onAccessChange((change) => changes.push(change));
    registerRoomCloser(async (sessionId) => {
      evicted.push(sessionId);
    });
    try {
      await closeLabSession(users.facilitator.id, session.id, "it", NOW);
    } finally {
      stop();
      registerRoomCloser(undefined);
    }
    const closed = await prisma.labSession.findUniqueOrThrow({ where: { id: session.id } });
    expect(closed.status).toBe("CLOSED");
    expect(closed.closedById).toBe(users.facilitator.id);
    expect(closed.closedAt?.toISOString()).toBe(NOW.toISOString());
    expect(changes).toEqual([{ labId: lab.id, sessionId: session.id }]);
    expect(evicted).toEqual([session.id]);
    // Closing without opening the minutes first still leaves them behind.
    expect(await getSessionMinutesContent(session.id)).not.toBeNull();

    const feed = await prisma.labActivity.findMany({ where: { labId: lab.id, kind: "session.closed" } });
    expect(feed.map((entry) => entry.details)).toEqual([{ title: "Mappa dei bisogni", sessionId: session.id }]);
    const notified = await prisma.notification.findMany({ where: { kind: "session.closed" } });
    const link = `/laboratori/${lab.slug}/sessioni/${session.id}/verbale`;
    expect(notified.filter((entry) => entry.link === link).map((entry) => entry.userId).sort()).toEqual(
      [users.anna.id, users.bruno.id, users.carla.id, users.dario.id].sort(),
    );

    await expect(closeLabSession(users.facilitator.id, session.id)).rejects.toBeInstanceOf(SessionNotClosableError);
  });

  it("a session whose room has not ended cannot be closed", async () => {
    const { session, users } = await scheduledSession();
    await expect(closeLabSession(users.facilitator.id, session.id)).rejects.toBeInstanceOf(SessionNotClosableError);
    const room = await storedRoom(session.id);
    const started = applyRoomCommand(room, { type: "session.start" }, { userId: users.facilitator.id, role: "FACILITATOR" }, { now: Date.now(), newId: () => "x" });
    if (!started.ok) throw new Error("not started");
    await saveSessionRoom(session.id, started.state);
    await expect(closeLabSession(users.facilitator.id, session.id)).rejects.toBeInstanceOf(SessionNotClosableError);
    expect((await prisma.labSession.findUniqueOrThrow({ where: { id: session.id } })).status).toBe("LIVE");
  });
});

describe("from the board to a proposal", () => {
  it("a cluster becomes a draft proposal named after it, its cards seeded into the need section", async () => {
    const { lab, session, users, meeting, proposal: onAgenda } = await endedSession();
    const proposal = await createProposalFromCards(users.anna.id, session.id, { clusterId: meeting.ids.cluster });
    expect(proposal).toMatchObject({ labId: lab.id, title: "Scuola ed estate", stage: "DRAFT", authorId: users.anna.id, originSessionId: session.id });
    const lines = documentLines(await getCurrentProposalContent(proposal.id));
    const need = lines.indexOf("## Bisogno a cui risponde");
    expect(lines.slice(need + 2, need + 5)).toEqual([
      "Idee raccolte nella sessione «Mappa dei bisogni»:",
      "• Un doposcuola aperto anche d'estate",
      "• Trasporto per gli anziani del lago",
    ]);
    expect(lines).toContain("## Destinatari");
    const feed = await prisma.labActivity.findFirstOrThrow({ where: { labId: lab.id, kind: "proposal.created_from_session" } });
    expect(feed).toMatchObject({ proposalId: proposal.id, actorId: users.anna.id });

    // Both the proposal on the agenda and the one started from the board link back to the session.
    expect((await listProposalSessions(onAgenda.id)).map((entry) => entry.id)).toEqual([session.id]);
    expect((await listProposalSessions(proposal.id)).map((entry) => entry.id)).toEqual([session.id]);
  });

  it("cards become a proposal titled with the first card's text (shortened when long)", async () => {
    const { session, users, meeting } = await endedSession();
    const proposal = await createProposalFromCards(users.bruno.id, session.id, { cardIds: [meeting.ids.looseCard, meeting.ids.namedCard] });
    // In the order they were picked.
    expect(proposal.title).toBe("Uno sportello per le famiglie");
    const lines = documentLines(await getCurrentProposalContent(proposal.id));
    expect(lines).toContain("• Uno sportello per le famiglie");
    expect(lines).toContain("• Trasporto per gli anziani del lago");
    await expect(createProposalFromCards(users.bruno.id, session.id, { cardIds: ["no-such-card"] })).rejects.toBeInstanceOf(NoCardsError);
    await expect(createProposalFromCards(users.bruno.id, session.id, { clusterId: "no-such-cluster" })).rejects.toBeInstanceOf(NoCardsError);
  });

  it("someone else's anonymous card stays out until the cards are revealed", async () => {
    const { session, users } = await scheduledSession();
    const room = await storedRoom(session.id);
    const added = applyRoomCommand(room, { type: "card.add", text: "Un'idea segreta che non si vede ancora e che ha un testo molto lungo, più lungo di ottanta caratteri", anonymous: true }, { userId: users.anna.id, role: "MEMBER" }, { now: Date.now(), newId: () => "secret" });
    if (!added.ok) throw new Error("card refused");
    await saveSessionRoom(session.id, added.state);
    await expect(createProposalFromCards(users.bruno.id, session.id, { cardIds: ["secret"] })).rejects.toBeInstanceOf(NoCardsError);
    const own = await createProposalFromCards(users.anna.id, session.id, { cardIds: ["secret"] });
    expect(own.title).toBe("Un'idea segreta che non si vede ancora e che ha un testo molto lungo, più…");
    expect(own.title.length).toBeLessThanOrEqual(80);
  });
});
