import { fullFormats } from "ajv-formats/dist/formats.js";
import type { ServiceStatus } from "~/generated/prisma/enums";

// What maps to what between our catalogue rows and HSDS 3.0 (https://docs.openreferral.org/en/latest/hsds/schema_reference.html),
// shared by the presenter (rows → HSDS) and the import (HSDS → rows) so the two stay symmetric.

export type HsdsObject = Record<string, unknown>;

/** Our status → HSDS service.status. Drafts and unpublished services never leave through the API. */
export const STATUS_TO_HSDS: Record<ServiceStatus, string> = {
  PUBLISHED: "active",
  TEMPORARILY_CLOSED: "temporarily closed",
  UNPUBLISHED: "inactive",
  DRAFT: "inactive",
};

/** HSDS service.status → ours: an imported document states its own status. */
export const STATUS_FROM_HSDS: Record<string, ServiceStatus> = {
  active: "PUBLISHED",
  "temporarily closed": "TEMPORARILY_CLOSED",
  inactive: "UNPUBLISHED",
  defunct: "UNPUBLISHED",
};

/** The statuses whose services the API shows, anywhere (lists, nested in organizations and locations). */
export const VISIBLE_STATUSES: ServiceStatus[] = ["PUBLISHED", "TEMPORARILY_CLOSED"];

/** iCal BYDAY codes by ISO weekday (1 = Monday). */
export const BYDAY = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;

/** ISO weekday (1–7) of an iCal day code, or null. */
export function weekdayOf(code: string): number | null {
  const index = BYDAY.indexOf(code.trim().toUpperCase() as (typeof BYDAY)[number]);
  return index < 0 ? null : index + 1;
}

/** "09:30" → "09:30:00" (HSDS times carry seconds). */
export function toHsdsTime(time: string | null | undefined): string | undefined {
  if (!time) return undefined;
  return /^\d{2}:\d{2}$/.test(time) ? `${time}:00` : time;
}

/** "09:30:00", "9:30" or "09:30" → "09:30"; null when it is not a time of day. */
export function fromHsdsTime(time: unknown): string | null {
  if (typeof time !== "string") return null;
  const match = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/.exec(time.trim());
  if (!match) return null;
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  if (hours > 24 || minutes > 59 || (hours === 24 && minutes > 0)) return null;
  return `${String(hours).padStart(2, "0")}:${match[2]}`;
}

/** A calendar date (a @db.Date column) as "YYYY-MM-DD". */
export function toHsdsDate(date: Date | null | undefined): string | undefined {
  return date ? date.toISOString().slice(0, 10) : undefined;
}

/** "YYYY-MM-DD" (or a full ISO date-time: its date part) → a UTC-midnight Date; null otherwise. */
export function fromHsdsDate(value: unknown): Date | null {
  if (typeof value !== "string") return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim());
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().startsWith(match[0]) ? date : null;
}

// Format guards: a value in our tables that would fail the HSDS schema's format is left out of
// the response (e.g. a website typed as "www.example.it" gets https:// first, or is dropped).
const uriFormat = fullFormats.uri as (value: string) => boolean;
const emailFormat = fullFormats.email as RegExp;

/** An absolute URI for a `format: uri` property, or undefined. */
export function asUri(value: string | null | undefined): string | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(text)) return uriFormat(text) ? text : undefined;
  const guessed = `https://${text}`;
  return uriFormat(guessed) ? guessed : undefined;
}

/** An address for a `format: email` property, or undefined. */
export function asEmail(value: string | null | undefined): string | undefined {
  const text = value?.trim();
  return text && emailFormat.test(text) ? text : undefined;
}

/** A plain object (not an array, not null). */
export function isObject(value: unknown): value is HsdsObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The object without undefined values (JSON drops them anyway; the schemas refuse nulls). */
export function compact<T extends HsdsObject>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined && value !== null)) as T;
}

