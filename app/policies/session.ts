import type { LabRole } from "~/generated/prisma/enums";
import { ROOM_COMMAND_TYPES, type RoomCommandType } from "~/sessions/room-commands";
import type { Actor } from "./actor";
import type { LabMembership } from "./lab";
import { canViewSession } from "./session-planning";

// Who does what in a live session room (issue #4, "During the session"). The socket.io handlers
// ask roomRoleFor() once when a person joins; the room then asks canSendRoomCommand() and
// canChangeCard() for every command, and sends allowedRoomCommands() to the client so the UI never
// re-derives a rule.

/** A person's role inside a session room: their lab role, or OBSERVER for the network's watchers. */
export type RoomRole = LabRole;

/** Who sends a room command: the person and their role in the room. */
export type RoomActor = { userId: string; role: RoomRole };

// Members take part: they write cards, vote and answer consent rounds. Editing and removing a
// card is further limited to its author (canChangeCard). Everything that steers the meeting, and
// the action items (the facilitator owns the minutes), is the facilitator's.
const PARTICIPANT_COMMANDS: readonly RoomCommandType[] = [
  "attendance.check-in",
  "card.add",
  "card.edit",
  "card.remove",
  "vote.cast",
  "vote.retract",
  "consent.respond",
];

/** The role an actor has in a session room, or null when they may not join it (a lab role wins over a platform role). */
export function roomRoleFor(actor: Actor, membership: LabMembership): RoomRole | null {
  if (!canViewSession(actor, membership)) return null;
  return membership?.role ?? "OBSERVER";
}

/** Whether a room role may send a kind of command at all (observers only watch). */
export function canSendRoomCommand(role: RoomRole, type: RoomCommandType): boolean {
  if (role === "FACILITATOR") return true;
  if (role === "MEMBER") return PARTICIPANT_COMMANDS.includes(type);
  return false;
}

/** Cards are edited and removed by their author or a facilitator. */
export function canChangeCard(actor: RoomActor, card: { authorId: string }): boolean {
  if (actor.role === "FACILITATOR") return true;
  return actor.role === "MEMBER" && card.authorId === actor.userId;
}

/** The command kinds a room role may send, for the client's abilities. */
export function allowedRoomCommands(role: RoomRole): RoomCommandType[] {
  return ROOM_COMMAND_TYPES.filter((type) => canSendRoomCommand(role, type));
}
