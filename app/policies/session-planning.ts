import { isNetworkLead, type Actor } from "./actor";
import type { LabMembership } from "./lab";

// Who plans lab sessions and answers invitations (issue #4, "Before the session"). Pure: callers
// load the actor's membership in the session's lab and, for answers, whether they were invited.


/** The lab's facilitators (and the network's coordinators and admins) schedule sessions of an active lab. */
export function canScheduleSession(actor: Actor, membership: LabMembership, lab: { status: string }): boolean {
  if (actor === null || lab.status !== "ACTIVE") return false;
  return membership?.role === "FACILITATOR" || isNetworkLead(actor);
}

/** A lab's sessions are visible to its people (any lab role) and to the network's coordinators and admins. */
export function canViewSession(actor: Actor, membership: LabMembership): boolean {
  return actor !== null && (membership !== null || isNetworkLead(actor));
}

/** Invited people answer yes / no / maybe while the session has not started. */
export function canRespondToSession(actor: Actor, invited: boolean, session: { status: string }): boolean {
  return actor !== null && invited && session.status === "SCHEDULED";
}

/**
 * Who may enter a session's room: its lab's facilitators and the network's coordinators and admins
 * always; the lab's members and observers when they were invited (people who joined the lab after
 * the session was scheduled are not in it).
 */
export function canEnterSessionRoom(actor: Actor, membership: LabMembership, invited: boolean): boolean {
  if (actor === null) return false;
  if (membership?.role === "FACILITATOR" || isNetworkLead(actor)) return true;
  return membership !== null && invited;
}

/** Those who schedule a lab's sessions change or cancel them, until they start. */
export function canChangeSession(actor: Actor, membership: LabMembership, lab: { status: string }, session: { status: string }): boolean {
  return session.status === "SCHEDULED" && canScheduleSession(actor, membership, lab);
}
