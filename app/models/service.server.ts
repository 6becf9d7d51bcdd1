import type { Prisma, ServiceStatus } from "~/generated/prisma/client";
import { prisma } from "~/db.server";
import { buildSearchText } from "~/catalogue/search-text";
import { euroToCents, type ServiceInput } from "~/schemas/service";
import { slugify } from "~/utils/slugify";

// Writing the catalogue (issue #5): a service and everything it is made of, in one transaction,
// with a change history per field. Reading for the public pages is in catalogue-search.server.ts.

type Db = Prisma.TransactionClient;

export class ServiceNotFoundError extends Error {}
export class ProposalNotApprovedError extends Error {}
/** The service is no longer a never-published draft (someone published it a moment ago). */
export class ServiceNotDeletableError extends Error {}
export class ProposalAlreadyCatalogued extends Error {
  constructor(readonly serviceSlug: string) {
    super("proposal already catalogued");
  }
}

const EDIT_INCLUDE = {
  organizations: { orderBy: [{ isLead: "desc" }, { organization: { name: "asc" } }], include: { organization: { select: { id: true, name: true, slug: true } } } },
  locations: { orderBy: { createdAt: "asc" }, include: { location: { include: { comune: { select: { name: true, slug: true } } } } } },
  schedules: { orderBy: [{ weekday: "asc" }, { opensAt: "asc" }, { date: "asc" }] },
  costs: { orderBy: { kind: "asc" } },
  contacts: { orderBy: { position: "asc" } },
  terms: { include: { term: { select: { id: true, code: true, name: true, parentId: true } } } },
  proposal: { select: { id: true, title: true, lab: { select: { slug: true } } } },
} satisfies Prisma.ServiceInclude;

export type ServiceWithParts = Prisma.ServiceGetPayload<{ include: typeof EDIT_INCLUDE }>;

/** A service with all its parts, whatever its status (for coordinators), or null. */
export function getServiceForEdit(slug: string) {
  return prisma.service.findUnique({ where: { slug }, include: EDIT_INCLUDE });
}

const dateOrNull = (value: string | undefined) => (value ? new Date(`${value}T00:00:00.000Z`) : null);
const dateText = (value: Date | null) => (value ? value.toISOString().slice(0, 10) : undefined);

/** The form's view of a stored service: what an edit starts from, and what the history compares. */
export function toServiceInput(service: ServiceWithParts): ServiceInput {
  return {
    name: service.name,
    alternateName: service.alternateName ?? undefined,
    description: service.description,
    url: service.url ?? undefined,
    email: service.email ?? undefined,
    eligibilityDescription: service.eligibilityDescription ?? undefined,
    minimumAge: service.minimumAge ?? undefined,
    maximumAge: service.maximumAge ?? undefined,
    applicationProcess: service.applicationProcess ?? undefined,
    requiredDocuments: service.requiredDocuments,
    feesDescription: service.feesDescription ?? undefined,
    accessibility: service.accessibility ?? undefined,
    interpretationServices: service.interpretationServices ?? undefined,
    languages: service.languages as ServiceInput["languages"],
    alert: service.alert ?? undefined,
    lastVerifiedAt: dateText(service.lastVerifiedAt),
    organizations: service.organizations.map((link) => ({ organizationId: link.organizationId, isLead: link.isLead })),
    locations: service.locations.map(({ location }) => ({
      id: location.id,
      name: location.name,
      address: location.address,
      postalCode: location.postalCode ?? undefined,
      comuneId: location.comuneId ?? undefined,
      city: location.city,
      latitude: location.latitude,
      longitude: location.longitude,
      accessibility: location.accessibility ?? undefined,
      transportation: location.transportation ?? undefined,
    })),
    weeklyHours: service.schedules
      .filter((row) => row.weekday !== null)
      .map((row) => ({ weekday: row.weekday!, opensAt: row.opensAt!, closesAt: row.closesAt!, validFrom: dateText(row.validFrom), validTo: dateText(row.validTo), description: row.description ?? undefined })),
    exceptions: service.schedules
      .filter((row) => row.weekday === null && row.date)
      .map((row) => ({ date: dateText(row.date)!, opensAt: row.opensAt ?? undefined, closesAt: row.closesAt ?? undefined, description: row.description ?? undefined })),
    costs: service.costs.map((cost) => ({
      kind: cost.kind,
      amountEuro: cost.amountCents === null ? undefined : cost.amountCents / 100,
      amountDescription: cost.amountDescription ?? undefined,
    })),
    contacts: service.contacts.map((contact) => ({
      name: contact.name ?? undefined,
      title: contact.title ?? undefined,
      email: contact.email ?? undefined,
      phone: contact.phone ?? undefined,
    })),
    termIds: service.terms.map((link) => link.termId).sort(),
  };
}

