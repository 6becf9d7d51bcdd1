import { buildSearchText, foldText } from "~/catalogue/search-text";
import { prisma } from "~/db.server";
import type { CostKind, Prisma, ServiceStatus } from "~/generated/prisma/client";
import { derivedId, isUuidString, rowIdFor } from "~/hsds/ids";
import {
  ACCESSIBILITY_MODELLED,
  ADDRESS_MODELLED,
  ATTRIBUTE_MODELLED,
  CONTACT_MODELLED,
  COST_MODELLED,
  DOCUMENT_MODELLED,
  fromHsdsDate,
  fromHsdsTime,
  isObject,
  ITEMS_KEY,
  LANGUAGE_MODELLED,
  leftovers,
  LOCATION_MODELLED,
  ORGANIZATION_MODELLED,
  PHONE_MODELLED,
  SCHEDULE_MODELLED,
  SERVICE_AT_LOCATION_MODELLED,
  SERVICE_MODELLED,
  STATUS_FROM_HSDS,
  UNMODELLED_KEY,
  weekdayOf,
  type HsdsObject,
} from "~/hsds/mapping";
import { hsdsValidator, type HsdsSchemaName } from "~/hsds/schemas.server";
import { slugify } from "~/utils/slugify";

// Import of an HSDS 3.0 service or organization document (issue #5) into the catalogue.
// 1. parse (size, JSON), 2. validate against the official compiled schema, 3. plan the rows and
// check what the schema cannot (duplicate ids, ids of other services, ages, times, coordinates…),
// 4. write everything in one transaction. Any problem in 1–3 refuses the whole document and
// nothing is written. Ids are kept (an HSDS uuid becomes our row id), so importing the same
// document again updates the same rows. What our tables do not model goes to `hsdsExtra` and is
// given back by the API (app/hsds/mapping.ts).

/** Larger documents are refused before parsing. */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
const MAX_SERVICES_PER_DOCUMENT = 500;

export type ImportKind = "service" | "organization";
/** One thing wrong (or worth knowing) about a document: where (JSON pointer), a code for the UI's words, its values, and an English message. */
export type ImportProblem = { path: string; code: string; params?: Record<string, string | number>; message: string };
export type ImportSummary = {
  kind: ImportKind;
  services: { id: string; name: string; slug: string; created: boolean }[];
  organizations: { id: string; name: string; created: boolean }[];
  warnings: ImportProblem[];
};
export type ImportResult = ({ ok: true } & ImportSummary) | { ok: false; problems: ImportProblem[] };

class ImportRefused extends Error {
  constructor(readonly problems: ImportProblem[]) {
    super(`HSDS import refused: ${problems.length} problem(s)`);
  }
}

const problem = (path: string, code: string, message: string, params?: Record<string, string | number>): ImportProblem => ({ path: path || "/", code, message, ...(params ? { params } : {}) });

/** Parses the text of a document: a JSON object no larger than MAX_IMPORT_BYTES. */
export function parseHsdsDocument(text: string): { ok: true; document: HsdsObject } | { ok: false; problems: ImportProblem[] } {
  const size = Buffer.byteLength(text, "utf8");
  if (size > MAX_IMPORT_BYTES) return { ok: false, problems: [problem("/", "tooLarge", `The document is larger than ${MAX_IMPORT_BYTES} bytes`, { max: MAX_IMPORT_BYTES, size })] };
  if (!text.trim()) return { ok: false, problems: [problem("/", "empty", "The document is empty")] };
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [problem("/", "notJson", `Not JSON: ${(error as Error).message}`, { detail: (error as Error).message })] };
  }
  if (!isObject(document)) return { ok: false, problems: [problem("/", "notObject", "The document must be one JSON object (a service or an organization)")] };
  return { ok: true, document };
}

/** Whether a document is a service or an organization: services have a status, organizations list services or have none. */
export function detectKind(document: HsdsObject): ImportKind {
  if ("status" in document || "service_at_locations" in document || "organization" in document) return "service";
  return "organization";
}

/** The document against the official compiled schema (service.json or organization.json). */
export function validateAgainstSchema(document: unknown, kind: ImportKind): ImportProblem[] {
  const validate = hsdsValidator(kind as HsdsSchemaName);
  if (validate(document)) return [];
  return (validate.errors ?? []).map((error) => {
    const params = error.params as Record<string, unknown>;
    let path = error.instancePath || "";
    if (error.keyword === "required") path += `/${String(params.missingProperty)}`;
    const flat: Record<string, string | number> = {};
    for (const [key, value] of Object.entries(params)) flat[key] = Array.isArray(value) ? value.join(", ") : typeof value === "number" ? value : String(value);
    return problem(path || "/", `schema.${error.keyword}`, error.message ?? "is not valid", flat);
  });
}

// ---------------------------------------------------------------------------------------------
// Planning: the rows a document becomes, and the problems found on the way.

