import { searchWords } from "~/catalogue/search-text";
import { prisma, queryRawRows } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import type { HsdsListing, OrganizationsQuery, ServiceAtLocationsQuery, ServicesQuery, Slice, TaxonomiesQuery, TaxonomyTermsQuery } from "~/hsds/api.server";
import { isUuidString } from "~/hsds/ids";
import { type HsdsObject, STATUS_TO_HSDS, VISIBLE_STATUSES } from "~/hsds/mapping";
import {
  LOCATION_INCLUDE,
  presentLocation,
  presentMinimalService,
  presentOrganization,
  presentOrganizationFields,
  presentService,
  presentServiceAtLocationFields,
  presentServiceListItem,
  presentTaxonomy,
  presentTaxonomyTerm,
  SERVICE_INCLUDE,
  SERVICE_LIST_INCLUDE,
  TERM_INCLUDE,
} from "~/hsds/presenter.server";

// Reads of the catalogue for the HSDS API. Only published and temporarily closed services are
// ever returned, at any depth. Lists are ordered by id (stable paging, keyset batches for streams)
// and load their relations with one query per relation for the whole slice.

/** Prisma's arguments for a slice of a list ordered by id. */
function sliceArgs<Where>(where: Where, slice: Slice) {
  return { where: { AND: [where, slice.afterId ? { id: { gt: slice.afterId } } : {}] }, orderBy: { id: "asc" as const }, skip: slice.skip, take: slice.take };
}
const visible: Prisma.ServiceWhereInput = { status: { in: VISIBLE_STATUSES } };

/** The services a query's filters select (always only visible ones). */
function serviceWhere(query: Partial<ServicesQuery>): Prisma.ServiceWhereInput {
  const and: Prisma.ServiceWhereInput[] = [visible];
  // searchText is accent-folded and lower-cased (app/catalogue/search-text.ts): every word must occur.
  for (const word of searchWords(query.search ?? "")) and.push({ searchText: { contains: word } });
  if (query.taxonomy_term_id) {
    const termId = query.taxonomy_term_id;
    and.push({ terms: { some: { OR: [{ termId }, { term: { parentId: termId } }] } } });
  }
  if (query.taxonomy_id) and.push({ terms: { some: { term: { taxonomyId: query.taxonomy_id } } } });
  if (query.organization_id) and.push({ organizations: { some: { organizationId: query.organization_id } } });
  if (query.modified_after) and.push({ updatedAt: { gte: query.modified_after } });
  return { AND: and };
}

/** GET /services: list items, fully nested services (`full`) or just ids and dates (`minimal`). */
export function hsdsServicesListing(query: ServicesQuery): HsdsListing {
  const where = serviceWhere(query);
  return {
    count: () => prisma.service.count({ where }),
    read: async (slice) => {
      const args = sliceArgs(where, slice);
      if (query.minimal) {
        const rows = await prisma.service.findMany({ ...args, select: { id: true, name: true, status: true, updatedAt: true } });
        // The spec asks for id and modified date; name and status stay because service_list.json requires them.
        return rows.map((row) => ({ ...presentMinimalService(row), name: row.name, status: STATUS_TO_HSDS[row.status] }));
      }
      if (query.full) return (await prisma.service.findMany({ ...args, include: SERVICE_INCLUDE })).map(presentService);
      return (await prisma.service.findMany({ ...args, include: SERVICE_LIST_INCLUDE })).map(presentServiceListItem);
    },
  };
}

/** GET /services/{id}: the fully nested service, or null when it does not exist or is not visible. */
export async function getHsdsService(id: string): Promise<HsdsObject | null> {
  if (!isUuidString(id)) return null;
  const service = await prisma.service.findFirst({ where: { id, ...visible }, include: SERVICE_INCLUDE });
  return service ? presentService(service) : null;
}

/** The visible services of some organizations, presented, by organization id. */
async function servicesByOrganization(organizationIds: string[], full: boolean): Promise<Map<string, HsdsObject[]>> {
  const byOrganization = new Map<string, HsdsObject[]>();
  if (!organizationIds.length) return byOrganization;
  const where: Prisma.ServiceWhereInput = { ...visible, organizations: { some: { organizationId: { in: organizationIds } } } };
  const services = full
    ? (await prisma.service.findMany({ where, include: SERVICE_INCLUDE, orderBy: { id: "asc" } })).map((service) => ({ links: service.organizations, presented: presentService(service) }))
    : (await prisma.service.findMany({ where, include: SERVICE_LIST_INCLUDE, orderBy: { id: "asc" } })).map((service) => {
        const { organization: _organization, ...fields } = presentServiceListItem(service);
        return { links: service.organizations, presented: fields };
      });
  for (const { links, presented } of services) {
    for (const link of links) {
      if (!organizationIds.includes(link.organizationId)) continue;
      byOrganization.set(link.organizationId, [...(byOrganization.get(link.organizationId) ?? []), presented]);
    }
  }
  return byOrganization;
}

