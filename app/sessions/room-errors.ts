import type { z } from "zod";

// Why a room command was refused (issue #4). The UI translates `reason` (a stable key); `message`
// is for developers and logs only, so it stays in English.

/** Every reason a room command can be refused for: the keys the UI translates. */
export const ROOM_ERROR_REASONS = [
  // invalid
  "invalid-command",
  // forbidden
  "role-forbidden",
  "not-card-author",
  // not-found
  "item-not-found",
  "card-not-found",
  "cluster-not-found",
  "target-not-found",
  "round-not-found",
  "action-not-found",
  // conflict
  "session-not-started",
  "session-already-started",
  "session-ended",
  "agenda-at-end",
  "agenda-same-item",
  "timer-running",
  "timer-not-running",
  "timer-not-paused",
  "timer-not-active",
  "timer-limit",
  "no-duration",
  "cards-already-revealed",
  "target-has-votes",
  "voting-not-open",
  "voting-already-open",
  "counts-already-revealed",
  "budget-exhausted",
  "max-per-card",
  "no-dot-to-retract",
  "consent-round-open",
  "round-closed",
  "limit-reached",
  // the room server (server/realtime/session-rooms.ts)
  "not-invited",
  "not-in-room",
  "room-unavailable",
  "storage-unavailable",
] as const;
export type RoomErrorReason = (typeof ROOM_ERROR_REASONS)[number];

export type RoomErrorCode = "invalid" | "forbidden" | "conflict" | "not-found";

/** A refused command: `code` says what kind of refusal (like an HTTP status), `reason` which rule. */
export type RoomError = {
  code: RoomErrorCode;
  reason: RoomErrorReason;
  message: string;
  /** Only for "invalid": what the schema found wrong, path by path. */
  issues?: z.ZodIssue[];
};

/** Builds a refusal. */
export function roomError(code: RoomErrorCode, reason: RoomErrorReason, message: string, issues?: z.ZodIssue[]): RoomError {
  return issues ? { code, reason, message, issues } : { code, reason, message };
}
