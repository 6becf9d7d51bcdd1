import { stringify } from "csv-stringify/sync";
import { strToU8, zipSync } from "fflate";
import { prisma } from "~/db.server";
import { isObject, VISIBLE_STATUSES, type HsdsObject } from "./mapping";
import { presentService, SERVICE_INCLUDE } from "./presenter.server";
import { readHsdsSpecFile } from "./schemas.server";

// The whole published catalogue as an HSDS 3.0 tabular data package (a zip of CSV files and
// datapackage.json), following the spec's tabular.json: one file per table, the columns it lists
// in its order. The rows come from the same presenter as the API, flattened, so the API and the
// export never disagree.

/** The tables exported, by their tabular.json name. */
export const EXPORT_TABLES = [
  "organization",
  "service",
  "location",
  "service_at_location",
  "address",
  "accessibility",
  "phone",
  "contact",
  "schedule",
  "cost_option",
  "language",
  "required_document",
  "taxonomy",
  "taxonomy_term",
  "attribute",
] as const;
type TableName = (typeof EXPORT_TABLES)[number];

type Field = { name: string; type: string; format?: string; description?: string; datapackage_type?: string; constraints?: unknown };
type TableSchema = { name: string; path: string; description: string; properties: Record<string, Field> };

/** Each exported table's file name and scalar columns, read from the vendored tabular.json. */
export function tabularTables(): Record<TableName, { path: string; description: string; fields: Field[] }> {
  const tabular = readHsdsSpecFile("tabular.json") as { properties: Record<string, { items: TableSchema }> };
  return Object.fromEntries(
    EXPORT_TABLES.map((name) => {
      const table = tabular.properties[name].items;
      const fields = Object.values(table.properties).filter((field) => field.type !== "array" && field.type !== "object");
      return [name, { path: table.path, description: table.description, fields }];
    }),
  ) as Record<TableName, { path: string; description: string; fields: Field[] }>;
}

class Tables {
  readonly rows = new Map<TableName, Map<string, HsdsObject>>(EXPORT_TABLES.map((name) => [name, new Map()]));
  add(table: TableName, row: HsdsObject, links: HsdsObject = {}) {
    const id = String(row.id);
    const rows = this.rows.get(table)!;
    rows.set(id, { ...(rows.get(id) ?? {}), ...row, ...links });
  }
}

const list = (value: unknown): HsdsObject[] => (Array.isArray(value) ? value.filter(isObject) : []);

function addLocation(tables: Tables, location: HsdsObject) {
  tables.add("location", location);
  for (const address of list(location.addresses)) tables.add("address", address, { location_id: location.id });
  for (const accessibility of list(location.accessibility)) tables.add("accessibility", accessibility, { location_id: location.id });
}

function addService(tables: Tables, service: HsdsObject) {
  tables.add("service", service);
  const organization = isObject(service.organization) ? service.organization : null;
  if (organization) {
    tables.add("organization", organization);
    for (const phone of list(organization.phones)) tables.add("phone", phone, { organization_id: organization.id });
  }
  for (const link of list(service.service_at_locations)) {
    tables.add("service_at_location", link, { service_id: service.id });
    if (isObject(link.location)) addLocation(tables, link.location);
  }
  for (const phone of list(service.phones)) tables.add("phone", phone, { service_id: service.id });
  for (const contact of list(service.contacts)) {
    tables.add("contact", contact, { service_id: service.id });
    for (const phone of list(contact.phones)) tables.add("phone", phone, { service_id: service.id, contact_id: contact.id });
  }
  for (const schedule of list(service.schedules)) tables.add("schedule", schedule, { service_id: service.id });
  for (const cost of list(service.cost_options)) tables.add("cost_option", cost, { service_id: service.id });
  for (const language of list(service.languages)) tables.add("language", language, { service_id: service.id });
  for (const document of list(service.required_documents)) tables.add("required_document", document, { service_id: service.id });
  for (const attribute of list(service.attributes)) {
    const term = isObject(attribute.taxonomy_term) ? attribute.taxonomy_term : null;
    tables.add("attribute", attribute, { link_id: attribute.link_id ?? service.id, taxonomy_term_id: attribute.taxonomy_term_id ?? term?.id });
    if (term) {
      const taxonomy = isObject(term.taxonomy_detail) ? term.taxonomy_detail : null;
      tables.add("taxonomy_term", term, taxonomy ? { taxonomy_id: taxonomy.id } : {});
      if (taxonomy) tables.add("taxonomy", taxonomy);
    }
  }
}

/** A CSV cell: text as is, numbers and booleans as text, anything nested left out. */
function cell(value: unknown): string {
  if (value === undefined || value === null || typeof value === "object") return "";
  return String(value);
}

/** Frictionless Table Schema field for one HSDS column. */
function tableSchemaField(field: Field) {
  const type = field.datapackage_type ?? field.type;
  return {
    name: field.name,
    type,
    ...(field.format && type === "string" ? { format: field.format } : {}),
    ...(field.description ? { description: field.description } : {}),
  };
}

/** The published catalogue as a zip (HSDS 3.0 tabular data package); `batchSize` services are loaded at a time. */
export async function exportCatalogueZip(options: { now?: Date; batchSize?: number } = {}): Promise<Uint8Array> {
  const tables = new Tables();
  const batchSize = options.batchSize ?? 200;
  let cursor: string | undefined;
  for (;;) {
    const batch = await prisma.service.findMany({
      where: { status: { in: VISIBLE_STATUSES } },
      include: SERVICE_INCLUDE,
      orderBy: { id: "asc" },
      take: batchSize,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    for (const service of batch) addService(tables, presentService(service));
    if (batch.length < batchSize) break;
    cursor = batch[batch.length - 1].id;
  }

  const layout = tabularTables();
  const files: Record<string, Uint8Array> = {};
  const resources = EXPORT_TABLES.map((name) => {
    const { path, description, fields } = layout[name];
    const columns = fields.map((field) => field.name);
    const rows = [...tables.rows.get(name)!.values()].sort((a, b) => String(a.id).localeCompare(String(b.id)));
    files[path] = strToU8(stringify(rows.map((row) => columns.map((column) => cell(row[column]))), { header: true, columns, record_delimiter: "unix" }));
    return { name, path, profile: "tabular-data-resource", format: "csv", mediatype: "text/csv", encoding: "utf-8", description, schema: { fields: fields.map(tableSchemaField), primaryKey: "id" } };
  });
  const datapackage = {
    profile: "tabular-data-package",
    name: "twb-community-catalogue",
    title: "T.W.B. Community — catalogo dei servizi (HSDS 3.0)",
    description: "The published welfare services of the T.W.B. Community network (Como), as an Open Referral HSDS 3.0 tabular data package.",
    created: (options.now ?? new Date()).toISOString(),
    resources,
  };
  files["datapackage.json"] = strToU8(`${JSON.stringify(datapackage, null, 2)}\n`);
  return zipSync(files, { level: 6 });
}