type Extras = { top: HsdsObject; items: Record<string, HsdsObject>; unmodelled: Record<string, HsdsObject[]> };
const newExtras = (top: HsdsObject = {}): Extras => ({ top, items: {}, unmodelled: {} });
function extrasJson(extras: Extras): Prisma.InputJsonObject {
  const json: HsdsObject = { ...extras.top };
  if (Object.keys(extras.items).length) json[ITEMS_KEY] = extras.items;
  if (Object.keys(extras.unmodelled).length) json[UNMODELLED_KEY] = extras.unmodelled;
  return json as Prisma.InputJsonObject;
}
function keepItem(extras: Extras, id: string, object: HsdsObject, modelled: readonly string[]) {
  const rest = leftovers(object, modelled);
  if (Object.keys(rest).length) extras.items[id] = rest;
}
function keepUnmodelled(extras: Extras, key: string, object: HsdsObject) {
  (extras.unmodelled[key] ??= []).push(object);
}

type OrganizationPlan = { id: string; path: string; data: { name: string; description: string | null; email: string | null; website: string | null; phone: string | null; hsdsExtra: Prisma.InputJsonObject } };
type LocationPlan = {
  id: string;
  path: string;
  organizationId: string | null;
  data: Omit<Prisma.LocationUncheckedCreateInput, "id" | "organizationId">;
  comuneName: string | null;
};
type SchedulePlan = Omit<Prisma.ScheduleCreateManyInput, "serviceId">;
type ServicePlan = {
  id: string;
  path: string;
  leadOrganizationId: string;
  data: Omit<Prisma.ServiceUncheckedCreateInput, "id" | "slug" | "searchText" | "createdById" | "publishedAt">;
  locations: { salId: string; locationId: string; description: string | null }[];
  schedules: SchedulePlan[];
  costs: Omit<Prisma.CostOptionCreateManyInput, "serviceId">[];
  contacts: Omit<Prisma.ServiceContactCreateManyInput, "serviceId">[];
  termIds: string[];
};
type TaxonomyPlan = { id: string; name: string; description: string; uri: string | null; version: string | null };
type TermPlan = { id: string; path: string; taxonomyId: string; code: string; name: string; description: string; parentId: string | null; language: string };

type Plan = {
  organizations: Map<string, OrganizationPlan>;
  locations: Map<string, LocationPlan>;
  services: ServicePlan[];
  taxonomies: Map<string, TaxonomyPlan>;
  terms: Map<string, TermPlan>;
  problems: ImportProblem[];
  warnings: ImportProblem[];
};

type Db = Prisma.TransactionClient;
type Comune = { id: string; name: string; latitude: number; longitude: number };

const str = (value: unknown): string | null => (typeof value === "string" && value.trim() ? value : null);
const objects = (value: unknown): HsdsObject[] => (Array.isArray(value) ? value.filter(isObject) : []);

class Planner {
  readonly plan: Plan = { organizations: new Map(), locations: new Map(), services: [], taxonomies: new Map(), terms: new Map(), problems: [], warnings: [] };
  /** Each id seen per kind, with the JSON of its first object: the same id on different content is a duplicate. */
  private seen = new Map<string, Map<string, string>>();

  constructor(private comuni: Comune[]) {}

  private error(path: string, code: string, message: string, params?: Record<string, string | number>) {
    this.plan.problems.push(problem(path, code, message, params));
  }
  private warn(path: string, code: string, message: string, params?: Record<string, string | number>) {
    this.plan.warnings.push(problem(path, code, message, params));
  }

  /** Registers an object's id for its kind; false (and a problem) when another, different object has it. */
  private claim(kind: string, id: string, object: unknown, path: string): boolean {
    const ids = this.seen.get(kind) ?? new Map<string, string>();
    this.seen.set(kind, ids);
    const json = JSON.stringify(object);
    const earlier = ids.get(id);
    if (earlier === undefined) {
      ids.set(id, json);
      return true;
    }
    if (earlier !== json) this.error(`${path}/id`, "duplicateId", `The id ${id} is used by two different ${kind} objects`, { kind, id });
    return false;
  }

  private date(value: unknown, path: string): Date | null {
    if (value === undefined || value === null || value === "") return null;
    const date = fromHsdsDate(value);
    if (!date) this.error(path, "badDate", `${JSON.stringify(value)} is not a date (YYYY-MM-DD)`, { value: String(value) });
    return date;
  }

  private age(value: unknown, path: string): number | null {
    if (typeof value !== "number") return null;
    if (!Number.isInteger(value) || value < 0 || value > 150) {
      this.error(path, "badAge", "An age must be a whole number of years between 0 and 150", { value });
      return null;
    }
    return value;
  }