/** Organizations fully nested: phones, locations and their visible services (brief, or full with `fullService`). */
async function presentOrganizations(organizations: Prisma.OrganizationGetPayload<object>[], fullService: boolean): Promise<HsdsObject[]> {
  const ids = organizations.map((organization) => organization.id);
  const [services, locations] = await Promise.all([
    servicesByOrganization(ids, fullService),
    prisma.location.findMany({ where: { organizationId: { in: ids } }, include: LOCATION_INCLUDE, orderBy: { id: "asc" } }),
  ]);
  return organizations.map((organization) =>
    presentOrganization(organization, {
      locations: locations.filter((location) => location.organizationId === organization.id),
      services: services.get(organization.id) ?? [],
    }),
  );
}

/** GET /organizations: the network's and the imported organizations. */
export function hsdsOrganizationsListing(query: OrganizationsQuery): HsdsListing {
  const words = searchWords(query.search ?? "");
  const where: Prisma.OrganizationWhereInput = { AND: words.map((word) => ({ name: { contains: word, mode: "insensitive" as const } })) };
  return {
    count: () => prisma.organization.count({ where }),
    read: async (slice) => {
      const rows = await prisma.organization.findMany(sliceArgs(where, slice));
      return query.full || query.full_service ? presentOrganizations(rows, Boolean(query.full_service)) : rows.map(presentOrganizationFields);
    },
  };
}

/** GET /organizations/{id}: fully nested, its services brief unless `fullService`. */
export async function getHsdsOrganization(id: string, fullService = false): Promise<HsdsObject | null> {
  if (!isUuidString(id)) return null;
  const organization = await prisma.organization.findUnique({ where: { id } });
  if (!organization) return null;
  const [presented] = await presentOrganizations([organization], fullService);
  return presented;
}

/**
 * The ids of the service_at_locations whose place lies within `meters` of a postcode's centroid
 * (the mean of the coordinates of our places with that postcode: the app works offline, without a
 * geocoder), in id order; none for a postcode none of our places has.
 */
async function serviceAtLocationIdsNear(postcode: string, meters: number): Promise<string[]> {
  const rows = await queryRawRows<{ id: string }>(
    `WITH centroid AS (
       SELECT ll_to_earth(avg(latitude), avg(longitude)) AS point FROM "Location"
       WHERE "postalCode" = $1 AND latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180
     )
     SELECT sl.id FROM centroid c, "ServiceAtLocation" sl JOIN "Location" l ON l.id = sl."locationId"
     WHERE earth_box(c.point, $2::float8) @> l."earthPoint" AND earth_distance(l."earthPoint", c.point) <= $2::float8
     ORDER BY sl.id`,
    [postcode, meters],
  );
  return rows.map((row) => row.id);
}

// Prisma binds each id of an `in` list as one parameter and refuses a statement past the database's
// parameter limit (70,000 ids fail), while a 100 km radius can hold the whole catalogue: ids go in chunks.
const IDS_PER_QUERY = 5_000;

/** Those of `ids` (in id order) that `where` selects, still in id order. */
async function serviceAtLocationIdsWhere(ids: string[], where: Prisma.ServiceAtLocationWhereInput): Promise<string[]> {
  const kept: string[] = [];
  for (let start = 0; start < ids.length; start += IDS_PER_QUERY) {
    const rows = await prisma.serviceAtLocation.findMany({ where: { AND: [where, { id: { in: ids.slice(start, start + IDS_PER_QUERY) } }] }, select: { id: true }, orderBy: { id: "asc" } });
    kept.push(...rows.map((row) => row.id));
  }
  return kept;
}

/** A slice of a list of ids in id order. */
function sliceOfIds(ids: string[], slice: Slice): string[] {
  const after = slice.afterId;
  const start = after === undefined ? (slice.skip ?? 0) : ids.findIndex((id) => id > after);
  return start < 0 ? [] : ids.slice(start, start + slice.take);
}

