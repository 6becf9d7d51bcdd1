import type { Actor } from "./actor";

/** What a connection may do with a collaborative document. */
export type DocumentAccess = "edit" | "read" | "none";

type DocumentRule = (actor: NonNullable<Actor>, id: string) => DocumentAccess | Promise<DocumentAccess>;

/**
 * Rules per document kind, keyed by the prefix of the Hocuspocus document name ("<kind>:<id>").
 * A kind that is not registered does not exist, so it is refused. Lab proposals register here
 * with the labs issue (#3).
 */
const documentRules = new Map<string, DocumentRule>();

/** Registers the access rule of a document kind (called once per kind at import time). */
export function registerDocumentKind(kind: string, rule: DocumentRule): void {
  documentRules.set(kind, rule);
}

/** Access of an actor to a collaborative document; anonymous actors and unknown kinds get "none". */
export async function documentAccess(actor: Actor, documentName: string): Promise<DocumentAccess> {
  const separator = documentName.indexOf(":");
  if (actor === null || separator <= 0) return "none";
  const rule = documentRules.get(documentName.slice(0, separator));
  return rule ? rule(actor, documentName.slice(separator + 1)) : "none";
}
