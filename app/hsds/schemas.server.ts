// The official HSDS 3.0 JSON Schemas (vendored in app/hsds/spec, see its README), compiled with
// Ajv for draft 2020-12. The import validates documents with them; the tests validate every
// /api/hsds/ response with them.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

/** Where openapi.json's `$ref`s point: the compiled schemas of the 3.0 branch. */
export const HSDS_COMPILED_BASE = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/compiled/";
/** openapi.json refers to taxonomy and taxonomy_term schemas one folder up, which are not published compiled. */
export const HSDS_SCHEMA_BASE = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/";

export const HSDS_SCHEMA_FILES = [
  "service",
  "organization",
  "service_at_location",
  "service_list",
  "organization_list",
  "service_at_location_list",
] as const;
export type HsdsSchemaName = (typeof HSDS_SCHEMA_FILES)[number] | "taxonomy" | "taxonomy_term";

/** The folder of the vendored spec, found from the working directory or from this module (tsx, vitest, build/server). */
export function hsdsSpecDirectory(): string {
  const starts = [process.cwd(), path.dirname(fileURLToPath(import.meta.url))];
  for (const start of starts) {
    for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, "app", "hsds", "spec");
      if (fs.existsSync(path.join(candidate, "openapi.json"))) return candidate;
      if (path.dirname(dir) === dir) break;
    }
  }
  throw new Error(`Cannot find app/hsds/spec/openapi.json above ${starts.join(" or ")}: start the app from the project root.`);
}

/** Reads one JSON file of the vendored spec, e.g. "service.json" or "examples/service_full.json". */
export function readHsdsSpecFile(relativePath: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(hsdsSpecDirectory(), relativePath), "utf8"));
}

type Schema = Record<string, unknown> & { properties?: Record<string, Record<string, unknown>> };

function createAjv(): Ajv2020 {
  // strict: false because the compiled HSDS schemas carry keywords that are not JSON Schema:
  // "core", "constraints", "datapackage_metadata", "tabular_required", "example", "name", "path",
  // "datapackage_type" (they feed the tabular/datapackage tooling). Registering each with
  // addKeyword would be a list to keep in step with the spec; non-strict mode ignores unknown
  // keywords, which is what the draft 2020-12 specification itself asks of validators.
  // allErrors: the import shows the whole list of what is wrong, not only the first problem.
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  // ajv-formats is CommonJS: its default export arrives wrapped under ESM interop.
  const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv2020) => Ajv2020;
  addFormats(ajv);
  for (const name of HSDS_SCHEMA_FILES) {
    ajv.addSchema(readHsdsSpecFile(`${name}.json`) as Schema, `${HSDS_COMPILED_BASE}${name}.json`);
  }
  // openapi.json points /taxonomies and /taxonomy_terms at schema/taxonomy.json and
  // schema/taxonomy_term.json, which the compiled set does not include. The same definitions are
  // compiled inside service.json (attributes[].taxonomy_term and its taxonomy_detail): use them.
  const service = readHsdsSpecFile("service.json") as Schema;
  const attribute = (service.properties!.attributes as { items: Schema }).items;
  const term = attribute.properties!.taxonomy_term as Schema;
  const taxonomy = term.properties!.taxonomy_detail as Schema;
  ajv.addSchema(term, `${HSDS_SCHEMA_BASE}taxonomy_term.json`);
  ajv.addSchema(taxonomy, `${HSDS_SCHEMA_BASE}taxonomy.json`);
  return ajv;
}

const AJV_KEY = Symbol.for("twb.hsds.ajv");
const g = globalThis as typeof globalThis & { [AJV_KEY]?: Ajv2020 };

/** The process's Ajv instance with every HSDS schema registered under its published URL. */
export function hsdsAjv(): Ajv2020 {
  g[AJV_KEY] ??= createAjv();
  return g[AJV_KEY];
}

/** The published URL of a schema, as openapi.json names it. */
export function hsdsSchemaUrl(name: HsdsSchemaName): string {
  return name === "taxonomy" || name === "taxonomy_term" ? `${HSDS_SCHEMA_BASE}${name}.json` : `${HSDS_COMPILED_BASE}${name}.json`;
}

/** The compiled validator of one HSDS schema (compiled once, on first use). */
export function hsdsValidator(name: HsdsSchemaName): ValidateFunction {
  const ajv = hsdsAjv();
  const validate = ajv.getSchema(hsdsSchemaUrl(name));
  if (!validate) throw new Error(`HSDS schema ${name} is not registered`);
  return validate;
}

export type HsdsProblem = { path: string; message: string };

/** Ajv's errors as "where" (a JSON pointer, "/" for the document) and "what". */
export function describeSchemaErrors(errors: ErrorObject[] | null | undefined): HsdsProblem[] {
  return (errors ?? []).map((error) => {
    let where = error.instancePath || "";
    if (error.keyword === "required") where += `/${(error.params as { missingProperty: string }).missingProperty}`;
    let message = error.message ?? "is not valid";
    if (error.keyword === "enum") message += `: ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(", ")}`;
    return { path: where || "/", message };
  });
}