/** Service_at_locations presented: with their service brief, or fully nested with `full`. */
async function presentServiceAtLocations(args: Prisma.ServiceAtLocationFindManyArgs, full: boolean | undefined): Promise<HsdsObject[]> {
  const { where, orderBy, skip, take } = args;
  if (full) {
    const rows = await prisma.serviceAtLocation.findMany({ where, orderBy, skip, take, include: { location: { include: LOCATION_INCLUDE }, service: { include: SERVICE_INCLUDE } } });
    return rows.map((row) => ({ ...presentServiceAtLocationFields(row, presentLocation(row.location), row.service.hsdsExtra), service: presentService(row.service) }));
  }
  const rows = await prisma.serviceAtLocation.findMany({ where, orderBy, skip, take, include: { location: { include: LOCATION_INCLUDE }, service: { include: SERVICE_LIST_INCLUDE } } });
  return rows.map((row) => ({ ...presentServiceAtLocationFields(row, presentLocation(row.location), row.service.hsdsExtra), service: presentServiceListItem(row.service) }));
}

/**
 * GET /service_at_locations: each visible service at each of its places. `postcode` alone keeps the
 * places with that postcode; with `proximity`, the places within that many meters of its centroid.
 */
export async function hsdsServiceAtLocationsListing(query: ServiceAtLocationsQuery): Promise<HsdsListing> {
  const { postcode, proximity } = query;
  if (postcode !== undefined && proximity !== undefined) {
    // Prisma cannot filter on a distance: the places near come from SQL, the other filters from serviceWhere.
    const ids = await serviceAtLocationIdsWhere(await serviceAtLocationIdsNear(postcode, proximity), { service: serviceWhere(query) });
    return {
      count: async () => ids.length,
      read: (slice) => presentServiceAtLocations({ where: { id: { in: sliceOfIds(ids, slice) } }, orderBy: { id: "asc" } }, query.full),
    };
  }
  const where: Prisma.ServiceAtLocationWhereInput = { service: serviceWhere(query), ...(postcode !== undefined ? { location: { postalCode: postcode } } : {}) };
  return {
    count: () => prisma.serviceAtLocation.count({ where }),
    read: (slice) => presentServiceAtLocations(sliceArgs(where, slice), query.full),
  };
}

/** GET /service_at_locations/{id}: fully nested, or null unless its service is visible. */
export async function getHsdsServiceAtLocation(id: string): Promise<HsdsObject | null> {
  if (!isUuidString(id)) return null;
  const row = await prisma.serviceAtLocation.findFirst({
    where: { id, service: visible },
    include: { location: { include: LOCATION_INCLUDE }, service: { include: SERVICE_INCLUDE } },
  });
  if (!row) return null;
  const service = presentService(row.service);
  const { service_at_locations: _others, ...nested } = service;
  return { ...presentServiceAtLocationFields(row, presentLocation(row.location), row.service.hsdsExtra), service: nested };
}

/** GET /taxonomies. */
export function hsdsTaxonomiesListing(query: TaxonomiesQuery): HsdsListing {
  const where: Prisma.TaxonomyWhereInput = query.search ? { name: { contains: query.search, mode: "insensitive" } } : {};
  return {
    count: () => prisma.taxonomy.count({ where }),
    read: async (slice) => (await prisma.taxonomy.findMany(sliceArgs(where, slice))).map(presentTaxonomy),
  };
}

/** GET /taxonomies/{id}. */
export async function getHsdsTaxonomy(id: string): Promise<HsdsObject | null> {
  if (!isUuidString(id)) return null;
  const taxonomy = await prisma.taxonomy.findUnique({ where: { id } });
  return taxonomy ? presentTaxonomy(taxonomy) : null;
}

/** GET /taxonomy_terms: filtered by taxonomy, parent, or top-level terms only. */
export function hsdsTaxonomyTermsListing(query: TaxonomyTermsQuery): HsdsListing {
  const and: Prisma.TaxonomyTermWhereInput[] = [];
  if (query.search) and.push({ OR: [{ name: { contains: query.search, mode: "insensitive" } }, { code: { contains: query.search, mode: "insensitive" } }] });
  if (query.taxonomy_id) and.push({ taxonomyId: query.taxonomy_id });
  if (query.parent_id) and.push({ parentId: query.parent_id });
  // "top_only": the terms at the top of their tree (no parent).
  if (query.top_only) and.push({ parentId: null });
  const where = { AND: and };
  return {
    count: () => prisma.taxonomyTerm.count({ where }),
    read: async (slice) => (await prisma.taxonomyTerm.findMany({ ...sliceArgs(where, slice), include: TERM_INCLUDE })).map(presentTaxonomyTerm),
  };
}

/** GET /taxonomy_terms/{id}. */
export async function getHsdsTaxonomyTerm(id: string): Promise<HsdsObject | null> {
  if (!isUuidString(id)) return null;
  const term = await prisma.taxonomyTerm.findUnique({ where: { id }, include: TERM_INCLUDE });
  return term ? presentTaxonomyTerm(term) : null;
}
