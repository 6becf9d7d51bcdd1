import { hsdsAction, hsdsListLoader, taxonomyTermsQuery } from "~/hsds/api.server";
import { hsdsTaxonomyTermsListing } from "~/models/hsds-catalogue.server";

// GET /api/hsds/taxonomy_terms (HSDS 3.0 openapi.json: the paginated taxonomy_terms list).
export const loader = hsdsListLoader(taxonomyTermsQuery, hsdsTaxonomyTermsListing);
export const action = hsdsAction;
