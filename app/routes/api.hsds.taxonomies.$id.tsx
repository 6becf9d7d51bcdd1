import { hsdsAction, hsdsItemLoader, noQuery } from "~/hsds/api.server";
import { getHsdsTaxonomy } from "~/models/hsds-catalogue.server";

// GET /api/hsds/taxonomies/{id} (HSDS 3.0 openapi.json: getTaxonomyById).
export const loader = hsdsItemLoader("taxonomy", noQuery, (id) => getHsdsTaxonomy(id));
export const action = hsdsAction;
