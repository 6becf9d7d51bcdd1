import { describe, expect, it } from "vitest";
import { canCloseSession, canStartProposalFromSession, minutesAccess, type Actor, type LabMembership } from "~/policies";

const actor = (role: "ADMIN" | "COORDINATOR" | "FACILITATOR" | "MEMBER"): Actor => ({ id: `user-${role}`, role, organizationIds: [] });
const member = (role: "FACILITATOR" | "MEMBER" | "OBSERVER"): LabMembership => ({ role });
const lab = { status: "ACTIVE" };
const ended = { status: "LIVE", roomEnded: true, lab };
const running = { status: "LIVE", roomEnded: false, lab };
const closed = { status: "CLOSED", roomEnded: true, lab };

describe("session minutes policies", () => {
  it.each([
    // who, actor, membership, while running, after the room ended, once closed, may close
    ["a lab facilitator", actor("MEMBER"), member("FACILITATOR"), "none", "edit", "read", true],
    ["a lab member", actor("MEMBER"), member("MEMBER"), "none", "read", "read", false],
    ["a lab observer", actor("MEMBER"), member("OBSERVER"), "none", "read", "read", false],
    ["a coordinator outside the lab", actor("COORDINATOR"), null, "none", "edit", "read", true],
    ["an admin outside the lab", actor("ADMIN"), null, "none", "edit", "read", true],
    ["a platform facilitator outside the lab", actor("FACILITATOR"), null, "none", "none", "none", false],
    ["nobody signed in", null, null, "none", "none", "none", false],
  ] as const)("%s: %s while live, %s after the room ended, %s once closed, closes: %s", (_who, who, membership, live, afterEnd, final, close) => {
    expect(minutesAccess(who, membership, running)).toBe(live);
    expect(minutesAccess(who, membership, ended)).toBe(afterEnd);
    expect(minutesAccess(who, membership, closed)).toBe(final);
    expect(canCloseSession(who, membership, ended)).toBe(close);
    expect(canCloseSession(who, membership, closed)).toBe(false);
    expect(canCloseSession(who, membership, running)).toBe(false);
  });

  it("cancelled sessions have no minutes; a closed lab's minutes are read-only", () => {
    expect(minutesAccess(actor("ADMIN"), member("FACILITATOR"), { status: "CANCELLED", roomEnded: true, lab })).toBe("none");
    expect(minutesAccess(actor("MEMBER"), member("FACILITATOR"), { ...ended, lab: { status: "CLOSED" } })).toBe("read");
    expect(minutesAccess(actor("MEMBER"), member("FACILITATOR"), { ...ended, lab: { status: "PAUSED" } })).toBe("edit");
  });

  it("members and facilitators of an active lab turn ideas into proposals, for any session not cancelled", () => {
    for (const status of ["SCHEDULED", "LIVE", "CLOSED"]) {
      expect(canStartProposalFromSession(actor("MEMBER"), member("MEMBER"), { status: "ACTIVE" }, { status })).toBe(true);
      expect(canStartProposalFromSession(actor("MEMBER"), member("FACILITATOR"), { status: "ACTIVE" }, { status })).toBe(true);
    }
    expect(canStartProposalFromSession(actor("MEMBER"), member("MEMBER"), { status: "ACTIVE" }, { status: "CANCELLED" })).toBe(false);
    expect(canStartProposalFromSession(actor("MEMBER"), member("OBSERVER"), { status: "ACTIVE" }, { status: "LIVE" })).toBe(false);
    expect(canStartProposalFromSession(actor("COORDINATOR"), null, { status: "ACTIVE" }, { status: "LIVE" })).toBe(false);
    expect(canStartProposalFromSession(actor("MEMBER"), member("FACILITATOR"), { status: "PAUSED" }, { status: "LIVE" })).toBe(false);
  });
});
