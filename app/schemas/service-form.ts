import { z } from "zod";
import { serviceSchema, type ServiceInput, type ServiceInputDraft } from "./service";

// The coordinators' service form (issue #5) posts a few fields in a shape that is easier to fill
// than the stored one: the providing organizations as checkboxes plus one "lead" radio, the
// required documents as one textarea (one per line), euro amounts and coordinates with a decimal
// comma, and a location's coordinates and place name left empty to take its comune's. This file
// maps that shape onto `serviceSchema` (the same code runs in the browser and on the server), and
// a stored service back onto the form.

/** A comune as the form knows it: enough to fill a location's place and coordinates. */
export type ComuneCentre = { id: string; name: string; latitude: number; longitude: number };

type Row = Record<string, unknown>;

/** The form's own values (what the inputs hold): strings, lists of strings, rows of strings. */
export type ServiceFormValues = {
  name?: string;
  alternateName?: string;
  description?: string;
  url?: string;
  email?: string;
  eligibilityDescription?: string;
  minimumAge?: string;
  maximumAge?: string;
  applicationProcess?: string;
  requiredDocumentsText?: string;
  feesDescription?: string;
  accessibility?: string;
  interpretationServices?: string;
  languages?: string[];
  alert?: string;
  lastVerifiedAt?: string;
  organizationIds?: string[];
  leadOrganizationId?: string;
  locations?: {
    id?: string;
    name?: string;
    address?: string;
    postalCode?: string;
    comuneId?: string;
    city?: string;
    latitude?: string;
    longitude?: string;
    accessibility?: string;
    transportation?: string;
  }[];
  weeklyHours?: { weekday?: string; opensAt?: string; closesAt?: string; validFrom?: string; validTo?: string; description?: string }[];
  exceptions?: { date?: string; opensAt?: string; closesAt?: string; description?: string }[];
  costs?: { kind?: string; amountEuro?: string; amountDescription?: string }[];
  contacts?: { name?: string; title?: string; email?: string; phone?: string }[];
  termIds?: string[];
};

const isRow = (value: unknown): value is Row => typeof value === "object" && value !== null && !Array.isArray(value);
const text = (value: unknown) => (typeof value === "string" ? value.trim() : "");
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined || value === null || value === "" ? [] : [value]);
const rows = (value: unknown): Row[] => list(value).map((row) => (isRow(row) ? row : {}));

/** "12,50 €" → "12.50"; anything empty stays as it was (the schema reports it). */
function decimal(value: unknown) {
  if (typeof value !== "string") return value;
  const cleaned = value.replace(/€/g, "").replace(/\s/g, "").replace(",", ".");
  return cleaned === "" ? value : cleaned;
}

/**
 * Turns the form's values into the shape of `serviceSchema` (still unvalidated): organizations
 * from the checkboxes and the lead radio (a lead that was not also ticked is added; the lead
 * first), categories sorted, documents
 * from the lines of the textarea, decimal commas into points, and a location's empty place or
 * coordinates filled from its comune.
 */
export function formValuesToServiceInput(values: unknown, comuni: ComuneCentre[]): unknown {
  if (!isRow(values)) return values;
  const { organizationIds, leadOrganizationId, requiredDocumentsText, ...rest } = values;
  const byId = new Map(comuni.map((comune) => [comune.id, comune]));

  const lead = text(leadOrganizationId);
  const ids = [...new Set(list(organizationIds).map(text).filter(Boolean))];
  if (lead && !ids.includes(lead)) ids.push(lead);

  const documents = typeof requiredDocumentsText === "string" ? requiredDocumentsText.split(/\r?\n/).map((line) => line.trim()).filter(Boolean) : [];

  // In the order the service is stored in (lead first; categories by id), so that saving an
  // unchanged form records no change in the history.
  const ordered = [...ids.filter((id) => id === lead), ...ids.filter((id) => id !== lead)];
  const termIds = [...new Set(list(rest.termIds).map(text).filter(Boolean))].sort();

  return {
    ...rest,
    organizations: ordered.map((organizationId) => ({ organizationId, isLead: organizationId === lead })),
    termIds,
    requiredDocuments: documents,
    locations: rows(rest.locations).map((location) => {
      const comune = byId.get(text(location.comuneId));
      const filled = (value: unknown, fallback: number | string | undefined) => (text(value) === "" && fallback !== undefined ? String(fallback) : value);
      return {
        ...location,
        city: filled(location.city, comune?.name),
        latitude: decimal(filled(location.latitude, comune?.latitude)),
        longitude: decimal(filled(location.longitude, comune?.longitude)),
      };
    }),
    costs: rows(rest.costs).map((cost) => {
      if (text(cost.kind) === "FREE") {
        const { amountEuro: _free, ...withoutAmount } = cost;
        return withoutAmount;
      }
      return { ...cost, amountEuro: decimal(cost.amountEuro) };
    }),
  };
}

