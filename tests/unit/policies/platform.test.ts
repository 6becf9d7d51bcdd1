import { describe, expect, it } from "vitest";
import {
  canChangeRole,
  canCreateInvitation,
  canEditProfile,
  canManageMemberships,
  canManageOrganizations,
  canRevokeInvitation,
  canViewAuditLog,
  canViewPeople,
  canConnectRealtime,
  grantableRoles,
  type Actor,
} from "~/policies";

const actors: Record<string, Actor> = {
  anonymous: null,
  admin: { id: "a", role: "ADMIN", organizationIds: [] },
  coordinator: { id: "c", role: "COORDINATOR", organizationIds: [] },
  facilitator: { id: "f", role: "FACILITATOR", organizationIds: [] },
  member: { id: "m", role: "MEMBER", organizationIds: [] },
};

// role × action: what each kind of actor may do (issue #2).
const table: [string, (actor: Actor) => boolean, Record<string, boolean>][] = [
  ["view people", canViewPeople, { anonymous: false, admin: true, coordinator: true, facilitator: true, member: true }],
  ["manage organizations", canManageOrganizations, { anonymous: false, admin: true, coordinator: false, facilitator: false, member: false }],
  ["manage memberships", canManageMemberships, { anonymous: false, admin: true, coordinator: false, facilitator: false, member: false }],
  ["view audit log", canViewAuditLog, { anonymous: false, admin: true, coordinator: false, facilitator: false, member: false }],
  ["create invitations", (actor) => canCreateInvitation(actor), { anonymous: false, admin: true, coordinator: true, facilitator: false, member: false }],
  ["change someone else's role", (actor) => canChangeRole(actor, { id: "someone-else" }), { anonymous: false, admin: true, coordinator: false, facilitator: false, member: false }],
  ["edit someone else's profile", (actor) => canEditProfile(actor, { id: "someone-else" }), { anonymous: false, admin: true, coordinator: false, facilitator: false, member: false }],
  ["connect to live events", canConnectRealtime, { anonymous: false, admin: true, coordinator: true, facilitator: true, member: true }],
];

describe.each(table)("%s", (_action, rule, expected) => {
  it.each(Object.keys(actors))("%s", (name) => {
    expect(rule(actors[name])).toBe(expected[name]);
  });
});

describe("rules that depend on the target", () => {
  it("nobody changes their own role, not even an admin", () => {
    expect(canChangeRole(actors.admin, { id: "a" })).toBe(false);
  });

  it("everyone signed in edits their own profile", () => {
    for (const name of ["admin", "coordinator", "facilitator", "member"]) {
      const actor = actors[name]!;
      expect(canEditProfile(actor, { id: actor.id })).toBe(true);
    }
  });

  it("coordinators invite members and facilitators but cannot hand out coordinator or admin roles", () => {
    expect(grantableRoles(actors.coordinator)).toEqual(["FACILITATOR", "MEMBER"]);
    expect(canCreateInvitation(actors.coordinator, { role: "MEMBER" })).toBe(true);
    expect(canCreateInvitation(actors.coordinator, { role: "COORDINATOR" })).toBe(false);
    expect(canCreateInvitation(actors.coordinator, { role: "ADMIN" })).toBe(false);
    expect(canCreateInvitation(actors.admin, { role: "ADMIN" })).toBe(true);
    expect(grantableRoles(actors.member)).toEqual([]);
  });

  it("an invitation is revoked by admins and by its creator only", () => {
    expect(canRevokeInvitation(actors.admin, { createdById: "c" })).toBe(true);
    expect(canRevokeInvitation(actors.coordinator, { createdById: "c" })).toBe(true);
    expect(canRevokeInvitation(actors.coordinator, { createdById: "a" })).toBe(false);
    expect(canRevokeInvitation(actors.member, { createdById: "m" })).toBe(false);
  });
});
