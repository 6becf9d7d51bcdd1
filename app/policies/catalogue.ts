import type { ServiceStatus } from "~/generated/prisma/enums";
import { isNetworkLead, type Actor } from "./actor";

// Who may do what in the catalogue of services (issue #5). Searching and reading published
// services is public (no rule needed); everything else goes through these functions.


/** Entering, editing, publishing, unpublishing and closing services: the network's coordinators. */
export function canManageCatalogue(actor: Actor): boolean {
  return isNetworkLead(actor);
}

/**
 * A draft that was never published may be deleted (entered by mistake, a duplicate). Once
 * published, other systems may have copied it through the HSDS API: it is withdrawn instead.
 */
export function canDeleteService(actor: Actor, service: { status: ServiceStatus; publishedAt: Date | string | null }): boolean {
  return isNetworkLead(actor) && service.status === "DRAFT" && service.publishedAt === null;
}

/** Importing HSDS documents from other systems writes to the catalogue: the same people. */
export function canImportCatalogue(actor: Actor): boolean {
  return isNetworkLead(actor);
}

/** Drafts, unpublished services and a service's change history are seen by those who manage them. */
export function canViewUnpublishedServices(actor: Actor): boolean {
  return isNetworkLead(actor);
}

/** Unmet searches (anonymous) are shown to signed-in people, so labs can work on what is missing. */
export function canViewUnmetSearches(actor: Actor): boolean {
  return actor !== null;
}
