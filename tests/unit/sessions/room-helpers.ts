import { expect } from "vitest";
import type { RoomActor } from "~/policies";
import type { RoomCommandInput } from "~/sessions/room-commands";
import type { RoomError } from "~/sessions/room-errors";
import { applyRoomCommand, createRoomState, type RoomEvent, type RoomState } from "~/sessions/room-state";

// A test driver for one room: every command runs on a deep-frozen state (so any mutation of the
// input throws), is checked not to change its input, and, when asked, runs again on a JSON
// round-trip of the state to check that a saved and reloaded room behaves the same.

export const facilitator: RoomActor = { userId: "fac", role: "FACILITATOR" };
export const member = (userId = "m1"): RoomActor => ({ userId, role: "MEMBER" });
export const observer: RoomActor = { userId: "obs", role: "OBSERVER" };

/** Freezes an object and everything in it. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/** Ids "prefix-1", "prefix-2", … */
export function sequentialIds(prefix = "id"): () => string {
  let next = 0;
  return () => `${prefix}-${++next}`;
}


export const AGENDA = [
  { id: "item-1", title: "Benvenuto", timeboxSeconds: 300 },
  { id: "item-2", title: "Idee", timeboxSeconds: 900, proposalId: "proposal-1" },
  { id: "item-3", title: "Decisioni", timeboxSeconds: 600 },
];

export type Room = {
  state: RoomState;
  now: number;
  events: RoomEvent[];
  /** Applies a command that must be accepted; returns its event. */
  run: (actor: RoomActor, command: RoomCommandInput | Record<string, unknown>) => RoomEvent;
  /** Applies a command that must be refused; checks the state did not move and returns the error. */
  refuse: (actor: RoomActor, command: unknown) => RoomError;
  /** Moves the room's clock on. */
  tick: (ms: number) => void;
};

/** A room driver around createRoomState. */
export function createRoom(options: { state?: RoomState; now?: number; roundTrip?: boolean } = {}): Room {
  const newId = sequentialIds("new");
  const room: Room = {
    state: options.state ?? createRoomState({ agenda: AGENDA }),
    now: options.now ?? 1_000_000,
    events: [],
    run(actor, command) {
      const before = structuredClone(room.state);
      const input = deepFreeze(room.state);
      const made: string[] = [];
      const recordingId = () => {
        const id = newId();
        made.push(id);
        return id;
      };
      const result = applyRoomCommand(input, command, actor, { now: room.now, newId: recordingId });
      expect(input).toEqual(before);
      if (!result.ok) throw new Error(`Refused ${JSON.stringify(command)}: ${JSON.stringify(result.error)}`);
      if (options.roundTrip) {
        // The same command on the reloaded state, given the same ids, gives the same result.
        const replay = applyRoomCommand(JSON.parse(JSON.stringify(before)), command, actor, { now: room.now, newId: () => made.shift() ?? "missing" });
        expect(replay).toEqual(result);
      }
      expect(result.state.version).toBe(before.version + 1);
      expect(JSON.parse(JSON.stringify(result.state))).toEqual(result.state);
      room.state = result.state;
      room.events.push(result.event);
      return result.event;
    },
    refuse(actor, command) {
      const before = structuredClone(room.state);
      const input = deepFreeze(room.state);
      const result = applyRoomCommand(input, command, actor, { now: room.now, newId });
      expect(input).toEqual(before);
      if (result.ok) throw new Error(`Accepted ${JSON.stringify(command)}`);
      return result.error;
    },
    tick(ms) {
      room.now += ms;
    },
  };
  return room;
}
