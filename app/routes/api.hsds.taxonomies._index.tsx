import { hsdsAction, hsdsListLoader, taxonomiesQuery } from "~/hsds/api.server";
import { hsdsTaxonomiesListing } from "~/models/hsds-catalogue.server";

// GET /api/hsds/taxonomies (HSDS 3.0 openapi.json: getPaginatedListOfTaxonomies).
export const loader = hsdsListLoader(taxonomiesQuery, hsdsTaxonomiesListing);
export const action = hsdsAction;
