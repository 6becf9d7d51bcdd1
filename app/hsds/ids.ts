import { v5 as uuidv5, validate as isUuid } from "uuid";

// HSDS gives every sub-object (phone, language, address, attribute…) its own uuid. Ours have no
// table of their own, so their ids are derived from the parent's id with uuid v5: the same row
// always gets the same id, and API responses stay stable from one request to the next.

/** The namespace of TWB Community's derived HSDS ids (a fixed, random uuid). */
export const HSDS_ID_NAMESPACE = "4d0e2b36-7a3c-4f4e-9a55-2f3b6c1f0d8e";

/** The stable id of a sub-object `kind` (e.g. "phone") of the row `parentId`, optionally one of several (`key`). */
export function derivedId(parentId: string, kind: string, key = ""): string {
  return uuidv5(`${parentId}:${kind}:${key}`, HSDS_ID_NAMESPACE);
}

/** True for an RFC 4122 uuid, which can be kept as a row id. */
export function isUuidString(value: unknown): value is string {
  return typeof value === "string" && isUuid(value);
}

/** The row id for an imported HSDS id: the same uuid (lower-cased), or one derived from a non-uuid id. */
export function rowIdFor(kind: string, hsdsId: string): string {
  return isUuidString(hsdsId) ? hsdsId.toLowerCase() : derivedId("import", kind, hsdsId);
}