// How imported HSDS data round-trips. Our rows are authoritative for what they model; what they
// do not model is kept in the row's `hsdsExtra` and given back:
// - top-level properties we have no column for (e.g. a service's "funding" or "wait_time");
// - ITEMS_KEY: per sub-object leftovers (a phone's "extension", a schedule's "timezone"…), keyed
//   by the id the presenter gives that sub-object;
// - UNMODELLED_KEY: whole sub-objects we cannot store (e.g. a MONTHLY schedule), appended as given.
export const ITEMS_KEY = "_items";
export const UNMODELLED_KEY = "_unmodelled";

/** Leftover properties of `object` once the `modelled` ones are taken out. */
export function leftovers(object: HsdsObject, modelled: readonly string[]): HsdsObject {
  return Object.fromEntries(Object.entries(object).filter(([key]) => !modelled.includes(key)));
}

/** One presented HSDS object: what we default (e.g. a label) < what the import kept < what our rows say. */
export function layer(defaults: HsdsObject, extra: unknown, modelled: HsdsObject): HsdsObject {
  return { ...compact(defaults), ...(isObject(extra) ? extra : {}), ...compact(modelled) };
}

/** The top-level extras of a row's hsdsExtra (without the per-item and unmodelled stores). */
export function topExtras(hsdsExtra: unknown): HsdsObject {
  if (!isObject(hsdsExtra)) return {};
  const { [ITEMS_KEY]: _items, [UNMODELLED_KEY]: _unmodelled, ...rest } = hsdsExtra;
  return rest;
}

/** The leftovers kept for the sub-object with this presented id. */
export function itemExtras(hsdsExtra: unknown, id: string): HsdsObject | undefined {
  const items = isObject(hsdsExtra) ? hsdsExtra[ITEMS_KEY] : undefined;
  const extra = isObject(items) ? items[id] : undefined;
  return isObject(extra) ? extra : undefined;
}

/** Sub-objects of `key` kept whole because our tables cannot hold them. */
export function unmodelledItems(hsdsExtra: unknown, key: string): HsdsObject[] {
  const store = isObject(hsdsExtra) ? hsdsExtra[UNMODELLED_KEY] : undefined;
  const items = isObject(store) ? store[key] : undefined;
  return Array.isArray(items) ? items.filter(isObject) : [];
}

// The HSDS properties each of our rows models (everything else is an extra).
export const SERVICE_MODELLED = [
  "id", "organization_id", "name", "alternate_name", "description", "url", "email", "status",
  "interpretation_services", "application_process", "fees_description", "eligibility_description",
  "minimum_age", "maximum_age", "assured_date", "assurer_email", "alert", "last_modified",
  "phones", "schedules", "service_at_locations", "languages", "organization", "cost_options",
  "required_documents", "contacts", "attributes",
] as const;
export const ORGANIZATION_MODELLED = ["id", "name", "description", "email", "website", "phones", "locations", "services"] as const;
export const LOCATION_MODELLED = ["id", "organization_id", "name", "description", "transportation", "latitude", "longitude", "addresses", "accessibility"] as const;
export const ADDRESS_MODELLED = ["id", "location_id", "address_1", "city", "state_province", "postal_code", "country"] as const;
export const ACCESSIBILITY_MODELLED = ["id", "location_id", "description"] as const;
export const SERVICE_AT_LOCATION_MODELLED = ["id", "service_id", "location_id", "description", "location", "service"] as const;
export const SCHEDULE_MODELLED = ["id", "service_id", "freq", "byday", "dtstart", "opens_at", "closes_at", "valid_from", "valid_to", "description"] as const;
export const COST_MODELLED = ["id", "service_id", "amount", "amount_description", "valid_from", "valid_to"] as const;
export const CONTACT_MODELLED = ["id", "service_id", "name", "title", "email", "phones"] as const;
export const PHONE_MODELLED = ["id", "service_id", "number"] as const;
export const LANGUAGE_MODELLED = ["id", "service_id", "code"] as const;
export const DOCUMENT_MODELLED = ["id", "service_id", "document"] as const;
export const ATTRIBUTE_MODELLED = ["id", "link_id", "taxonomy_term_id", "taxonomy_term"] as const;

/** Italian names of the languages a service is offered in, for HSDS language.name. */
export function languageName(code: string): string {
  try {
    return new Intl.DisplayNames(["it"], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}