/** The columns of the Service row itself. */
function serviceColumns(input: ServiceInput) {
  return {
    name: input.name,
    alternateName: input.alternateName ?? null,
    description: input.description,
    url: input.url ?? null,
    email: input.email ?? null,
    eligibilityDescription: input.eligibilityDescription ?? null,
    minimumAge: input.minimumAge ?? null,
    maximumAge: input.maximumAge ?? null,
    applicationProcess: input.applicationProcess ?? null,
    requiredDocuments: input.requiredDocuments,
    feesDescription: input.feesDescription ?? null,
    accessibility: input.accessibility ?? null,
    interpretationServices: input.interpretationServices ?? null,
    languages: input.languages,
    alert: input.alert ?? null,
    lastVerifiedAt: dateOrNull(input.lastVerifiedAt),
  };
}

async function searchTextOf(db: Db, input: ServiceInput) {
  const [organizations, terms, comuni] = await Promise.all([
    db.organization.findMany({ where: { id: { in: input.organizations.map((link) => link.organizationId) } }, select: { name: true } }),
    db.taxonomyTerm.findMany({ where: { id: { in: input.termIds } }, select: { name: true, parent: { select: { name: true } } } }),
    db.comune.findMany({ where: { id: { in: input.locations.flatMap((location) => (location.comuneId ? [location.comuneId] : [])) } }, select: { name: true } }),
  ]);
  return buildSearchText({
    name: input.name,
    alternateName: input.alternateName,
    description: input.description,
    eligibilityDescription: input.eligibilityDescription,
    organizationNames: organizations.map((organization) => organization.name),
    termNames: terms.flatMap((term) => [term.name, ...(term.parent ? [term.parent.name] : [])]),
    places: [...comuni.map((comune) => comune.name), ...input.locations.map((location) => `${location.city} ${location.address}`)],
  });
}

/** Replaces the service's parts (organizations, locations, hours, costs, contacts, categories) with the input's. */
async function writeParts(db: Db, serviceId: string, input: ServiceInput) {
  const lead = input.organizations.find((link) => link.isLead)!;
  await db.serviceOrganization.deleteMany({ where: { serviceId } });
  await db.serviceOrganization.createMany({ data: input.organizations.map((link) => ({ serviceId, organizationId: link.organizationId, isLead: link.isLead })) });

  // Locations are the service's own places: kept (same id) when edited, removed when dropped.
  const existing = await db.serviceAtLocation.findMany({ where: { serviceId }, select: { locationId: true } });
  const keep = new Set(input.locations.flatMap((location) => (location.id ? [location.id] : [])));
  const dropped = existing.map((link) => link.locationId).filter((id) => !keep.has(id));
  if (dropped.length) {
    await db.serviceAtLocation.deleteMany({ where: { serviceId, locationId: { in: dropped } } });
    await db.location.deleteMany({ where: { id: { in: dropped }, services: { none: {} } } });
  }
  const owned = new Set(existing.map((link) => link.locationId));
  for (const { id, ...location } of input.locations) {
    const data = { ...location, postalCode: location.postalCode ?? null, comuneId: location.comuneId ?? null, accessibility: location.accessibility ?? null, transportation: location.transportation ?? null, organizationId: lead.organizationId };
    if (id && owned.has(id)) {
      await db.location.update({ where: { id }, data });
    } else {
      const created = await db.location.create({ data, select: { id: true } });
      await db.serviceAtLocation.create({ data: { serviceId, locationId: created.id } });
    }
  }

  await db.schedule.deleteMany({ where: { serviceId } });
  await db.schedule.createMany({
    data: [
      ...input.weeklyHours.map((hours) => ({ serviceId, weekday: hours.weekday, opensAt: hours.opensAt, closesAt: hours.closesAt, validFrom: dateOrNull(hours.validFrom), validTo: dateOrNull(hours.validTo), description: hours.description ?? null })),
      ...input.exceptions.map((exception) => ({ serviceId, date: dateOrNull(exception.date), opensAt: exception.opensAt ?? null, closesAt: exception.closesAt ?? null, description: exception.description ?? null })),
    ],
  });
  await db.costOption.deleteMany({ where: { serviceId } });
  await db.costOption.createMany({
    data: input.costs.map((cost) => ({ serviceId, kind: cost.kind, amountCents: cost.kind === "FREE" ? null : euroToCents(cost.amountEuro), amountDescription: cost.amountDescription ?? null })),
  });
  await db.serviceContact.deleteMany({ where: { serviceId } });
  await db.serviceContact.createMany({ data: input.contacts.map((contact, position) => ({ serviceId, position, name: contact.name ?? null, title: contact.title ?? null, email: contact.email ?? null, phone: contact.phone ?? null })) });
  await db.serviceTaxonomyTerm.deleteMany({ where: { serviceId } });
  await db.serviceTaxonomyTerm.createMany({ data: input.termIds.map((termId) => ({ serviceId, termId })) });
}

