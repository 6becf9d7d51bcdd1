import { describe, expect, it } from "vitest";
import type { LabRole } from "~/generated/prisma/enums";
import {
  canViewSession,
  allowedRoomCommands,
  canChangeCard,
  canSendRoomCommand,
  roomRoleFor,
  type Actor,
  type LabMembership,
  type RoomRole,
} from "~/policies";
import { ROOM_COMMAND_TYPES, type RoomCommandType } from "~/sessions/room-commands";

const person = (role: NonNullable<Actor>["role"], id = role.toLowerCase()): Actor => ({ id, role, organizationIds: [] });
const inLab = (role: LabRole): LabMembership => ({ role });

describe("who joins a session room, and as what", () => {
  const table: [string, Actor, LabMembership, RoomRole | null][] = [
    ["lab facilitator", person("MEMBER"), inLab("FACILITATOR"), "FACILITATOR"],
    ["lab member", person("MEMBER"), inLab("MEMBER"), "MEMBER"],
    ["lab observer", person("MEMBER"), inLab("OBSERVER"), "OBSERVER"],
    ["admin outside the lab (watches)", person("ADMIN"), null, "OBSERVER"],
    ["coordinator outside the lab (watches)", person("COORDINATOR"), null, "OBSERVER"],
    ["coordinator who is a lab member (lab role wins)", person("COORDINATOR"), inLab("MEMBER"), "MEMBER"],
    ["platform facilitator outside the lab", person("FACILITATOR"), null, null],
    ["member outside the lab", person("MEMBER"), null, null],
    ["anonymous", null, null, null],
  ];
  it.each(table)("%s → %s", (_name, actor, membership, expected) => {
    expect(roomRoleFor(actor, membership)).toBe(expected);
    expect(canViewSession(actor, membership)).toBe(expected !== null);
  });
});

describe("which commands each room role sends", () => {
  // F: facilitator only; P: members too (card.edit/remove further limited to their own cards).
  const table: Record<RoomCommandType, "F" | "P"> = {
    "session.start": "F",
    "session.end": "F",
    "timer.start": "F",
    "timer.pause": "F",
    "timer.resume": "F",
    "timer.extend": "F",
    "timer.stop": "F",
    "agenda.next": "F",
    "agenda.goto": "F",
    "focus.set": "F",
    "attendance.mark": "F",
    "attendance.check-in": "P",
    "card.add": "P",
    "card.edit": "P",
    "card.remove": "P",
    "cards.reveal": "F",
    "cluster.create": "F",
    "cluster.rename": "F",
    "cluster.remove": "F",
    "card.move": "F",
    "voting.open": "F",
    "vote.cast": "P",
    "vote.retract": "P",
    "voting.reveal": "F",
    "voting.close": "F",
    "consent.open": "F",
    "consent.respond": "P",
    "consent.close": "F",
    "action.add": "F",
    "action.remove": "F",
  };
  const rows = ROOM_COMMAND_TYPES.flatMap((type) =>
    (["FACILITATOR", "MEMBER", "OBSERVER"] as const).map((role) => [role, type, role === "FACILITATOR" || (role === "MEMBER" && table[type] === "P")] as const),
  );

  it.each(rows)("%s sends %s: %s", (role, type, expected) => {
    expect(canSendRoomCommand(role, type)).toBe(expected);
  });

  it("sends the same list to the client as abilities", () => {
    expect(allowedRoomCommands("FACILITATOR")).toEqual([...ROOM_COMMAND_TYPES]);
    expect(allowedRoomCommands("MEMBER")).toEqual(ROOM_COMMAND_TYPES.filter((type) => table[type] === "P"));
    expect(allowedRoomCommands("OBSERVER")).toEqual([]);
  });
});

describe("canChangeCard", () => {
  const card = { authorId: "ada" };
  it.each([
    ["the author", { userId: "ada", role: "MEMBER" }, true],
    ["another member", { userId: "bea", role: "MEMBER" }, false],
    ["a facilitator", { userId: "fac", role: "FACILITATOR" }, true],
    ["an observer who wrote it earlier", { userId: "ada", role: "OBSERVER" }, false],
  ] as const)("%s: %s", (_name, actor, expected) => {
    expect(canChangeCard(actor, card)).toBe(expected);
  });
});
