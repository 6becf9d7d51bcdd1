import { describe, expect, it } from "vitest";
import { canChangeSession, canEnterSessionRoom, canRespondToSession, canScheduleSession, canViewSession, type Actor, type LabMembership } from "~/policies";

const actor = (role: "ADMIN" | "COORDINATOR" | "FACILITATOR" | "MEMBER"): Actor => ({ id: `user-${role}`, role, organizationIds: [] });
const member = (role: "FACILITATOR" | "MEMBER" | "OBSERVER"): LabMembership => ({ role });
const active = { status: "ACTIVE" };

describe("session planning policies", () => {
  it.each([
    ["a lab facilitator", actor("MEMBER"), member("FACILITATOR"), true, true],
    ["a lab member", actor("MEMBER"), member("MEMBER"), false, true],
    ["a lab observer", actor("MEMBER"), member("OBSERVER"), false, true],
    ["a coordinator outside the lab", actor("COORDINATOR"), null, true, true],
    ["an admin outside the lab", actor("ADMIN"), null, true, true],
    ["a platform facilitator outside the lab", actor("FACILITATOR"), null, false, false],
    ["a member outside the lab", actor("MEMBER"), null, false, false],
    ["nobody signed in", null, null, false, false],
  ] as const)("%s: schedule %s, view %s", (_who, who, membership, schedule, view) => {
    expect(canScheduleSession(who, membership, active)).toBe(schedule);
    expect(canViewSession(who, membership)).toBe(view);
  });

  it("no one schedules sessions of a paused or closed lab", () => {
    expect(canScheduleSession(actor("ADMIN"), member("FACILITATOR"), { status: "PAUSED" })).toBe(false);
    expect(canScheduleSession(actor("ADMIN"), member("FACILITATOR"), { status: "CLOSED" })).toBe(false);
  });

  it("those who schedule change and cancel sessions, until they start", () => {
    expect(canChangeSession(actor("MEMBER"), member("FACILITATOR"), active, { status: "SCHEDULED" })).toBe(true);
    expect(canChangeSession(actor("COORDINATOR"), null, active, { status: "SCHEDULED" })).toBe(true);
    expect(canChangeSession(actor("MEMBER"), member("MEMBER"), active, { status: "SCHEDULED" })).toBe(false);
    for (const status of ["LIVE", "CLOSED", "CANCELLED"]) expect(canChangeSession(actor("ADMIN"), member("FACILITATOR"), active, { status })).toBe(false);
  });

  it("the room is for invited people, the lab's facilitators and the network's coordinators", () => {
    expect(canEnterSessionRoom(actor("MEMBER"), member("MEMBER"), true)).toBe(true);
    expect(canEnterSessionRoom(actor("MEMBER"), member("OBSERVER"), true)).toBe(true);
    expect(canEnterSessionRoom(actor("MEMBER"), member("MEMBER"), false)).toBe(false);
    expect(canEnterSessionRoom(actor("MEMBER"), member("FACILITATOR"), false)).toBe(true);
    expect(canEnterSessionRoom(actor("COORDINATOR"), null, false)).toBe(true);
    expect(canEnterSessionRoom(actor("MEMBER"), null, true)).toBe(false);
    expect(canEnterSessionRoom(null, null, true)).toBe(false);
  });

  it("only invited people answer, and only before the session starts", () => {
    expect(canRespondToSession(actor("MEMBER"), true, { status: "SCHEDULED" })).toBe(true);
    expect(canRespondToSession(actor("MEMBER"), false, { status: "SCHEDULED" })).toBe(false);
    expect(canRespondToSession(actor("MEMBER"), true, { status: "LIVE" })).toBe(false);
    expect(canRespondToSession(null, true, { status: "SCHEDULED" })).toBe(false);
  });
});