  organization(object: HsdsObject, path: string): string {
    const id = rowIdFor("organization", String(object.id));
    if (!this.claim("organization", id, leftovers(object, ["services", "locations"]), path)) return id;
    const extras = newExtras(leftovers(object, ORGANIZATION_MODELLED));
    const phones = objects(object.phones);
    const [phone, ...otherPhones] = phones;
    if (phone) keepItem(extras, derivedId(id, "phone"), phone, PHONE_MODELLED);
    for (const other of otherPhones) keepUnmodelled(extras, "phones", other);
    this.plan.organizations.set(id, {
      id,
      path,
      data: {
        name: String(object.name),
        description: str(object.description),
        email: str(object.email),
        website: str(object.website),
        phone: str(phone?.number),
        hsdsExtra: extrasJson(extras),
      },
    });
    objects(object.locations).forEach((location, index) => this.location(location, `${path}/locations/${index}`, id));
    return id;
  }

  location(object: HsdsObject, path: string, organizationId: string | null): string {
    const id = rowIdFor("location", String(object.id));
    if (!this.claim("location", id, object, path)) return id;
    const extras = newExtras(leftovers(object, LOCATION_MODELLED));
    const addresses = objects(object.addresses);
    const address = addresses.find((candidate) => candidate.address_type === "physical") ?? addresses[0];
    if (address) keepItem(extras, derivedId(id, "address"), address, ADDRESS_MODELLED);
    for (const other of addresses) if (other !== address) keepUnmodelled(extras, "addresses", other);
    const [accessibility, ...otherAccessibility] = objects(object.accessibility);
    if (accessibility) keepItem(extras, derivedId(id, "accessibility"), accessibility, ACCESSIBILITY_MODELLED);
    for (const other of otherAccessibility) keepUnmodelled(extras, "accessibility", other);

    const city = str(address?.city) ?? "";
    const comune = city ? this.comuni.find((candidate) => foldText(candidate.name) === foldText(city)) : undefined;
    let latitude = typeof object.latitude === "number" ? object.latitude : null;
    let longitude = typeof object.longitude === "number" ? object.longitude : null;
    const inRange = latitude !== null && longitude !== null && Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180;
    if (!inRange) {
      if (comune) {
        // Placed at its comune's centre; the coordinates as given (if any) stay in hsdsExtra and are given back.
        if (latitude !== null) extras.top.latitude = latitude;
        if (longitude !== null) extras.top.longitude = longitude;
        latitude = comune.latitude;
        longitude = comune.longitude;
      } else if (latitude === null || longitude === null) {
        this.error(path, "noCoordinates", "A location needs latitude and longitude, or a city that is a comune of the area", { id });
      } else {
        this.warn(path, "coordinatesOutOfRange", `Coordinates ${latitude}, ${longitude} are outside the globe: kept as given, the place will not show on the map correctly`, { id });
      }
    }
    this.plan.locations.set(id, {
      id,
      path,
      organizationId: (isUuidString(object.organization_id) ? object.organization_id.toLowerCase() : null) ?? organizationId,
      comuneName: comune?.name ?? null,
      data: {
        name: str(object.name) ?? str(address?.address_1) ?? city ?? "Sede",
        description: str(object.description),
        transportation: str(object.transportation),
        accessibility: str(accessibility?.description),
        address: str(address?.address_1) ?? "",
        postalCode: str(address?.postal_code),
        city,
        comuneId: comune?.id ?? null,
        region: str(address?.state_province) ?? "Lombardia",
        country: str(address?.country) ?? "IT",
        latitude: latitude ?? 0,
        longitude: longitude ?? 0,
        hsdsExtra: extrasJson(extras),
      },
    });
    return id;
  }

  private term(object: HsdsObject, path: string): string {
    const id = rowIdFor("taxonomy_term", String(object.id));
    if (!this.claim("taxonomy_term", id, object, path)) return id;
    const detail = isObject(object.taxonomy_detail) ? object.taxonomy_detail : null;
    let taxonomyId: string;
    if (detail) {
      taxonomyId = rowIdFor("taxonomy", String(detail.id));
      if (this.claim("taxonomy", taxonomyId, detail, `${path}/taxonomy_detail`)) {
        this.plan.taxonomies.set(taxonomyId, { id: taxonomyId, name: String(detail.name), description: String(detail.description), uri: str(detail.uri), version: str(detail.version) });
      }
    } else if (isUuidString(object.taxonomy_id)) {
      taxonomyId = object.taxonomy_id.toLowerCase();
      if (!this.plan.taxonomies.has(taxonomyId)) this.plan.taxonomies.set(taxonomyId, { id: taxonomyId, name: str(object.taxonomy) ?? "Tassonomia importata", description: "", uri: null, version: null });
    } else {
      const name = str(object.taxonomy) ?? "Tassonomia importata";
      taxonomyId = derivedId("import", "taxonomy", name);
      if (!this.plan.taxonomies.has(taxonomyId)) this.plan.taxonomies.set(taxonomyId, { id: taxonomyId, name, description: "", uri: null, version: null });
    }
    this.plan.terms.set(id, {
      id,
      path,
      taxonomyId,
      code: str(object.code) ?? id,
      name: String(object.name),
      description: String(object.description),
      parentId: isUuidString(object.parent_id) ? object.parent_id.toLowerCase() : null,
      language: str(object.language) ?? "it",
    });
    return id;
  }

