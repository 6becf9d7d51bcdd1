import type { LabRole, LabStatus, ProposalStage } from "~/generated/prisma/enums";
import { isNetworkLead, type Actor } from "./actor";
import type { DocumentAccess } from "./collab";

// Rules of labs and proposals (issue #3). Pure: callers load the lab, the actor's membership in it
// and the proposal, and ask.

/** The actor's place in one lab: their lab role, or null when they are not in it. */
export type LabMembership = { role: LabRole } | null;
type LabContext = { status: LabStatus };


/** Coordinators, facilitators and admins start labs. */
export function canCreateLab(actor: Actor): boolean {
  return actor?.role === "ADMIN" || actor?.role === "COORDINATOR" || actor?.role === "FACILITATOR";
}

/** Every signed-in person sees which labs exist (so they can ask to join). */
export function canViewLab(actor: Actor): boolean {
  return actor !== null;
}

/** Inviting people and organizations, answering join requests, changing lab roles and status. */
export function canManageLab(actor: Actor, membership: LabMembership): boolean {
  return isNetworkLead(actor) || membership?.role === "FACILITATOR";
}

/** A signed-in person outside an active lab may ask to join it. */
export function canRequestToJoin(actor: Actor, membership: LabMembership, lab: LabContext): boolean {
  return actor !== null && membership === null && lab.status === "ACTIVE";
}

/** Lab members and facilitators (not observers) start proposals in an active lab. */
export function canCreateProposal(actor: Actor, membership: LabMembership, lab: LabContext): boolean {
  return actor !== null && lab.status === "ACTIVE" && (membership?.role === "MEMBER" || membership?.role === "FACILITATOR");
}

/** Stages in which the text and fields of a proposal can still change. */
export const EDITABLE_STAGES: readonly ProposalStage[] = ["DRAFT", "CO_DESIGN"];

/** Stages after which a proposal never moves again. */
export const FINAL_STAGES: readonly ProposalStage[] = ["APPROVED", "REJECTED", "WITHDRAWN"];

/**
 * What an actor may do with a proposal's document and fields: lab members and facilitators edit
 * while the proposal is editable and the lab active; observers, and the network's coordinators and
 * admins (who evaluate), read; anyone else is refused.
 */
export function proposalAccess(actor: Actor, membership: LabMembership, lab: LabContext, proposal: { stage: ProposalStage }): DocumentAccess {
  if (actor === null) return "none";
  if (membership === null) return isNetworkLead(actor) ? "read" : "none";
  const writer = membership.role === "MEMBER" || membership.role === "FACILITATOR";
  return writer && lab.status === "ACTIVE" && EDITABLE_STAGES.includes(proposal.stage) ? "edit" : "read";
}

type TransitionContext = {
  actor: NonNullable<Actor>;
  membership: LabMembership;
  isAuthor: boolean;
};

type TransitionRule = { from: readonly ProposalStage[]; to: ProposalStage; allowed: (context: TransitionContext) => boolean; needsNote?: boolean };

const inLab = ({ membership }: TransitionContext) => membership?.role === "MEMBER" || membership?.role === "FACILITATOR";
const facilitates = ({ membership }: TransitionContext) => membership?.role === "FACILITATOR";
const decides = ({ actor }: TransitionContext) => isNetworkLead(actor);

/** Every allowed move between stages and who may make it: draft → co-design → submitted → under evaluation → approved / rejected, or withdrawn. */
export const TRANSITIONS: readonly TransitionRule[] = [
  { from: ["DRAFT"], to: "CO_DESIGN", allowed: inLab },
  { from: ["CO_DESIGN"], to: "DRAFT", allowed: facilitates },
  { from: ["DRAFT", "CO_DESIGN"], to: "SUBMITTED", allowed: facilitates },
  { from: ["SUBMITTED"], to: "UNDER_EVALUATION", allowed: decides },
  // A coordinator may hand a proposal back to the lab for changes, saying why.
  { from: ["SUBMITTED", "UNDER_EVALUATION"], to: "CO_DESIGN", allowed: decides, needsNote: true },
  { from: ["UNDER_EVALUATION"], to: "APPROVED", allowed: decides, needsNote: true },
  { from: ["UNDER_EVALUATION"], to: "REJECTED", allowed: decides, needsNote: true },
  { from: ["DRAFT", "CO_DESIGN", "SUBMITTED", "UNDER_EVALUATION"], to: "WITHDRAWN", allowed: (context) => context.isAuthor || facilitates(context) },
];

/** The stages this actor may move the proposal to now. */
export function allowedTransitions(
  actor: Actor,
  membership: LabMembership,
  lab: LabContext,
  proposal: { stage: ProposalStage; authorId: string | null },
): ProposalStage[] {
  if (actor === null || lab.status === "CLOSED") return [];
  const context = { actor, membership, isAuthor: proposal.authorId === actor.id };
  return TRANSITIONS.filter((rule) => rule.from.includes(proposal.stage) && rule.allowed(context)).map((rule) => rule.to);
}

/** Whether a move to `to` must carry a written note (decisions and hand-backs). */
export function transitionNeedsNote(from: ProposalStage, to: ProposalStage): boolean {
  return TRANSITIONS.some((rule) => rule.from.includes(from) && rule.to === to && rule.needsNote);
}

/** Coordinators and admins see the network-wide queue of proposals waiting for a decision. */
export function canViewDecisionQueue(actor: Actor): boolean {
  return isNetworkLead(actor);
}

/** Lab members, facilitators and the network's coordinators and admins comment on proposals, unless the lab is closed. */
export function canComment(actor: Actor, membership: LabMembership, lab: LabContext): boolean {
  if (actor === null || lab.status === "CLOSED") return false;
  return membership?.role === "MEMBER" || membership?.role === "FACILITATOR" || isNetworkLead(actor);
}

/** A thread is resolved or reopened by whoever started it, the lab's facilitators, coordinators and admins. */
export function canResolveThread(actor: Actor, membership: LabMembership, lab: LabContext, thread: { createdById: string | null }): boolean {
  if (!canComment(actor, membership, lab)) return false;
  return thread.createdById === actor?.id || membership?.role === "FACILITATOR" || isNetworkLead(actor);
}
