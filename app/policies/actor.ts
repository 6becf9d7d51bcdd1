import type { PlatformRole } from "~/generated/prisma/enums";

/** Who is asking: the signed-in person as the policies see them, or null when anonymous. */
export type Actor = {
  id: string;
  role: PlatformRole;
  organizationIds: readonly string[];
} | null;

export const PLATFORM_ROLES = ["ADMIN", "COORDINATOR", "FACILITATOR", "MEMBER"] as const satisfies readonly PlatformRole[];

/** The network's leads: they decide on proposals, run the catalogue and review practices. */
export const NETWORK_LEAD_ROLES = ["ADMIN", "COORDINATOR"] as const satisfies readonly PlatformRole[];

export function isNetworkLead(actor: Actor): boolean {
  return actor !== null && (NETWORK_LEAD_ROLES as readonly PlatformRole[]).includes(actor.role);
}
