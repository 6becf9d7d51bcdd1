import { describe, expect, it } from "vitest";
import type { LabRole, ProposalStage } from "~/generated/prisma/enums";
import {
  allowedTransitions,
  canCreateLab,
  canComment,
  canCreateProposal,
  canManageLab,
  canRequestToJoin,
  canResolveThread,
  canViewDecisionQueue,
  proposalAccess,
  transitionNeedsNote,
  type Actor,
  type LabMembership,
} from "~/policies";

const person = (role: NonNullable<Actor>["role"], id = role.toLowerCase()): Actor => ({ id, role, organizationIds: [] });
const inLab = (role: LabRole): LabMembership => ({ role });
const active = { status: "ACTIVE" as const };

describe("labs", () => {
  it.each([
    ["ADMIN", true],
    ["COORDINATOR", true],
    ["FACILITATOR", true],
    ["MEMBER", false],
  ] as const)("a %s may create a lab: %s", (role, expected) => {
    expect(canCreateLab(person(role))).toBe(expected);
  });

  it("only lab facilitators and the network's coordinators and admins manage a lab", () => {
    expect(canManageLab(person("MEMBER"), inLab("FACILITATOR"))).toBe(true);
    expect(canManageLab(person("FACILITATOR"), inLab("MEMBER"))).toBe(false);
    expect(canManageLab(person("FACILITATOR"), null)).toBe(false);
    expect(canManageLab(person("COORDINATOR"), null)).toBe(true);
    expect(canManageLab(null, null)).toBe(false);
  });

  it("outsiders ask to join active labs only; members and observers write proposals only when members", () => {
    expect(canRequestToJoin(person("MEMBER"), null, active)).toBe(true);
    expect(canRequestToJoin(person("MEMBER"), inLab("OBSERVER"), active)).toBe(false);
    expect(canRequestToJoin(person("MEMBER"), null, { status: "CLOSED" })).toBe(false);
    expect(canCreateProposal(person("MEMBER"), inLab("MEMBER"), active)).toBe(true);
    expect(canCreateProposal(person("MEMBER"), inLab("OBSERVER"), active)).toBe(false);
    expect(canCreateProposal(person("ADMIN"), null, active)).toBe(false);
    expect(canCreateProposal(person("MEMBER"), inLab("FACILITATOR"), { status: "PAUSED" })).toBe(false);
  });
});

describe("proposalAccess: who edits, who reads, who is refused", () => {
  const table: [string, Actor, LabMembership, ProposalStage, "ACTIVE" | "PAUSED" | "CLOSED", "edit" | "read" | "none"][] = [
    ["lab member, draft", person("MEMBER"), inLab("MEMBER"), "DRAFT", "ACTIVE", "edit"],
    ["lab member, co-design", person("MEMBER"), inLab("MEMBER"), "CO_DESIGN", "ACTIVE", "edit"],
    ["facilitator, co-design", person("FACILITATOR"), inLab("FACILITATOR"), "CO_DESIGN", "ACTIVE", "edit"],
    ["observer, co-design", person("MEMBER"), inLab("OBSERVER"), "CO_DESIGN", "ACTIVE", "read"],
    ["lab member, submitted", person("MEMBER"), inLab("MEMBER"), "SUBMITTED", "ACTIVE", "read"],
    ["lab member, approved", person("MEMBER"), inLab("MEMBER"), "APPROVED", "ACTIVE", "read"],
    ["lab member, rejected", person("MEMBER"), inLab("MEMBER"), "REJECTED", "ACTIVE", "read"],
    ["lab member, paused lab", person("MEMBER"), inLab("MEMBER"), "CO_DESIGN", "PAUSED", "read"],
    ["coordinator outside the lab", person("COORDINATOR"), null, "UNDER_EVALUATION", "ACTIVE", "read"],
    ["admin outside the lab", person("ADMIN"), null, "DRAFT", "ACTIVE", "read"],
    ["facilitator outside the lab", person("FACILITATOR"), null, "CO_DESIGN", "ACTIVE", "none"],
    ["member outside the lab", person("MEMBER"), null, "CO_DESIGN", "ACTIVE", "none"],
    ["anonymous", null, null, "CO_DESIGN", "ACTIVE", "none"],
  ];
  it.each(table)("%s → %s", (_name, actor, membership, stage, status, expected) => {
    expect(proposalAccess(actor, membership, { status }, { stage })).toBe(expected);
  });
});

