// Benchmark child for `npm run bench:session`: the reference, i.e. the floor. A plain socket.io 4.8
// server on a loopback port with no authentication, no policy, no persistence and no per-person
// views: what socket.io fan-out alone costs for the same room protocol and the same load.
//
// It speaks the room protocol of server/realtime/session-rooms.ts minimally:
// - `room:join` {sessionId}: joins a socket.io room and acks {ok: true, room: {version, totals}}.
// - `room:command` {sessionId, command}: `vote.cast` {targetId} adds a dot to a per-target counter
//   and bumps a version, all in memory, and acks {ok: true, version}. The dot-voting rules (budget,
//   at most maxPerCard dots per target) are kept with two counters per socket, so the same votes are
//   refused as by the app and the two runs send the same number of events. `voting.open` {budget,
//   maxPerCard} starts a new round from empty ballots; any other command just bumps the version.
// - Each command is answered at once (nothing to save), and, like the app's batches, the commands of
//   one event-loop turn make ONE broadcast to the room (`room:view` = {version, totals}, the same
//   for everyone, so socket.io encodes it once), which keeps the comparison fair.
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { Server, type Socket } from "socket.io";
import { answerBenchParent } from "./child";

type Ack = (answer: unknown) => void;
type Room = {
  version: number;
  budget: number;
  maxPerCard: number;
  totals: Map<string, number>;
  /** Per socket: its dots per target this round. */
  ballots: WeakMap<Socket, Map<string, number>>;
  dirty: boolean;
  scheduled: boolean;
};

const httpServer = createServer();
const io = new Server(httpServer, { path: "/socket.io/", serveClient: false });
const rooms = new Map<string, Room>();

const roomOf = (sessionId: string) => {
  let room = rooms.get(sessionId);
  if (!room) rooms.set(sessionId, (room = { version: 0, budget: 0, maxPerCard: 0, totals: new Map(), ballots: new WeakMap(), dirty: false, scheduled: false }));
  return room;
};
const payloadOf = (room: Room) => ({ version: room.version, totals: Object.fromEntries(room.totals) });

/** One broadcast per event-loop turn, after every command of the turn was answered. */
function changed(sessionId: string, room: Room) {
  room.dirty = true;
  if (room.scheduled) return;
  room.scheduled = true;
  setImmediate(() => {
    room.scheduled = false;
    if (!room.dirty) return;
    room.dirty = false;
    io.to(sessionId).emit("room:view", payloadOf(room));
  });
}

io.on("connection", (socket) => {
  socket.on("room:join", async (payload: { sessionId?: unknown }, ack?: Ack) => {
    const sessionId = String(payload?.sessionId ?? "");
    await socket.join(sessionId);
    ack?.({ ok: true, room: payloadOf(roomOf(sessionId)) });
  });

  socket.on("room:command", (payload: { sessionId?: unknown; command?: { type?: unknown; targetId?: unknown; budget?: unknown; maxPerCard?: unknown } }, ack?: Ack) => {
    const sessionId = String(payload?.sessionId ?? "");
    const command = payload?.command ?? {};
    const room = roomOf(sessionId);
    if (command.type === "vote.cast") {
      const targetId = String(command.targetId);
      let ballot = room.ballots.get(socket);
      if (!ballot) room.ballots.set(socket, (ballot = new Map()));
      let used = 0;
      for (const dots of ballot.values()) used += dots;
      const onTarget = ballot.get(targetId) ?? 0;
      if (used >= room.budget) return ack?.({ ok: false, error: { code: "conflict", reason: "budget-exhausted" } });
      if (onTarget >= room.maxPerCard) return ack?.({ ok: false, error: { code: "conflict", reason: "max-per-card" } });
      ballot.set(targetId, onTarget + 1);
      room.totals.set(targetId, (room.totals.get(targetId) ?? 0) + 1);
    } else if (command.type === "voting.open") {
      room.budget = Number(command.budget);
      room.maxPerCard = Number(command.maxPerCard);
      room.totals = new Map();
      room.ballots = new WeakMap();
    }
    room.version += 1;
    ack?.({ ok: true, version: room.version, createdId: command.type === "card.add" ? randomUUID() : null });
    changed(sessionId, room);
  });
});

httpServer.listen(0, "127.0.0.1", () => {
  const address = httpServer.address();
  const port = typeof address === "object" && address ? address.port : 0;
  process.send?.({ type: "ready", url: `http://127.0.0.1:${port}` });
});

answerBenchParent({
  close: () =>
    new Promise<void>((resolve) => {
      io.close(() => resolve());
    }),
});