/** The schema the form is parsed with, in the browser and on the server. */
export function serviceFormSchema(comuni: ComuneCentre[]) {
  return z.preprocess((values) => formValuesToServiceInput(values, comuni), serviceSchema);
}

/**
 * Zod's own messages for a value of the wrong type (an empty or non-numeric number field) become
 * the app's i18n keys; everything else keeps the schema's message.
 */
export const serviceFormErrorMap: z.ZodErrorMap = (issue, context) => {
  if (issue.code === "invalid_type") return { message: issue.received === "undefined" ? "forms.required" : issue.expected === "number" ? "forms.invalidNumber" : "forms.invalidChoice" };
  return { message: context.defaultError };
};

const str = (value: string | number | null | undefined) => (value === undefined || value === null ? undefined : String(value));
const strip = <T extends Record<string, unknown>>(row: T) => Object.fromEntries(Object.entries(row).filter(([, value]) => value !== undefined && value !== "")) as T;

/** A stored service (or a proposal's draft) as the form's initial values. */
export function serviceInputToFormValues(input: Partial<ServiceInput> | Partial<ServiceInputDraft>): ServiceFormValues {
  const organizations = input.organizations ?? [];
  return strip({
    name: input.name,
    alternateName: input.alternateName,
    description: input.description,
    url: input.url,
    email: input.email,
    eligibilityDescription: input.eligibilityDescription,
    minimumAge: str(input.minimumAge),
    maximumAge: str(input.maximumAge),
    applicationProcess: input.applicationProcess,
    requiredDocumentsText: input.requiredDocuments?.length ? input.requiredDocuments.join("\n") : undefined,
    feesDescription: input.feesDescription,
    accessibility: input.accessibility,
    interpretationServices: input.interpretationServices,
    languages: input.languages ? [...input.languages] : undefined,
    alert: input.alert,
    lastVerifiedAt: input.lastVerifiedAt,
    organizationIds: organizations.map((link) => link.organizationId),
    leadOrganizationId: organizations.find((link) => link.isLead)?.organizationId,
    locations: (input.locations ?? []).map((location) =>
      strip({
        id: location.id,
        name: location.name,
        address: location.address,
        postalCode: location.postalCode,
        comuneId: location.comuneId,
        city: location.city,
        latitude: str(location.latitude),
        longitude: str(location.longitude),
        accessibility: location.accessibility,
        transportation: location.transportation,
      }),
    ),
    weeklyHours: (input.weeklyHours ?? []).map((hours) =>
      strip({ weekday: str(hours.weekday), opensAt: hours.opensAt, closesAt: hours.closesAt, validFrom: hours.validFrom, validTo: hours.validTo, description: hours.description }),
    ),
    exceptions: (input.exceptions ?? []).map((exception) => strip({ date: exception.date, opensAt: exception.opensAt, closesAt: exception.closesAt, description: exception.description })),
    costs: (input.costs ?? []).map((cost) => strip({ kind: cost.kind, amountEuro: str(cost.amountEuro), amountDescription: cost.amountDescription })),
    contacts: (input.contacts ?? []).map((contact) => strip({ name: contact.name, title: contact.title, email: contact.email, phone: contact.phone })),
    termIds: input.termIds ? [...input.termIds] : undefined,
  });
}

/** Errors of the form's fields that have no input of their own, keyed by where they are shown. */
export function errorsFor(allErrors: Record<string, string[]>, prefix: string): { index: number | null; message: string }[] {
  return Object.entries(allErrors).flatMap(([name, messages]): { index: number | null; message: string }[] => {
    if (name === prefix) return messages.map((message) => ({ index: null, message }));
    const match = name.startsWith(`${prefix}[`) ? /^\[(\d+)\]/.exec(name.slice(prefix.length)) : null;
    return match ? messages.map((message) => ({ index: Number(match[1]), message })) : [];
  });
}