async function uniqueSlug(db: Db, name: string) {
  const base = slugify(name).slice(0, 80) || "servizio";
  for (let attempt = 1; ; attempt += 1) {
    const slug = attempt === 1 ? base : `${base}-${attempt}`;
    if (!(await db.service.findUnique({ where: { slug }, select: { id: true } }))) return slug;
  }
}

type FieldChange = { field: string; before: Prisma.InputJsonValue | null; after: Prisma.InputJsonValue | null };

/** Fields of the input that differ between two versions, with their before/after values. */
export function changedFields(before: ServiceInput | null, after: ServiceInput): FieldChange[] {
  const keys = Object.keys(after) as (keyof ServiceInput)[];
  return keys.flatMap((field) => {
    const from = before ? before[field] : undefined;
    const to = after[field];
    return JSON.stringify(from ?? null) === JSON.stringify(to ?? null) ? [] : [{ field, before: (from ?? null) as Prisma.InputJsonValue | null, after: (to ?? null) as Prisma.InputJsonValue | null }];
  });
}

async function recordChanges(db: Db, serviceId: string, actorId: string | null, changes: FieldChange[]) {
  if (!changes.length) return;
  await db.serviceChange.createMany({
    data: changes.map((change) => ({ serviceId, actorId, field: change.field, before: change.before ?? undefined, after: change.after ?? undefined })),
  });
}

/** Writes a new service (a draft unless `status` says otherwise) inside `db`; returns its id and slug. */
export async function insertService(db: Db, actorId: string | null, input: ServiceInput, extra: { status?: ServiceStatus; proposalId?: string; slug?: string } = {}) {
  const status = extra.status ?? "DRAFT";
  const service = await db.service.create({
    data: {
      ...serviceColumns(input),
      slug: extra.slug ?? (await uniqueSlug(db, input.name)),
      status,
      publishedAt: status === "PUBLISHED" ? new Date() : null,
      proposalId: extra.proposalId ?? null,
      createdById: actorId,
      searchText: await searchTextOf(db, input),
    },
    select: { id: true, slug: true },
  });
  await writeParts(db, service.id, input);
  await recordChanges(db, service.id, actorId, [{ field: "created", before: null, after: { name: input.name, status } }]);
  return service;
}

/** Creates a service entered directly by a coordinator (an existing service of the network). */
export function createService(actorId: string, input: ServiceInput) {
  return prisma.$transaction((tx) => insertService(tx, actorId, input));
}

