import { searchWords } from "~/catalogue/search-text";
import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import type { OrganizationsQuery, Paging, ServiceAtLocationsQuery, ServicesQuery, TaxonomiesQuery, TaxonomyTermsQuery } from "~/hsds/api.server";
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
// ever returned, at any depth. Lists are ordered by id (stable paging) and load their relations
// with one query per relation for the whole page.

export type HsdsList = { contents: HsdsObject[]; total: number };

const pageOf = (paging: Paging) => ({ skip: (paging.page - 1) * paging.per_page, take: paging.per_page });
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
export async function listHsdsServices(query: ServicesQuery): Promise<HsdsList> {
  const where = serviceWhere(query);
  const page = { where, orderBy: { id: "asc" as const }, ...pageOf(query) };
  const [total, contents] = await Promise.all([
    prisma.service.count({ where }),
    query.minimal
      ? prisma.service.findMany({ ...page, select: { id: true, name: true, status: true, updatedAt: true } }).then((rows) =>
          // The spec asks for id and modified date; name and status stay because service_list.json requires them.
          rows.map((row) => ({ ...presentMinimalService(row), name: row.name, status: STATUS_TO_HSDS[row.status] })),
        )
      : query.full
        ? prisma.service.findMany({ ...page, include: SERVICE_INCLUDE }).then((rows) => rows.map(presentService))
        : prisma.service.findMany({ ...page, include: SERVICE_LIST_INCLUDE }).then((rows) => rows.map(presentServiceListItem)),
  ]);
  return { total, contents };
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
export async function listHsdsOrganizations(query: OrganizationsQuery): Promise<HsdsList> {
  const words = searchWords(query.search ?? "");
  const where: Prisma.OrganizationWhereInput = { AND: words.map((word) => ({ name: { contains: word, mode: "insensitive" as const } })) };
  const [total, rows] = await Promise.all([
    prisma.organization.count({ where }),
    prisma.organization.findMany({ where, orderBy: { id: "asc" }, ...pageOf(query) }),
  ]);
  const contents = query.full || query.full_service ? await presentOrganizations(rows, Boolean(query.full_service)) : rows.map(presentOrganizationFields);
  return { total, contents };
}

/** GET /organizations/{id}: fully nested, its services brief unless `fullService`. */
export async function getHsdsOrganization(id: string, fullService = false): Promise<HsdsObject | null> {
  if (!isUuidString(id)) return null;
  const organization = await prisma.organization.findUnique({ where: { id } });
  if (!organization) return null;
  const [presented] = await presentOrganizations([organization], fullService);
  return presented;
}

/** GET /service_at_locations: each visible service at each of its places. */
export async function listHsdsServiceAtLocations(query: ServiceAtLocationsQuery): Promise<HsdsList> {
  const where: Prisma.ServiceAtLocationWhereInput = {
    service: serviceWhere(query),
    ...(query.postcode ? { location: { postalCode: query.postcode } } : {}),
  };
  const page = { where, orderBy: { id: "asc" as const }, ...pageOf(query) };
  const [total, contents] = await Promise.all([
    prisma.serviceAtLocation.count({ where }),
    query.full
      ? prisma.serviceAtLocation
          .findMany({ ...page, include: { location: { include: LOCATION_INCLUDE }, service: { include: SERVICE_INCLUDE } } })
          .then((rows) => rows.map((row) => ({ ...presentServiceAtLocationFields(row, presentLocation(row.location), row.service.hsdsExtra), service: presentService(row.service) })))
      : prisma.serviceAtLocation
          .findMany({ ...page, include: { location: { include: LOCATION_INCLUDE }, service: { include: SERVICE_LIST_INCLUDE } } })
          .then((rows) => rows.map((row) => ({ ...presentServiceAtLocationFields(row, presentLocation(row.location), row.service.hsdsExtra), service: presentServiceListItem(row.service) }))),
  ]);
  return { total, contents };
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
export async function listHsdsTaxonomies(query: TaxonomiesQuery): Promise<HsdsList> {
  const where: Prisma.TaxonomyWhereInput = query.search ? { name: { contains: query.search, mode: "insensitive" } } : {};
  const [total, rows] = await Promise.all([prisma.taxonomy.count({ where }), prisma.taxonomy.findMany({ where, orderBy: { id: "asc" }, ...pageOf(query) })]);
  return { total, contents: rows.map(presentTaxonomy) };
}

/** GET /taxonomies/{id}. */
export async function getHsdsTaxonomy(id: string): Promise<HsdsObject | null> {
  if (!isUuidString(id)) return null;
  const taxonomy = await prisma.taxonomy.findUnique({ where: { id } });
  return taxonomy ? presentTaxonomy(taxonomy) : null;
}

/** GET /taxonomy_terms: filtered by taxonomy, parent, or top-level terms only. */
export async function listHsdsTaxonomyTerms(query: TaxonomyTermsQuery): Promise<HsdsList> {
  const and: Prisma.TaxonomyTermWhereInput[] = [];
  if (query.search) and.push({ OR: [{ name: { contains: query.search, mode: "insensitive" } }, { code: { contains: query.search, mode: "insensitive" } }] });
  if (query.taxonomy_id) and.push({ taxonomyId: query.taxonomy_id });
  if (query.parent_id) and.push({ parentId: query.parent_id });
  // "top_only": the terms at the top of their tree (no parent).
  if (query.top_only) and.push({ parentId: null });
  const where = { AND: and };
  const [total, rows] = await Promise.all([
    prisma.taxonomyTerm.count({ where }),
    prisma.taxonomyTerm.findMany({ where, include: TERM_INCLUDE, orderBy: { id: "asc" }, ...pageOf(query) }),
  ]);
  return { total, contents: rows.map(presentTaxonomyTerm) };
}

/** GET /taxonomy_terms/{id}. */
export async function getHsdsTaxonomyTerm(id: string): Promise<HsdsObject | null> {
  if (!isUuidString(id)) return null;
  const term = await prisma.taxonomyTerm.findUnique({ where: { id }, include: TERM_INCLUDE });
  return term ? presentTaxonomyTerm(term) : null;
}
