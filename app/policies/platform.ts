import type { PlatformRole } from "~/generated/prisma/enums";
import type { Actor } from "./actor";

// Pure rules for the network's directory, accounts and audit (issue #2). Every route, the
// collaboration server and the socket.io handlers ask these functions; none re-derives a rule.

const isAdmin = (actor: Actor) => actor?.role === "ADMIN";
const isCoordinator = (actor: Actor) => actor?.role === "COORDINATOR";

/** Signed-in people see the directory of people. */
export function canViewPeople(actor: Actor): boolean {
  return actor !== null;
}

/** Organization contacts are public; the people inside them are shown only to signed-in users. */
export function canViewOrganizationPeople(actor: Actor): boolean {
  return actor !== null;
}

/** Creating, editing and deleting organizations is an admin's job. */
export function canManageOrganizations(actor: Actor): boolean {
  return isAdmin(actor);
}

/** Adding people to organizations and removing them. */
export function canManageMemberships(actor: Actor): boolean {
  return isAdmin(actor);
}

/** Admins change platform roles, but never their own (so the network cannot lock itself out by mistake). */
export function canChangeRole(actor: Actor, target: { id: string }): boolean {
  return isAdmin(actor) && actor?.id !== target.id;
}

/** The audit log of role and membership changes is for admins. */
export function canViewAuditLog(actor: Actor): boolean {
  return isAdmin(actor);
}

/** Roles an actor may grant through an invitation: admins any, coordinators up to facilitator. */
export function grantableRoles(actor: Actor): PlatformRole[] {
  if (isAdmin(actor)) return ["ADMIN", "COORDINATOR", "FACILITATOR", "MEMBER"];
  if (isCoordinator(actor)) return ["FACILITATOR", "MEMBER"];
  return [];
}

/** Admins and coordinators invite people to join a named organization. */
export function canCreateInvitation(actor: Actor, invitation?: { role: PlatformRole }): boolean {
  const roles = grantableRoles(actor);
  if (roles.length === 0) return false;
  return invitation ? roles.includes(invitation.role) : true;
}

/** An invitation can be revoked by admins and by whoever created it. */
export function canRevokeInvitation(actor: Actor, invitation: { createdById: string }): boolean {
  return isAdmin(actor) || (canCreateInvitation(actor) && actor?.id === invitation.createdById);
}

/** Everyone edits their own profile; admins edit anyone's. */
export function canEditProfile(actor: Actor, target: { id: string }): boolean {
  return actor !== null && (actor.id === target.id || isAdmin(actor));
}

/** Live events (socket.io) are for signed-in people. */
export function canConnectRealtime(actor: Actor): boolean {
  return actor !== null;
}
