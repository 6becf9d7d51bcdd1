import { randomUUID } from "node:crypto";
import type { Server, Socket } from "socket.io";
import { z } from "zod";
import { getRoomPeople, getRoomStanding, loadSessionRoom, saveSessionRoom } from "~/models/session-room.server";
import { canEnterSessionRoom, roomRoleFor, type RoomActor } from "~/policies";
import { onAccessChange } from "~/services/access-events.server";
import { registerRoomChanger, registerRoomCloser } from "~/services/live-rooms.server";
import { toActor, type SessionUser } from "~/services/auth.server";
import { roomError, type RoomError } from "~/sessions/room-errors";
import { applyRoomCommand, type RoomState } from "~/sessions/room-state";
import { roomViewFor, type RoomView } from "~/sessions/room-view";

// Live session rooms over socket.io (issue #4). One room per session lives in memory while someone
// is in it; commands are applied one at a time, in arrival order, by the pure reducer in
// app/sessions. Commands that arrive together are saved together: one write of the room's state,
// then every sender gets its answer and every participant one new view. Nobody is told a command
// succeeded before it is saved, so a reload or a restart never shows less than people saw.

export type RoomPerson = { userId: string; name: string; response: string; organizations: string[] };
/** What every broadcast carries: the view of one person, and who is connected. */
export type RoomEnvelope = { sessionId: string; view: RoomView; online: string[] };
export type CommandAck = { ok: true; version: number; createdId: string | null } | { ok: false; error: RoomError };
/** Joining also brings the people invited (they rarely change: later changes come as "room:people"). */
export type JoinAck = { ok: true; room: RoomEnvelope; people: RoomPerson[] } | { ok: false; error: RoomError };

export type RoomClientEvents = {
  "room:join": (payload: unknown, ack?: (answer: JoinAck) => void) => void;
  "room:leave": (payload: unknown) => void;
  "room:command": (payload: unknown, ack?: (answer: CommandAck) => void) => void;
};
export type RoomServerEvents = {
  "room:view": (room: RoomEnvelope) => void;
  "room:people": (payload: { sessionId: string; people: RoomPerson[] }) => void;
  "room:error": (error: RoomError) => void;
};

const joinSchema = z.object({ sessionId: z.string().uuid() }).strict();
const commandSchema = z.object({ sessionId: z.string().uuid(), command: z.unknown() }).strict();

/** What the server keeps on each socket: its person, and its role in each room it joined. */
export type RoomSocketData = { user: SessionUser; rooms: Map<string, RoomActor> };
type RoomSocket = Socket<RoomClientEvents, RoomServerEvents, Record<string, never>, RoomSocketData>;
type RoomServer = Server<RoomClientEvents, RoomServerEvents, Record<string, never>, RoomSocketData>;
/** A command from a participant, or a change from the app itself (a session edited before it starts). */
type Pending =
  | { socket: RoomSocket; raw: unknown; ack: (answer: CommandAck) => void }
  | { change: (state: RoomState) => RoomState; ack: (answer: CommandAck) => void };

const channel = (sessionId: string) => `session:${sessionId}`;
const roomErrorOf = (reason: RoomError["reason"], code: RoomError["code"], message: string): RoomError => roomError(code, reason, message);

class LiveRoom {
  private queue: Pending[] = [];
  private flushing = false;
  private presenceDue = false;
  /** Set when the session is closed: the room refuses every command from then on. */
  closed = false;
  people: RoomPerson[] = [];

  constructor(
    readonly sessionId: string,
    readonly labId: string,
    public state: RoomState,
    private readonly io: RoomServer,
    private readonly save: (sessionId: string, state: RoomState) => Promise<void>,
  ) {}

  private drained: Promise<void> = Promise.resolve();

  /** Resolves once every command queued so far is applied and saved (or refused). */
  idle(): Promise<void> {
    return this.drained;
  }