/** Saves an edit: the row, its parts, the search text, and one history entry per changed field. */
export async function updateService(actorId: string, slug: string, input: ServiceInput) {
  return prisma.$transaction(async (tx) => {
    const current = await tx.service.findUnique({ where: { slug }, include: EDIT_INCLUDE });
    if (!current) throw new ServiceNotFoundError(slug);
    const changes = changedFields(toServiceInput(current), input);
    if (!changes.length) return { id: current.id, slug: current.slug, changed: 0 };
    await tx.service.update({ where: { id: current.id }, data: { ...serviceColumns(input), searchText: await searchTextOf(tx, input) } });
    await writeParts(tx, current.id, input);
    await recordChanges(tx, current.id, actorId, changes);
    return { id: current.id, slug: current.slug, changed: changes.length };
  });
}

/** Publish, unpublish, mark temporarily closed (with a notice) or back to draft; recorded in the history. */
export async function setServiceStatus(actorId: string, slug: string, status: ServiceStatus, alert?: string) {
  return prisma.$transaction(async (tx) => {
    const current = await tx.service.findUnique({ where: { slug }, select: { id: true, status: true, alert: true, publishedAt: true } });
    if (!current) throw new ServiceNotFoundError(slug);
    const nextAlert = status === "TEMPORARILY_CLOSED" ? (alert ?? current.alert) : status === "PUBLISHED" ? null : current.alert;
    await tx.service.update({
      where: { id: current.id },
      data: { status, alert: nextAlert, publishedAt: status === "PUBLISHED" && !current.publishedAt ? new Date() : current.publishedAt },
    });
    const changes: FieldChange[] = [
      ...(current.status !== status ? [{ field: "status", before: current.status, after: status }] : []),
      ...(current.alert !== nextAlert ? [{ field: "alert", before: current.alert, after: nextAlert }] : []),
    ];
    await recordChanges(tx, current.id, actorId, changes);
    return { changed: changes.length };
  });
}

/**
 * Deletes a never-published draft with its hours, costs, contacts, history and the places no other
 * service uses. A proposal it came from goes back to the approved proposals still to catalogue,
 * and its lab's feed says so (the earlier "catalogued" entry stops linking to it).
 */
export async function deleteDraftService(actorId: string, slug: string) {
  return prisma.$transaction(async (tx) => {
    const service = await tx.service.findUnique({
      where: { slug },
      select: { id: true, name: true, status: true, publishedAt: true, proposalId: true, proposal: { select: { labId: true, title: true } }, locations: { select: { locationId: true } } },
    });
    if (!service) throw new ServiceNotFoundError(slug);
    if (service.status !== "DRAFT" || service.publishedAt) throw new ServiceNotDeletableError(slug);
    await tx.service.delete({ where: { id: service.id } });
    await tx.location.deleteMany({ where: { id: { in: service.locations.map((link) => link.locationId) }, services: { none: {} } } });
    if (service.proposal && service.proposalId) {
      const { labId, title } = service.proposal;
      await tx.labActivity.updateMany({ where: { labId, proposalId: service.proposalId, kind: "proposal.catalogued" }, data: { details: { title } } });
      await tx.labActivity.create({ data: { labId, actorId, kind: "proposal.uncatalogued", proposalId: service.proposalId, details: { title, service: service.name } } });
    }
    return { name: service.name };
  });
}

/** Who changed which field of a service, when: newest first. */
export function listServiceChanges(serviceId: string, take = 100) {
  return prisma.serviceChange.findMany({
    where: { serviceId },
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, field: true, before: true, after: true, createdAt: true, actor: { select: { id: true, name: true } } },
  });
}

/** Services for the coordinators' list, any status, newest changes first. */
export function listServicesForManagement(status?: ServiceStatus) {
  return prisma.service.findMany({
    where: status ? { status } : {},
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    take: 200,
    select: { id: true, slug: true, name: true, status: true, updatedAt: true, proposal: { select: { title: true } } },
  });
}

/**
 * The draft a coordinator starts from when an approved proposal becomes a service: its title,
 * target group, ages, partner organizations (the first by name leads until the coordinator picks), comuni (one place each, at
 * the comune's centre, to be completed) and a cost line from the approved estimate.
 */
