import { EventEmitter } from "node:events";

/**
 * Something changed who may do what in a lab (membership, lab role, lab status, proposal stage, a
 * session closed). With proposalId or sessionId only that proposal's or session's documents change.
 */
export type AccessChange = { labId: string; proposalId?: string; sessionId?: string };

// One emitter per process, on globalThis: the Remix build (which makes the change) and the
// collaboration server (which must re-check open sockets) load separate copies of this module.
const KEY = Symbol.for("twb.access-events");
const holder = globalThis as typeof globalThis & { [KEY]?: EventEmitter };
const emitter = (holder[KEY] ??= new EventEmitter().setMaxListeners(100));

/** Announces an access change after it has been committed. */
export function emitAccessChange(change: AccessChange): void {
  emitter.emit("change", change);
}

/** Listens for access changes; returns the function that stops listening. */
export function onAccessChange(listener: (change: AccessChange) => void): () => void {
  emitter.on("change", listener);
  return () => emitter.off("change", listener);
}
