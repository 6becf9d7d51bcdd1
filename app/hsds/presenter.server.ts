import type { Prisma } from "~/generated/prisma/client";
import { derivedId } from "./ids";
import {
  asEmail,
  asUri,
  BYDAY,
  compact,
  itemExtras,
  languageName,
  layer,
  STATUS_TO_HSDS,
  toHsdsDate,
  toHsdsTime,
  topExtras,
  unmodelledItems,
  type HsdsObject,
} from "./mapping";

// Our catalogue rows → HSDS 3.0 JSON (service.json, organization.json, service_at_location.json,
// the *_list.json items, taxonomy and taxonomy_term). Pure functions over rows loaded with the
// includes below, so a page of results costs one query per relation, never one per row.

export const TERM_INCLUDE = { taxonomy: true } satisfies Prisma.TaxonomyTermInclude;

export const LOCATION_INCLUDE = { comune: { select: { name: true } } } satisfies Prisma.LocationInclude;

/** What a fully nested service needs. */
export const SERVICE_INCLUDE = {
  organizations: { include: { organization: true }, orderBy: [{ isLead: "desc" }, { organizationId: "asc" }] },
  locations: { include: { location: { include: LOCATION_INCLUDE } }, orderBy: { id: "asc" } },
  schedules: { orderBy: [{ weekday: "asc" }, { date: "asc" }, { id: "asc" }] },
  costs: { orderBy: { id: "asc" } },
  contacts: { orderBy: [{ position: "asc" }, { id: "asc" }] },
  terms: { include: { term: { include: TERM_INCLUDE } }, orderBy: { termId: "asc" } },
} satisfies Prisma.ServiceInclude;

/** What a service list item needs (one-to-one fields and its organization). */
export const SERVICE_LIST_INCLUDE = {
  organizations: { include: { organization: true }, orderBy: [{ isLead: "desc" }, { organizationId: "asc" }] },
} satisfies Prisma.ServiceInclude;

export type FullService = Prisma.ServiceGetPayload<{ include: typeof SERVICE_INCLUDE }>;
export type ListService = Prisma.ServiceGetPayload<{ include: typeof SERVICE_LIST_INCLUDE }>;
export type ServiceRow = Prisma.ServiceGetPayload<object>;
export type OrganizationRow = Prisma.OrganizationGetPayload<object>;
export type LocationRow = Prisma.LocationGetPayload<{ include: typeof LOCATION_INCLUDE }>;
export type TermRow = Prisma.TaxonomyTermGetPayload<{ include: typeof TERM_INCLUDE }>;
export type TaxonomyRow = Prisma.TaxonomyGetPayload<object>;
type ScheduleRow = FullService["schedules"][number];
type ContactRow = FullService["contacts"][number];

const COST_LABELS = { FREE: "Gratuito", FEE: "A pagamento", REDUCED: "Tariffa ridotta" } as const;

function leadOf(service: { organizations: { isLead: boolean; organization: OrganizationRow }[] }): OrganizationRow | undefined {
  return (service.organizations.find((link) => link.isLead) ?? service.organizations[0])?.organization;
}

/** A service's one-to-one fields (service_list.json without its organization). */
export function presentServiceFields(service: ServiceRow, leadOrganizationId?: string): HsdsObject {
  return layer({}, topExtras(service.hsdsExtra), {
    id: service.id,
    organization_id: leadOrganizationId,
    name: service.name,
    alternate_name: service.alternateName ?? undefined,
    description: service.description,
    url: asUri(service.url),
    email: asEmail(service.email),
    status: STATUS_TO_HSDS[service.status],
    interpretation_services: service.interpretationServices ?? undefined,
    application_process: service.applicationProcess ?? undefined,
    fees_description: service.feesDescription ?? undefined,
    eligibility_description: service.eligibilityDescription ?? undefined,
    minimum_age: service.minimumAge ?? undefined,
    maximum_age: service.maximumAge ?? undefined,
    assured_date: toHsdsDate(service.lastVerifiedAt),
    assurer_email: asEmail(service.assurerEmail),
    alert: service.alert ?? undefined,
    last_modified: service.updatedAt.toISOString(),
  });
}

/** An organization's one-to-one fields (organization_list.json). */
export function presentOrganizationFields(organization: OrganizationRow): HsdsObject {
  return layer({}, topExtras(organization.hsdsExtra), {
    id: organization.id,
    name: organization.name,
    description: organization.description ?? "",
    email: asEmail(organization.email),
    website: asUri(organization.website),
  });
}

/** The organization's phone, when it has one. */
function organizationPhones(organization: OrganizationRow): HsdsObject[] {
  if (!organization.phone) return [];
  const id = derivedId(organization.id, "phone");
  return [layer({}, itemExtras(organization.hsdsExtra, id), { id, organization_id: organization.id, number: organization.phone })];
}

