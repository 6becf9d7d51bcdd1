// Live session rooms over socket.io (issue #4): real server on a loopback port, several socket.io
// clients with the session cookies of real people.
import { io as connectSocket, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { scheduleLabSession, updateLabSession } from "~/models/lab-session.server";
import { removeLabMember } from "~/models/lab.server";
import type { RoomView } from "~/sessions/room-view";
import type { RunningServer } from "../../../server/app";
import type { CommandAck, JoinAck, RoomEnvelope } from "../../../server/realtime/session-rooms";
import { createTestLab, createTestUser, TEST_PASSWORD } from "../../support/factories";
import { loginCookie, startTestServer } from "../../support/server";

let server: RunningServer;
const sockets: Socket[] = [];

type Person = { id: string; cookie: string };
let facilitator: Person, alice: Person, bruno: Person, carla: Person, observer: Person, outsider: Person;
let lab: { id: string; slug: string };

beforeAll(async () => {
  server = await startTestServer();
  const people = await Promise.all([createTestUser({ role: "FACILITATOR" }), createTestUser(), createTestUser(), createTestUser(), createTestUser(), createTestUser()]);
  const created = await createTestLab([
    { userId: people[0].id, role: "FACILITATOR" },
    { userId: people[1].id, role: "MEMBER" },
    { userId: people[2].id, role: "MEMBER" },
    { userId: people[3].id, role: "MEMBER" },
    { userId: people[4].id, role: "OBSERVER" },
  ]);
  lab = { id: created.id, slug: created.slug };
  const cookies = await Promise.all(people.map((person) => loginCookie(server.url, person.email, TEST_PASSWORD)));
  [facilitator, alice, bruno, carla, observer, outsider] = people.map((person, index) => ({ id: person.id, cookie: cookies[index] }));
});

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await server?.close();
});

async function newSession() {
  const session = await scheduleLabSession(facilitator.id, lab, {
    title: "Sessione di prova",
    goal: "Provare la stanza dal vivo con più persone",
    date: `${new Date().getFullYear() + 1}-03-10`,
    time: "17:00",
    durationMinutes: 60,
    videoUrl: "https://meet.jit.si/twb-prova",
    agenda: [
      { title: "Idee", minutes: 20 },
      { title: "Voto", minutes: 20 },
    ],
  });
  return session.id;
}

/** A participant: their socket, the last view they received, and helpers to wait for views. */
type Participant = { socket: Socket; views: RoomEnvelope[]; latest: () => RoomView; waitFor: (check: (view: RoomView) => boolean) => Promise<RoomView> };

function connect(person: Person): Promise<Socket> {
  const socket = connectSocket(server.url, { path: "/socket.io/", transports: ["websocket"], extraHeaders: { cookie: person.cookie }, reconnection: false, forceNew: true });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.on("connect", () => resolve(socket));
    socket.on("connect_error", reject);
  });
}

async function join(person: Person, sessionId: string): Promise<Participant> {
  const socket = await connect(person);
  const views: RoomEnvelope[] = [];
  const waiters: Array<{ check: (view: RoomView) => boolean; resolve: (view: RoomView) => void }> = [];
  socket.on("room:view", (room: RoomEnvelope) => {
    views.push(room);
    for (const waiter of [...waiters]) {
      if (waiter.check(room.view)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(room.view);
      }
    }
  });
  const answer = await socket.emitWithAck("room:join", { sessionId }) as JoinAck;
  if (!answer.ok) throw new Error(`join refused: ${answer.error.reason}`);
  views.push(answer.room);
  const latest = () => views.reduce((best, room) => (room.view.version >= best.view.version ? room : best)).view;
  const waitFor = (check: (view: RoomView) => boolean) =>
    check(latest())
      ? Promise.resolve(latest())
      : new Promise<RoomView>((resolve, reject) => {
          waiters.push({ check, resolve });
          setTimeout(() => reject(new Error("no such view within 5 s")), 5000);
        });
  return { socket, views, latest, waitFor };
}

const send = (participant: Participant, sessionId: string, command: unknown) => participant.socket.emitWithAck("room:command", { sessionId, command }) as Promise<CommandAck>;