  service(object: HsdsObject, path: string, organizationId: string | null): void {
    const id = rowIdFor("service", String(object.id));
    if (!this.claim("service", id, object, path)) return;
    if (this.plan.services.length >= MAX_SERVICES_PER_DOCUMENT) {
      this.error(path, "tooManyServices", `At most ${MAX_SERVICES_PER_DOCUMENT} services per document`, { max: MAX_SERVICES_PER_DOCUMENT });
      return;
    }
    const extras = newExtras(leftovers(object, SERVICE_MODELLED));

    // The lead organization: the nested object, the organization_id, or the document's organization.
    let lead = organizationId;
    if (isObject(object.organization)) {
      const nested = this.organization(object.organization, `${path}/organization`);
      if (lead && nested !== lead) this.error(`${path}/organization`, "organizationMismatch", "A service of an organization document must belong to that organization", { id: nested });
      lead ??= nested;
    }
    if (isUuidString(object.organization_id)) {
      const stated = object.organization_id.toLowerCase();
      if (lead && stated !== lead) this.error(`${path}/organization_id`, "organizationMismatch", "organization_id differs from the service's organization", { id: stated });
      lead ??= stated;
    }
    if (!lead) this.error(path, "noOrganization", "A service needs its organization: an organization object or organization_id");

    const minimumAge = this.age(object.minimum_age, `${path}/minimum_age`);
    const maximumAge = this.age(object.maximum_age, `${path}/maximum_age`);
    if (minimumAge !== null && maximumAge !== null && minimumAge > maximumAge) this.error(`${path}/maximum_age`, "ageRange", "maximum_age is below minimum_age");

    // Contacts (each with its first phone) and the service's phones become our contact rows.
    const contacts: ServicePlan["contacts"] = [];
    const numbers = new Set<string>();
    objects(object.contacts).forEach((contact, index) => {
      const contactId = rowIdFor("contact", String(contact.id));
      if (!this.claim("contact", contactId, contact, `${path}/contacts/${index}`)) return;
      const [phone, ...more] = objects(contact.phones);
      keepItem(extras, contactId, contact, CONTACT_MODELLED);
      if (phone) keepItem(extras, derivedId(contactId, "phone"), phone, PHONE_MODELLED);
      if (more.length) this.warn(`${path}/contacts/${index}/phones`, "extraContactPhones", "Only the first phone of a contact is kept");
      if (phone?.number) numbers.add(String(phone.number));
      contacts.push({ id: contactId, name: str(contact.name), title: str(contact.title), email: str(contact.email), phone: str(phone?.number), position: contacts.length });
    });
    objects(object.phones).forEach((phone, index) => {
      if (numbers.has(String(phone.number))) return; // the same phone as a contact's: given back from that contact
      const rowId = rowIdFor("phone", String(phone.id));
      if (!this.claim("contact", rowId, phone, `${path}/phones/${index}`)) return;
      numbers.add(String(phone.number));
      keepItem(extras, derivedId(rowId, "phone"), phone, PHONE_MODELLED);
      contacts.push({ id: rowId, phone: String(phone.number), position: contacts.length });
    });

    // Schedules: weekly ones become one row per day (the HSDS id on the first day), single dates
    // become exceptions; anything else (monthly, several dates…) is kept whole and given back.
    const schedules: SchedulePlan[] = [];
    objects(object.schedules).forEach((schedule, index) => {
      const here = `${path}/schedules/${index}`;
      const scheduleId = rowIdFor("schedule", String(schedule.id));
      if (!this.claim("schedule", scheduleId, schedule, here)) return;
      const opensAt = schedule.opens_at === undefined ? null : fromHsdsTime(schedule.opens_at);
      const closesAt = schedule.closes_at === undefined ? null : fromHsdsTime(schedule.closes_at);
      if (schedule.opens_at !== undefined && !opensAt) this.error(`${here}/opens_at`, "badTime", `${JSON.stringify(schedule.opens_at)} is not a time (HH:MM)`, { value: String(schedule.opens_at) });
      if (schedule.closes_at !== undefined && !closesAt) this.error(`${here}/closes_at`, "badTime", `${JSON.stringify(schedule.closes_at)} is not a time (HH:MM)`, { value: String(schedule.closes_at) });
      const validFrom = this.date(schedule.valid_from, `${here}/valid_from`);
      const validTo = this.date(schedule.valid_to, `${here}/valid_to`);
      const dtstart = this.date(schedule.dtstart, `${here}/dtstart`);
      const until = this.date(schedule.until, `${here}/until`);
      const description = str(schedule.description);
      const days = typeof schedule.byday === "string" ? schedule.byday.split(",").map(weekdayOf) : [];
      const weekly = schedule.freq === "WEEKLY" && days.length > 0 && days.every((day) => day !== null) && opensAt && closesAt && (schedule.interval === undefined || schedule.interval === 1);
      if (weekly) {
        const sorted = [...new Set(days as number[])].sort((a, b) => a - b);
        sorted.forEach((weekday, position) => {
          schedules.push({ id: position === 0 ? scheduleId : derivedId(scheduleId, "day", String(weekday)), weekday, opensAt, closesAt, validFrom, validTo, description });
        });
        // A weekly schedule's dtstart is not modelled (the rows carry validity instead): kept as given.
        keepItem(extras, scheduleId, schedule, SCHEDULE_MODELLED.filter((key) => key !== "dtstart"));
      } else if (!schedule.freq && dtstart && (!until || until.getTime() === dtstart.getTime()) && Boolean(opensAt) === Boolean(closesAt)) {
        schedules.push({ id: scheduleId, date: dtstart, opensAt, closesAt, description });
        keepItem(extras, scheduleId, schedule, [...SCHEDULE_MODELLED, "until"]);
      } else {
        keepUnmodelled(extras, "schedules", schedule);
      }
    });

    const costs: ServicePlan["costs"] = [];
    objects(object.cost_options).forEach((cost, index) => {
      const here = `${path}/cost_options/${index}`;
      const costId = rowIdFor("cost_option", String(cost.id));
      if (!this.claim("cost_option", costId, cost, here)) return;
      const amount = typeof cost.amount === "number" ? cost.amount : null;
      if (amount !== null && amount < 0) this.error(`${here}/amount`, "negativeAmount", "A cost cannot be negative");
      const option = str(cost.option) ?? "";
      const kind: CostKind = amount === 0 || /^(free|gratuit)/i.test(option) ? "FREE" : /ridott|reduc|concession|discount|agevol|scont/i.test(option) ? "REDUCED" : "FEE";
      keepItem(extras, costId, cost, COST_MODELLED);
      costs.push({
        id: costId,
        kind,
        amountCents: kind === "FREE" || amount === null ? null : Math.round(amount * 100),
        amountDescription: str(cost.amount_description),
        validFrom: this.date(cost.valid_from, `${here}/valid_from`),
        validTo: this.date(cost.valid_to, `${here}/valid_to`),
      });
    });

    const languages: string[] = [];
    for (const language of objects(object.languages)) {
      const code = str(language.code)?.trim().toLowerCase();
      if (!code || languages.includes(code)) {
        keepUnmodelled(extras, "languages", language);
        continue;
      }
      languages.push(code);
      keepItem(extras, derivedId(id, "language", code), language, LANGUAGE_MODELLED);
    }

    const requiredDocuments: string[] = [];
    for (const document of objects(object.required_documents)) {
      const text = str(document.document);
      if (!text || requiredDocuments.includes(text)) {
        keepUnmodelled(extras, "required_documents", document);
        continue;
      }
      requiredDocuments.push(text);
      keepItem(extras, derivedId(id, "required_document", text), document, DOCUMENT_MODELLED);
    }

    // HSDS 3.0 classifies a service through attributes pointing at taxonomy terms.
    const termIds: string[] = [];
    objects(object.attributes).forEach((attribute, index) => {
      const here = `${path}/attributes/${index}`;
      let termId: string | null = null;
      if (isObject(attribute.taxonomy_term)) termId = this.term(attribute.taxonomy_term, `${here}/taxonomy_term`);
      else if (isUuidString(attribute.taxonomy_term_id)) termId = attribute.taxonomy_term_id.toLowerCase();
      if (!termId || termIds.includes(termId)) {
        keepUnmodelled(extras, "attributes", attribute);
        return;
      }
      termIds.push(termId);
      keepItem(extras, derivedId(id, "attribute", termId), attribute, ATTRIBUTE_MODELLED);
    });

    const locations: ServicePlan["locations"] = [];
    objects(object.service_at_locations).forEach((link, index) => {
      const here = `${path}/service_at_locations/${index}`;
      const salId = rowIdFor("service_at_location", String(link.id));
      if (!this.claim("service_at_location", salId, link, here)) return;
      let locationId: string | null = null;
      if (isObject(link.location)) locationId = this.location(link.location, `${here}/location`, lead);
      else if (isUuidString(link.location_id)) locationId = link.location_id.toLowerCase();
      if (!locationId) {
        this.error(here, "noLocation", "A service_at_location needs its location or location_id");
        return;
      }
      if (locations.some((other) => other.locationId === locationId)) {
        this.error(here, "duplicateLocation", "The service is at this location twice", { id: locationId });
        return;
      }
      keepItem(extras, salId, link, SERVICE_AT_LOCATION_MODELLED);
      locations.push({ salId, locationId, description: str(link.description) });
    });

    const status: ServiceStatus = STATUS_FROM_HSDS[String(object.status)] ?? "UNPUBLISHED";
    this.plan.services.push({
      id,
      path,
      leadOrganizationId: lead ?? "",
      locations,
      schedules,
      costs,
      contacts,
      termIds,
      data: {
        name: String(object.name),
        alternateName: str(object.alternate_name),
        description: str(object.description) ?? "",
        url: str(object.url),
        email: str(object.email),
        status,
        eligibilityDescription: str(object.eligibility_description),
        minimumAge,
        maximumAge,
        applicationProcess: str(object.application_process),
        requiredDocuments,
        feesDescription: str(object.fees_description),
        interpretationServices: str(object.interpretation_services),
        languages,
        alert: str(object.alert),
        lastVerifiedAt: this.date(object.assured_date, `${path}/assured_date`),
        assurerEmail: str(object.assurer_email),
        hsdsExtra: extrasJson(extras),
      },
    });
  }
}

