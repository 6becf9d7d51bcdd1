import { z } from "zod";

/** Every kind of change the audit log records. */
export const AUDIT_ACTIONS = [
  "user.role_changed",
  "user.password_changed",
  "membership.added",
  "membership.removed",
  "organization.created",
  "organization.updated",
  "invitation.created",
  "invitation.revoked",
  "invitation.accepted",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const auditFilterSchema = z.object({
  action: z.enum(AUDIT_ACTIONS).optional().catch(undefined),
  before: z.string().uuid().optional().catch(undefined),
});
