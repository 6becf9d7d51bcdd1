// The socket.io server keeps each open session room in memory (server/realtime/session-rooms.ts).
// Closing a session must take its room out of memory so that it accepts nothing more; the room
// server registers how here at start-up, on globalThis because the Remix build that closes
// sessions loads its own copy of this module.

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