/** An organization nested in a service, or with its own services (organization.json). */
export function presentOrganization(organization: OrganizationRow, extra: { locations?: LocationRow[]; services?: HsdsObject[] } = {}): HsdsObject {
  const fields = presentOrganizationFields(organization);
  return compact({
    ...fields,
    phones: [...organizationPhones(organization), ...unmodelledItems(organization.hsdsExtra, "phones")],
    locations: extra.locations ? [...extra.locations.map(presentLocation), ...unmodelledItems(organization.hsdsExtra, "locations")] : undefined,
    services: extra.services,
  });
}

/** A place, with its address and accessibility (location.json as nested in services). */
export function presentLocation(location: LocationRow): HsdsObject {
  const addressId = derivedId(location.id, "address");
  const accessibilityId = derivedId(location.id, "accessibility");
  const addresses = location.address || location.city
    ? [
        layer({ address_type: "physical" }, itemExtras(location.hsdsExtra, addressId), {
          id: addressId,
          location_id: location.id,
          address_1: location.address,
          city: location.city,
          state_province: location.region,
          postal_code: location.postalCode ?? "",
          country: location.country,
        }),
      ]
    : [];
  const accessibility = location.accessibility
    ? [layer({}, itemExtras(location.hsdsExtra, accessibilityId), { id: accessibilityId, location_id: location.id, description: location.accessibility })]
    : [];
  const presented = layer({ location_type: "physical" }, topExtras(location.hsdsExtra), {
    id: location.id,
    organization_id: location.organizationId ?? undefined,
    name: location.name,
    description: location.description ?? undefined,
    transportation: location.transportation ?? undefined,
    latitude: location.latitude,
    longitude: location.longitude,
  });
  return {
    ...presented,
    addresses: [...addresses, ...unmodelledItems(location.hsdsExtra, "addresses")],
    accessibility: [...accessibility, ...unmodelledItems(location.hsdsExtra, "accessibility")],
  };
}

/**
 * Weekly rows with the same hours, validity and description become one HSDS schedule (freq WEEKLY,
 * byday "MO,TU,…"), under the id of its first day's row; exceptions (one date) become a schedule
 * starting and ending that day.
 */