export async function draftInputFromProposal(proposalId: string) {
  const proposal = await prisma.proposal.findUnique({
    where: { id: proposalId },
    include: {
      organizations: { orderBy: { organization: { name: "asc" } }, include: { organization: { select: { id: true, name: true } } } },
      comuni: { orderBy: { comune: { name: "asc" } }, include: { comune: true } },
      service: { select: { slug: true } },
    },
  });
  if (!proposal) throw new ServiceNotFoundError(proposalId);
  if (proposal.stage !== "APPROVED") throw new ProposalNotApprovedError(proposalId);
  if (proposal.service) throw new ProposalAlreadyCatalogued(proposal.service.slug);
  const draft: Partial<ServiceInput> & { organizations: ServiceInput["organizations"] } = {
    name: proposal.title,
    description: [proposal.targetGroup, proposal.decisionNote].filter(Boolean).join("\n\n"),
    eligibilityDescription: proposal.targetGroup ?? undefined,
    minimumAge: proposal.ageMin ?? undefined,
    maximumAge: proposal.ageMax ?? undefined,
    languages: ["it"],
    organizations: proposal.organizations.map((link, index) => ({ organizationId: link.organizationId, isLead: index === 0 })),
    locations: proposal.comuni.map(({ comune }) => ({ name: comune.name, address: "", city: comune.name, comuneId: comune.id, latitude: comune.latitude, longitude: comune.longitude })),
    costs: [],
    weeklyHours: [],
    exceptions: [],
    contacts: [],
    requiredDocuments: [],
    termIds: [],
  };
  return { proposal: { id: proposal.id, title: proposal.title, labId: proposal.labId }, draft };
}

/** Creates the service draft of an approved proposal, linked both ways; one service per proposal. */
export async function createServiceFromProposal(actorId: string, proposalId: string, input: ServiceInput) {
  return prisma.$transaction(async (tx) => {
    const proposal = await tx.proposal.findUnique({ where: { id: proposalId }, select: { stage: true, labId: true, title: true, service: { select: { slug: true } } } });
    if (!proposal) throw new ServiceNotFoundError(proposalId);
    if (proposal.stage !== "APPROVED") throw new ProposalNotApprovedError(proposalId);
    if (proposal.service) throw new ProposalAlreadyCatalogued(proposal.service.slug);
    const service = await insertService(tx, actorId, input, { proposalId });
    await tx.labActivity.create({ data: { labId: proposal.labId, actorId, kind: "proposal.catalogued", proposalId, details: { title: proposal.title, serviceSlug: service.slug } } });
    return service;
  });
}

// --- The coordinators' pages (catalogue management) ---------------------------------------

/** Approved proposals that have no service yet: what the coordinators still have to catalogue. */
export function listApprovedProposalsWithoutService() {
  return prisma.proposal.findMany({
    where: { stage: "APPROVED", service: { is: null } },
    orderBy: [{ decidedAt: "desc" }, { id: "asc" }],
    take: 100,
    select: { id: true, title: true, decidedAt: true, lab: { select: { slug: true, title: true } } },
  });
}

/** The service an approved proposal became, if any (for links from the proposal page). */
export function getServiceOfProposal(proposalId: string) {
  return prisma.service.findUnique({ where: { proposalId }, select: { slug: true, name: true, status: true } });
}

/** What the service form chooses from: organizations, comuni with their centre, categories by parent. */
export async function listServiceFormOptions() {
  const [organizations, comuni, terms] = await Promise.all([
    prisma.organization.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    prisma.comune.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, latitude: true, longitude: true } }),
    prisma.taxonomyTerm.findMany({ orderBy: [{ position: "asc" }, { name: "asc" }], select: { id: true, name: true, parentId: true } }),
  ]);
  const termGroups = terms
    .filter((term) => term.parentId === null)
    .map((parent) => {
      const children = terms.filter((term) => term.parentId === parent.id).map(({ id, name }) => ({ id, name }));
      return { id: parent.id, name: parent.name, children: children.length ? children : [{ id: parent.id, name: parent.name }] };
    });
  return { organizations, comuni, termGroups };
}

/** A proposal as the "create the service" page needs it: its stage and the service it became. */
export function getProposalForCatalogue(proposalId: string) {
  return prisma.proposal.findUnique({
    where: { id: proposalId },
    select: { id: true, title: true, stage: true, lab: { select: { slug: true, title: true } }, service: { select: { slug: true, name: true } } },
  });
}
