import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/db.server";
import type { AuditAction } from "~/schemas/audit";

type AuditEntry = {
  actorId: string | null;
  action: AuditAction;
  targetType: "user" | "organization" | "membership" | "invitation";
  targetId: string | null;
  summary: string;
  details?: Prisma.InputJsonValue;
};

type Tx = Prisma.TransactionClient;

/** Records an audit entry inside the caller's transaction, so a change and its record land together. */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({ data: { ...entry, details: entry.details ?? {} } });
}

export const AUDIT_PAGE_SIZE = 50;

/** A page of the audit log, newest first; `before` is the cursor (an entry id) for older pages. */
export async function listAuditEntries({ action, before }: { action?: AuditAction; before?: string }) {
  const entries = await prisma.auditLog.findMany({
    where: action ? { action } : undefined,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: AUDIT_PAGE_SIZE + 1,
    ...(before ? { cursor: { id: before }, skip: 1 } : {}),
    include: { actor: { select: { id: true, name: true } } },
  });
  const hasMore = entries.length > AUDIT_PAGE_SIZE;
  return { entries: entries.slice(0, AUDIT_PAGE_SIZE), nextCursor: hasMore ? entries[AUDIT_PAGE_SIZE - 1].id : null };
}
