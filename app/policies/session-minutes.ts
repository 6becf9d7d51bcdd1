import type { LabStatus } from "~/generated/prisma/enums";
import { isNetworkLead, type Actor } from "./actor";
import type { DocumentAccess } from "./collab";
import { canCreateProposal, type LabMembership } from "./lab";
import { canViewSession } from "./session-planning";

// Who writes, reads and closes a session's minutes (issue #4, "After the session"). Pure: callers
// load the actor's membership in the session's lab, the session's status and whether its room
// has ended. The minutes are the collaborative document "minutes:<sessionId>".

/** What the minutes rules need to know about a session and its lab. */
export type MinutesContext = {
  /** LabSession.status: SCHEDULED, LIVE, CLOSED or CANCELLED. */
  status: string;
  /** Whether the live room has ended (the facilitator sent session.end). */
  roomEnded: boolean;
  lab: { status: string };
};

const stewards = (actor: Actor, membership: LabMembership) => membership?.role === "FACILITATOR" || isNetworkLead(actor);

/**
 * Access to a session's minutes: none before the room has ended (there are none yet) or for a
 * cancelled session; once it has ended, the lab's facilitators (and the network's coordinators and
 * admins) edit them until the session is closed, unless the lab is closed; everyone who may see the
 * session reads them. Closed minutes are read-only for everyone.
 */
export function minutesAccess(actor: Actor, membership: LabMembership, session: MinutesContext): DocumentAccess {
  if (!canViewSession(actor, membership) || session.status === "CANCELLED") return "none";
  if (session.status === "CLOSED") return "read";
  if (!session.roomEnded) return "none";
  return stewards(actor, membership) && session.lab.status !== "CLOSED" ? "edit" : "read";
}

/** The facilitators close a session once its room has ended: the minutes become final. */
export function canCloseSession(actor: Actor, membership: LabMembership, session: MinutesContext): boolean {
  return session.status === "LIVE" && minutesAccess(actor, membership, session) === "edit";
}

/**
 * Turning a session's cards into a draft proposal: whoever may start proposals in the lab (its
 * members and facilitators, while the lab is active), for any session that was not cancelled.
 */
export function canStartProposalFromSession(actor: Actor, membership: LabMembership, lab: { status: LabStatus }, session: { status: string }): boolean {
  return session.status !== "CANCELLED" && canCreateProposal(actor, membership, lab);
}
