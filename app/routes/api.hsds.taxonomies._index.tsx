import { hsdsAction, hsdsListLoader, taxonomiesQuery } from "~/hsds/api.server";
import { listHsdsTaxonomies } from "~/models/hsds-catalogue.server";

// GET /api/hsds/taxonomies (HSDS 3.0 openapi.json: getPaginatedListOfTaxonomies).
export const loader = hsdsListLoader(taxonomiesQuery, listHsdsTaxonomies);
export const action = hsdsAction;
