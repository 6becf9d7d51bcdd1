import { hsdsAction, hsdsListLoader, serviceAtLocationsQuery } from "~/hsds/api.server";
import { hsdsServiceAtLocationsListing } from "~/models/hsds-catalogue.server";

// GET /api/hsds/service_at_locations (HSDS 3.0 openapi.json: getPaginatedListOfServiceAtLocation).
export const loader = hsdsListLoader(serviceAtLocationsQuery, hsdsServiceAtLocationsListing);
export const action = hsdsAction;