  /** Queues a command; it is applied, saved and answered with the others of its turn. */
  submit(pending: Pending) {
    this.queue.push(pending);
    if (!this.flushing) this.submitNext();
  }

  private async flush() {
    try {
      await this.drain();
    } finally {
      this.flushing = false;
      if (this.queue.length > 0) this.submitNext();
    }
  }

  private submitNext() {
    this.flushing = true;
    this.drained = new Promise((resolve) => setImmediate(() => void this.flush().then(resolve)));
  }

  /** Asks the room to check in the people connected to it (on joining, and when it starts). */
  syncPresence() {
    this.presenceDue = true;
    if (!this.flushing) this.submitNext();
  }

  private async drain() {
    while (this.queue.length > 0 || this.presenceDue) {
      const batch = this.queue.splice(0);
      let state = this.state;
      const answers: Array<{ pending: Pending; answer: CommandAck }> = [];
      const now = Date.now();
      const context = { now, newId: randomUUID };
      for (const pending of batch) {
        if (this.closed) {
          answers.push({ pending, answer: { ok: false, error: roomError("conflict", "session-ended", "The session is closed") } });
          continue;
        }
        if ("change" in pending) {
          try {
            state = pending.change(state);
            answers.push({ pending, answer: { ok: true, version: state.version, createdId: null } });
          } catch (error) {
            answers.push({ pending, answer: { ok: false, error: roomError("conflict", "session-already-started", (error as Error).message) } });
          }
          continue;
        }
        const actor = pending.socket.data.rooms.get(this.sessionId);
        if (!actor) {
          answers.push({ pending, answer: { ok: false, error: roomError("forbidden", "not-in-room", "Join the room first") } });
          continue;
        }
        const result = applyRoomCommand(state, pending.raw, actor, context);
        if (result.ok) {
          state = result.state;
          answers.push({ pending, answer: { ok: true, version: result.state.version, createdId: result.event.createdId } });
        } else {
          answers.push({ pending, answer: { ok: false, error: result.error } });
        }
      }
      // Presence is automatic: whoever takes part and is connected while the session runs is present.
      const presenceChanged = this.presenceDue;
      this.presenceDue = false;
      if (state.status === "live" && !this.closed) {
        for (const actor of this.participants()) {
          if (actor.role === "OBSERVER" || state.attendance[actor.userId]?.present) continue;
          const result = applyRoomCommand(state, { type: "attendance.check-in" }, actor, context);
          if (result.ok) state = result.state;
        }
      }
      const changed = state !== this.state;
      if (changed) {
        try {
          await this.save(this.sessionId, state);
          this.state = state;
        } catch (error) {
          console.error(`[rooms] could not save session ${this.sessionId}`, error);
          for (const entry of answers) {
            if (entry.answer.ok) entry.answer = { ok: false, error: roomError("conflict", "storage-unavailable", "The room could not be saved: try again") };
          }
        }
      }
      for (const { pending, answer } of answers) pending.ack(answer);
      if ((changed && this.state === state) || presenceChanged) this.broadcast();
    }
  }

  /** The people connected to the room, once each (several tabs are one person). */
  private participants(): RoomActor[] {
    const byUser = new Map<string, RoomActor>();
    for (const socket of this.sockets()) {
      const actor = socket.data.rooms.get(this.sessionId);
      if (actor) byUser.set(actor.userId, actor);
    }
    return [...byUser.values()];
  }

  /** Sends each participant the room as they may see it. */
  broadcast() {
    const now = Date.now();
    const sockets = this.sockets();
    const online = this.participants().map((actor) => actor.userId);
    // Views depend only on who looks and with which role: compute each once.
    const views = new Map<string, RoomEnvelope>();
    for (const socket of sockets) {
      const actor = socket.data.rooms.get(this.sessionId);
      if (!actor) continue;
      const key = `${actor.userId}:${actor.role}`;
      let envelope = views.get(key);
      if (!envelope) {
        envelope = { sessionId: this.sessionId, view: roomViewFor(this.state, actor, now), online };
        views.set(key, envelope);
      }
      socket.emit("room:view", envelope);
    }
  }

