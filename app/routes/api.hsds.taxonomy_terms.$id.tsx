import { hsdsAction, hsdsItemLoader, noQuery } from "~/hsds/api.server";
import { getHsdsTaxonomyTerm } from "~/models/hsds-catalogue.server";

// GET /api/hsds/taxonomy_terms/{id} (HSDS 3.0 openapi.json: one taxonomy term).
export const loader = hsdsItemLoader("taxonomy_term", noQuery, (id) => getHsdsTaxonomyTerm(id));
export const action = hsdsAction;