/** Checks against what is already in the database: ids owned by other services, unknown references, taken term codes. */
async function checkAgainstDatabase(db: Db, plan: Plan): Promise<void> {
  const serviceIds = plan.services.map((service) => service.id);
  const owned = async (rows: { id: string; serviceId: string }[], kind: string) => {
    for (const row of rows) {
      const planned = plan.services.find((service) => (kind === "service_at_location" ? service.locations.some((link) => link.salId === row.id) : kind === "schedule" ? service.schedules.some((s) => s.id === row.id) : kind === "cost_option" ? service.costs.some((c) => c.id === row.id) : service.contacts.some((c) => c.id === row.id)));
      if (planned && planned.id !== row.serviceId) plan.problems.push(problem(planned.path, "idOfAnotherService", `The ${kind} id ${row.id} belongs to another service`, { kind, id: row.id }));
    }
  };
  const all = <T>(pick: (service: ServicePlan) => T[]) => plan.services.flatMap(pick);
  const [sals, schedules, costs, contacts] = await Promise.all([
    db.serviceAtLocation.findMany({ where: { id: { in: all((s) => s.locations.map((l) => l.salId)) }, serviceId: { notIn: serviceIds } }, select: { id: true, serviceId: true } }),
    db.schedule.findMany({ where: { id: { in: all((s) => s.schedules.map((x) => x.id!)) }, serviceId: { notIn: serviceIds } }, select: { id: true, serviceId: true } }),
    db.costOption.findMany({ where: { id: { in: all((s) => s.costs.map((x) => x.id!)) }, serviceId: { notIn: serviceIds } }, select: { id: true, serviceId: true } }),
    db.serviceContact.findMany({ where: { id: { in: all((s) => s.contacts.map((x) => x.id!)) }, serviceId: { notIn: serviceIds } }, select: { id: true, serviceId: true } }),
  ]);
  await owned(sals, "service_at_location");
  await owned(schedules, "schedule");
  await owned(costs, "cost_option");
  await owned(contacts, "contact");

  // References to rows the document does not carry must exist already.
  const organizationRefs = [...new Set([...plan.services.map((s) => s.leadOrganizationId).filter(Boolean), ...[...plan.locations.values()].flatMap((l) => (l.organizationId ? [l.organizationId] : []))])].filter((id) => !plan.organizations.has(id));
  const locationRefs = [...new Set(all((s) => s.locations.map((l) => l.locationId)))].filter((id) => !plan.locations.has(id));
  const termRefs = [...new Set(all((s) => s.termIds))].filter((id) => !plan.terms.has(id));
  const [organizations, locations, terms, codes] = await Promise.all([
    db.organization.findMany({ where: { id: { in: organizationRefs } }, select: { id: true } }),
    db.location.findMany({ where: { id: { in: locationRefs } }, select: { id: true } }),
    db.taxonomyTerm.findMany({ where: { id: { in: termRefs } }, select: { id: true } }),
    db.taxonomyTerm.findMany({ where: { OR: [...plan.terms.values()].map((term) => ({ taxonomyId: term.taxonomyId, code: term.code, id: { not: term.id } })) }, select: { code: true, taxonomyId: true } }),
  ]);
  const missing = (refs: string[], found: { id: string }[]) => refs.filter((id) => !found.some((row) => row.id === id));
  for (const id of missing(organizationRefs, organizations)) {
    // A location's organization_id that we do not know is dropped (the place is still imported);
    // a service's organization must exist.
    const service = plan.services.find((s) => s.leadOrganizationId === id);
    if (service) plan.problems.push(problem(`${service.path}/organization_id`, "unknownOrganization", `No organization with id ${id}: include the organization object`, { id }));
    for (const location of plan.locations.values()) if (location.organizationId === id) location.organizationId = null;
  }
  for (const id of missing(locationRefs, locations)) {
    const service = plan.services.find((s) => s.locations.some((l) => l.locationId === id))!;
    plan.problems.push(problem(`${service.path}/service_at_locations`, "unknownLocation", `No location with id ${id}: include the location object`, { id }));
  }
  for (const id of missing(termRefs, terms)) {
    const service = plan.services.find((s) => s.termIds.includes(id))!;
    plan.problems.push(problem(`${service.path}/attributes`, "unknownTerm", `No taxonomy term with id ${id}: include the taxonomy_term object`, { id }));
  }
  if (plan.terms.size) {
    for (const taken of codes) {
      const term = [...plan.terms.values()].find((t) => t.taxonomyId === taken.taxonomyId && t.code === taken.code)!;
      plan.problems.push(problem(`${term.path}/code`, "termCodeTaken", `Another term of this taxonomy has the code ${taken.code}`, { code: taken.code }));
    }
  }
}