export function presentSchedules(serviceId: string, rows: ScheduleRow[], hsdsExtra: unknown): HsdsObject[] {
  const groups = new Map<string, ScheduleRow[]>();
  const presented: HsdsObject[] = [];
  for (const row of rows) {
    if (row.weekday == null) continue;
    const key = JSON.stringify([row.opensAt, row.closesAt, toHsdsDate(row.validFrom), toHsdsDate(row.validTo), row.description]);
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  for (const days of groups.values()) {
    days.sort((a, b) => a.weekday! - b.weekday! || a.id.localeCompare(b.id));
    const [first] = days;
    presented.push(
      layer({}, itemExtras(hsdsExtra, first.id), {
        id: first.id,
        service_id: serviceId,
        freq: "WEEKLY",
        byday: [...new Set(days.map((day) => BYDAY[day.weekday! - 1]))].join(","),
        opens_at: toHsdsTime(first.opensAt),
        closes_at: toHsdsTime(first.closesAt),
        valid_from: toHsdsDate(first.validFrom),
        valid_to: toHsdsDate(first.validTo),
        description: first.description ?? undefined,
      }),
    );
  }
  for (const row of rows) {
    if (row.weekday != null || !row.date) continue;
    const day = toHsdsDate(row.date);
    presented.push(
      layer({ description: row.opensAt ? undefined : "Chiuso" }, itemExtras(hsdsExtra, row.id), {
        id: row.id,
        service_id: serviceId,
        dtstart: day,
        valid_from: day,
        valid_to: day,
        opens_at: toHsdsTime(row.opensAt),
        closes_at: toHsdsTime(row.closesAt),
        description: row.description ?? undefined,
      }),
    );
  }
  return [...presented, ...unmodelledItems(hsdsExtra, "schedules")];
}

/** The phone of one contact row, as an HSDS phone (its id derived from the contact's). */
function contactPhone(serviceId: string, contact: ContactRow, hsdsExtra: unknown): HsdsObject | undefined {
  if (!contact.phone) return undefined;
  const id = derivedId(contact.id, "phone");
  return layer({}, itemExtras(hsdsExtra, id), { id, service_id: serviceId, number: contact.phone });
}

function hasPerson(contact: ContactRow): boolean {
  return Boolean(contact.name || contact.title || contact.email);
}

/** An HSDS taxonomy (taxonomy.json). */
export function presentTaxonomy(taxonomy: TaxonomyRow): HsdsObject {
  return compact({ id: taxonomy.id, name: taxonomy.name, description: taxonomy.description, uri: asUri(taxonomy.uri), version: taxonomy.version ?? undefined });
}

/** An HSDS taxonomy term (taxonomy_term.json), with its taxonomy's details. */
export function presentTaxonomyTerm(term: TermRow): HsdsObject {
  return compact({
    id: term.id,
    code: term.code,
    name: term.name,
    description: term.description,
    parent_id: term.parentId ?? undefined,
    taxonomy: term.taxonomy.name,
    taxonomy_id: term.taxonomyId,
    taxonomy_detail: presentTaxonomy(term.taxonomy),
    language: term.language,
  });
}

/** A fully nested service (service.json). */
export function presentService(service: FullService): HsdsObject {
  const extra = service.hsdsExtra;
  const lead = leadOf(service);
  const contacts = service.contacts;
  const phones = contacts.map((contact) => contactPhone(service.id, contact, extra)).filter((phone): phone is HsdsObject => Boolean(phone));
  return {
    ...presentServiceFields(service, lead?.id),
    organization: lead ? presentOrganization(lead) : undefined,
    phones: [...phones, ...unmodelledItems(extra, "phones")],
    contacts: [
      ...contacts.filter(hasPerson).map((contact) => {
        const phone = contactPhone(service.id, contact, extra);
        return layer({}, itemExtras(extra, contact.id), {
          id: contact.id,
          service_id: service.id,
          name: contact.name ?? undefined,
          title: contact.title ?? undefined,
          email: asEmail(contact.email),
          phones: phone ? [phone] : undefined,
        });
      }),
      ...unmodelledItems(extra, "contacts"),
    ],
    schedules: presentSchedules(service.id, service.schedules, extra),
    cost_options: [
      ...service.costs.map((cost) =>
        layer({ option: COST_LABELS[cost.kind], currency: "EUR" }, itemExtras(extra, cost.id), {
          id: cost.id,
          service_id: service.id,
          amount: cost.kind === "FREE" ? 0 : cost.amountCents != null ? cost.amountCents / 100 : undefined,
          amount_description: cost.amountDescription ?? undefined,
          valid_from: toHsdsDate(cost.validFrom),
          valid_to: toHsdsDate(cost.validTo),
        }),
      ),
      ...unmodelledItems(extra, "cost_options"),
    ],
    languages: [
      ...service.languages.map((code) => {
        const id = derivedId(service.id, "language", code);
        return layer({ name: languageName(code) }, itemExtras(extra, id), { id, service_id: service.id, code });
      }),
      ...unmodelledItems(extra, "languages"),
    ],
    required_documents: [
      ...service.requiredDocuments.map((document) => {
        const id = derivedId(service.id, "required_document", document);
        return layer({}, itemExtras(extra, id), { id, service_id: service.id, document });
      }),
      ...unmodelledItems(extra, "required_documents"),
    ],
    // HSDS 3.0 classifies through attributes: each links the service to a taxonomy_term.
    attributes: [
      ...service.terms.map(({ term }) => {
        const id = derivedId(service.id, "attribute", term.id);
        return layer({ link_type: "service", link_entity: "service" }, itemExtras(extra, id), {
          id,
          link_id: service.id,
          taxonomy_term_id: term.id,
          taxonomy_term: presentTaxonomyTerm(term),
        });
      }),
      ...unmodelledItems(extra, "attributes"),
    ],
    service_at_locations: [
      ...service.locations.map((link) => presentServiceAtLocationFields(link, presentLocation(link.location), extra)),
      ...unmodelledItems(extra, "service_at_locations"),
    ],
  };
}

type ServiceAtLocationRow = { id: string; serviceId: string; locationId: string; description: string | null };

/** A service_at_location's own fields with its location (`serviceExtra`: its service's hsdsExtra, which keeps imported leftovers). */
export function presentServiceAtLocationFields(link: ServiceAtLocationRow, location: HsdsObject, serviceExtra: unknown): HsdsObject {
  return layer({}, itemExtras(serviceExtra, link.id), { id: link.id, service_id: link.serviceId, location_id: link.locationId, description: link.description ?? undefined, location });
}

/** A service list item (service_list.json): one-to-one fields and the lead organization's. */
export function presentServiceListItem(service: ListService): HsdsObject {
  const lead = leadOf(service);
  return compact({ ...presentServiceFields(service, lead?.id), organization: lead ? presentOrganizationFields(lead) : undefined });
}

/** A minimal service: id and last modification only (the `minimal` parameter of /services). */
export function presentMinimalService(service: { id: string; updatedAt: Date }): HsdsObject {
  return { id: service.id, last_modified: service.updatedAt.toISOString() };
}
