import { hsdsAction, hsdsListLoader, servicesQuery } from "~/hsds/api.server";
import { hsdsServicesListing } from "~/models/hsds-catalogue.server";

// GET /api/hsds/services (HSDS 3.0 openapi.json: getPaginatedListOfServices).
export const loader = hsdsListLoader(servicesQuery, hsdsServicesListing);
export const action = hsdsAction;