async function uniqueSlug(db: Db, table: "service" | "organization", name: string, fallback: string): Promise<string> {
  const base = slugify(name).slice(0, 80) || fallback;
  for (let attempt = 1; ; attempt += 1) {
    const slug = attempt === 1 ? base : `${base}-${attempt}`;
    const taken = table === "service" ? await db.service.findUnique({ where: { slug }, select: { id: true } }) : await db.organization.findUnique({ where: { slug }, select: { id: true } });
    if (!taken) return slug;
  }
}

/** Writes a checked plan. Network members' organizations and existing taxonomies/terms are linked, never changed. */
async function writePlan(db: Db, plan: Plan, actorId: string | null, kind: ImportKind): Promise<ImportSummary> {
  const summary: ImportSummary = { kind, services: [], organizations: [], warnings: plan.warnings };

  for (const organization of plan.organizations.values()) {
    const existing = await db.organization.findUnique({ where: { id: organization.id }, select: { isNetworkMember: true } });
    if (existing) {
      if (!existing.isNetworkMember) await db.organization.update({ where: { id: organization.id }, data: organization.data });
    } else {
      await db.organization.create({
        data: { id: organization.id, ...organization.data, slug: await uniqueSlug(db, "organization", organization.data.name, "organizzazione"), kind: "ALTRO", isNetworkMember: false },
      });
    }
    summary.organizations.push({ id: organization.id, name: organization.data.name, created: !existing });
  }

  for (const location of plan.locations.values()) {
    const data = { ...location.data, organizationId: location.organizationId };
    await db.location.upsert({ where: { id: location.id }, create: { id: location.id, ...data }, update: data });
  }

  const existingTaxonomies = new Set((await db.taxonomy.findMany({ where: { id: { in: [...plan.taxonomies.keys()] } }, select: { id: true } })).map((row) => row.id));
  for (const taxonomy of plan.taxonomies.values()) if (!existingTaxonomies.has(taxonomy.id)) await db.taxonomy.create({ data: taxonomy });
  const existingTerms = new Set((await db.taxonomyTerm.findMany({ where: { id: { in: [...plan.terms.keys()] } }, select: { id: true } })).map((row) => row.id));
  const knownParents = new Set((await db.taxonomyTerm.findMany({ where: { id: { in: [...plan.terms.values()].flatMap((t) => (t.parentId ? [t.parentId] : [])) } }, select: { id: true } })).map((row) => row.id));
  // Parents first, so a term's parent exists when it is written.
  const pending = [...plan.terms.values()].filter((term) => !existingTerms.has(term.id));
  while (pending.length) {
    const index = Math.max(0, pending.findIndex((term) => !term.parentId || knownParents.has(term.parentId) || !pending.some((other) => other.id === term.parentId)));
    const [term] = pending.splice(index, 1);
    const parentId = term.parentId && (knownParents.has(term.parentId) || existingTerms.has(term.parentId)) ? term.parentId : null;
    if (term.parentId && !parentId) summary.warnings.push(problem(`${term.path}/parent_id`, "parentTermMissing", `The parent term ${term.parentId} is not in the document nor in the catalogue: the term is imported without it`, { id: term.parentId }));
    const { path: _path, ...data } = term;
    await db.taxonomyTerm.create({ data: { ...data, parentId } });
    knownParents.add(term.id);
  }

  const organizationNames = new Map((await db.organization.findMany({ where: { id: { in: plan.services.map((s) => s.leadOrganizationId) } }, select: { id: true, name: true } })).map((row) => [row.id, row.name]));
  const termNames = new Map((await db.taxonomyTerm.findMany({ where: { id: { in: plan.services.flatMap((s) => s.termIds) } }, select: { id: true, name: true, parent: { select: { name: true } } } })).map((row) => [row.id, [row.name, ...(row.parent ? [row.parent.name] : [])]]));
  const places = new Map((await db.location.findMany({ where: { id: { in: plan.services.flatMap((s) => s.locations.map((l) => l.locationId)) } }, select: { id: true, address: true, city: true, comune: { select: { name: true } } } })).map((row) => [row.id, [...(row.comune ? [row.comune.name] : []), `${row.city} ${row.address}`]]));

  for (const service of plan.services) {
    const searchText = buildSearchText({
      name: service.data.name,
      alternateName: service.data.alternateName,
      description: service.data.description,
      eligibilityDescription: service.data.eligibilityDescription,
      organizationNames: [organizationNames.get(service.leadOrganizationId) ?? ""],
      termNames: service.termIds.flatMap((id) => termNames.get(id) ?? []),
      places: service.locations.flatMap((link) => places.get(link.locationId) ?? []),
    });
    const existing = await db.service.findUnique({ where: { id: service.id }, select: { slug: true, status: true, publishedAt: true } });
    const publishedAt = service.data.status === "PUBLISHED" ? (existing?.publishedAt ?? new Date()) : (existing?.publishedAt ?? null);
    const data = { ...service.data, searchText, publishedAt };
    const slug = existing?.slug ?? (await uniqueSlug(db, "service", service.data.name, "servizio"));
    if (existing) await db.service.update({ where: { id: service.id }, data });
    else await db.service.create({ data: { id: service.id, slug, createdById: actorId, ...data } });

    const serviceId = service.id;
    await db.serviceOrganization.deleteMany({ where: { serviceId } });
    await db.serviceOrganization.create({ data: { serviceId, organizationId: service.leadOrganizationId, isLead: true } });
    await db.serviceAtLocation.deleteMany({ where: { serviceId, id: { notIn: service.locations.map((link) => link.salId) } } });
    for (const link of service.locations) {
      await db.serviceAtLocation.upsert({
        where: { id: link.salId },
        create: { id: link.salId, serviceId, locationId: link.locationId, description: link.description },
        update: { locationId: link.locationId, description: link.description },
      });
    }
    await db.schedule.deleteMany({ where: { serviceId } });
    await db.schedule.createMany({ data: service.schedules.map((row) => ({ ...row, serviceId })) });
    await db.costOption.deleteMany({ where: { serviceId } });
    await db.costOption.createMany({ data: service.costs.map((row) => ({ ...row, serviceId })) });
    await db.serviceContact.deleteMany({ where: { serviceId } });
    await db.serviceContact.createMany({ data: service.contacts.map((row) => ({ ...row, serviceId })) });
    await db.serviceTaxonomyTerm.deleteMany({ where: { serviceId } });
    await db.serviceTaxonomyTerm.createMany({ data: service.termIds.map((termId) => ({ serviceId, termId })) });
    await db.serviceChange.create({
      data: { serviceId, actorId, field: "import", before: existing ? { status: existing.status } : undefined, after: { source: "hsds", kind, status: service.data.status } },
    });
    summary.services.push({ id: serviceId, name: service.data.name, slug, created: !existing });
  }
  return summary;
}

