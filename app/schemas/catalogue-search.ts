import { z } from "zod";
import { SPOKEN_LANGUAGES } from "./common";

// The public search's query string (issue #5). Everything is optional: no filters lists the
// whole published catalogue. Values that do not parse are errors shown next to the form.

const emptyToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess(emptyToUndefined, schema.optional());

export const COST_FILTERS = ["free", "reduced"] as const;
export const SEARCH_SORTS = ["relevance", "distance", "name"] as const;

export const catalogueSearchSchema = z.object({
  q: optional(z.string().trim().max(200, "catalogue.errors.queryTooLong")),
  categoria: optional(z.string().regex(/^[a-z0-9.-]{2,80}$/, "forms.invalidChoice")),
  comune: optional(z.string().regex(/^[a-z0-9-]{2,80}$/, "forms.invalidChoice")),
  eta: optional(z.coerce.number({ invalid_type_error: "catalogue.errors.age" }).int("catalogue.errors.age").min(0, "catalogue.errors.age").max(120, "catalogue.errors.age")),
  costo: optional(z.enum(COST_FILTERS, { errorMap: () => ({ message: "forms.invalidChoice" }) })),
  aperto: optional(z.literal("1")),
  ente: optional(z.string().regex(/^[a-z0-9-]{2,80}$/, "forms.invalidChoice")),
  lingua: optional(z.enum(SPOKEN_LANGUAGES, { errorMap: () => ({ message: "forms.invalidChoice" }) })),
  /** Distance from: a comune's slug, an address, or "lat,lon" from the browser. */
  vicino: optional(z.string().trim().max(200, "catalogue.errors.queryTooLong")),
  /** Only services with a place within this many km of "vicino". */
  raggio: optional(z.coerce.number({ invalid_type_error: "catalogue.errors.radius" }).int("catalogue.errors.radius").min(1, "catalogue.errors.radius").max(100, "catalogue.errors.radius")),
  ordina: optional(z.enum(SEARCH_SORTS, { errorMap: () => ({ message: "forms.invalidChoice" }) })),
  /** Opaque keyset cursor of the next page. */
  dopo: optional(z.string().max(300)),
});

export type CatalogueSearch = z.infer<typeof catalogueSearchSchema>;
