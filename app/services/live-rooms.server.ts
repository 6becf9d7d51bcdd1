import type { RoomState } from "~/sessions/room-state";

// The socket.io server keeps each open session room in memory (server/realtime/session-rooms.ts).
// Closing a session must take its room out of memory so that it accepts nothing more, and editing
// a session before it starts must change the room through the room server (or the next command
// would save the room's older copy over it). The room server registers how here at start-up, on
// globalThis because the Remix build that closes and edits sessions loads its own copy of this
// module.

/** Takes a session's room out of memory (if it is open) once the commands under way are done. */
export type RoomCloser = (sessionId: string) => Promise<void>;

const KEY = Symbol.for("twb.session-rooms.closer");
const holder = globalThis as typeof globalThis & { [KEY]?: RoomCloser };

/** Called by the room server at start-up (and with undefined when it stops). */
export function registerRoomCloser(closer: RoomCloser | undefined): void {
  holder[KEY] = closer;
}

/**
 * Evicts a closed session's room: its participants are told the session is over and later
 * commands are refused. Without a room server in the process there is no room to evict.
 */
export async function closeSessionRoom(sessionId: string): Promise<void> {
  await holder[KEY]?.(sessionId);
}

/** Applies a change to a session's room in turn with its commands, saves it and shows it to everyone in it. */
export type RoomChanger = (sessionId: string, change: (state: RoomState) => RoomState) => Promise<void>;

const CHANGER_KEY = Symbol.for("twb.session-rooms.changer");
const changerHolder = globalThis as typeof globalThis & { [CHANGER_KEY]?: RoomChanger };

/** Called by the room server at start-up (and with undefined when it stops). */
export function registerRoomChanger(changer: RoomChanger | undefined): void {
  changerHolder[CHANGER_KEY] = changer;
}

/** Changes a session's room through the room server; false when there is none in this process (the caller saves it). */
export async function changeSessionRoom(sessionId: string, change: (state: RoomState) => RoomState): Promise<boolean> {
  const changer = changerHolder[CHANGER_KEY];
  if (!changer) return false;
  await changer(sessionId, change);
  return true;
}
