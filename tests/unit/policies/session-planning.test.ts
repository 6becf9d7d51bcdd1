import { describe, expect, it } from "vitest";
import { canRespondToSession, canScheduleSession, canViewSession, type Actor, type LabMembership } from "~/policies";

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

  it("only invited people answer, and only before the session starts", () => {
    expect(canRespondToSession(actor("MEMBER"), true, { status: "SCHEDULED" })).toBe(true);
    expect(canRespondToSession(actor("MEMBER"), false, { status: "SCHEDULED" })).toBe(false);
    expect(canRespondToSession(actor("MEMBER"), true, { status: "LIVE" })).toBe(false);
    expect(canRespondToSession(null, true, { status: "SCHEDULED" })).toBe(false);
  });
});