describe("stage transitions", () => {
  const proposal = (stage: ProposalStage, authorId: string | null = "author") => ({ stage, authorId });

  it("members move a draft into co-design; facilitators submit", () => {
    expect(allowedTransitions(person("MEMBER"), inLab("MEMBER"), active, proposal("DRAFT"))).toEqual(["CO_DESIGN"]);
    expect(allowedTransitions(person("MEMBER"), inLab("FACILITATOR"), active, proposal("CO_DESIGN"))).toEqual(["DRAFT", "SUBMITTED", "WITHDRAWN"]);
    expect(allowedTransitions(person("MEMBER"), inLab("MEMBER"), active, proposal("CO_DESIGN"))).toEqual([]);
  });

  it("coordinators take submitted proposals into evaluation and decide, or hand them back", () => {
    expect(allowedTransitions(person("COORDINATOR"), null, active, proposal("SUBMITTED"))).toEqual(["UNDER_EVALUATION", "CO_DESIGN"]);
    expect(allowedTransitions(person("COORDINATOR"), null, active, proposal("UNDER_EVALUATION"))).toEqual(["CO_DESIGN", "APPROVED", "REJECTED"]);
    expect(allowedTransitions(person("MEMBER"), inLab("FACILITATOR"), active, proposal("UNDER_EVALUATION"))).toEqual(["WITHDRAWN"]);
  });

  it("authors may withdraw until the decision; nothing moves after it", () => {
    const author = person("MEMBER", "author");
    expect(allowedTransitions(author, inLab("MEMBER"), active, proposal("SUBMITTED"))).toEqual(["WITHDRAWN"]);
    expect(allowedTransitions(person("MEMBER", "other"), inLab("MEMBER"), active, proposal("SUBMITTED"))).toEqual([]);
    for (const stage of ["APPROVED", "REJECTED", "WITHDRAWN"] as const) {
      expect(allowedTransitions(person("ADMIN"), inLab("FACILITATOR"), active, proposal(stage, "admin"))).toEqual([]);
    }
  });

  it("observers never move proposals, and nothing moves in a closed lab", () => {
    expect(allowedTransitions(person("MEMBER"), inLab("OBSERVER"), active, proposal("DRAFT"))).toEqual([]);
    expect(allowedTransitions(person("COORDINATOR"), null, { status: "CLOSED" }, proposal("SUBMITTED"))).toEqual([]);
  });

  it("decisions and hand-backs need a written note", () => {
    expect(transitionNeedsNote("UNDER_EVALUATION", "APPROVED")).toBe(true);
    expect(transitionNeedsNote("UNDER_EVALUATION", "REJECTED")).toBe(true);
    expect(transitionNeedsNote("SUBMITTED", "CO_DESIGN")).toBe(true);
    expect(transitionNeedsNote("CO_DESIGN", "SUBMITTED")).toBe(false);
  });

  it("only coordinators and admins see the decision queue", () => {
    expect(canViewDecisionQueue(person("COORDINATOR"))).toBe(true);
    expect(canViewDecisionQueue(person("FACILITATOR"))).toBe(false);
  });
});

describe("comments", () => {
  it("lab members, facilitators and the network's coordinators comment; observers and outsiders read", () => {
    expect(canComment(person("MEMBER"), inLab("MEMBER"), active)).toBe(true);
    expect(canComment(person("MEMBER"), inLab("FACILITATOR"), active)).toBe(true);
    expect(canComment(person("COORDINATOR"), null, active)).toBe(true);
    expect(canComment(person("MEMBER"), inLab("OBSERVER"), active)).toBe(false);
    expect(canComment(person("FACILITATOR"), null, active)).toBe(false);
    expect(canComment(person("MEMBER"), inLab("MEMBER"), { status: "CLOSED" })).toBe(false);
  });

  it("a thread is resolved by whoever started it, the lab's facilitators and the coordinators", () => {
    const thread = { createdById: "starter" };
    expect(canResolveThread(person("MEMBER", "starter"), inLab("MEMBER"), active, thread)).toBe(true);
    expect(canResolveThread(person("MEMBER", "other"), inLab("MEMBER"), active, thread)).toBe(false);
    expect(canResolveThread(person("MEMBER", "other"), inLab("FACILITATOR"), active, thread)).toBe(true);
    expect(canResolveThread(person("COORDINATOR"), null, active, thread)).toBe(true);
    expect(canResolveThread(person("MEMBER", "starter"), inLab("MEMBER"), { status: "CLOSED" }, thread)).toBe(false);
  });
});