/**
 * Imports one HSDS document (the text of a JSON service or organization). Refused as a whole,
 * with every problem found, when it is not valid; otherwise written in one transaction.
 */
export async function importHsdsDocument(actorId: string | null, text: string, requestedKind: ImportKind | "auto" = "auto"): Promise<ImportResult> {
  const parsed = parseHsdsDocument(text);
  if (!parsed.ok) return parsed;
  const document = parsed.document;
  const kind = requestedKind === "auto" ? detectKind(document) : requestedKind;
  const schemaProblems = validateAgainstSchema(document, kind);
  if (schemaProblems.length) return { ok: false, problems: schemaProblems };

  try {
    const summary = await prisma.$transaction(
      async (db) => {
        const comuni = await db.comune.findMany({ select: { id: true, name: true, latitude: true, longitude: true } });
        const planner = new Planner(comuni);
        if (kind === "service") {
          planner.service(document, "", null);
        } else {
          const organizationId = planner.organization(document, "");
          objects(document.services).forEach((service, index) => {
            if (isUuidString(service.organization_id) && service.organization_id.toLowerCase() !== organizationId) {
              planner.plan.problems.push(problem(`/services/${index}/organization_id`, "organizationMismatch", "A service of an organization document must belong to that organization", { id: service.organization_id }));
            }
            planner.service(service, `/services/${index}`, organizationId);
          });
        }
        const plan = planner.plan;
        if (!plan.problems.length) await checkAgainstDatabase(db, plan);
        if (plan.problems.length) throw new ImportRefused(plan.problems);
        return writePlan(db, plan, actorId, kind);
      },
      { timeout: 120_000, maxWait: 20_000 },
    );
    return { ok: true, ...summary };
  } catch (error) {
    if (error instanceof ImportRefused) return { ok: false, problems: error.problems };
    throw error;
  }
}
