import { getSession, commitSession } from "~/services/session.server";
import { hsdsAjv, hsdsSchemaUrl, readHsdsSpecFile, type HsdsSchemaName } from "~/hsds/schemas.server";
import { prisma } from "~/db.server";
import * as apiIndex from "~/routes/api.hsds._index";
import * as exportZip from "~/routes/api.hsds.export[.]zip";
import * as organization from "~/routes/api.hsds.organizations.$id";
import * as organizations from "~/routes/api.hsds.organizations._index";
import * as serviceAtLocation from "~/routes/api.hsds.service_at_locations.$id";
import * as serviceAtLocations from "~/routes/api.hsds.service_at_locations._index";
import * as service from "~/routes/api.hsds.services.$id";
import * as services from "~/routes/api.hsds.services._index";
import * as taxonomies from "~/routes/api.hsds.taxonomies._index";
import * as taxonomy from "~/routes/api.hsds.taxonomies.$id";
import * as taxonomyTerm from "~/routes/api.hsds.taxonomy_terms.$id";
import * as taxonomyTerms from "~/routes/api.hsds.taxonomy_terms._index";

// Calls the /api/hsds/ route modules' loaders with real Requests (no built app needed), and
// validates answers with the openapi.json response schemas of the vendored spec.

type Loader = (args: { request: Request; params: Record<string, string>; context: unknown }) => Promise<Response> | Response;
const ROUTES: [RegExp, Loader, string][] = [
  [/^\/api\/hsds\/?$/, apiIndex.loader as Loader, "/"],
  [/^\/api\/hsds\/export\.zip$/, exportZip.loader as Loader, ""],
  [/^\/api\/hsds\/services\/?$/, services.loader as Loader, "/services"],
  [/^\/api\/hsds\/services\/(?<id>[^/]+)$/, service.loader as Loader, "/services/{id}"],
  [/^\/api\/hsds\/organizations\/?$/, organizations.loader as Loader, "/organizations"],
  [/^\/api\/hsds\/organizations\/(?<id>[^/]+)$/, organization.loader as Loader, "/organizations/{id}"],
  [/^\/api\/hsds\/service_at_locations\/?$/, serviceAtLocations.loader as Loader, "/service_at_locations"],
  [/^\/api\/hsds\/service_at_locations\/(?<id>[^/]+)$/, serviceAtLocation.loader as Loader, "/service_at_locations/{id}"],
  [/^\/api\/hsds\/taxonomies\/?$/, taxonomies.loader as Loader, "/taxonomies"],
  [/^\/api\/hsds\/taxonomies\/(?<id>[^/]+)$/, taxonomy.loader as Loader, "/taxonomies/{id}"],
  [/^\/api\/hsds\/taxonomy_terms\/?$/, taxonomyTerms.loader as Loader, "/taxonomy_terms"],
  [/^\/api\/hsds\/taxonomy_terms\/(?<id>[^/]+)$/, taxonomyTerm.loader as Loader, "/taxonomy_terms/{id}"],
];

/** GETs an API path (with its query) through its route's loader. */
export async function apiGet(pathAndQuery: string, init: RequestInit = {}): Promise<Response> {
  const url = new URL(pathAndQuery, "http://localhost");
  for (const [pattern, loader] of ROUTES) {
    const match = pattern.exec(url.pathname);
    if (match) return loader({ request: new Request(url, init), params: { ...(match.groups ?? {}) }, context: {} });
  }
  throw new Error(`No HSDS route for ${url.pathname}`);
}

/** The openapi.json path template of an API path ("/services/{id}"). */
export function openapiPathOf(pathname: string): string {
  for (const [pattern, , template] of ROUTES) if (pattern.test(pathname)) return template;
  throw new Error(`No HSDS route for ${pathname}`);
}

type JsonSchema = Record<string, unknown>;
const openapi = readHsdsSpecFile("openapi.json") as { paths: Record<string, { get: { responses: { 200: { content: { "application/json": { schema: JsonSchema } } } } } }>; components: { schemas: { Page: JsonSchema } } };

function inlineLocalRefs(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(inlineLocalRefs);
  if (schema && typeof schema === "object") {
    const object = schema as JsonSchema;
    if (object.$ref === "#/components/schemas/Page") return openapi.components.schemas.Page;
    return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, inlineLocalRefs(value)]));
  }
  return schema;
}

const compiled = new Map<string, ReturnType<ReturnType<typeof hsdsAjv>["compile"]>>();
/**
 * The validator of the 200 answer of an openapi.json path, exactly as the spec declares it
 * (lists: Page + items of the *_list schemas). `/service_at_locations/{id}` is the exception: the
 * spec points it at service.json, an evident slip; it is checked against service_at_location.json.
 */
export function responseValidator(template: string) {
  const existing = compiled.get(template);
  if (existing) return existing;
  const schema = template === "/service_at_locations/{id}"
    ? { $ref: hsdsSchemaUrl("service_at_location") }
    : inlineLocalRefs(openapi.paths[template].get.responses[200].content["application/json"].schema);
  const validate = hsdsAjv().compile(schema as JsonSchema);
  compiled.set(template, validate);
  return validate;
}

/** Validates a body against the response schema of its path; returns Ajv's errors (empty when valid). */
export function schemaErrorsOf(pathname: string, body: unknown) {
  const validate = responseValidator(openapiPathOf(pathname));
  return validate(body) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}

/** Validates against one named schema (service, organization, taxonomy…). */
export function namedSchemaErrors(name: HsdsSchemaName, body: unknown) {
  const validate = hsdsAjv().getSchema(hsdsSchemaUrl(name))!;
  return validate(body) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}

/** A session cookie for a user, as the login would set it. */
export async function sessionCookieFor(user: { id: string }): Promise<string> {
  const { sessionVersion } = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { sessionVersion: true } });
  const session = await getSession(null);
  session.set("userId", user.id);
  session.set("version", sessionVersion);
  return (await commitSession(session)).split(";")[0];
}

/** Row counts of every table an import may write. */
export async function catalogueCounts() {
  const [organizations, services, locations, links, serviceOrganizations, schedules, costs, contacts, terms, taxonomies, serviceTerms, changes] = await Promise.all([
    prisma.organization.count(),
    prisma.service.count(),
    prisma.location.count(),
    prisma.serviceAtLocation.count(),
    prisma.serviceOrganization.count(),
    prisma.schedule.count(),
    prisma.costOption.count(),
    prisma.serviceContact.count(),
    prisma.taxonomyTerm.count(),
    prisma.taxonomy.count(),
    prisma.serviceTaxonomyTerm.count(),
    prisma.serviceChange.count(),
  ]);
  return { organizations, services, locations, links, serviceOrganizations, schedules, costs, contacts, terms, taxonomies, serviceTerms, changes };
}