describe("session rooms over socket.io", () => {
  it("timer and agenda changes reach everyone in the room", async () => {
    const sessionId = await newSession();
    const host = await join(facilitator, sessionId);
    const members = await Promise.all([join(alice, sessionId), join(bruno, sessionId)]);
    const watcher = await join(observer, sessionId);
    expect(await send(host, sessionId, { type: "session.start" })).toMatchObject({ ok: true });
    expect(await send(host, sessionId, { type: "timer.start" })).toMatchObject({ ok: true });
    for (const participant of [...members, watcher]) {
      const view = await participant.waitFor((candidate) => candidate.timer.state === "running");
      expect(view.status).toBe("live");
      expect(view.timer.durationMs).toBe(20 * 60_000);
    }
    expect(await send(host, sessionId, { type: "agenda.next" })).toMatchObject({ ok: true });
    const second = (await prisma.sessionAgendaItem.findFirstOrThrow({ where: { sessionId, position: 1 } })).id;
    for (const participant of [...members, watcher]) {
      await participant.waitFor((candidate) => candidate.currentItemId === second);
    }
    // Presence is automatic on joining for those who take part.
    expect([...host.latest().present].sort()).toEqual([facilitator.id, alice.id, bruno.id].sort());
    expect((await prisma.labSession.findUniqueOrThrow({ where: { id: sessionId } })).status).toBe("LIVE");
  });

  it("votes respect the budget and the maximum per card under concurrent voting, and every vote is counted once", async () => {
    const sessionId = await newSession();
    const host = await join(facilitator, sessionId);
    const voters = await Promise.all([alice, bruno, carla].map((person) => join(person, sessionId)));
    await send(host, sessionId, { type: "session.start" });
    const cards: string[] = [];
    for (const text of ["Aule dell'IC", "Tutor alla pari", "Trasporto"]) {
      const answer = await send(voters[0], sessionId, { type: "card.add", text, anonymous: false });
      if (!answer.ok || !answer.createdId) throw new Error("card not added");
      cards.push(answer.createdId);
    }
    expect(await send(host, sessionId, { type: "voting.open", budget: 3, maxPerCard: 2 })).toMatchObject({ ok: true });

    // Everyone fires 6 dots at once, all on the first two cards: only 3 each may land, at most 2 per card.
    const attempts = voters.flatMap((voter) => Array.from({ length: 6 }, (_, index) => send(voter, sessionId, { type: "vote.cast", targetId: cards[index % 2] })));
    const answers = await Promise.all(attempts);
    const accepted = answers.filter((answer) => answer.ok).length;
    const refusals = answers.flatMap((answer) => (answer.ok ? [] : [answer.error.reason]));
    expect(accepted).toBe(9);
    expect(new Set(refusals)).toEqual(new Set(["budget-exhausted", ...(refusals.includes("max-per-card") ? ["max-per-card"] : [])]));

    expect(await send(host, sessionId, { type: "voting.reveal" })).toMatchObject({ ok: true });
    const revealed = await voters[1].waitFor((view) => view.voting.countsRevealed);
    const stored = (await prisma.labSession.findUniqueOrThrow({ where: { id: sessionId } })).roomState as { voting: { ballots: Record<string, Record<string, number>> } };
    for (const voter of [alice, bruno, carla]) {
      const ballot = stored.voting.ballots[voter.id];
      expect(Object.values(ballot).reduce((sum, dots) => sum + dots, 0)).toBe(3);
      expect(Math.max(...Object.values(ballot))).toBeLessThanOrEqual(2);
    }
    const storedTotals: Record<string, number> = {};
    for (const ballot of Object.values(stored.voting.ballots)) {
      for (const [cardId, dots] of Object.entries(ballot)) storedTotals[cardId] = (storedTotals[cardId] ?? 0) + dots;
    }
    const revealedTotals = revealed.voting.totals ?? {};
    expect(revealedTotals).toEqual(storedTotals);
    expect(Object.values(revealedTotals).reduce((sum, dots) => sum + dots, 0)).toBe(9);
  });

  it("a reload or a reconnect comes back to the same room", async () => {
    const sessionId = await newSession();
    const host = await join(facilitator, sessionId);
    const member = await join(alice, sessionId);
    await send(host, sessionId, { type: "session.start" });
    await send(member, sessionId, { type: "card.add", text: "Coinvolgere le famiglie", anonymous: true });
    const last = await send(host, sessionId, { type: "cluster.create", name: "Famiglie" });
    if (!last.ok) throw new Error("cluster not created");
    const before = await host.waitFor((view) => view.version === last.version);
    member.socket.close();

    const again = await join(alice, sessionId);
    expect(again.latest().version).toBe(before.version);
    expect(again.latest().cards.map((card) => card.text)).toEqual(["Coinvolgere le famiglie"]);

    // What is shown is what is stored: a new room server would load the same.
    const stored = (await prisma.labSession.findUniqueOrThrow({ where: { id: sessionId } })).roomState as { version: number; clusters: Array<{ name: string }> };
    expect(stored.version).toBe(before.version);
    expect(stored.clusters.map((cluster) => cluster.name)).toEqual(["Famiglie"]);
  });

  it("changing the session before it starts reaches the open room, pre-work included", async () => {
    const sessionId = await newSession();
    const member = await join(alice, sessionId);
    const card = await send(member, sessionId, { type: "card.add", text: "Idea di preparazione", anonymous: false });
    expect(card).toMatchObject({ ok: true });
    await updateLabSession(facilitator.id, lab, sessionId, {
      title: "Sessione di prova",
      goal: "Provare la stanza dal vivo con più persone",
      date: `${new Date().getFullYear() + 1}-03-11`,
      time: "17:00",
      durationMinutes: 60,
      videoUrl: "https://meet.jit.si/twb-prova",
      agenda: [{ title: "Un solo punto", minutes: 45 }],
    });
    const view = await member.waitFor((candidate) => candidate.agenda.length === 1);
    expect(view.agenda[0].title).toBe("Un solo punto");
    expect(view.cards.map((entry) => entry.text)).toEqual(["Idea di preparazione"]);
    // The room saved what it shows.
    const stored = (await prisma.labSession.findUniqueOrThrow({ where: { id: sessionId } })).roomState as { agenda: Array<{ title: string }> };
    expect(stored.agenda.map((item) => item.title)).toEqual(["Un solo punto"]);
  });

  it("refuses outsiders, observers' commands, malformed events and people removed from the lab, telling only them", async () => {
    const sessionId = await newSession();
    const outsiderSocket = await connect(outsider);
    const refused = (await outsiderSocket.emitWithAck("room:join", { sessionId })) as JoinAck;
    expect(refused).toMatchObject({ ok: false, error: { code: "forbidden" } });

    const host = await join(facilitator, sessionId);
    const member = await join(carla, sessionId);
    const watcher = await join(observer, sessionId);
    await send(host, sessionId, { type: "session.start" });
    const versionBefore = host.latest().version;

    expect(await send(watcher, sessionId, { type: "card.add", text: "Da osservatore", anonymous: false })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await send(member, sessionId, { type: "timer.start" })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    for (const junk of [null, 42, "card.add", { type: "card.add" }, { type: "card.add", text: "x".repeat(5000), anonymous: false }, { type: "nope" }, { type: "__proto__" }]) {
      const answer = await send(member, sessionId, junk);
      expect(answer, JSON.stringify(junk)?.slice(0, 40)).toMatchObject({ ok: false, error: { code: "invalid" } });
    }
    const badEnvelope = (await member.socket.emitWithAck("room:command", { sessionId: "not-a-uuid", command: { type: "timer.start" } })) as CommandAck;
    expect(badEnvelope).toMatchObject({ ok: false, error: { code: "invalid" } });
    // Without an ack callback the error comes back as an event, to that client only.
    const errorEvent = new Promise((resolve) => member.socket.once("room:error", resolve));
    member.socket.emit("room:command", "garbage");
    expect(await errorEvent).toMatchObject({ code: "invalid" });
    expect(host.latest().version).toBe(versionBefore);

    // Removed from the lab: out of the room at once, and further commands are refused.
    const removed = new Promise((resolve) => member.socket.once("room:error", resolve));
    await removeLabMember(facilitator.id, lab.id, carla.id);
    expect(await removed).toMatchObject({ code: "forbidden" });
    expect(await send(member, sessionId, { type: "card.add", text: "Dopo la rimozione", anonymous: false })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    const rejoin = (await member.socket.emitWithAck("room:join", { sessionId })) as JoinAck;
    expect(rejoin).toMatchObject({ ok: false });
  });
});
