import type { GoodPracticeStatus } from "~/generated/prisma/enums";
import { isNetworkLead, NETWORK_LEAD_ROLES, type Actor } from "./actor";
import { canCreateLab } from "./lab";

// Rules of the good-practice registry (issue #5, "Good practices"). Pure: callers load the practice
// (its status and who submitted it) and ask. Validated practices are public; the others stay
// between the person who submitted them and the network's coordinators.

/** What the rules need to know about a practice. */
export type PracticeContext = { status: GoodPracticeStatus; submittedById: string | null };

/** The platform roles that review practices (validate, return, see them all); told when one is submitted. */
export const PRACTICE_REVIEWER_ROLES = NETWORK_LEAD_ROLES;
const isSubmitter = (actor: Actor, practice: PracticeContext) => actor !== null && practice.submittedById !== null && practice.submittedById === actor.id;

/** Every signed-in person of the network may submit a practice. */
export function canSubmitPractice(actor: Actor): boolean {
  return actor !== null;
}

/** Validated practices are public; submitted and returned ones are seen by their submitter and the coordinators. */
export function canViewPractice(actor: Actor, practice: PracticeContext): boolean {
  if (practice.status === "VALIDATED") return true;
  return isNetworkLead(actor) || isSubmitter(actor, practice);
}

/** The submitter edits while the practice is not validated; coordinators and admins edit any. */
export function canEditPractice(actor: Actor, practice: PracticeContext): boolean {
  if (isNetworkLead(actor)) return true;
  return isSubmitter(actor, practice) && practice.status !== "VALIDATED";
}

/** Attachments follow the same rule as editing. */
export function canManagePracticeAttachments(actor: Actor, practice: PracticeContext): boolean {
  return canEditPractice(actor, practice);
}

/** Coordinators and admins validate a practice (or renew a validated one's review date). */
export function canValidatePractice(actor: Actor, practice: PracticeContext): boolean {
  return isNetworkLead(actor) && (practice.status === "SUBMITTED" || practice.status === "VALIDATED" || practice.status === "RETURNED");
}

/** Coordinators and admins hand a practice back to its submitter with a note (also a validated one whose review found problems). */
export function canReturnPractice(actor: Actor, practice: PracticeContext): boolean {
  return isNetworkLead(actor) && practice.status !== "RETURNED";
}

/** A returned practice goes back for validation when its submitter (or a coordinator) says it is ready. */
export function canResubmitPractice(actor: Actor, practice: PracticeContext): boolean {
  return practice.status === "RETURNED" && (isSubmitter(actor, practice) || isNetworkLead(actor));
}

/** Coordinators and admins see every practice, whatever its status, and the list of those to review. */
export function canReviewPractices(actor: Actor): boolean {
  return isNetworkLead(actor);
}

/** A lab can be started from a validated practice by whoever may start labs. */
export function canStartLabFromPractice(actor: Actor, practice: PracticeContext): boolean {
  return canCreateLab(actor) && practice.status === "VALIDATED";
}

/** A validated practice whose review date has passed is flagged and goes back to the coordinators' list. */
export function isPracticeReviewOverdue(practice: { status: GoodPracticeStatus; reviewDueAt: Date | string | null }, now = new Date()): boolean {
  return practice.status === "VALIDATED" && practice.reviewDueAt !== null && new Date(practice.reviewDueAt).getTime() < now.getTime();
}
