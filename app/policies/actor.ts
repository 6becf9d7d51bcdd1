import type { PlatformRole } from "~/generated/prisma/enums";

/** Who is asking: the signed-in person as the policies see them, or null when anonymous. */
export type Actor = {
  id: string;
  role: PlatformRole;
  organizationIds: readonly string[];
} | null;

export const PLATFORM_ROLES = ["ADMIN", "COORDINATOR", "FACILITATOR", "MEMBER"] as const satisfies readonly PlatformRole[];
