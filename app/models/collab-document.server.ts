import { prisma } from "~/db.server";

/** The stored Yjs state of a collaborative document, or null for a new one. */
export async function loadDocumentState(name: string): Promise<Uint8Array | null> {
  const row = await prisma.collabDocument.findUnique({ where: { name }, select: { state: true } });
  return row ? new Uint8Array(row.state) : null;
}

/** Stores the whole Yjs state of a collaborative document. */
export async function storeDocumentState(name: string, state: Uint8Array): Promise<void> {
  const bytes = new Uint8Array(state);
  await prisma.collabDocument.upsert({ where: { name }, create: { name, state: bytes }, update: { state: bytes } });
}