  envelopeFor(actor: RoomActor): RoomEnvelope {
    const online = this.participants().map((actor) => actor.userId);
    return { sessionId: this.sessionId, view: roomViewFor(this.state, actor, Date.now()), online };
  }

  sockets(): RoomSocket[] {
    const ids = this.io.sockets.adapter.rooms.get(channel(this.sessionId));
    if (!ids) return [];
    return [...ids].flatMap((id) => {
      const socket = this.io.sockets.sockets.get(id);
      return socket ? [socket] : [];
    });
  }
}

export type SessionRoomsOptions = { save?: (sessionId: string, state: RoomState) => Promise<void> };

/** Wires the room events on every authenticated socket; `close` waits for the saves under way. */
export function serveSessionRooms(io: RoomServer, options: SessionRoomsOptions = {}) {
  const save = options.save ?? saveSessionRoom;
  const rooms = new Map<string, Promise<LiveRoom | null>>();

  const openRoom = (sessionId: string) => {
    let room = rooms.get(sessionId);
    if (!room) {
      room = loadSessionRoom(sessionId).then(async (stored) => {
        if (!stored || stored.status === "CANCELLED" || stored.status === "CLOSED") return null;
        const live = new LiveRoom(stored.id, stored.labId, stored.state, io, save);
        live.people = await getRoomPeople(sessionId);
        return live;
      });
      rooms.set(sessionId, room);
      // A failed load must not stay cached.
      room.catch(() => rooms.delete(sessionId));
    }
    return room;
  };

  io.on("connection", (socket) => {
    socket.data.rooms = new Map();
    const answerOf = <T,>(ack: unknown, fallback: (answer: T) => void) => (typeof ack === "function" ? (ack as (answer: T) => void) : fallback);

    socket.on("room:join", async (payload, rawAck) => {
      const ack = answerOf<JoinAck>(rawAck, (answer) => {
        if (!answer.ok) return socket.emit("room:error", answer.error);
        socket.emit("room:people", { sessionId: answer.room.sessionId, people: answer.people });
        socket.emit("room:view", answer.room);
      });
      const parsed = joinSchema.safeParse(payload);
      if (!parsed.success) return ack({ ok: false, error: roomError("invalid", "invalid-command", "Expected { sessionId }", parsed.error.issues) });
      const { sessionId } = parsed.data;
      try {
        const room = await openRoom(sessionId);
        if (!room) return ack({ ok: false, error: roomErrorOf("room-unavailable", "not-found", "No open room for this session") });
        const actor = toActor(socket.data.user);
        const standing = await getRoomStanding(sessionId, room.labId, socket.data.user.id);
        const membership = standing.labRole ? { role: standing.labRole } : null;
        const role = roomRoleFor(actor, membership);
        if (!role || !canEnterSessionRoom(actor, membership, standing.invited)) {
          return ack({ ok: false, error: roomErrorOf("not-invited", "forbidden", "Not invited to this session") });
        }
        const me: RoomActor = { userId: socket.data.user.id, role };
        socket.data.rooms.set(sessionId, me);
        await socket.join(channel(sessionId));
        ack({ ok: true, room: room.envelopeFor(me), people: room.people });
        // Everyone sees who came in; while the session runs, coming in checks them in.
        room.syncPresence();
      } catch (error) {
        console.error(`[rooms] join of ${sessionId} failed`, error);
        ack({ ok: false, error: roomErrorOf("storage-unavailable", "conflict", "The room could not be opened") });
      }
    });

    socket.on("room:command", async (payload, rawAck) => {
      const ack = answerOf<CommandAck>(rawAck, (answer) => {
        if (!answer.ok) socket.emit("room:error", answer.error);
      });
      const parsed = commandSchema.safeParse(payload);
      if (!parsed.success) return ack({ ok: false, error: roomError("invalid", "invalid-command", "Expected { sessionId, command }", parsed.error.issues) });
      const { sessionId, command } = parsed.data;
      if (!socket.data.rooms.has(sessionId)) return ack({ ok: false, error: roomErrorOf("not-in-room", "forbidden", "Join the room first") });
      const room = await rooms.get(sessionId)?.catch(() => null);
      if (!room) return ack({ ok: false, error: roomErrorOf("room-unavailable", "not-found", "No open room for this session") });
      room.submit({ socket, raw: command, ack });
    });

    socket.on("room:leave", async (payload) => {
      const parsed = joinSchema.safeParse(payload);
      if (!parsed.success) return;
      socket.data.rooms.delete(parsed.data.sessionId);
      await socket.leave(channel(parsed.data.sessionId));
      (await rooms.get(parsed.data.sessionId)?.catch(() => null))?.broadcast();
    });

    socket.on("disconnect", () => {
      for (const sessionId of socket.data.rooms.keys() ?? []) {
        void rooms.get(sessionId)?.then((room) => room?.broadcast(), () => undefined);
      }
    });
  });

  // Someone removed from the lab, or made an observer, is re-checked at once in every room.
  // One re-check at a time, in order (a later change has the last word), and close() waits for them.
  let rechecks: Promise<void> = Promise.resolve();
  const stopFollowingAccess = onAccessChange((change) => {
    rechecks = rechecks.then(async () => {
      for (const [sessionId, pending] of rooms) {
        const room = await pending.catch(() => null);
        if (!room || room.labId !== change.labId) continue;
        for (const socket of room.sockets()) {
          const current = socket.data.rooms.get(sessionId);
          if (!current) continue;
          const standing = await getRoomStanding(sessionId, room.labId, current.userId);
          const actor = toActor(socket.data.user);
          const membership = standing.labRole ? { role: standing.labRole } : null;
          const role = roomRoleFor(actor, membership);
          if (!role || !canEnterSessionRoom(actor, membership, standing.invited)) {
            socket.data.rooms.delete(sessionId);
            await socket.leave(channel(sessionId));
            socket.emit("room:error", roomError("forbidden", "not-invited", "You are no longer in this session's lab"));
          } else if (role !== current.role) {
            socket.data.rooms.set(sessionId, { userId: current.userId, role });
          }
        }
        // Someone who joined the lab is invited to its coming sessions: the list changes.
        room.people = await getRoomPeople(sessionId);
        io.to(channel(sessionId)).emit("room:people", { sessionId, people: room.people });
        room.broadcast();
      }
    }).catch((error: unknown) => console.error("[rooms] access re-check failed", error));
  });

  // Closing a session (its minutes become final) evicts its room: commands still queued are refused, the
  // people in it are told the session is over, and the next join finds the session CLOSED.
  registerRoomChanger(async (sessionId, change) => {
    const room = await openRoom(sessionId);
    if (!room) throw new Error(`No room for session ${sessionId}`);
    const answer = await new Promise<CommandAck>((resolve) => room.submit({ change, ack: resolve }));
    if (!answer.ok) throw new Error(answer.error.message);
  });

  registerRoomCloser(async (sessionId) => {
    const pending = rooms.get(sessionId);
    if (!pending) return;
    rooms.delete(sessionId);
    const room = await pending.catch(() => null);
    if (!room) return;
    room.closed = true;
    await room.idle();
    for (const socket of room.sockets()) {
      socket.data.rooms.delete(sessionId);
      await socket.leave(channel(sessionId));
      socket.emit("room:error", roomError("conflict", "session-ended", "The session is closed"));
    }
  });

  return {
    async close() {
      registerRoomCloser(undefined);
      registerRoomChanger(undefined);
      stopFollowingAccess();
      await rechecks;
      const open = await Promise.all([...rooms.values()].map((room) => room.catch(() => null)));
      await Promise.all(open.map((room) => room?.idle()));
    },
  };
}
